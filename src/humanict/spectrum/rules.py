"""Regulatory dates of a satellite filing: pure functions of its recorded dates.

Rules (Radio Regulations, 2024 edition unless noted; see docs/spectrum.md for what was checked):

- RR No. 11.44: frequency assignments are brought into use no later than seven years after the
  Bureau received the complete information (advance publication under No. 9.1/9.2 or the
  coordination request under No. 9.30).
- RR No. 11.44B: a GSO assignment counts as brought into use once a station has been deployed
  and maintained at the notified position for a continuous 90 days; the Bureau is informed
  within 30 days of the end of that period. No. 11.44C sets the same 90-day condition for
  non-GSO FSS/MSS/BSS systems on one notified orbital plane.
- RR No. 11.49: use may be suspended; it must be resumed no later than three years after the
  date of suspension, otherwise the assignment is cancelled (Rules of Procedure on No. 11.49).
- Resolution 35 (Rev.WRC-23): non-GSO milestones, 10 %, 50 % and 100 % of the filed satellites
  deployed 2, 5 and 7 years after the end of the bringing-into-use period; where that period
  ended before 1 January 2021 the milestones fall on 1 January 2023, 2026 and 2028.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

BIU_PERIOD_YEARS = 7  # RR No. 11.44
BIU_CONTINUOUS_DAYS = 90  # RR Nos. 11.44B, 11.44C
BIU_REPORT_DAYS = 30  # RR Nos. 11.44B, 11.44C: inform the Bureau within 30 days
SUSPENSION_MAX_YEARS = 3  # RR No. 11.49
RES35_MILESTONES = ((1, 2, 0.10), (2, 5, 0.50), (3, 7, 1.00))  # (number, years, share)
RES35_LEGACY_END = date(2021, 1, 1)  # Res. 35 resolves 3 and 8: periods that ended before this


class Status(StrEnum):
    """Where a regulatory date stands on the as-of date."""

    lapsed = "lapsed"  # the date passed and the condition was not met: the filing lapses
    missed = "missed"  # a milestone or deadline passed unmet, the filing survives in part
    due = "due"  # the date lies ahead
    met = "met"
    unknown = "unknown"  # the date passed; the snapshot cannot say whether it was met


@dataclass(frozen=True, slots=True)
class Deadline:
    """One regulatory date of one filing, with the rule it comes from and how it was found."""

    rule: str
    event: str
    due_on: date
    status: Status
    derived: str  # how the date was obtained (``snapshot`` when the list itself gives it)


def add_years(day: date, years: int) -> date:
    """Same day and month ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def biu_limit(received: date) -> date:
    """RR No. 11.44: the latest date of bringing into use, seven years after receipt."""
    return add_years(received, BIU_PERIOD_YEARS)


def biu_deadline(received: date, brought_into_use: date | None, as_of: date) -> Deadline:
    """RR No. 11.44 for one filing, judged on ``as_of``."""
    limit = biu_limit(received)
    if brought_into_use is not None and brought_into_use <= as_of:
        status = Status.met if brought_into_use <= limit else Status.unknown
    else:
        status = Status.lapsed if limit < as_of else Status.due
    return Deadline(
        "RR No. 11.44",
        "bringing into use",
        limit,
        status,
        "date of receipt (earliest filing date in the Space Network List) + 7 years",
    )


def ninety_day_period(brought_into_use: date, as_of: date, *, non_gso: bool = False) -> Deadline:
    """RR No. 11.44B (GSO) or 11.44C (non-GSO): the date by which the Bureau must be told that
    the 90 continuous days from the date of bringing into use were completed."""
    report_by = brought_into_use + timedelta(days=BIU_CONTINUOUS_DAYS + BIU_REPORT_DAYS)
    status = Status.due if as_of <= report_by else Status.unknown
    return Deadline(
        "RR No. 11.44C" if non_gso else "RR No. 11.44B",
        "90-day bringing-into-use period reported",
        report_by,
        status,
        "date of bringing into use + 90 days + 30 days to inform the Bureau",
    )


def resumption_deadline(
    suspended_on: date, resumed_on: date | None, as_of: date, limit: date | None = None
) -> Deadline:
    """RR No. 11.49: resume use within three years of the suspension. ``limit`` is the
    Bureau's own date limit when the list gives one; otherwise it is derived."""
    derived = "snapshot (date limit for the resumption)"
    if limit is None:
        limit = add_years(suspended_on, SUSPENSION_MAX_YEARS)
        derived = "date of suspension + 3 years"
    if resumed_on is not None and resumed_on <= as_of:
        status = Status.met if resumed_on <= limit else Status.missed
    else:
        status = Status.lapsed if limit < as_of else Status.due
    return Deadline("RR No. 11.49", "resumption after suspension", limit, status, derived)


def res35_milestone_dates(end_of_biu_period: date) -> list[tuple[int, date, float]]:
    """Resolution 35 milestones (number, date, share of the filed satellites)."""
    start = max(end_of_biu_period, RES35_LEGACY_END)
    return [(n, add_years(start, years), share) for n, years, share in RES35_MILESTONES]


def res35_required(total: int, share: float) -> int:
    """Satellites required at a milestone: the share of the total rounded down (Res. 35
    resolves 11); at the 100 % milestone the Resolution also accepts the total minus one."""
    if share >= 1.0:
        return max(total - 1, 0)
    return math.floor(total * share)


def res35_deadlines(
    end_of_biu_period: date,
    as_of: date,
    total: int | None = None,
    deployed: int | None = None,
) -> list[Deadline]:
    """The three Resolution 35 milestones of a non-GSO system, judged on ``as_of``.

    With ``total`` (filed satellites) and ``deployed`` (satellites deployed on the as-of date)
    a passed milestone is met or missed; without them it is ``unknown``.
    """
    found = []
    legacy = end_of_biu_period < RES35_LEGACY_END
    for number, when, share in res35_milestone_dates(end_of_biu_period):
        if when > as_of:
            status = Status.due
        elif total is None or deployed is None:
            status = Status.unknown
        else:
            status = Status.met if deployed >= res35_required(total, share) else Status.missed
        how = (
            f"1 January 2021 + {when.year - 2021} years (period ended before 2021)"
            if legacy
            else f"end of the bringing-into-use period + {when.year - end_of_biu_period.year} years"
        )
        found.append(
            Deadline(
                "Resolution 35 (Rev.WRC-23)",
                f"milestone M{number}: {share:.0%} of the satellites deployed",
                when,
                status,
                how,
            )
        )
    return found
