"""Consumption periods: ISO weeks, months and years as buckets of local (Brussels) dates.

A chart of "drug tests per month over two years" needs every month between two dates, also
the months in which nothing was used (they show as 0), each with a short label people read
("jan 2026", "week 5 2026") and the UTC instants where it starts and ends, so the database
can sort a timestamp into its bucket with plain comparisons (portable to every dialect, and
right across the change to and from summer time).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import PurePath

from carma_logistiek.clock import ZONE_TZ
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_, _

# A chart or a table with more columns than this reads as noise, and each bucket is one term
# of the query's CASE: five years of weeks is the most anyone asked for.
MAX_BUCKETS = 262


class Period(enum.StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"

    @property
    def label(self) -> str:
        return _(PERIOD_LABELS[self])


PERIOD_LABELS = {
    Period.WEEK: N_("per week"),
    Period.MONTH: N_("per maand"),
    Period.YEAR: N_("per jaar"),
}

MONTH_ABBREVIATIONS = (
    N_("jan"), N_("feb"), N_("mrt"), N_("apr"), N_("mei"), N_("jun"),
    N_("jul"), N_("aug"), N_("sep"), N_("okt"), N_("nov"), N_("dec"),
)


class UnknownPeriod(DomainError):
    code = "UnknownPeriod"
    template = N_("Onbekende periode '{period}': kies week, month of year.")
    field = "period"


class PeriodRangeReversed(DomainError):
    code = "PeriodRangeReversed"
    template = N_("De einddatum {date_to} ligt vóór de begindatum {date_from}: draai ze om.")
    field = "date_to"


class TooManyPeriods(DomainError):
    code = "TooManyPeriods"
    template = N_("Die periode telt {count} kolommen {period}; hoogstens {maximum} passen. "
                  "Kies een kortere periode of een grotere eenheid (maand, jaar).")
    field = "period"


class UnsupportedReportFormat(DomainError):
    code = "UnsupportedReportFormat"
    template = N_("Een verbruiksrapport wordt een .pdf- of een .xlsx-bestand, niet '{name}'.")
    field = "out"


REPORT_FORMATS = ("pdf", "xlsx")


def report_format(path: PurePath) -> str:
    """"pdf" or "xlsx" by the file's suffix; another suffix is refused with a sentence."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in REPORT_FORMATS:
        raise UnsupportedReportFormat(name=path.name)
    return kind


def parse_period(text: str | Period) -> Period:
    try:
        return Period(str(text).strip().lower())
    except ValueError:
        raise UnknownPeriod(period=text) from None


def bucket_start(day: date, period: Period) -> date:
    """The first day of the bucket ``day`` falls in: Monday of its ISO week, the first of its
    month, or 1 January."""
    if period is Period.WEEK:
        return day - timedelta(days=day.weekday())
    if period is Period.MONTH:
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def next_bucket_start(start: date, period: Period) -> date:
    if period is Period.WEEK:
        return start + timedelta(days=7)
    if period is Period.MONTH:
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return date(start.year + 1, 1, 1)


def local_midnight_utc(day: date) -> datetime:
    """The UTC instant at which ``day`` begins in Brussels."""
    return datetime.combine(day, time(0), ZONE_TZ).astimezone(UTC)


@dataclass(frozen=True)
class Bucket:
    """One column of a consumption chart: the local dates ``start`` to ``end`` (exclusive)."""

    period: Period
    start: date
    end: date

    @property
    def key(self) -> str:
        """Stable and sortable: "2026-W05", "2026-01", "2026"."""
        if self.period is Period.WEEK:
            year, week, _day = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.period is Period.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        return str(self.start.year)

    @property
    def label(self) -> str:
        """What a chart's axis and a table's row show: "jan 2026", "week 5 2026", "2026"."""
        if self.period is Period.WEEK:
            year, week, _day = self.start.isocalendar()
            return _("week {week} {year}", week=week, year=year)
        if self.period is Period.MONTH:
            return f"{_(MONTH_ABBREVIATIONS[self.start.month - 1])} {self.start.year}"
        return str(self.start.year)

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end


def buckets_between(date_from: date, date_to: date, period: Period | str) -> tuple[Bucket, ...]:
    """Every bucket from the one holding ``date_from`` to the one holding ``date_to``, in
    order, the empty ones included. Refuses a reversed range and more than MAX_BUCKETS."""
    period = parse_period(period)
    if date_to < date_from:
        raise PeriodRangeReversed(date_from=date_from.strftime("%d/%m/%Y"),
                                  date_to=date_to.strftime("%d/%m/%Y"))
    count = bucket_count(date_from, date_to, period)
    if count > MAX_BUCKETS:
        raise TooManyPeriods(count=count, period=period.label, maximum=MAX_BUCKETS)
    buckets: list[Bucket] = []
    start = bucket_start(date_from, period)
    while start <= date_to:
        end = next_bucket_start(start, period)
        buckets.append(Bucket(period, start, end))
        start = end
    return tuple(buckets)


def bucket_count(date_from: date, date_to: date, period: Period) -> int:
    if period is Period.WEEK:
        return (bucket_start(date_to, period) - bucket_start(date_from, period)).days // 7 + 1
    if period is Period.MONTH:
        return (date_to.year - date_from.year) * 12 + date_to.month - date_from.month + 1
    return date_to.year - date_from.year + 1


def bucket_index(buckets: tuple[Bucket, ...], day: date) -> int | None:
    """Which of ``buckets`` holds ``day`` (None outside them)."""
    for index, bucket in enumerate(buckets):
        if bucket.contains(day):
            return index
    return None
