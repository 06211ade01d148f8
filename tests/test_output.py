"""Listings in table, CSV and JSON: whole numbers stay whole and missing answers are blank when
some values are missing."""

from __future__ import annotations

import json

from humanict.output import Format, frame_of, render

ROWS = [
    {"round": "1", "votes": 172, "median": 4.0, "agrees": True},
    {"round": "2", "votes": None, "median": None, "agrees": None},
]


def test_frame_of_keeps_integer_fields_whole_and_floats_float() -> None:
    frame = frame_of(ROWS)
    assert str(frame["votes"].dtype) == "Int64"
    assert frame["median"].dtype == float  # a float field stays float even when whole
    assert str(frame["agrees"].dtype) == "boolean"  # yes/no answers, not counts


def test_render_prints_whole_numbers_and_blanks_in_every_format() -> None:
    frame = frame_of(ROWS)
    table = render(frame, Format.table).splitlines()
    assert table[1].split() == ["1", "172", "4.00", "True"]
    assert table[2].split() == ["2"]  # missing count, float and answer: blank
    assert render(frame, Format.csv).splitlines()[1:] == ["1,172,4.0000,True", "2,,,"]
    assert json.loads(render(frame, Format.json)) == ROWS
