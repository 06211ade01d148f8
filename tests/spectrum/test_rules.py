"""Regulatory dates: RR Nos. 11.44, 11.44B/C, 11.49 and Resolution 35 on constructed cases."""

from __future__ import annotations

from datetime import date

import pytest

from humanict.spectrum import rules
from humanict.spectrum.rules import Status


def test_years_are_added_to_the_day_and_29_february_falls_back() -> None:
    assert rules.add_years(date(2018, 4, 19), 7) == date(2025, 4, 19)
    assert rules.add_years(date(2020, 2, 29), 3) == date(2023, 2, 28)


def test_bringing_into_use_limit_is_seven_years_after_receipt() -> None:
    received = date(2018, 4, 19)
    assert rules.biu_limit(received) == date(2025, 4, 19)
    assert rules.biu_deadline(received, None, date(2025, 4, 19)).status is Status.due
    assert rules.biu_deadline(received, None, date(2025, 4, 20)).status is Status.lapsed
    assert rules.biu_deadline(received, date(2024, 1, 1), date(2026, 1, 1)).status is Status.met
    # brought into use after the derived limit: an extension may exist, the list cannot say
    assert rules.biu_deadline(received, date(2025, 6, 1), date(2026, 1, 1)).status is (
        Status.unknown
    )


def test_the_90_day_period_is_reported_within_30_days_of_its_end() -> None:
    gso = rules.ninety_day_period(date(2025, 1, 1), date(2025, 2, 1))
    assert gso.rule == "RR No. 11.44B" and gso.due_on == date(2025, 5, 1)
    assert gso.status is Status.due
    ngso = rules.ninety_day_period(date(2025, 1, 1), date(2026, 1, 1), non_gso=True)
    assert ngso.rule == "RR No. 11.44C" and ngso.status is Status.unknown


def test_a_suspension_must_end_within_three_years() -> None:
    start = date(2021, 3, 1)
    assert rules.resumption_deadline(start, None, date(2023, 1, 1)).due_on == date(2024, 3, 1)
    assert rules.resumption_deadline(start, None, date(2024, 3, 2)).status is Status.lapsed
    assert rules.resumption_deadline(start, date(2023, 1, 1), date(2025, 1, 1)).status is (
        Status.met
    )
    assert rules.resumption_deadline(start, date(2024, 6, 1), date(2025, 1, 1)).status is (
        Status.missed
    )
    given = rules.resumption_deadline(start, None, date(2023, 1, 1), limit=date(2024, 2, 1))
    assert given.due_on == date(2024, 2, 1) and given.derived.startswith("snapshot")


def test_resolution_35_milestones_run_2_5_7_years_after_the_period() -> None:
    dates = rules.res35_milestone_dates(date(2022, 6, 30))
    assert dates == [
        (1, date(2024, 6, 30), 0.10),
        (2, date(2027, 6, 30), 0.50),
        (3, date(2029, 6, 30), 1.00),
    ]


def test_resolution_35_periods_ended_before_2021_count_from_1_january_2021() -> None:
    # Res. 35 resolves 3 and 8: milestones reported by 1 Feb 2023 / 2026 / 2028, i.e. 30 days
    # after 1 January 2023, 2026 and 2028.
    assert [d for _, d, _ in rules.res35_milestone_dates(date(2019, 5, 1))] == [
        date(2023, 1, 1),
        date(2026, 1, 1),
        date(2028, 1, 1),
    ]


@pytest.mark.parametrize(
    ("total", "share", "required"),
    [(100, 0.10, 10), (99, 0.10, 9), (7, 0.50, 3), (1, 0.10, 0), (100, 1.0, 99), (1, 1.0, 0)],
)
def test_required_satellites_round_down_and_100_percent_allows_one_less(
    total: int, share: float, required: int
) -> None:
    assert rules.res35_required(total, share) == required


def test_milestones_are_met_or_missed_only_with_counts() -> None:
    end = date(2022, 1, 1)
    unknown = rules.res35_deadlines(end, date(2025, 1, 1))
    assert [d.status for d in unknown] == [Status.unknown, Status.due, Status.due]
    met = rules.res35_deadlines(end, date(2025, 1, 1), total=300, deployed=30)
    missed = rules.res35_deadlines(end, date(2025, 1, 1), total=300, deployed=29)
    assert met[0].status is Status.met and missed[0].status is Status.missed
    late = rules.res35_deadlines(end, date(2030, 1, 1), total=300, deployed=200)
    assert [d.status for d in late] == [Status.met, Status.met, Status.missed]
