"""Build the models that pages and the API share, from the service functions.

No index or data logic lives here: scores come from ``humanict.indices``, economies from
``humanict.members`` and provenance from the warehouse tables.
"""

from __future__ import annotations

import fnmatch
import math
from typing import Any

import pandas as pd
import pycountry

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.errors import NotFoundError
from humanict.i18n.countries import country_name
from humanict.indices import EDITION, IndexSpec, available_specs
from humanict.indices.levels import level_counts
from humanict.members import Economy, filter_economies, get_economy, load_economies
from humanict.observatory import comparison
from humanict.output import records
from humanict.web.cache import IndexCache
from humanict.web.schemas import (
    ComparisonPointPublic,
    ComparisonPublic,
    ComponentPublic,
    EconomiesPublic,
    EconomyPublic,
    HomePublic,
    ImputedComponentPublic,
    IndexInfoPublic,
    IndexRowPublic,
    IndexRowsPublic,
    IndicatorDetailPublic,
    IndicatorPublic,
    IndicatorsPublic,
    IndicesPublic,
    InputValuePublic,
    LevelCountsPublic,
    LevelPublic,
    MapEconomy,
    MemberPublic,
    ObservationPublic,
    PillarPublic,
    ScoreIntervalPublic,
    SourcePublic,
    SourcesPublic,
    TrendPointPublic,
    TrendPublic,
)

DEFAULT_INDEX = "idi2024"


def _number(value: Any) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def iso_numeric(iso3: str) -> str | None:
    """ISO 3166-1 numeric code (as world-atlas spells it, e.g. '404'), None if not assigned."""
    country = pycountry.countries.get(alpha_3=iso3)
    return None if country is None else str(country.numeric)


def economy_public(economy: Economy) -> EconomyPublic:
    return EconomyPublic(
        numeric=iso_numeric(economy.iso3),
        name_local=country_name(economy.iso3, economy.name),
        **economy.as_dict(),  # type: ignore[arg-type]
    )


def find_economy(settings: Settings, iso3: str) -> Economy:
    """One economy, or a NotFoundError that says where to find the codes."""
    try:
        return get_economy(settings.data_dir, iso3)
    except NotFoundError as err:
        raise NotFoundError(
            f"unknown economy {iso3!r}; use an ISO 3166-1 alpha-3 code such as 'KEN' "
            "(GET /api/v1/members?all=true lists every economy)"
        ) from err


def list_economies(
    settings: Settings,
    region: str | None = None,
    stat_region: str | None = None,
    all_economies: bool = False,
) -> EconomiesPublic:
    selected = filter_economies(
        load_economies(settings.data_dir),
        council_region=region,
        stat_region=stat_region,
        members_only=not all_economies,
    )
    data = [economy_public(e) for e in selected]
    return EconomiesPublic(data=data, count=len(data))


def index_info(spec: IndexSpec, counts: dict[str, int] | None = None) -> IndexInfoPublic:
    return IndexInfoPublic(
        id=spec.id,
        name=spec.name,
        publisher=spec.publisher,
        source=spec.source,
        column=spec.column,
        edition_dataset=spec.edition_dataset,
        edition_year=spec.edition_year,
        pillars=[PillarPublic(id=p.id, name=p.name, weight=p.weight) for p in spec.pillars],
        components=[
            ComponentPublic(
                id=c.id,
                name=c.name,
                pillar=c.pillar,
                inputs=[i.code for i in c.inputs],
                threshold=c.threshold,
                goalpost=c.goalpost,
            )
            for c in spec.components
        ],
        levels=[
            LevelPublic(
                id=lv.id,
                name=lv.name,
                min=lv.min,
                count=None if counts is None else counts.get(lv.id, 0),
            )
            for lv in spec.levels
        ],
    )


def list_indices(cache: IndexCache) -> IndicesPublic:
    data = [index_info(cache.spec(name)) for name in available_specs()]
    return IndicesPublic(data=data, count=len(data))


def _rows(frame: pd.DataFrame) -> list[IndexRowPublic]:
    return [IndexRowPublic(**row) for row in records(frame)]


def index_rows(cache: IndexCache, index_id: str, year: int | None = None) -> IndexRowsPublic:
    rows = _rows(cache.scores(index_id, year))
    return IndexRowsPublic(index=index_id, year=year, data=rows, count=len(rows))


def index_levels(
    cache: IndexCache,
    warehouse: Warehouse,
    index_id: str,
    by: str = "stat_region",
    year: int | None = None,
) -> LevelCountsPublic:
    spec = cache.spec(index_id)
    table = level_counts(spec, cache.scores(index_id, year), warehouse, by)
    totals = table[table["group"] == "all"].iloc[0]
    info = index_info(spec, {lv.id: int(totals[lv.id]) for lv in spec.levels})
    return LevelCountsPublic(index=index_id, by=by, levels=info.levels, data=records(table))


def index_trend(
    cache: IndexCache, settings: Settings, index_id: str, member: str | None = None
) -> TrendPublic:
    frame = cache.trend(index_id)
    code = None
    if member is not None:
        code = find_economy(settings, member).iso3
        frame = frame[frame["iso3"] == code]
    frame = frame.sort_values(["iso3", "year", "kind"])
    rows = _rows(frame)
    return TrendPublic(index=index_id, member=code, data=rows, count=len(rows))


def list_sources(warehouse: Warehouse) -> SourcesPublic:
    frame = warehouse.query("SELECT * FROM datasets ORDER BY id")
    data = [SourcePublic(**row) for row in records(frame)]
    return SourcesPublic(data=data, count=len(data))


_INDICATOR_SQL = """
SELECT i.code, i.name, i.unit, i.description,
       count(DISTINCT o.economy) AS economies, count(o.value) AS observations,
       min(o.year) AS first_year, max(o.year) AS last_year
FROM indicators i LEFT JOIN observations o ON o.indicator = i.code
{where}
GROUP BY i.code, i.name, i.unit, i.description ORDER BY i.code
"""


def list_indicators(warehouse: Warehouse) -> IndicatorsPublic:
    frame = warehouse.query(_INDICATOR_SQL.format(where=""))
    data = [IndicatorPublic(**row) for row in records(frame)]
    return IndicatorsPublic(data=data, count=len(data))


def indicator_detail(
    warehouse: Warehouse, settings: Settings, code: str, economy: str | None = None
) -> IndicatorDetailPublic:
    frame = warehouse.query(_INDICATOR_SQL.format(where="WHERE i.code = ?"), [code])
    if frame.empty:
        known = warehouse.query("SELECT code FROM indicators")["code"].tolist()
        raise NotFoundError(comparison.unknown_indicator_message(code, known))
    sql = "SELECT * FROM observations WHERE indicator = ?"
    params: list[object] = [code]
    iso3 = None
    if economy is not None:
        iso3 = find_economy(settings, economy).iso3
        sql += " AND economy = ?"
        params.append(iso3)
    observations = warehouse.query(sql + " ORDER BY economy, year, dataset", params)
    data = [ObservationPublic(**row) for row in records(observations)]
    return IndicatorDetailPublic(
        indicator=IndicatorPublic(**records(frame)[0]), economy=iso3, data=data, count=len(data)
    )


def _level_names(spec: IndexSpec) -> dict[str, str]:
    return {lv.id: lv.name for lv in spec.levels}


def parse_imputation(text: str) -> dict[str, tuple[str, str]]:
    """``component=method[inputs] | ...`` (the ``imputation`` column) -> {component: (method,
    inputs)}."""
    out = {}
    for part in filter(None, text.split(" | ")):
        component, _, rest = part.partition("=")
        method, _, inputs = rest.partition("[")
        out[component] = (method, inputs.removesuffix("]"))
    return out


def _member_imputation(
    spec: IndexSpec, result: dict[str, Any] | None
) -> tuple[list[ImputedComponentPublic], ScoreIntervalPublic | None, bool | None]:
    """The imputed components of an economy's row, its score interval, and whether the score
    can be recomputed from published inputs alone."""
    if result is None:
        return [], None, None
    names = {c.id: c.name for c in spec.components}
    imputed = [
        ImputedComponentPublic(
            component=component,
            component_name=names.get(component, component),
            method=method,
            inputs=inputs,
            score=_number(result.get(f"score_{component}")),
        )
        for component, (method, inputs) in parse_imputation(
            str(result.get("imputation") or "")
        ).items()
    ]
    low = _number(result.get(f"{spec.column}_low"))
    high = _number(result.get(f"{spec.column}_high"))
    interval = None
    if imputed and low is not None and high is not None and result.get("rank_low") is not None:
        interval = ScoreIntervalPublic(
            low=low,
            high=high,
            rank_low=int(result["rank_low"]),
            rank_high=int(result["rank_high"]),
            draws=spec.imputation_draws,
        )
    return imputed, interval, not imputed


def _member_inputs(
    cache: IndexCache, warehouse: Warehouse, spec: IndexSpec, iso3: str, row: dict[str, Any]
) -> list[InputValuePublic]:
    inputs = cache.inputs(spec.id)
    values, flags, datasets = inputs.values, inputs.flags, inputs.datasets
    if iso3 not in values.index:
        return []
    meta = warehouse.query("SELECT code, name, unit FROM indicators").set_index("code")
    imputation = parse_imputation(str(row.get("imputation") or ""))
    out = []
    for component in spec.components:
        for item in component.inputs:
            value = _number(values.at[iso3, item.code])
            flag = flags.at[iso3, item.code]
            dataset = None if value is None else str(datasets.at[iso3, item.code])
            how = imputation.get(component.id)
            if value is None:
                flag = "imputed"
            known = item.code in meta.index
            out.append(
                InputValuePublic(
                    code=item.code,
                    name=str(meta.at[item.code, "name"]) if known else item.code,
                    component=component.id,
                    component_name=component.name,
                    pillar=component.pillar,
                    value=value,
                    unit=str(meta.at[item.code, "unit"] or "") if known else None,
                    flag=str(flag),
                    score=_number(row.get(f"score_{component.id}")),
                    dataset=dataset,
                    imputation=how[0] if how and value is None else None,
                    imputation_inputs=how[1] if how and value is None else None,
                )
            )
    return out


def member_detail(
    settings: Settings,
    warehouse: Warehouse,
    cache: IndexCache,
    iso3: str,
    index_id: str = DEFAULT_INDEX,
) -> MemberPublic:
    """An economy, its result in the index (edition), its inputs, trend and sources."""
    economy = find_economy(settings, iso3)
    spec = cache.spec(index_id)
    scores = cache.scores(index_id)
    match = scores.index[scores["iso3"] == economy.iso3]
    result: dict[str, Any] | None = None
    rank = None
    if len(match):
        result = records(scores.loc[match])[0]
        rank = int(result["rank"])
    inputs = _member_inputs(cache, warehouse, spec, economy.iso3, result or {})
    imputed, interval, reproducible = _member_imputation(spec, result)
    trend = cache.trend(index_id)
    trend = trend[trend["iso3"] == economy.iso3].sort_values(["year", "kind"])
    points = [
        TrendPointPublic(
            year=int(r["year"]), kind=str(r["kind"]), value=float(r[spec.column]), level=r["level"]
        )
        for r in records(trend)
        if r[spec.column] is not None
    ]
    datasets = list_sources(warehouse).data
    used = {i.dataset for i in inputs if i.dataset}
    if result is not None:
        used.add(spec.edition_dataset)
    if any(p.kind != EDITION for p in points):
        # Recomputed years read the datasets the spec lists (patterns such as 'import:*').
        used.update(
            d.id
            for d in datasets
            if any(fnmatch.fnmatchcase(d.id, pat) for pat in spec.recompute_datasets)
        )
    sources = [d for d in datasets if d.id in used]
    names = _level_names(spec)
    return MemberPublic(
        economy=economy_public(economy),
        index=index_info(spec),
        result=None if result is None else IndexRowPublic(**result),
        value=None if result is None else _number(result[spec.column]),
        level_name=None if result is None else names.get(str(result["level"])),
        rank=rank,
        scored=len(scores),
        pillars=[
            PillarPublic(
                id=p.id,
                name=p.name,
                weight=p.weight,
                score=None if result is None else _number(result[p.id]),
            )
            for p in spec.pillars
        ],
        inputs=inputs,
        imputed=imputed,
        interval=interval,
        reproducible=reproducible,
        trend=points,
        sources=sources,
    )


def home(
    settings: Settings, warehouse: Warehouse, cache: IndexCache, index_id: str = DEFAULT_INDEX
) -> HomePublic:
    """The edition's results for the table and the map, with level counts."""
    spec = cache.spec(index_id)
    scores = cache.scores(index_id)
    counts = scores["level"].value_counts().to_dict()
    info = index_info(spec, {str(k): int(v) for k, v in counts.items()})
    rows = _rows(scores)
    scored = {r.iso3: r for r in rows}
    map_data = []
    for economy in load_economies(settings.data_dir):
        row = scored.get(economy.iso3)
        map_data.append(
            MapEconomy(
                iso3=economy.iso3,
                numeric=iso_numeric(economy.iso3),
                name=economy.name,
                value=None if row is None else _number(getattr(row, spec.column)),
                level=None if row is None else row.level,
                level_depends_on_imputation=bool(
                    row is not None and getattr(row, "level_depends_on_imputation", False)
                ),
            )
        )
    return HomePublic(
        index=info,
        rows=rows,
        levels=info.levels,
        map=map_data,
        sources=list_sources(warehouse).data,
    )


def compare(
    settings: Settings, warehouse: Warehouse, economies: str | None, indicator: str
) -> ComparisonPublic:
    """Two to five economies (ISO3 codes separated by commas) on one indicator over time; an
    InvalidInputError (422) names what is wrong with the request."""
    codes = comparison.parse_economies(economies)
    everyone = {e.iso3: e for e in load_economies(settings.data_dir)}
    comparison.check_economies(codes, everyone)
    comparison.check_indicator(warehouse, indicator)
    info = warehouse.query(_INDICATOR_SQL.format(where="WHERE i.code = ?"), [indicator])
    frame = comparison.series(warehouse, indicator, codes)
    points = [ComparisonPointPublic(**row) for row in records(frame)]
    return ComparisonPublic(
        indicator=IndicatorPublic(**records(info)[0]),
        economies=[economy_public(everyone[code]) for code in codes],
        years=sorted({p.year for p in points}),
        data=points,
        count=len(points),
    )
