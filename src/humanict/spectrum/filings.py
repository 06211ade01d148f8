"""Regulatory deadlines of the filings in the registry, and one filing's timeline.

What the Space Network List snapshot (2023-09-07) gives and what is derived:

- RR No. 11.44 (GSO, non-planned, not yet brought into use): the seven years run from the
  ``early_filing_date`` (the first date of receipt the list shows: advance publication or
  coordination request). Derived; extensions granted by the Radio Regulations Board are not in
  the list.
- RR No. 11.47 (notified before bringing into use): the list's "expiry date for bringing into
  use" plus the 30 days the Bureau waits for confirmation. The expiry date is the Bureau's own.
- RR No. 11.44B / 11.44C: date of bringing into use + 90 days + 30 days to inform the Bureau.
- RR No. 11.49: the list's "date limit for the resumption" for suspended notices; for
  suspensions seen only in the network list, date of suspension + 3 years.
- Resolution 35 milestones for non-GSO notices whose expiry date the list gives (taken as the
  end of the bringing-into-use period). The list holds neither the bands (the Resolution applies
  only to the bands and services of its table) nor satellite counts, so a passed milestone is
  ``unknown`` unless counts are supplied.

A state after the snapshot date is an assumption that nothing changed since; each row says so.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta

from sqlalchemy import Connection, text

from humanict.spectrum import rules
from humanict.spectrum.registry import SNAPSHOT_DATE, network_suspensions
from humanict.spectrum.rules import Deadline, Status

CONFIRMATION_DAYS = 30  # RR No. 11.47


def _day(text: object) -> date | None:
    return date.fromisoformat(str(text)) if text else None


def _basis(as_of: date) -> str:
    if as_of <= SNAPSHOT_DATE:
        return f"Space Network List of {SNAPSHOT_DATE.isoformat()}"
    return f"Space Network List of {SNAPSHOT_DATE.isoformat()}, assuming no change since"


def _row(filing: dict[str, object], deadline: Deadline, as_of: date) -> dict[str, object]:
    record = {
        "name": filing["name"],
        "orbit": filing["orbit"],
        "longitude": filing.get("longitude"),
        "administration": filing["administration"],
        "stage": filing.get("stage"),
    }
    record.update(asdict(deadline))
    record["due_on"] = deadline.due_on.isoformat()
    record["status"] = deadline.status.value
    record["basis"] = _basis(as_of)
    return record


def confirmation_deadline(expiry: date, status: str, as_of: date) -> Deadline:
    """RR No. 11.47: a notice recorded before bringing into use is cancelled when the Bureau
    has no confirmation 30 days after the bringing-into-use date limit.

    ``status`` is the list's code: ``C`` confirmed, ``N`` not (yet) confirmed.
    """
    due = expiry + timedelta(days=CONFIRMATION_DAYS)
    if status == "C":
        state = Status.met
    elif due >= as_of:
        state = Status.due
    elif due < SNAPSHOT_DATE:
        state = Status.lapsed  # still unconfirmed in the list, after the deadline
    else:
        state = Status.unknown
    return Deadline(
        "RR No. 11.47",
        "confirmation of bringing into use",
        due,
        state,
        "snapshot expiry date for bringing into use + 30 days",
    )


def _gso_rows(conn: Connection, as_of: date) -> list[dict[str, object]]:
    found = []
    query = (
        "SELECT id, name, longitude, administration, stage, planned, maturity, "
        "early_filing_date, biu_date FROM spectrum_networks"
    )
    for row in conn.execute(text(query)).mappings():
        filing = dict(row) | {"orbit": "GSO"}
        biu = _day(row["biu_date"])
        received = _day(row["early_filing_date"])
        if not row["planned"] and biu is None and received is not None:
            found.append(_row(filing, rules.biu_deadline(received, None, as_of), as_of))
        if biu is not None:
            found.append(_row(filing, rules.ninety_day_period(biu, as_of), as_of))
    return found


def _biu_record_rows(conn: Connection, as_of: date) -> list[dict[str, object]]:
    found = []
    query = (
        "SELECT name, orbit, longitude, administration, status, biu_date, biu_expiry "
        "FROM spectrum_biu_records WHERE biu_expiry IS NOT NULL"
    )
    for row in conn.execute(text(query)).mappings():
        filing = dict(row) | {"stage": "notification (brought-into-use list)"}
        expiry = date.fromisoformat(row["biu_expiry"])
        found.append(_row(filing, confirmation_deadline(expiry, row["status"], as_of), as_of))
        if row["orbit"] == "NGSO":
            for milestone in rules.res35_deadlines(expiry, as_of):
                found.append(_row(filing, milestone, as_of))
    return found


def _suspension_rows(conn: Connection, as_of: date) -> list[dict[str, object]]:
    found = []
    listed: set[tuple[str, str]] = set()
    query = (
        "SELECT name, orbit, longitude, administration, status, suspended_on, resume_limit, "
        "resumed_on FROM spectrum_suspensions"
    )
    for row in conn.execute(text(query)).mappings():
        listed.add((row["name"].upper(), row["suspended_on"]))
        filing = dict(row) | {"stage": f"suspended (list status {row['status']})"}
        deadline = rules.resumption_deadline(
            date.fromisoformat(row["suspended_on"]),
            _day(row["resumed_on"]),
            as_of,
            _day(row["resume_limit"]),
        )
        found.append(_row(filing, deadline, as_of))
    query = (
        "SELECT n.name, n.longitude, n.administration, n.stage, s.suspended_on, s.resumed_on "
        "FROM spectrum_network_suspensions s JOIN spectrum_networks n ON n.id = s.network_id"
    )
    seen: set[tuple[str, str]] = set()
    for row in conn.execute(text(query)).mappings():
        key = (row["name"].upper(), row["suspended_on"])
        if key in listed or key in seen:
            continue
        seen.add(key)
        filing = dict(row) | {"orbit": "GSO"}
        deadline = rules.resumption_deadline(
            date.fromisoformat(row["suspended_on"]), _day(row["resumed_on"]), as_of
        )
        found.append(_row(filing, deadline, as_of))
    return found


def all_deadlines(conn: Connection, as_of: date) -> list[dict[str, object]]:
    """Every regulatory date the registry yields, judged on ``as_of``, in date order."""
    rows = _gso_rows(conn, as_of) + _biu_record_rows(conn, as_of) + _suspension_rows(conn, as_of)
    rows.sort(key=lambda r: (str(r["due_on"]), str(r["name"]), str(r["rule"])))
    return rows


def deadlines(
    conn: Connection,
    as_of: date,
    horizon_days: int = 365,
    statuses: frozenset[Status] = frozenset({Status.lapsed, Status.missed}),
) -> list[dict[str, object]]:
    """Filings that lapse or miss a deadline by ``as_of``, plus dates due within the horizon."""
    until = (as_of + timedelta(days=horizon_days)).isoformat()
    return [
        row
        for row in all_deadlines(conn, as_of)
        if row["status"] in statuses or (row["status"] == Status.due and row["due_on"] <= until)
    ]


def timeline(conn: Connection, network: dict[str, object], as_of: date) -> list[dict[str, object]]:
    """The dated events of one GSO network: filings, bringing into use, suspensions and the
    regulatory dates derived from them, in date order."""
    events: list[dict[str, object]] = []

    def add(day: object, kind: str, label: str, rule: str = "", status: str = "") -> None:
        if day:
            events.append(
                {"date": str(day), "kind": kind, "label": label, "rule": rule, "status": status}
            )

    add(
        network["early_filing_date"],
        "filing",
        "first filing received (API or CR)",
        "RR No. 9.1/9.30",
    )
    add(network["late_filing_date"], "filing", "notification received", "RR No. 11.2")
    add(network["biu_date"], "use", "brought into use", "RR No. 11.44")
    received = _day(network["early_filing_date"])
    biu = _day(network["biu_date"])
    if received is not None and not network["planned"]:
        limit = rules.biu_deadline(received, biu, as_of)
        add(limit.due_on, "deadline", "bringing-into-use limit (7 years)", limit.rule, limit.status)
    if biu is not None:
        report = rules.ninety_day_period(biu, as_of)
        add(report.due_on, "deadline", "90-day period reported", report.rule, report.status)
    for item in network_suspensions(conn, int(str(network["id"]))):
        add(item["suspended_on"], "suspension", f"use suspended ({item['kind']})", "RR No. 11.49")
        add(item["resumed_on"], "use", "use resumed", "RR No. 11.49")
        resume = rules.resumption_deadline(
            date.fromisoformat(str(item["suspended_on"])), _day(item["resumed_on"]), as_of
        )
        add(resume.due_on, "deadline", "resumption limit (3 years)", resume.rule, resume.status)
    events.sort(key=lambda e: (e["date"], e["kind"]))
    return events
