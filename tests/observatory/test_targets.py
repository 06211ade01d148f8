"""Targets as data: the shipped files, their validation, applicability and status labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from humanict.config import PROJECT_ROOT
from humanict.data import Warehouse
from humanict.errors import DataFileError, NotFoundError
from humanict.observatory.targets import (
    MET,
    NO_DATA,
    NOT_MEASURED,
    OFF_TRACK,
    ON_TRACK,
    PARITY_PREFIX,
    applies,
    get_target,
    load_sdg_indicators,
    load_targets,
    parse_share,
    status_of,
)

DATA = PROJECT_ROOT / "data"


def test_shipped_targets_cover_both_frameworks_with_sources() -> None:
    targets = load_targets(DATA)
    frameworks = {t.framework for t in targets}
    assert frameworks == {"Broadband Commission 2025", "UMC 2030"}
    assert all(t.source and t.url.startswith("http") for t in targets)
    affordability = get_target(targets, "bbc2025-2")
    assert (affordability.comparator, affordability.met_at) == ("le", 2.0)
    assert get_target(targets, "bbc2025-3c").met_at == 35.0  # LDC user penetration


def test_every_mapped_indicator_is_in_the_warehouse(warehouse: Warehouse) -> None:
    codes = set(warehouse.query("SELECT code FROM indicators")["code"])
    mapped = set()
    for target in load_targets(DATA):
        share = parse_share(target.indicator)
        if share is not None:
            mapped.update((share.numerator, share.denominator))
        elif target.measurable:
            mapped.add(target.indicator)
    for sdg in load_sdg_indicators(DATA):
        mapped.update(sdg.indicators)
    missing = {c for c in mapped if not c.startswith(PARITY_PREFIX) and c not in codes}
    assert missing == set()


def test_the_five_itu_custodian_sdg_indicators() -> None:
    codes = [i.code for i in load_sdg_indicators(DATA)]
    assert codes == ["4.4.1", "5.b.1", "9.c.1", "17.6.1", "17.8.1"]
    by_code = {i.code: i for i in load_sdg_indicators(DATA)}
    assert by_code["17.8.1"].un_series == "IT_USE_ii99"
    assert "i99H" in by_code["17.8.1"].indicators


def test_a_malformed_targets_file_names_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "targets").mkdir()
    text = (DATA / "targets" / "targets.csv").read_text().splitlines()
    text[2] = text[2].replace(",le,", ",below,")
    (tmp_path / "targets" / "targets.csv").write_text("\n".join(text) + "\n")
    with pytest.raises(DataFileError, match=r"line 3, field 'comparator'"):
        load_targets(tmp_path)


def test_unknown_target_lists_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="bbc2025-1"):
        get_target(load_targets(DATA), "bbc2099")


def test_group_targets_apply_by_income_and_ldc_status() -> None:
    by_id = {t.id: t for t in load_targets(DATA)}
    assert applies(by_id["bbc2025-3c"], income_group="LI", ldc=True)
    assert not applies(by_id["bbc2025-3c"], income_group="LMI", ldc=False)
    assert applies(by_id["bbc2025-3b"], income_group="LMI", ldc=False)
    assert not applies(by_id["bbc2025-3b"], income_group="HI", ldc=False)
    assert applies(by_id["umc2030-1"], income_group="HI", ldc=False)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"comparator": "ge", "latest": 96.0, "projected": None}, MET),
        ({"comparator": "ge", "latest": 80.0, "projected": 97.0}, ON_TRACK),
        ({"comparator": "ge", "latest": 80.0, "projected": 90.0}, OFF_TRACK),
        ({"comparator": "le", "latest": 3.0, "projected": 1.5, "threshold": 2.0}, ON_TRACK),
        ({"comparator": "ge", "latest": None, "projected": None}, NO_DATA),
        ({"comparator": "none", "latest": None, "projected": None}, NOT_MEASURED),
        ({"comparator": "parity", "latest": 0.99, "projected": None, "threshold": 0.98}, MET),
        ({"comparator": "parity", "latest": 1.10, "projected": 1.2, "threshold": 0.98}, OFF_TRACK),
        ({"comparator": "ge", "latest": 80.0, "projected": 99.0, "latest_year": 2031}, OFF_TRACK),
    ],
)
def test_status_labels(kwargs: dict[str, object], expected: str) -> None:
    args: dict[str, object] = {"threshold": 95.0, "target_year": 2030, "latest_year": 2024}
    args.update(kwargs)
    assert status_of(**args) == expected  # type: ignore[arg-type]
