"""Tooltips of the world maps: one "title" per economy record, added before the page renders."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def scored(
    economies: Iterable[Mapping[str, Any]], names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Records of an index map: "Kenya: 58.5 (Adequate)", or "India: no score" when unscored.

    ``names`` maps a level id to its display name."""
    out = []
    for e in economies:
        if e["value"] is None:
            title = f"{e['name']}: no score"
        else:
            title = f"{e['name']}: {e['value']:.1f} ({names.get(e['level'], e['level'])})"
        out.append({**e, "title": title})
    return out


def offline(economies: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Records of the offline map: "Kenya: 30.1 million offline (56%)" or "...: no data"."""
    out = []
    for e in economies:
        if e["offline"] is None:
            title = f"{e['name']}: no data"
        else:
            title = (
                f"{e['name']}: {e['offline'] / 1e6:.1f} million offline ({e['offline_pct']:.0f}%)"
            )
        out.append({**e, "title": title})
    return out


def representation(economies: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Records of the representation map: posts and holders, else the seats on record."""
    out = []
    for e in economies:
        if e["official_posts"]:
            posts, holders = ", ".join(e["official_posts"]), ", ".join(e["holders"])
            title = f"{e['name']}: {posts} ({holders})"
        elif e["category"] == "rrb-or-council":
            title = f"{e['name']}: RRB or Council seat on record"
        else:
            title = f"{e['name']}: no elected post on record"
        out.append({**e, "title": title})
    return out
