"""The periods of a consumption chart: ISO weeks, months and years between two local dates,
every one of them (empty months show as 0), labelled as people read them in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from carma_logistiek import i18n
from carma_logistiek.domain.consumption import (
    MAX_BUCKETS,
    Period,
    PeriodRangeReversed,
    TooManyPeriods,
    UnknownPeriod,
    bucket_index,
    buckets_between,
    local_midnight_utc,
    parse_period,
)


def test_months_between_two_dates_include_the_empty_ones() -> None:
    buckets = buckets_between(date(2025, 11, 20), date(2026, 2, 3), Period.MONTH)
    assert [b.key for b in buckets] == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert [b.label for b in buckets] == ["nov 2025", "dec 2025", "jan 2026", "feb 2026"]
    assert buckets[1].start == date(2025, 12, 1) and buckets[1].end == date(2026, 1, 1)


def test_two_years_of_months_is_24_buckets() -> None:
    assert len(buckets_between(date(2024, 1, 1), date(2025, 12, 31), "month")) == 24


def test_iso_weeks_start_on_monday_and_carry_the_iso_year() -> None:
    # 29/12/2025 is a Monday in ISO week 1 of 2026.
    buckets = buckets_between(date(2025, 12, 24), date(2026, 1, 5), "week")
    assert [b.label for b in buckets] == ["week 52 2025", "week 1 2026", "week 2 2026"]
    assert buckets[1].start == date(2025, 12, 29)
    assert [b.key for b in buckets] == ["2025-W52", "2026-W01", "2026-W02"]


def test_years() -> None:
    buckets = buckets_between(date(2024, 6, 1), date(2026, 1, 1), Period.YEAR)
    assert [b.label for b in buckets] == ["2024", "2025", "2026"]


def test_labels_in_english() -> None:
    i18n.set_language("en")
    buckets = buckets_between(date(2026, 1, 26), date(2026, 5, 1), "month")
    assert buckets[0].label == "Jan 2026"
    assert buckets[-1].label == "May 2026"
    assert buckets_between(date(2026, 1, 26), date(2026, 1, 26), "week")[0].label == \
        "wk 5 2026"


def test_a_bucket_starts_at_brussels_midnight_in_utc() -> None:
    assert local_midnight_utc(date(2026, 1, 1)) == datetime(2025, 12, 31, 23, tzinfo=UTC)
    assert local_midnight_utc(date(2026, 7, 1)) == datetime(2026, 6, 30, 22, tzinfo=UTC)


def test_which_bucket_holds_a_day() -> None:
    buckets = buckets_between(date(2026, 1, 1), date(2026, 3, 31), "month")
    assert bucket_index(buckets, date(2026, 2, 28)) == 1
    assert bucket_index(buckets, date(2026, 4, 1)) is None


def test_bad_ranges_and_periods_are_sentences() -> None:
    with pytest.raises(PeriodRangeReversed, match="31/01/2026"):
        buckets_between(date(2026, 2, 1), date(2026, 1, 31), "month")
    with pytest.raises(UnknownPeriod, match="kwartaal"):
        parse_period("kwartaal")
    with pytest.raises(TooManyPeriods, match=str(MAX_BUCKETS)):
        buckets_between(date(2000, 1, 1), date(2026, 1, 1), "week")
    assert len(buckets_between(date(2000, 1, 1), date(2026, 1, 1), "year")) == 27
