"""Response models of the JSON API; each HTML page renders the same model as its JSON twin."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class ErrorPublic(BaseModel):
    """The one error shape of the API."""

    ok: bool = False
    error: str = Field(description="What is wrong and what to do about it.")
    errors: list[dict[str, Any]] = Field(
        default_factory=list, description="Details (e.g. per invalid parameter)."
    )
    status: int


class EconomyPublic(BaseModel):
    """An economy: an ITU Member State or a territory that appears in ICT data."""

    iso3: str = Field(examples=["KEN"])
    numeric: str | None = Field(None, description="ISO 3166-1 numeric code (map geometry id).")
    name: str = Field(description="English name: the stable key of the data model.")
    name_local: str | None = Field(
        None,
        description="Name in the request's language (?lang=, the language cookie or "
        "Accept-Language) from Unicode CLDR; the English name in English.",
    )
    member: bool = Field(description="True for the 193 ITU Member States.")
    council_region: str | None = Field(None, description="ITU Council region A-E.")
    region_confidence: str | None = Field(None, description="Source confidence: high/medium/low.")
    stat_region: str | None = Field(None, description="ITU-D region: AFR, AMS, ARB, ASP, CIS, EUR.")
    income_group: str | None = Field(None, description="World Bank income group: HI, UMI, LMI, LI.")
    ldc: bool | None = None
    lldc: bool | None = None
    sids: bool | None = None
    notes: str = ""


class EconomiesPublic(BaseModel):
    data: list[EconomyPublic]
    count: int


class IndexRowPublic(BaseModel):
    """One economy's result: the index column, pillars and ``score_<component>`` columns vary
    with the index and are kept flat, as in `humanict index show --format json`."""

    model_config = ConfigDict(extra="allow")

    iso3: str
    economy: str | None
    member: bool | None
    year: int
    kind: str = Field(description="'edition' (the published values) or 'recomputed'.")
    level: str | None = Field(description="Level id, e.g. advanced / adequate / attention.")


class LevelPublic(BaseModel):
    id: str
    name: str
    min: float = Field(description="Lowest score of the band (inclusive).")
    count: int | None = Field(None, description="Economies at this level (where relevant).")


class PillarPublic(BaseModel):
    id: str
    name: str
    weight: float
    score: float | None = None


class ComponentPublic(BaseModel):
    id: str
    name: str
    pillar: str
    inputs: list[str]
    threshold: float
    goalpost: float


class IndexInfoPublic(BaseModel):
    id: str
    name: str
    publisher: str
    source: str
    column: str = Field(description="Name of the index column in result rows.")
    edition_dataset: str
    edition_year: int = Field(description="Reference year of the data of the published edition.")
    pillars: list[PillarPublic]
    components: list[ComponentPublic]
    levels: list[LevelPublic]


class IndicesPublic(BaseModel):
    data: list[IndexInfoPublic]
    count: int


class IndexRowsPublic(BaseModel):
    index: str
    year: int | None = Field(description="Null for the published edition.")
    data: list[IndexRowPublic]
    count: int


class LevelCountsPublic(BaseModel):
    index: str
    by: str
    levels: list[LevelPublic]
    data: list[dict[str, Any]] = Field(description="One row per group: counts per level and total.")


class TrendPublic(BaseModel):
    index: str
    member: str | None
    data: list[IndexRowPublic]
    count: int


class SourcePublic(BaseModel):
    """A dataset of the warehouse, with its provenance."""

    id: str
    title: str | None = None
    publisher: str | None = None
    licence: str | None = None
    vintage: str | None = None
    url: str | None = None
    file: str | None = None
    rows: int | None = None


class SourcesPublic(BaseModel):
    data: list[SourcePublic]
    count: int


class IndicatorPublic(BaseModel):
    code: str
    name: str | None = None
    unit: str | None = None
    description: str | None = None
    economies: int = Field(0, description="Economies with at least one value.")
    observations: int = 0
    first_year: int | None = None
    last_year: int | None = None


class IndicatorsPublic(BaseModel):
    data: list[IndicatorPublic]
    count: int


class ObservationPublic(BaseModel):
    dataset: str
    indicator: str
    economy: str
    year: int
    value: float
    unit: str | None = None
    source: str
    vintage: str
    flag: str = Field(description="observed / estimate / imputed, as the source gives it.")
    note: str | None = None


class ComparisonPointPublic(BaseModel):
    """One economy's value of the indicator in one year, with where it comes from."""

    economy: str = Field(examples=["KEN"])
    year: int
    value: float
    unit: str | None = None
    dataset: str
    vintage: str
    source: str
    flag: str = Field(description="observed, estimate or imputed, as the source gives it.")


class ComparisonPublic(BaseModel):
    """Two to five economies on one indicator over time (the JSON twin of /compare)."""

    indicator: IndicatorPublic
    economies: list[EconomyPublic] = Field(description="In the order they were asked for.")
    years: list[int] = Field(description="Every year with a value for at least one economy.")
    data: list[ComparisonPointPublic]
    count: int


class IndicatorDetailPublic(BaseModel):
    indicator: IndicatorPublic
    economy: str | None
    data: list[ObservationPublic]
    count: int


class InputValuePublic(BaseModel):
    """One input of an index for one economy, with the component score it feeds."""

    code: str
    name: str
    component: str
    component_name: str
    pillar: str
    value: float | None
    unit: str | None
    flag: str = Field(
        description="observed / estimate as the source gives it, or imputed (missing in the "
        "edition; the component score is imputed)."
    )
    score: float | None = Field(description="Score of the component this input feeds (0-100).")
    dataset: str | None
    imputation: str | None = Field(
        None, description="How the component score was imputed (method), if it was."
    )
    imputation_inputs: str | None = Field(
        None, description="What the imputation used: predictors, or the other year's value."
    )


class ImputedComponentPublic(BaseModel):
    """A component score that the imputation supplied (ITU does not publish its own)."""

    component: str
    component_name: str
    method: str = Field(description="other_year, regression, region_income, iterative or knn.")
    inputs: str = Field(description="The predictors, or the indicator, year and dataset used.")
    score: float | None


class ScoreIntervalPublic(BaseModel):
    """The central 90% of the index and rank over the imputation draws."""

    low: float
    high: float
    rank_low: int = Field(description="Best rank over the draws.")
    rank_high: int = Field(description="Worst rank over the draws.")
    draws: int


class TrendPointPublic(BaseModel):
    year: int
    kind: str
    value: float
    level: str | None


class MemberPublic(BaseModel):
    """Everything the page of one economy shows."""

    economy: EconomyPublic
    index: IndexInfoPublic
    result: IndexRowPublic | None = Field(description="Null when the index does not score it.")
    value: float | None = Field(None, description="The index value (e.g. IDI) of the edition.")
    level_name: str | None = None
    rank: int | None = None
    scored: int = Field(description="Economies the edition scores.")
    pillars: list[PillarPublic]
    inputs: list[InputValuePublic]
    imputed: list[ImputedComponentPublic] = Field(
        default_factory=list, description="Component scores supplied by the imputation."
    )
    interval: ScoreIntervalPublic | None = Field(
        None, description="Score and rank interval the imputation leaves (null if none)."
    )
    reproducible: bool | None = Field(
        None,
        description="True when every input is published, so the score can be recomputed "
        "exactly from public data; false when it rests on imputed values.",
    )
    trend: list[TrendPointPublic]
    sources: list[SourcePublic]


class MapEconomy(BaseModel):
    """An economy on the map: ``value`` and ``level`` are null where the index has no score."""

    iso3: str
    numeric: str | None = Field(description="ISO 3166-1 numeric code, the map geometry id.")
    name: str
    value: float | None
    level: str | None
    level_depends_on_imputation: bool = Field(
        False,
        description="True where the score interval the imputation leaves crosses a level "
        "boundary, so the level rests on imputed values.",
    )


class HomePublic(BaseModel):
    """The home page: the edition's results, level counts and map data."""

    index: IndexInfoPublic
    rows: list[IndexRowPublic]
    levels: list[LevelPublic]
    map: list[MapEconomy]
    sources: list[SourcePublic]
