"""First-aid kit rules: statuses, check outcomes, when the next re-check is due, and the plan.

Plain Python, no database: dates in, dates out. Intervals are whole months because that is
how the prevention advisor plans ("every six months"); adding months clamps to the end of a
shorter month (31/08 + 6 months = 28/02 or 29/02), so a plan never skips or invents a day.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from carma_logistiek.domain.errors import InvalidQuantity, ReplacementAboveNeed
from carma_logistiek.i18n import N_, _, ngettext


class KitStatus(enum.StrEnum):
    IN_ORDER = "in_orde"
    TO_REPLENISH = "aan_te_vullen"
    TO_REPLACE = "te_vervangen"
    OUT_OF_USE = "buiten_gebruik"

    @property
    def label(self) -> str:
        return _(KIT_STATUS_LABELS[self])

    @property
    def severity(self) -> str:
        return KIT_STATUS_SEVERITY[self]


KIT_STATUS_LABELS = {
    KitStatus.IN_ORDER: N_("in orde"),
    KitStatus.TO_REPLENISH: N_("aan te vullen"),
    KitStatus.TO_REPLACE: N_("te vervangen"),
    KitStatus.OUT_OF_USE: N_("buiten gebruik"),
}
KIT_STATUS_SEVERITY = {
    KitStatus.IN_ORDER: "ok",
    KitStatus.TO_REPLENISH: "attention",
    KitStatus.TO_REPLACE: "problem",
    KitStatus.OUT_OF_USE: "neutral",
}


class LineOutcome(enum.StrEnum):
    """What the advisor found for one item of the checklist."""

    OK = "ok"
    MISSING = "ontbreekt"
    EXPIRED = "vervallen"
    DAMAGED = "beschadigd"
    REPLENISHED = "aangevuld"

    @property
    def label(self) -> str:
        return _(LINE_OUTCOME_LABELS[self])

    @property
    def is_problem(self) -> bool:
        return self in (LineOutcome.MISSING, LineOutcome.EXPIRED, LineOutcome.DAMAGED)


LINE_OUTCOME_LABELS = {
    LineOutcome.OK: N_("ok"),
    LineOutcome.MISSING: N_("ontbreekt"),
    LineOutcome.EXPIRED: N_("vervallen"),
    LineOutcome.DAMAGED: N_("beschadigd"),
    LineOutcome.REPLENISHED: N_("aangevuld"),
}


class CheckResult(enum.StrEnum):
    IN_ORDER = "in_orde"
    REPLENISHED = "aangevuld"
    NOT_IN_ORDER = "niet_in_orde"

    @property
    def label(self) -> str:
        return _(CHECK_RESULT_LABELS[self])

    @property
    def severity(self) -> str:
        return {CheckResult.IN_ORDER: "ok", CheckResult.REPLENISHED: "info",
                CheckResult.NOT_IN_ORDER: "problem"}[self]


CHECK_RESULT_LABELS = {
    CheckResult.IN_ORDER: N_("in orde"),
    CheckResult.REPLENISHED: N_("aangevuld"),
    CheckResult.NOT_IN_ORDER: N_("niet in orde"),
}


def check_result(outcomes: Iterable[LineOutcome]) -> CheckResult:
    """All ok: in orde. Something replenished and nothing left wrong: aangevuld. Anything
    missing, expired or damaged that was not replenished: niet in orde."""
    found = list(outcomes)
    if any(outcome.is_problem for outcome in found):
        return CheckResult.NOT_IN_ORDER
    if any(outcome is LineOutcome.REPLENISHED for outcome in found):
        return CheckResult.REPLENISHED
    return CheckResult.IN_ORDER


def require_replacement_within_need(replace: int, needed: int, product: str) -> int:
    """How many units a check puts in the kit: never more than the template needs. A typo
    ("999" for 1) would empty the cupboard into one kit and book the rest as a shortage."""
    if isinstance(replace, bool) or not isinstance(replace, int) or replace < 0:
        raise InvalidQuantity(quantity=replace)
    if replace > needed:
        raise ReplacementAboveNeed(product=product, needed=needed, replace=replace)
    return replace


def status_after_check(result: CheckResult, critical_problem: bool) -> KitStatus:
    """A kit missing a critical item must be replaced or fixed at once; other gaps can wait
    until the next replenishment round."""
    if result is CheckResult.NOT_IN_ORDER:
        return KitStatus.TO_REPLACE if critical_problem else KitStatus.TO_REPLENISH
    return KitStatus.IN_ORDER


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the last day of a shorter month."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


@dataclass(frozen=True)
class ContentExpiry:
    """An item in the kit that expires, and how long before that it must be replaced;
    ``name`` (the product) says why a check comes early."""

    expiry: date
    replace_before_days: int = 0
    name: str = ""

    @property
    def replace_by(self) -> date:
        return self.expiry - timedelta(days=self.replace_before_days)


def next_check_date(
    *,
    last_check: date | None,
    placed_on: date,
    interval_months: int,
    contents: Iterable[ContentExpiry] = (),
) -> date:
    """The next re-check: the last check (or the placement) plus the interval, and earlier
    when an item must be replaced before that."""
    if interval_months < 1:
        raise ValueError("interval_months must be at least 1")
    regular = add_months(last_check or placed_on, interval_months)
    replace_dates = [item.replace_by for item in contents]
    return min([regular, *replace_dates])


def next_check_cause(due: date, contents: Iterable[ContentExpiry]) -> ContentExpiry | None:
    """The item whose replacement date set this due date (the first to expire), or None when
    the due date is the regular interval: the advisor sees why a kit checked today is due
    again in seven weeks instead of six months."""
    causes = sorted((item for item in contents if item.replace_by == due),
                    key=lambda item: (item.expiry, item.name))
    return causes[0] if causes else None


def next_check_reason(due: date, contents: Iterable[ContentExpiry]) -> str:
    """Why the next check falls on ``due``, as a short phrase ("vervaldatum Steriele
    kompressen (21/03/2027, 60 dagen vooraf vervangen)"); empty for the regular interval."""
    cause = next_check_cause(due, contents)
    if cause is None:
        return ""
    expiry = cause.expiry.strftime("%d/%m/%Y")
    if not cause.replace_before_days:
        return _("vervaldatum {product}", product=cause.name)
    return ngettext("vervaldatum {product} ({expiry}, {n} dag vooraf vervangen)",
                    "vervaldatum {product} ({expiry}, {n} dagen vooraf vervangen)",
                    cause.replace_before_days, product=cause.name, expiry=expiry)


@dataclass(frozen=True)
class ShownStatus:
    """The status a person sees: the kit's own status, and "te laat" once its check is
    overdue (a kit found in order a year ago is not in order today)."""

    label: str
    severity: str


def shown_status(status: KitStatus, due: date, today: date) -> ShownStatus:
    if status is KitStatus.OUT_OF_USE or due >= today:
        return ShownStatus(status.label, status.severity)
    if status is KitStatus.IN_ORDER:
        return ShownStatus(_("controle te laat"), "problem")
    return ShownStatus(_("{status}, controle te laat", status=status.label), "problem")


class PlanBucket(enum.StrEnum):
    OVERDUE = "achterstallig"
    THIS_WEEK = "deze_week"
    THIS_MONTH = "deze_maand"
    LATER = "later"

    @property
    def label(self) -> str:
        return _(PLAN_BUCKET_LABELS[self])

    @property
    def severity(self) -> str:
        return {PlanBucket.OVERDUE: "problem", PlanBucket.THIS_WEEK: "attention",
                PlanBucket.THIS_MONTH: "info", PlanBucket.LATER: "ok"}[self]


PLAN_BUCKET_LABELS = {
    PlanBucket.OVERDUE: N_("achterstallig"),
    PlanBucket.THIS_WEEK: N_("deze week"),
    PlanBucket.THIS_MONTH: N_("deze maand"),
    PlanBucket.LATER: N_("later"),
}


def plan_bucket(due: date, today: date) -> PlanBucket:
    """Overdue once the due date has passed (due today is still "deze week"); this week runs
    to Sunday (ISO week, as in Belgium); this month to the last day of the calendar month."""
    if due < today:
        return PlanBucket.OVERDUE
    end_of_week = today + timedelta(days=6 - today.weekday())
    if due <= end_of_week:
        return PlanBucket.THIS_WEEK
    end_of_month = date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    if due <= end_of_month:
        return PlanBucket.THIS_MONTH
    return PlanBucket.LATER


def days_overdue(due: date, today: date) -> int:
    return max(0, (today - due).days)
