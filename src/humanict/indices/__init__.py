"""The composite-index engine and its declarative specs (IDI 2024, ...)."""

from humanict.indices.engine import IndexScores, classify_levels, compute_scores
from humanict.indices.service import (
    EDITION,
    RECOMPUTED,
    IndexInputs,
    compute_index,
    compute_trend,
    load_inputs,
    recomputable_years,
)
from humanict.indices.spec import IndexSpec, available_specs, load_spec

__all__ = [
    "EDITION",
    "RECOMPUTED",
    "IndexInputs",
    "IndexScores",
    "IndexSpec",
    "available_specs",
    "classify_levels",
    "compute_index",
    "compute_scores",
    "compute_trend",
    "load_inputs",
    "load_spec",
    "recomputable_years",
]
