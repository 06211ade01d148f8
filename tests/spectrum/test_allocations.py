"""The Table of Frequency Allocations against the printed RR Table and its own invariants."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.members import member_states
from humanict.spectrum.allocations import (
    PRIMARY,
    SECONDARY,
    bands_at,
    category_of,
    load_table,
    parse_region,
    printed_name,
    region_of_member,
)
from humanict.spectrum.frequency import parse_frequency

from .conftest import DATA_DIR


def _services(band: object) -> dict[str, str]:
    return {s.service.strip(): s.category for s in band.services}  # type: ignore[attr-defined]


def test_11_7_ghz_in_region_1_sits_on_an_edge_and_lists_both_bands() -> None:
    table = load_table(DATA_DIR)
    lower, upper = bands_at(table, parse_frequency("11.7GHz"), 1)
    assert (lower.label, upper.label) == ("10.7-11.7 GHz", "11.7-12.5 GHz")
    assert lower.on_edge and upper.on_edge
    # RR Article 5, Region 1, 10.7-11.7 GHz: FIXED, FIXED-SATELLITE (space-to-Earth)
    # 5.441 5.484A, MOBILE except aeronautical mobile (all primary).
    assert _services(lower) == {
        "Fixed": PRIMARY,
        "Fixed-Satellite (space-to-Earth)": PRIMARY,
        "Mobile except aeronautical mobile": PRIMARY,
    }
    fss = next(s for s in lower.services if s.service.startswith("Fixed-Satellite"))
    assert {"5.441", "5.484A"} <= set(fss.footnotes)
    # 11.7-12.5 GHz in Region 1 is the BSS Plan band (5.492) with band footnotes 5.487, 5.487A.
    assert _services(upper)["Broadcasting-Satellite"] == PRIMARY
    assert set(upper.footnotes) == {"5.487", "5.487A"}


def test_inside_a_band_there_is_no_edge_flag_and_secondary_services_show() -> None:
    table = load_table(DATA_DIR)
    (band,) = bands_at(table, parse_frequency("11.9GHz"), 2)
    # RR Region 2, 11.7-12.1 GHz: FIXED 5.486, FIXED-SATELLITE (space-to-Earth) 5.484A 5.488,
    # Mobile except aeronautical mobile (secondary).
    assert band.label == "11.7-12.1 GHz" and not band.on_edge
    assert _services(band)["Mobile except aeronautical mobile"] == SECONDARY
    assert _services(band)["Fixed"] == PRIMARY


def test_a_range_lists_overlapping_bands_but_not_those_it_only_touches() -> None:
    table = load_table(DATA_DIR)
    labels = [b.label for b in bands_at(table, parse_frequency("10.7-12.75GHz"), 1)]
    assert labels[0] == "10.7-11.7 GHz" and labels[-1].endswith("12.75 GHz")
    assert not any(label.endswith("-10.7 GHz") for label in labels)


def test_bands_of_each_region_never_overlap() -> None:
    table = load_table(DATA_DIR)
    for region in (1, 2, 3):
        bands = table.bands[region]
        assert len(bands) > 400
        for before, after in zip(bands, bands[1:], strict=False):
            assert before.upper_hz <= after.lower_hz


def test_footnote_texts_are_joined_and_missing_ones_are_none() -> None:
    table = load_table(DATA_DIR)
    assert "Appendix 30B" in table.footnotes["5.441"]
    assert table.footnotes["5.329"].endswith("(WRC-03)")  # text broken over two lines
    assert table.footnotes.get("5.101") is None


def test_every_member_state_has_a_region() -> None:
    for economy in member_states(DATA_DIR):
        region, basis = region_of_member(DATA_DIR, economy.iso3)
        assert region in (1, 2, 3) and basis


@pytest.mark.parametrize(
    ("iso3", "region"),
    [("FRA", 1), ("USA", 2), ("JPN", 3), ("KOR", 3), ("BRA", 2), ("KEN", 1), ("KAZ", 1)],
)
def test_member_states_map_to_their_region(iso3: str, region: int) -> None:
    assert region_of_member(DATA_DIR, iso3)[0] == region


def test_unknown_or_non_member_economies_are_refused() -> None:
    with pytest.raises(NotFoundError):
        region_of_member(DATA_DIR, "XYZ")
    with pytest.raises(InvalidInputError, match="not an ITU Member State"):
        region_of_member(DATA_DIR, "ABW")


@pytest.mark.parametrize(("text", "region"), [("1", 1), ("R2", 2), ("Region 3", 3), ("itu1", 1)])
def test_regions_parse(text: str, region: int) -> None:
    assert parse_region(text) == region


def test_bad_region_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="1, 2 or 3"):
        parse_region("4")


def test_category_falls_back_on_the_capitals_convention() -> None:
    assert category_of("p", "Fixed") == PRIMARY
    assert category_of("s", "FIXED") == SECONDARY
    assert category_of("", "FIXED-SATELLITE (space-to-Earth)") == SECONDARY  # lower-case part
    assert category_of("", "MOBILE") == PRIMARY
    assert category_of("", "Mobile") == SECONDARY


def test_above_the_table_the_lookup_says_where_it_ends() -> None:
    with pytest.raises(NotFoundError, match="1000 GHz"):
        bands_at(load_table(DATA_DIR), parse_frequency("2000GHz"), 1)


def test_a_broken_table_names_file_line_and_field(tmp_path: Path) -> None:
    folder = tmp_path / "spectrum" / "allocations"
    shutil.copytree(DATA_DIR / "spectrum" / "allocations", folder)
    shutil.copy(DATA_DIR / "spectrum" / "itu_regions_supplement.csv", tmp_path / "spectrum")
    path = folder / "itu2_allocations.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].replace("\t14000\t", "\tfourteen\t", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_table(tmp_path)
    assert caught.value.line == 6 and caught.value.field == "lower_frequency"


def test_primary_services_print_in_capitals_without_their_qualifiers() -> None:
    assert printed_name("Fixed-Satellite (space-to-Earth) ", PRIMARY) == (
        "FIXED-SATELLITE (space-to-Earth)"
    )
    assert printed_name("Mobile except aeronautical mobile", PRIMARY) == (
        "MOBILE except aeronautical mobile"
    )
    assert printed_name("Radiolocation", SECONDARY) == "Radiolocation"
