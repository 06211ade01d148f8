from __future__ import annotations

from pathlib import Path

import pytest

from humanict.errors import InvalidInputError, NotFoundError
from humanict.indices import available_specs, load_spec
from humanict.indices.spec import SPEC_DIR


def test_shipped_specs_load() -> None:
    assert "idi2024" in available_specs()
    spec = load_spec("idi2024")
    assert [p.id for p in spec.pillars] == ["universal", "meaningful"]
    assert len(spec.components) == 9
    assert len(spec.input_codes) == 10


def test_unknown_index_lists_the_shipped_ones() -> None:
    with pytest.raises(NotFoundError, match="idi2024"):
        load_spec("idi2099")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('pillar = "universal"', 'pillar = "nowhere"', "declared pillars"),
        ('transform = "log1p"', 'transform = "sqrt"', "choose one of none, log1p"),
        (
            'method = ["other_year", "regression"]',
            'method = ["other_year", "magic"]',
            "choose one of none, other_year, regression",
        ),
    ],
)
def test_invalid_specs_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    text = (SPEC_DIR / "idi2024.toml").read_text()
    assert old in text
    bad = tmp_path / "bad.toml"
    bad.write_text(text.replace(old, new, 1))
    with pytest.raises(InvalidInputError, match=message):
        load_spec(bad)
