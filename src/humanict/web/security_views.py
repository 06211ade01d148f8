"""Build the security and WSIS models that pages and the API share (no domain logic here)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.errors import NotFoundError
from humanict.members import load_economies
from humanict.output import records
from humanict.security import (
    GCI_INDEX,
    GCI_PREVIOUS,
    IDI_INDEX,
    NOT_SCORED,
    ReadinessRule,
    balance_counts,
    gci2020_notes,
    gci_table,
    level_tier_crosstab,
    member_states,
    readiness_table,
    select_readiness,
)
from humanict.web.cache import IndexCache
from humanict.web.schemas import LevelPublic, MapEconomy
from humanict.web.security_schemas import (
    GciPublic,
    GciRowPublic,
    ReadinessPublic,
    ReadinessRowPublic,
    ReadinessRulePublic,
    WsisBreakdownPublic,
    WsisIndicatorPublic,
    WsisLinePublic,
    WsisLinesPublic,
    WsisLineSummaryPublic,
    WsisLinkPublic,
    WsisSeriesPublic,
)
from humanict.web.views import find_economy, index_info, iso_numeric
from humanict.wsis import (
    action_lines,
    breakdown_coverage,
    code_coverage,
    codes_of_indicators,
    indicator_path,
    indicators_of_links,
    links_of,
    links_to_sdg,
    load_goals,
    load_indicator_codes,
    load_matrix,
    load_sdg_indicators,
)

WSIS_SOURCE = (
    "WSIS-SDG Matrix (ITU, UN Action Line Facilitators), as transcribed in "
    "data/ict/wsis_sdg_matrix.csv; SDG ICT indicators and series in data/wsis/"
)


def _levels(cache: IndexCache, index_id: str, counts: dict[str, int] | None) -> list[LevelPublic]:
    return index_info(cache.spec(index_id), counts).levels


def _rule_text(rule: ReadinessRule) -> str:
    return (
        f"Connectivity runs ahead of security commitment where a Member State's IDI 2024 "
        f"percentile rank exceeds its GCI 2024 percentile rank by at least {rule.gap:g} points "
        f"and its GCI tier is below Tier 2 (GCI < 85). Security runs ahead where the GCI rank "
        f"leads by as much and the IDI level is below Advanced (IDI < 75). Percentile ranks are "
        f"taken among the Member States both indices score."
    )


def _readiness_frame(cache: IndexCache, settings: Settings, rule: ReadinessRule) -> pd.DataFrame:
    table = readiness_table(
        cache.scores(IDI_INDEX), cache.scores(GCI_INDEX), member_states(settings.data_dir), rule
    )
    idi_names = {lv.id: lv.name for lv in cache.spec(IDI_INDEX).levels}
    gci_names = {lv.id: lv.name for lv in cache.spec(GCI_INDEX).levels}
    table["idi_level_name"] = table["idi_level"].map(idi_names)
    table["gci_tier_name"] = table["gci_tier"].map(gci_names)
    return table


def _readiness_rows(frame: pd.DataFrame) -> list[ReadinessRowPublic]:
    return [ReadinessRowPublic(**row) for row in records(frame)]


def readiness(
    cache: IndexCache,
    settings: Settings,
    *,
    region: str | None = None,
    stat_region: str | None = None,
    ahead_only: bool = False,
    gap: float | None = None,
) -> ReadinessPublic:
    rule = ReadinessRule() if gap is None else ReadinessRule(gap=gap)
    table = _readiness_frame(cache, settings, rule)
    idi_levels = [lv.id for lv in cache.spec(IDI_INDEX).levels]
    gci_tiers = [lv.id for lv in cache.spec(GCI_INDEX).levels]
    cross = level_tier_crosstab(table, idi_levels, gci_tiers)
    scored = table[table["balance"] != NOT_SCORED]
    chosen = select_readiness(table, region=region, stat_region=stat_region, ahead_only=ahead_only)
    rows = _readiness_rows(chosen)
    return ReadinessPublic(
        rule=ReadinessRulePublic(
            gap=rule.gap,
            gci_top_tiers=list(rule.gci_top_tiers),
            idi_top_levels=list(rule.idi_top_levels),
            compared=len(scored),
            text=_rule_text(rule),
        ),
        counts=balance_counts(table),
        idi_levels=_levels(cache, IDI_INDEX, scored["idi_level"].value_counts().to_dict()),
        gci_tiers=_levels(cache, GCI_INDEX, scored["gci_tier"].value_counts().to_dict()),
        crosstab=[
            {"idi_level": level, **{t: int(cross.at[level, t]) for t in gci_tiers}}
            for level in idi_levels
        ],
        filters={
            "region": region,
            "stat_region": stat_region,
            "ahead_only": ahead_only,
            "gap": rule.gap,
        },
        data=rows,
        count=len(rows),
    )


def member_readiness(cache: IndexCache, settings: Settings, iso3: str) -> ReadinessRowPublic | None:
    """The readiness row of one economy; None for an economy that is not a Member State."""
    economy = find_economy(settings, iso3)
    if not economy.member:
        return None
    table = _readiness_frame(cache, settings, ReadinessRule())
    match = table[table["iso3"] == economy.iso3]
    return _readiness_rows(match)[0]


def member_readiness_or_404(cache: IndexCache, settings: Settings, iso3: str) -> ReadinessRowPublic:
    row = member_readiness(cache, settings, iso3)
    if row is None:
        raise NotFoundError(
            f"{iso3.strip().upper()} is not an ITU Member State; readiness compares the "
            "193 Member States (GET /api/v1/security/readiness lists them)"
        )
    return row


def gci(
    cache: IndexCache, settings: Settings, warehouse: Warehouse, tier: int | None = None
) -> GciPublic:
    spec = cache.spec(GCI_INDEX)
    table = gci_table(cache.scores(GCI_INDEX), cache.scores(GCI_PREVIOUS), gci2020_notes(warehouse))
    counts = {str(k): int(v) for k, v in table["level"].value_counts().items()}
    by_iso = {r["iso3"]: r for r in records(table)}
    map_data = [
        MapEconomy(
            iso3=e.iso3,
            numeric=iso_numeric(e.iso3),
            name=e.name,
            value=by_iso[e.iso3]["gci"] if e.iso3 in by_iso else None,
            level=by_iso[e.iso3]["level"] if e.iso3 in by_iso else None,
        )
        for e in load_economies(settings.data_dir)
    ]
    if tier is not None:
        table = table[table["tier"] == tier]
    rows = [GciRowPublic(**row) for row in records(table)]
    return GciPublic(
        index=spec.id,
        name=spec.name,
        source=spec.source,
        tiers=_levels(cache, GCI_INDEX, counts),
        data=rows,
        count=len(rows),
        map=map_data,
    )


def _summaries(links: pd.DataFrame) -> list[WsisLineSummaryPublic]:
    return [
        WsisLineSummaryPublic(
            line=r["line"],
            action_line=r["action_line"],
            sub_line=r["sub_line"],
            name=r["name"],
            goals=[int(g) for g in r["goals"].split(";") if g],
            targets=[t for t in r["targets"].split(";") if t],
            links=r["links"],
            disputed=r["disputed"],
        )
        for r in records(action_lines(links))
    ]


def wsis_lines(settings: Settings, sdg: str | None = None) -> WsisLinesPublic:
    links = load_matrix(settings.data_dir)
    if sdg is not None:
        links = links_to_sdg(links, sdg)
    data = _summaries(links) if len(links) else []
    return WsisLinesPublic(source=WSIS_SOURCE, data=data, count=len(data))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def wsis_line(
    settings: Settings, warehouse: Warehouse, query: str, *, confirmed_only: bool = False
) -> WsisLinePublic:
    links = links_of(load_matrix(settings.data_dir), query, confirmed_only=confirmed_only)
    goals = load_goals(settings.data_dir)
    indicators = load_sdg_indicators(settings.data_dir)
    reached = codes_of_indicators(
        indicators_of_links(links, indicators),
        load_indicator_codes(settings.data_dir, indicators),
    )
    coverage = code_coverage(warehouse, reached["code"].dropna())
    series = {r["code"]: r for r in records(coverage)}
    # Series held only as breakdowns (no bare code): list the breakdown codes instead.
    bare = set(
        warehouse.query(
            "SELECT code FROM indicators WHERE code IN (SELECT unnest(?))", [list(series)]
        )["code"]
    )
    parts: dict[str, list[WsisBreakdownPublic]] = {}
    for r in records(breakdown_coverage(warehouse, [c for c in series if c not in bare])):
        parts.setdefault(r.pop("series"), []).append(
            WsisBreakdownPublic(href=indicator_path(r["code"]), **r)
        )
    data = []
    for link in records(links):
        mine = reached[
            (reached["line"] == link["line"])
            & (reached["goal"] == link["goal"])
            & (reached["link_level"] == link["link_level"])
            & (
                (reached["target"] == link["target"])
                if link["target"] is not None
                else reached["target"].isna()
            )
        ]
        found = []
        for code_id, group in mine.groupby("sdg_indicator", sort=False):
            first = group.iloc[0]
            found.append(
                WsisIndicatorPublic(
                    sdg_indicator=str(code_id),
                    sdg_target=str(first["sdg_target"]),
                    name=str(first["name"]),
                    custodian=str(first["custodian"]),
                    metadata_url=str(
                        indicators.set_index("sdg_indicator").at[code_id, "metadata_url"]
                    ),
                    via=str(first["via"]),
                    series=[
                        WsisSeriesPublic(
                            code=r["code"],
                            database=r["database"],
                            match=r["match"],
                            note=_text(r["note"]),
                            href=indicator_path(r["code"]) if r["code"] in bare else None,
                            breakdowns=parts.get(r["code"], []),
                            **{k: v for k, v in series[r["code"]].items() if k != "code"},
                        )
                        for r in records(group)
                    ],
                )
            )
        data.append(
            WsisLinkPublic(
                line=link["line"],
                goal=link["goal"],
                goal_name=goals[link["goal"]],
                target=link["target"],
                link_level=link["link_level"],
                status=link["status"],
                disputed=link["disputed"],
                flag=_text(link["flag"]),
                rationale=_text(link["rationale"]),
                indicators=found,
            )
        )
    held = [c for c, r in series.items() if r["in_warehouse"]]
    return WsisLinePublic(
        query=query,
        lines=_summaries(links) if len(links) else [],
        data=data,
        count=len(data),
        in_warehouse=sorted(held),
    )
