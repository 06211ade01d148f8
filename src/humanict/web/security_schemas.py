"""Response models of the security (GCI, readiness) and WSIS pages and their JSON twins."""

from __future__ import annotations

from pydantic import BaseModel, Field

from humanict.web.schemas import LevelPublic, MapEconomy


class ReadinessRulePublic(BaseModel):
    """The rule that sets each balance (docs/methodology/readiness.md)."""

    gap: float = Field(description="Percentile points one index's rank must lead the other's.")
    gci_top_tiers: list[str] = Field(description="GCI tiers never said to lag (Tier 1, 2).")
    idi_top_levels: list[str] = Field(description="IDI levels never said to lag (Advanced).")
    compared: int = Field(description="Member States scored by both indices (percentile base).")
    text: str


class ReadinessRowPublic(BaseModel):
    """One Member State: IDI 2024 level and GCI 2024 tier side by side."""

    iso3: str
    economy: str
    council_region: str | None
    stat_region: str | None
    income_group: str | None
    idi: float | None = Field(description="IDI 2024 (0-100); null where ITU gives no score.")
    idi_level: str | None
    idi_level_name: str | None
    gci: float | None = Field(description="GCI 2024 (0-100).")
    gci_tier: str | None
    gci_tier_name: str | None
    idi_percentile: float | None = Field(description="Percentile rank among compared (0-100).")
    gci_percentile: float | None
    gap: float | None = Field(description="idi_percentile - gci_percentile.")
    balance: str = Field(description="connectivity_ahead, in_step, security_ahead or not_scored.")


class ReadinessPublic(BaseModel):
    rule: ReadinessRulePublic
    counts: dict[str, int] = Field(description="Member States per balance (before filters).")
    idi_levels: list[LevelPublic]
    gci_tiers: list[LevelPublic]
    crosstab: list[dict[str, object]] = Field(
        description="Member States scored by both: one row per IDI level, a count per GCI tier."
    )
    filters: dict[str, object]
    data: list[ReadinessRowPublic]
    count: int


class GciRowPublic(BaseModel):
    iso3: str
    economy: str | None
    member: bool | None
    gci: float
    tier: int | None
    level: str | None
    legal: float
    technical: float
    organizational: float
    capacity_development: float
    cooperation: float
    gci2020: float | None = Field(description="GCI 2020 (profile value; ranks were published).")
    change: float | None = Field(description="GCI 2024 - GCI 2020, points.")
    flag2020: str = Field(description="'', 'reconstructed' or 'ranking_table_differs'.")
    note2020: str


class GciPublic(BaseModel):
    """The GCI 2024 table and map: tiers with counts, one row per scored economy."""

    index: str
    name: str
    source: str
    tiers: list[LevelPublic]
    data: list[GciRowPublic]
    count: int
    map: list[MapEconomy]


class WsisLineSummaryPublic(BaseModel):
    line: str = Field(examples=["C7.e-health"])
    action_line: str
    sub_line: str | None
    name: str
    goals: list[int]
    targets: list[str]
    links: int
    disputed: int


class WsisLinesPublic(BaseModel):
    source: str
    data: list[WsisLineSummaryPublic]
    count: int


class WsisBreakdownPublic(BaseModel):
    """A breakdown code held under a series (e.g. by sex, age or type of skill)."""

    code: str
    href: str = Field(description="The code's path in the indicators API, percent-encoded.")
    indicator_name: str | None = None
    unit: str | None = None
    economies: int
    first_year: int
    last_year: int


class WsisSeriesPublic(BaseModel):
    """A series measuring an SDG indicator, and its coverage in the warehouse."""

    code: str
    database: str
    match: str
    note: str
    in_warehouse: bool
    indicator_name: str | None = None
    unit: str | None = None
    economies: int | None = None
    first_year: int | None = None
    last_year: int | None = None
    href: str | None = Field(
        default=None, description="The series' path in the indicators API, where the code is held."
    )
    breakdowns: list[WsisBreakdownPublic] = Field(
        default_factory=list,
        description="Breakdown codes held under a series the warehouse holds only by breakdown.",
    )


class WsisIndicatorPublic(BaseModel):
    sdg_indicator: str
    sdg_target: str
    name: str
    custodian: str
    metadata_url: str
    via: str = Field(description="'target' (the link names the target) or 'goal'.")
    series: list[WsisSeriesPublic]


class WsisLinkPublic(BaseModel):
    line: str
    goal: int
    goal_name: str
    target: str | None
    link_level: str
    status: str = Field(
        description="confirmed, goal_from_target, not_in_reverse_index, reverse_index_only "
        "or probable_error."
    )
    disputed: bool
    flag: str = Field(description="The source's flag, verbatim.")
    rationale: str
    indicators: list[WsisIndicatorPublic]


class WsisLinePublic(BaseModel):
    """An action line (or all of C7's sub-lines) with its links, indicators and series."""

    query: str
    lines: list[WsisLineSummaryPublic]
    data: list[WsisLinkPublic]
    count: int
    in_warehouse: list[str] = Field(description="Warehouse codes measuring the linked targets.")
