"""Kit rules: results, statuses, next check dates over month ends and leap days, plan buckets."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carma_logistiek.domain.kits import (
    CheckResult,
    ContentExpiry,
    KitStatus,
    LineOutcome,
    PlanBucket,
    add_months,
    check_result,
    days_overdue,
    next_check_cause,
    next_check_date,
    next_check_reason,
    plan_bucket,
    shown_status,
    status_after_check,
)


def test_check_result_from_outcomes() -> None:
    assert check_result([LineOutcome.OK, LineOutcome.OK]) is CheckResult.IN_ORDER
    assert check_result([LineOutcome.OK, LineOutcome.REPLENISHED]) is CheckResult.REPLENISHED
    for problem in (LineOutcome.MISSING, LineOutcome.EXPIRED, LineOutcome.DAMAGED):
        assert check_result([LineOutcome.REPLENISHED, problem]) is CheckResult.NOT_IN_ORDER


def test_status_after_check_depends_on_critical_items() -> None:
    assert status_after_check(CheckResult.IN_ORDER, False) is KitStatus.IN_ORDER
    assert status_after_check(CheckResult.REPLENISHED, False) is KitStatus.IN_ORDER
    assert status_after_check(CheckResult.NOT_IN_ORDER, False) is KitStatus.TO_REPLENISH
    assert status_after_check(CheckResult.NOT_IN_ORDER, True) is KitStatus.TO_REPLACE


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2027, 8, 31), 6, date(2028, 2, 29)),  # into a leap February
    (date(2024, 2, 29), 12, date(2025, 2, 28)),  # from a leap day
    (date(2024, 2, 29), 48, date(2028, 2, 29)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),  # over the year end
])
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
       st.integers(min_value=1, max_value=60))
def test_add_months_never_skips_a_month(start: date, months: int) -> None:
    result = add_months(start, months)
    assert (result.year - start.year) * 12 + result.month - start.month == months
    assert result.day <= start.day


def test_next_check_is_interval_after_last_check_or_placement() -> None:
    assert next_check_date(last_check=date(2026, 5, 10), placed_on=date(2024, 1, 1),
                           interval_months=6) == date(2026, 11, 10)
    assert next_check_date(last_check=None, placed_on=date(2026, 8, 31),
                           interval_months=6) == date(2027, 2, 28)


def test_next_check_comes_earlier_when_an_item_expires_first() -> None:
    due = next_check_date(last_check=date(2026, 5, 10), placed_on=date(2024, 1, 1),
                          interval_months=12,
                          contents=[ContentExpiry(date(2026, 9, 30), replace_before_days=30),
                                    ContentExpiry(date(2028, 1, 1))])
    assert due == date(2026, 8, 31)


def test_plan_buckets_across_week_month_and_leap_day() -> None:
    today = date(2028, 2, 28)  # a Monday; 2028 is a leap year
    assert plan_bucket(date(2028, 2, 27), today) is PlanBucket.OVERDUE
    assert plan_bucket(date(2028, 1, 31), today) is PlanBucket.OVERDUE  # previous month
    assert plan_bucket(today, today) is PlanBucket.THIS_WEEK
    assert plan_bucket(date(2028, 2, 29), today) is PlanBucket.THIS_WEEK  # the leap day
    assert plan_bucket(date(2028, 3, 5), today) is PlanBucket.THIS_WEEK  # Sunday, next month
    assert plan_bucket(date(2028, 3, 6), today) is PlanBucket.LATER
    month_end = date(2026, 11, 22)  # Sunday 22/11/2026
    assert plan_bucket(date(2026, 11, 23), month_end) is PlanBucket.THIS_MONTH
    assert plan_bucket(date(2026, 11, 30), month_end) is PlanBucket.THIS_MONTH
    assert plan_bucket(date(2026, 12, 1), month_end) is PlanBucket.LATER
    assert days_overdue(date(2028, 2, 1), date(2028, 3, 1)) == 29


def test_next_check_reason_names_the_item_that_brought_it_forward() -> None:
    contents = [ContentExpiry(date(2027, 3, 22), 60, "Steriele kompressen"),
                ContentExpiry(date(2028, 1, 1), 0, "Driehoeksverband")]
    due = next_check_date(last_check=date(2026, 12, 3), placed_on=date(2024, 1, 1),
                          interval_months=12, contents=contents)
    assert due == date(2027, 1, 21)  # seven weeks after the check, not twelve months
    assert next_check_cause(due, contents) == contents[0]
    assert next_check_reason(due, contents) == (
        "vervaldatum Steriele kompressen (22/03/2027, 60 dagen vooraf vervangen)")
    no_margin = [ContentExpiry(date(2027, 1, 21), 0, "Oogspoeling")]
    assert next_check_reason(date(2027, 1, 21), no_margin) == "vervaldatum Oogspoeling"


def test_next_check_reason_is_empty_for_the_regular_interval() -> None:
    contents = [ContentExpiry(date(2029, 1, 1), 30, "Steriele kompressen")]
    due = next_check_date(last_check=date(2026, 12, 3), placed_on=date(2024, 1, 1),
                          interval_months=6, contents=contents)
    assert due == date(2027, 6, 3)
    assert next_check_cause(due, contents) is None
    assert next_check_reason(due, contents) == ""


def test_next_check_reason_says_one_day_in_the_singular() -> None:
    text = next_check_reason(date(2027, 1, 21), [ContentExpiry(date(2027, 1, 22), 1, "Gaas")])
    assert text == "vervaldatum Gaas (22/01/2027, 1 dag vooraf vervangen)"


def test_an_overdue_kit_in_order_shows_as_late() -> None:
    today = date(2026, 12, 3)
    late = shown_status(KitStatus.IN_ORDER, date(2026, 12, 2), today)
    assert (late.label, late.severity) == ("controle te laat", "problem")
    assert shown_status(KitStatus.IN_ORDER, today, today).label == "in orde"  # due today
    worse = shown_status(KitStatus.TO_REPLENISH, date(2026, 11, 1), today)
    assert (worse.label, worse.severity) == ("aan te vullen, controle te laat", "problem")
    retired = shown_status(KitStatus.OUT_OF_USE, date(2025, 1, 1), today)
    assert (retired.label, retired.severity) == ("buiten gebruik", "neutral")
