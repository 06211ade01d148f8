"""Tooltips of the world maps: one "title" per economy record, added before the page renders,
in the language of the request (country names from CLDR, humanict.i18n.countries)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from humanict.i18n import gettext
from humanict.i18n.countries import country_name


def _name(e: Mapping[str, Any]) -> str:
    return country_name(e["iso3"], e["name"]) if e.get("iso3") else str(e["name"])


def scored(
    economies: Iterable[Mapping[str, Any]], names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Records of an index map: "Kenya: 58.5 (Adequate)", or "India: no score" when unscored.

    ``names`` maps a level id to its display name."""
    out = []
    for e in economies:
        if e["value"] is None:
            title = gettext("%(name)s: no score") % {"name": _name(e)}
        else:
            title = f"{_name(e)}: {e['value']:.1f} ({names.get(e['level'], e['level'])})"
        out.append({**e, "title": title})
    return out


def offline(economies: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Records of the offline map: "Kenya: 30.1 million offline (56%)" or "...: no data"."""
    out = []
    for e in economies:
        if e["offline"] is None:
            title = gettext("%(name)s: no data") % {"name": _name(e)}
        else:
            title = gettext("%(name)s: %(millions).1f million offline (%(pct).0f%%)") % {
                "name": _name(e),
                "millions": e["offline"] / 1e6,
                "pct": e["offline_pct"],
            }
        out.append({**e, "title": title})
    return out


def representation(economies: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Records of the representation map: posts and holders, else the seats on record."""
    out = []
    for e in economies:
        if e["official_posts"]:
            posts, holders = ", ".join(e["official_posts"]), ", ".join(e["holders"])
            title = f"{_name(e)}: {posts} ({holders})"
        elif e["category"] == "rrb-or-council":
            title = gettext("%(name)s: RRB or Council seat on record") % {"name": _name(e)}
        else:
            title = gettext("%(name)s: no elected post on record") % {"name": _name(e)}
        out.append({**e, "title": title})
    return out
