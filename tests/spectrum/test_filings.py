"""Deadlines of the registry's filings and one filing's timeline, on the shipped snapshot."""

from __future__ import annotations

from datetime import date

from humanict.spectrum.filings import all_deadlines, confirmation_deadline, deadlines, timeline
from humanict.spectrum.registry import connect, get_network
from humanict.spectrum.rules import Status

AS_OF = date(2026, 1, 1)


def _by(rows: list[dict[str, object]], name: str, rule: str) -> list[dict[str, object]]:
    return [r for r in rows if r["name"] == name and r["rule"] == rule]


def test_listed_deadlines_lapsed_or_fall_in_the_horizon(registry: str) -> None:
    with connect(registry) as conn:
        rows = deadlines(conn, AS_OF, horizon_days=90)
    assert rows
    for row in rows:
        assert row["rule"] and row["derived"] and row["basis"]
        if row["status"] in ("lapsed", "missed"):
            assert str(row["due_on"]) < AS_OF.isoformat()
        else:
            assert row["status"] == "due"
            assert AS_OF.isoformat() <= str(row["due_on"]) <= "2026-04-01"


def test_a_coordination_request_of_2018_lapses_seven_years_on(registry: str) -> None:
    # CANSAT-71: coordination request received 2018-04-19, no bringing into use in the list.
    with connect(registry) as conn:
        (row,) = _by(all_deadlines(conn, AS_OF), "CANSAT-71", "RR No. 11.44")
        (early,) = _by(all_deadlines(conn, date(2025, 1, 1)), "CANSAT-71", "RR No. 11.44")
    assert row["due_on"] == "2025-04-19" and row["status"] == "lapsed"
    assert early["status"] == "due"


def test_a_suspension_uses_the_bureaus_own_resumption_limit(registry: str) -> None:
    # AMS-B2-13.8E: suspended 2023-06-22, the list's date limit for resumption is 2026-06-22.
    with connect(registry) as conn:
        rows = _by(all_deadlines(conn, AS_OF), "AMS-B2-13.8E", "RR No. 11.49")
        later = _by(all_deadlines(conn, date(2026, 7, 1)), "AMS-B2-13.8E", "RR No. 11.49")
    (before,) = [r for r in rows if r["due_on"] == "2026-06-22"]
    (after,) = [r for r in later if r["due_on"] == "2026-06-22"]
    # the earlier suspensions of 2019 were resumed in time or late, per the list
    assert {r["status"] for r in rows if r is not before} <= {"met", "missed"}
    assert before["status"] == "due"
    assert after["status"] == "lapsed"
    assert str(before["derived"]).startswith("snapshot")


def test_confirmation_after_the_expiry_date() -> None:
    assert confirmation_deadline(date(2022, 1, 1), "C", AS_OF).status is Status.met
    assert confirmation_deadline(date(2022, 1, 1), "N", AS_OF).status is Status.lapsed
    assert confirmation_deadline(date(2024, 1, 1), "N", AS_OF).status is Status.unknown
    assert confirmation_deadline(date(2026, 3, 1), "N", AS_OF).status is Status.due


def test_non_gso_notices_get_resolution_35_milestones(registry: str) -> None:
    with connect(registry) as conn:
        rows = [r for r in all_deadlines(conn, AS_OF) if r["rule"].startswith("Resolution 35")]
    assert rows and all(r["orbit"] == "NGSO" for r in rows)
    assert {r["status"] for r in rows} <= {"due", "unknown"}  # no satellite counts in the list


def test_timeline_is_in_date_order_with_its_rules(registry: str) -> None:
    with connect(registry) as conn:
        network = get_network(conn, "GDL-6")
        events = timeline(conn, network, AS_OF)
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    kinds = {e["label"]: e for e in events}
    assert kinds["brought into use"]["date"] == "1989-02-01"
    assert kinds["first filing received (API or CR)"]["date"] == "1983-09-26"
    limit = kinds["bringing-into-use limit (7 years)"]
    assert limit["date"] == "1990-09-26" and limit["status"] == "met"
