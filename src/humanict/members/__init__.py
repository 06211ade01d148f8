"""The ITU Member States and the other economies of ICT data."""

from humanict.members.model import CouncilRegion, Economy, IncomeGroup, StatRegion
from humanict.members.registry import (
    filter_economies,
    get_economy,
    load_economies,
    member_states,
)

__all__ = [
    "CouncilRegion",
    "Economy",
    "IncomeGroup",
    "StatRegion",
    "filter_economies",
    "get_economy",
    "load_economies",
    "member_states",
]
