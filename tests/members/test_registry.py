"""The Member States and economies, checked against the shipped sources."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from humanict.config import PROJECT_ROOT
from humanict.errors import NotFoundError
from humanict.members import filter_economies, get_economy, load_economies, member_states

DATA = PROJECT_ROOT / "data"


def test_there_are_193_member_states_with_council_regions() -> None:
    members = member_states(DATA)
    assert len(members) == 193
    # Region totals as in data/governance/member_states.csv (A35 B33 C21 D54 E50).
    assert Counter(m.council_region.value for m in members if m.council_region) == {
        "A": 35,
        "B": 33,
        "C": 21,
        "D": 54,
        "E": 50,
    }


def test_every_member_has_an_itu_d_region_and_low_confidence_stays_visible() -> None:
    members = member_states(DATA)
    assert all(m.stat_region is not None for m in members)
    with (DATA / "governance" / "member_states.csv").open(newline="") as fh:
        low = {r["iso3"] for r in csv.DictReader(fh) if r["region_confidence"] == "low"}
    assert low, "the source marks some placements as low confidence"
    assert {m.iso3 for m in members if m.region_confidence == "low"} == low


def test_stat_regions_agree_with_the_idi_report() -> None:
    # The IDI 2024 report prints each sample economy's ITU-D region.
    with (DATA / "ict" / "itu_idi2024_scores_sample.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_iso = {e.iso3: e for e in load_economies(DATA)}
    for row in rows:
        assert by_iso[row["iso3"]].stat_region == row["itu_region"], row["iso3"]


def test_territories_are_economies_but_not_members() -> None:
    economies = {e.iso3: e for e in load_economies(DATA)}
    for code in ("HKG", "PRI", "PSE", "ABW"):
        assert code in economies
        assert economies[code].member is False
    assert economies["KEN"].member is True
    assert economies["KEN"].stat_region == "AFR"
    assert economies["KEN"].council_region == "D"


def test_curated_fills_carry_their_reason() -> None:
    vatican = get_economy(DATA, "vat")
    assert vatican.stat_region == "EUR"
    assert "stat_region" in vatican.notes


def test_lookup_errors_say_what_to_do() -> None:
    with pytest.raises(NotFoundError, match="ISO 3166-1 alpha-3"):
        get_economy(DATA, "XXX")
    with pytest.raises(NotFoundError, match="A, B, C, D, E"):
        filter_economies(load_economies(DATA), council_region="F")


def test_filter_by_region() -> None:
    region_d = filter_economies(load_economies(DATA), council_region="d")
    assert len(region_d) == 54
    assert all(e.council_region == "D" for e in region_d)
    cis = filter_economies(load_economies(DATA), stat_region="CIS")
    assert {e.iso3 for e in cis} >= {"RUS", "KAZ", "ARM"}
