"""Frequencies with units: parsing, ranges, formatting and the errors a user sees."""

from __future__ import annotations

import pytest

from humanict.errors import InvalidInputError
from humanict.spectrum.frequency import format_band, format_hz, parse_frequency


@pytest.mark.parametrize(
    ("text", "hz"),
    [
        ("11.7GHz", 11.7e9),
        ("11.7 GHz", 11.7e9),
        ("137 MHz", 137e6),
        ("9kHz", 9e3),
        ("50 Hz", 50.0),
        ("11,7 ghz", 11.7e9),
        ("1.5e3 MHz", 1.5e9),
    ],
)
def test_single_frequencies_parse_to_hertz(text: str, hz: float) -> None:
    parsed = parse_frequency(text)
    assert parsed.is_single
    assert parsed.lower_hz == pytest.approx(hz)


@pytest.mark.parametrize(
    ("text", "lower", "upper"),
    [
        ("10.7-12.75GHz", 10.7e9, 12.75e9),
        ("10.7 GHz - 12.75 GHz", 10.7e9, 12.75e9),
        ("960 MHz-1.164 GHz", 960e6, 1.164e9),
        ("3.4 to 4.2 GHz", 3.4e9, 4.2e9),
    ],
)
def test_ranges_take_the_unit_once_or_on_each_end(text: str, lower: float, upper: float) -> None:
    parsed = parse_frequency(text)
    assert (parsed.lower_hz, parsed.upper_hz) == (pytest.approx(lower), pytest.approx(upper))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("11.7", "no unit"),
        ("", "empty"),
        ("eleven GHz", "cannot read"),
        ("11.7 GBz", "cannot read"),
        ("12-11GHz", "runs downwards"),
        ("4000 GHz", "3 000 GHz"),
        ("-5 MHz", "cannot read"),
    ],
)
def test_bad_frequencies_are_refused_with_a_hint(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        parse_frequency(text)


def test_formatting_picks_the_unit_the_table_uses() -> None:
    assert format_hz(11.7e9) == "11.7 GHz"
    assert format_hz(137e6) == "137 MHz"
    assert format_hz(8300.0) == "8.3 kHz"
    assert format_band(10.7e9, 11.7e9) == "10.7-11.7 GHz"
    assert format_band(470e6, 1.0e9) == "0.47-1 GHz"
    assert parse_frequency("10.7-12.75GHz").label() == "10.7-12.75 GHz"
