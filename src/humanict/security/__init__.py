"""Security posture beside connectivity: the GCI table and readiness (IDI level vs GCI tier)."""

from humanict.security.gci import PILLARS, flag_of_note, gci_table, tier_number
from humanict.security.readiness import (
    BALANCES,
    CONNECTIVITY_AHEAD,
    DEFAULT_GAP,
    IN_STEP,
    NOT_SCORED,
    SECURITY_AHEAD,
    ReadinessRule,
    balance_counts,
    classify_balance,
    level_tier_crosstab,
    percentile_rank,
    readiness_table,
)
from humanict.security.service import (
    GCI_INDEX,
    GCI_PREVIOUS,
    IDI_INDEX,
    gci2020_notes,
    load_gci_table,
    load_readiness,
    member_states,
    select_readiness,
)

__all__ = [
    "BALANCES",
    "CONNECTIVITY_AHEAD",
    "DEFAULT_GAP",
    "GCI_INDEX",
    "GCI_PREVIOUS",
    "IDI_INDEX",
    "IN_STEP",
    "NOT_SCORED",
    "PILLARS",
    "SECURITY_AHEAD",
    "ReadinessRule",
    "balance_counts",
    "classify_balance",
    "flag_of_note",
    "gci2020_notes",
    "gci_table",
    "level_tier_crosstab",
    "load_gci_table",
    "load_readiness",
    "member_states",
    "percentile_rank",
    "readiness_table",
    "select_readiness",
    "tier_number",
]
