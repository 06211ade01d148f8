"""What the CLI and the web API share: queries from settings to JSON-ready records."""

from __future__ import annotations

from datetime import date
from typing import Any

from humanict.config import Settings
from humanict.errors import InvalidInputError
from humanict.spectrum import filings as filing_rules
from humanict.spectrum.allocations import (
    bands_at,
    load_table,
    parse_region,
    printed_name,
    region_of_member,
)
from humanict.spectrum.coordination import load_arcs, networks_in_arcs, select_arcs
from humanict.spectrum.frequency import format_hz, parse_frequency
from humanict.spectrum.registry import (
    connect,
    ensure_registry,
    find_networks,
    format_longitude,
    get_network,
    meta,
    networks_near,
    parse_longitude,
)
from humanict.spectrum.rules import RES35_MILESTONES, res35_deadlines, res35_required


def registry_url(settings: Settings) -> str:
    """The registry database's URL, its satellite-network tables built at first use."""
    return ensure_registry(settings.data_dir, settings.registry_url)


def parse_date(text: str | date | None) -> date:
    if text is None:
        return date.today()
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(text.strip())
    except ValueError as err:
        raise InvalidInputError(f"cannot read the date {text!r}; write YYYY-MM-DD") from err


def resolve_region(settings: Settings, region: str | None, member: str | None) -> dict[str, Any]:
    """The Region asked for, directly or through a Member State (both must agree)."""
    if region is None and member is None:
        raise InvalidInputError("give an ITU Region (--region 1|2|3) or a Member State (--member)")
    found: dict[str, Any] = {}
    if member is not None:
        number, basis = region_of_member(settings.data_dir, member)
        found = {"region": number, "member": member.strip().upper(), "region_basis": basis}
    if region is not None:
        number = parse_region(region)
        if found and found["region"] != number:
            raise InvalidInputError(
                f"{found['member']} is in Region {found['region']}, not Region {number}; "
                "give only one of --region and --member"
            )
        found.setdefault("region", number)
    return found


def allocations(
    settings: Settings, freq: str, region: str | None = None, member: str | None = None
) -> dict[str, Any]:
    """The bands, services (primary/secondary) and footnotes (with text) at a frequency."""
    frequency = parse_frequency(freq)
    place = resolve_region(settings, region, member)
    table = load_table(settings.data_dir)
    bands = []
    for band in bands_at(table, frequency, place["region"]):
        bands.append(
            {
                "band": band.label,
                "lower_hz": band.lower_hz,
                "upper_hz": band.upper_hz,
                "on_edge": band.on_edge,
                "services": [
                    {
                        "service": s.service.strip(),
                        "printed": printed_name(s.service, s.category),
                        "category": s.category,
                        "footnotes": list(s.footnotes),
                    }
                    for s in band.services
                ],
                "band_footnotes": list(band.footnotes),
                "footnotes": [
                    {"ref": ref, "text": table.footnotes.get(ref)} for ref in band.all_footnotes()
                ],
            }
        )
    return {
        "query": frequency.label(),
        "lower_hz": frequency.lower_hz,
        "upper_hz": frequency.upper_hz,
        **place,
        "edition": "Radio Regulations, edition of 2012 (transcription, CC BY-SA 4.0)",
        "edge_rule": "a frequency on a band edge belongs to both bands (each flagged on_edge)",
        "bands": bands,
    }


def allocation_rows(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per (band, service) for the table and CSV views."""
    rows = []
    for band in result["bands"]:
        for service in band["services"]:
            rows.append(
                {
                    "region": result["region"],
                    "band": band["band"],
                    "on_edge": band["on_edge"],
                    "service": service["service"],
                    "category": service["category"],
                    "footnotes": " ".join(service["footnotes"]),
                    "band_footnotes": " ".join(band["band_footnotes"]),
                }
            )
    return rows


def filings(
    settings: Settings, name: str | None = None, position: str | None = None
) -> list[dict[str, Any]]:
    where = parse_longitude(position) if position is not None else None
    with connect(registry_url(settings)) as conn:
        return find_networks(conn, name=name, position=where)


def filing_timeline(settings: Settings, name: str, as_of: str | None = None) -> dict[str, Any]:
    day = parse_date(as_of)
    with connect(registry_url(settings)) as conn:
        network = get_network(conn, name)
        events = filing_rules.timeline(conn, network, day)
        snapshot = meta(conn)["snapshot_date"]
    network = dict(network)
    network["position"] = format_longitude(float(network["longitude"]))
    return {
        "network": network,
        "as_of": day.isoformat(),
        "snapshot_date": snapshot,
        "events": events,
    }


def deadlines(
    settings: Settings, as_of: str | None = None, horizon_days: int = 365, everything: bool = False
) -> list[dict[str, Any]]:
    if horizon_days < 0:
        raise InvalidInputError("--horizon-days must be 0 or more")
    day = parse_date(as_of)
    with connect(registry_url(settings)) as conn:
        if everything:
            return filing_rules.all_deadlines(conn, day)
        return filing_rules.deadlines(conn, day, horizon_days)


def arc_view(settings: Settings, position: str, span_deg: float = 10.0) -> dict[str, Any]:
    """Networks within ±span of a position, for the GEO arc page."""
    if not 0 < span_deg <= 30:
        raise InvalidInputError("span must be between 0 and 30 degrees")
    where = parse_longitude(position)
    with connect(registry_url(settings)) as conn:
        networks = networks_near(conn, where, span_deg)
    return {
        "position": where,
        "position_label": format_longitude(where),
        "span_deg": span_deg,
        "networks": networks,
    }


def coordination(
    settings: Settings,
    position: str,
    band: str | None = None,
    freq: str | None = None,
    region: str | None = None,
    include_unverified: bool = False,
) -> dict[str, Any]:
    where = parse_longitude(position)
    frequency = parse_frequency(freq) if freq else None
    number = parse_region(region) if region is not None else None
    arcs = select_arcs(load_arcs(settings.data_dir), band, frequency, number, include_unverified)
    with connect(registry_url(settings)) as conn:
        rows = networks_in_arcs(conn, where, arcs)
    return {
        "position": where,
        "position_label": format_longitude(where),
        "region": number,
        "frequency": format_hz(frequency.lower_hz) if frequency and frequency.is_single else None,
        "arcs": [arc.as_dict() for arc in arcs],
        "condition": "bandwidth overlap is also required (RR AP5 Table 5-1); the snapshot "
        "holds no frequency assignments, so every network in the arc is a candidate",
        "networks": rows,
    }


def milestones(
    end_of_period: str, total: int, deployed: int, as_of: str | None = None
) -> list[dict[str, Any]]:
    """Resolution 35 milestones of one non-GSO system with its satellite counts."""
    if total < 1 or not 0 <= deployed:
        raise InvalidInputError("--total must be at least 1 and --deployed 0 or more")
    if deployed > total:
        raise InvalidInputError(f"{deployed} deployed is more than the {total} filed satellites")
    day = parse_date(as_of)
    rows = []
    found = res35_deadlines(parse_date(end_of_period), day, total, deployed)
    for deadline, (_, _, share) in zip(found, RES35_MILESTONES, strict=True):
        rows.append(
            {
                "milestone": deadline.event,
                "due_on": deadline.due_on.isoformat(),
                "required": res35_required(total, share),
                "deployed": deployed,
                "status": deadline.status.value,
                "rule": deadline.rule,
                "derived": deadline.derived,
            }
        )
    return rows
