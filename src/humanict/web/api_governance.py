"""JSON API: governance record, representation, term-limit checks and election replays.

The JSON twins of the pages /governance and /governance/eligibility.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from pydantic import BaseModel, Field

from humanict.governance import service
from humanict.web.deps import SettingsDep
from humanict.web.schemas import ErrorPublic

router = APIRouter(
    prefix="/api/v1/governance",
    tags=["governance"],
    responses={404: {"model": ErrorPublic}, 422: {"model": ErrorPublic}},
)


@router.get("/officials", summary="The officials registry with verification flags")
def officials(
    settings: SettingsDep,
    post: Annotated[str | None, Query(description="SG, DSG, BR, TSB, BDT, CCIR, ...")] = None,
    verification: Annotated[
        str | None, Query(description="verified, partial or UNVERIFIED")
    ] = None,
) -> list[dict[str, Any]]:
    return service.officials_table(settings.data_dir, post=post, verification=verification)


@router.get("/representation", summary="Whose nationals held the posts; who never did")
def representation(
    settings: SettingsDep,
    posts: Annotated[
        str, Query(description="elected-officials, all-officials, rrb, council or post codes")
    ] = "elected-officials",
    since: Annotated[int | None, Query(description="In office in or after this year")] = None,
    until: Annotated[int | None, Query(description="In office by this year")] = None,
    verified_only: bool = False,
    pp_elected_only: bool = False,
) -> dict[str, Any]:
    """The twin of `humanict governance representation --format json`."""
    return service.representation_report(
        settings.data_dir,
        posts=posts,
        since=since,
        until=until,
        verified_only=verified_only,
        pp_elected_only=pp_elected_only,
    )


@router.get("/map", summary="Per Member State: elected posts, RRB and Council seats on record")
def representation_map(settings: SettingsDep) -> list[dict[str, Any]]:
    return service.representation_map(settings.data_dir)


class EligibilityRequest(BaseModel):
    slate: str = Field(description="Slate CSV text: name,iso3,post[,incumbent]")
    rules: str = Field("current", description="current, reform, nationality or a combination")
    election_year: int = Field(2026, description="Year of the Plenipotentiary Conference")
    adopted_year: int | None = Field(None, description="Year the reform takes effect")


@router.post("/eligibility", summary="Check a slate of candidates against a rule set")
def eligibility(
    settings: SettingsDep, request: Annotated[EligibilityRequest, Body()]
) -> dict[str, Any]:
    return service.eligibility_report(
        settings.data_dir,
        request.slate,
        rules=request.rules,
        election_year=request.election_year,
        adopted_year=request.adopted_year,
    )


@router.get("/counterfactual", summary="Apply a rule set to history")
def counterfactual(
    settings: SettingsDep,
    rules: Annotated[str, Query(description="current, reform, nationality")] = "reform",
    since: Annotated[int, Query(description="Year the rules apply from")] = 1995,
) -> dict[str, Any]:
    return service.counterfactual_report(settings.data_dir, rules=rules, since=since)


@router.get("/replay", summary="Replay the recorded election rounds shipped with the data")
def replay_recorded(settings: SettingsDep) -> dict[str, Any]:
    path = settings.data_dir / "governance" / "elections_results.csv"
    return service.replay_file(
        path.read_text(encoding="utf-8"), settings.data_dir, source=path.name
    )


@router.post(
    "/replay",
    summary="Replay round tallies posted as CSV text (elections_results.csv format)",
    openapi_extra={
        "requestBody": {"content": {"text/csv": {"schema": {"type": "string"}}}, "required": True}
    },
)
async def replay_posted(request: Request, settings: SettingsDep) -> dict[str, Any]:
    text = (await request.body()).decode("utf-8", errors="replace")
    return service.replay_file(text, settings.data_dir, source="request body")


@router.get("/scenarios", summary="Simulate future cycles under rule sets (seeded)")
def scenarios(
    settings: SettingsDep,
    rules: Annotated[
        str, Query(description="current, reform, current+rotation, reform+rotation (comma list)")
    ] = "current,reform",
    cycles: Annotated[int, Query(ge=1, le=50, description="PP cycles of four years")] = 25,
    runs: Annotated[int, Query(ge=1, le=1000, description="Monte Carlo runs per scenario")] = 200,
    seed: Annotated[int, Query(description="Random seed")] = 0,
) -> dict[str, Any]:
    """The twin of `humanict governance scenarios --format json` (assumptions calibrated)."""
    return service.scenarios_report(
        settings.data_dir, scenarios=rules, cycles=cycles, runs=runs, seed=seed
    )
