"""The colour scales of the maps and charts stay apart for people with colour-vision deficiency.

Colours are read from the stylesheets; each deficiency is simulated at full severity (Machado,
Oliveira and Fernandes 2009, as implemented by colorspacious) and distances are measured in
CAM02-UCS, where a difference of about 1 is just noticeable.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest
from colorspacious import cspace_convert

STATIC = Path(__file__).parents[2] / "src" / "humanict" / "web" / "static"
DEFICIENCIES = [None, "deuteranomaly", "protanomaly", "tritanomaly"]
MIN_DISTANCE = 8.0  # CAM02-UCS: classes of a categorical scale are told apart at a glance

# Classes of each scale, in its order; "sequential" scales must keep their lightness order.
CATEGORICAL = {
    "IDI levels (RdBu)": (
        "style.css",
        ["level-advanced", "level-adequate", "level-attention", "no-data"],
    ),
    "GCI tiers (RdYlBu)": (
        "security.css",
        ["level-tier1", "level-tier2", "level-tier3", "level-tier4", "level-tier5"],
    ),
    "readiness balance (PuOr)": (
        "security.css",
        ["dot.balance-connectivity_ahead", "dot.balance-security_ahead", "dot"],
    ),
    "representation": ("governance.css", ["cat-official", "cat-rrb-or-council", "cat-none"]),
    "Council regions (Okabe-Ito)": (
        "governance.css",
        ["region-a", "region-b", "region-c", "region-d", "region-e", "region-none"],
    ),
    "filing stages": (
        "style.css",
        [
            "stage-recorded",
            "stage-notified",
            "stage-coordination",
            "stage-api",
            "stage-plan",
            "stage-other",
        ],
    ),
    "compared economies (Okabe-Ito)": ("style.css", [f"series-{i}" for i in range(5)]),
}
SEQUENTIAL = {"people offline (Reds)": ("observatory.css", [f"offline-b{i}" for i in range(5)])}


def _variables(css: str) -> dict[str, str]:
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", css))


def _colour(css: str, selector: str) -> str:
    """The fill (or series colour) a class rule gives, with var(--x) resolved."""
    rule = re.search(rf"\.{re.escape(selector)}\s*\{{([^}}]*)\}}", css)
    assert rule, f"no rule for .{selector}"
    match = re.search(r"(?:fill|--series):\s*(#[0-9a-fA-F]{3,6}|var\(--([\w-]+)\))", rule.group(1))
    assert match, f".{selector} gives no fill"
    value = match.group(1)
    return _variables(css)[match.group(2)] if match.group(2) else value


def _rgb(hex_colour: str) -> np.ndarray:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return np.array([int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)])


def _seen(colours: list[str], deficiency: str | None) -> np.ndarray:
    """The colours in CAM02-UCS as seen with ``deficiency`` (None: normal vision)."""
    rgb = np.array([_rgb(c) for c in colours])
    if deficiency is not None:
        space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
        rgb = np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)
    return np.asarray(cspace_convert(rgb, "sRGB1", "CAM02-UCS"))


def _palette(spec: tuple[str, list[str]]) -> list[str]:
    css = (STATIC / spec[0]).read_text()
    return [_colour(css, selector) for selector in spec[1]]


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
@pytest.mark.parametrize("scale", sorted(CATEGORICAL))
def test_classes_stay_apart(scale: str, deficiency: str | None) -> None:
    colours = _palette(CATEGORICAL[scale])
    seen = _seen(colours, deficiency)
    distances = {
        (colours[i], colours[j]): float(np.linalg.norm(seen[i] - seen[j]))
        for i, j in itertools.combinations(range(len(colours)), 2)
    }
    closest = min(distances, key=distances.__getitem__)
    assert distances[closest] >= MIN_DISTANCE, (scale, deficiency, closest, distances[closest])


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
@pytest.mark.parametrize("scale", sorted(SEQUENTIAL))
def test_sequential_scales_keep_their_lightness_order(scale: str, deficiency: str | None) -> None:
    lightness = _seen(_palette(SEQUENTIAL[scale]), deficiency)[:, 0]
    steps = np.diff(lightness)
    assert np.all(steps < 0) or np.all(steps > 0), (scale, deficiency, lightness)
    assert np.min(np.abs(steps)) >= MIN_DISTANCE / 2, (scale, deficiency, lightness)
