"""The digital-development observatory: targets, trajectories, gaps, priorities and costs."""

from humanict.observatory.analysis import (
    affordability,
    area_gaps,
    gap_table,
    gender_gaps,
    group_internet_series,
    group_progress,
    offline,
    priorities,
    targets_progress,
    trajectory,
)
from humanict.observatory.batch_fit import fit_curves, fit_many
from humanict.observatory.targets import Target, load_sdg_indicators, load_targets
from humanict.observatory.trajectories import Fit, fit_series, project, year_reaching

__all__ = [
    "Fit",
    "Target",
    "affordability",
    "area_gaps",
    "fit_curves",
    "fit_many",
    "fit_series",
    "gap_table",
    "gender_gaps",
    "group_internet_series",
    "group_progress",
    "load_sdg_indicators",
    "load_targets",
    "offline",
    "priorities",
    "project",
    "targets_progress",
    "trajectory",
    "year_reaching",
]
