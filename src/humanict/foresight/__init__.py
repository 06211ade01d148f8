"""Foresight: a unified standards catalogue, technology signals, emerging topics and gaps."""

from humanict.foresight.burst import Burst, burst_states
from humanict.foresight.emergence import Emergence, emergence, escore_parts
from humanict.foresight.gaps import GapReport, Topic, gap_report
from humanict.foresight.search import index_catalogue, search
from humanict.foresight.signals import catalogue_signals, read_papers, read_patents
from humanict.foresight.sources import read_raw_catalogues
from humanict.foresight.store import build, import_papers, load, write_snapshot
from humanict.foresight.topics import TopicModel, fit_topics

__all__ = [
    "Burst",
    "Emergence",
    "GapReport",
    "Topic",
    "TopicModel",
    "build",
    "burst_states",
    "catalogue_signals",
    "emergence",
    "escore_parts",
    "fit_topics",
    "gap_report",
    "import_papers",
    "index_catalogue",
    "load",
    "read_papers",
    "read_patents",
    "read_raw_catalogues",
    "search",
    "write_snapshot",
]
