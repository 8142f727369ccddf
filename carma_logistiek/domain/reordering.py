"""Reordering rules: when a product at a location needs ordering, and how much to order.

In plain words, for one product at one location:

- Its *position* is what is on hand plus what is on order there (order lines not yet
  received, on orders that are aangevraagd, besteld or deels geleverd: a request made from
  the order list counts at once, so the list never suggests the same shortage twice).
- It *needs ordering* when the position is below the minimum: strictly below, as the stock
  screen's "onder minimum" (domain/stock.py: ``quantity < minimum`` makes "bijna op") and the
  stuurbord's card; exactly at the minimum is enough. A minimum of 0 never asks for anything.
- The *target* is the maximum when one is set (order up to it; never below the minimum).
  Without a maximum it is the minimum plus what is expected to be used until the next order
  can arrive and be reviewed again: the daily use over the last N days (default 90) times the
  supplier's lead time (default 14 days) plus a review period of 30 days, rounded up.
- The *suggested quantity* is the target minus the position, rounded UP to whole packs of the
  supplier's pack size, and never less than one pack for a line that needs ordering.

    target    = maximum                                   when a maximum is set
              = minimum + ceil(used / days x (lead time + 30))   otherwise
    suggested = ceil((target - on hand - on order) / pack) x pack, at least one pack
"""

from __future__ import annotations

from dataclasses import dataclass

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_, _

DEFAULT_CONSUMPTION_DAYS = 90
DEFAULT_LEAD_TIME_DAYS = 14
REVIEW_PERIOD_DAYS = 30
# A window longer than ten years is a typing error, not a question.
MAX_CONSUMPTION_DAYS = 3660


class InvalidConsumptionDays(DomainError):
    code = "InvalidConsumptionDays"
    template = N_("Het aantal dagen verbruik moet tussen 1 en {maximum} liggen (u gaf {days}).")
    field = "days"


class UnknownSupplier(DomainError):
    code = "UnknownSupplier"
    template = N_("Onbekende leverancier: '{code}'. Kies een bestaande leverancier.")
    field = "supplier"


class SupplierRetired(DomainError):
    code = "SupplierRetired"
    template = N_("Leverancier {name} is niet meer actief: kies een andere leverancier.")
    field = "supplier"


class LineWithoutSupplier(DomainError):
    code = "LineWithoutSupplier"
    template = N_("{product} ({location}) heeft geen leverancier: koppel er een in "
                  "Stamgegevens.")
    field = "supplier"


class NothingChosen(DomainError):
    code = "NothingChosen"
    template = N_("Vink minstens één lijn van de bestellijst aan.")
    field = "lines"


def require_days(days: int) -> int:
    if isinstance(days, bool) or not isinstance(days, int) or not \
            1 <= days <= MAX_CONSUMPTION_DAYS:
        raise InvalidConsumptionDays(days=days, maximum=MAX_CONSUMPTION_DAYS)
    return days


@dataclass(frozen=True)
class ReorderFacts:
    """What is known about one product at one location."""

    on_hand: int
    on_order: int
    minimum: int
    maximum: int | None = None
    consumed: int = 0  # used in the last ``days`` days, a positive number
    days: int = DEFAULT_CONSUMPTION_DAYS
    lead_time_days: int = DEFAULT_LEAD_TIME_DAYS
    pack_size: int = 1


@dataclass(frozen=True)
class Suggestion:
    needed: bool
    target: int
    suggested: int  # 0 when not needed
    reason: str


def needs_ordering(on_hand: int, on_order: int, minimum: int) -> bool:
    """Below the minimum once what is on order has arrived (at the minimum is enough)."""
    return minimum > 0 and on_hand + on_order < minimum


def expected_use(consumed: int, days: int, horizon_days: int) -> int:
    """What ``horizon_days`` of use at the pace of ``consumed`` in ``days`` comes to, rounded
    up (half a test is a test to order)."""
    if consumed <= 0 or days <= 0 or horizon_days <= 0:
        return 0
    return -(-consumed * horizon_days // days)


def target_level(facts: ReorderFacts) -> int:
    if facts.maximum is not None:
        return max(facts.maximum, facts.minimum)
    horizon = max(0, facts.lead_time_days) + REVIEW_PERIOD_DAYS
    return facts.minimum + expected_use(facts.consumed, facts.days, horizon)


def round_up_to_pack(quantity: int, pack_size: int) -> int:
    """Whole packs covering ``quantity``, at least one pack."""
    pack = max(1, pack_size)
    packs = max(1, -(-quantity // pack))
    return packs * pack


def suggest(facts: ReorderFacts) -> Suggestion:
    """Whether to order and how much, with the sentence that explains it."""
    target = target_level(facts)
    if not needs_ordering(facts.on_hand, facts.on_order, facts.minimum):
        return Suggestion(False, target, 0, reason_text(facts, target))
    shortage = target - (facts.on_hand + facts.on_order)
    return Suggestion(True, target, round_up_to_pack(shortage, facts.pack_size),
                      reason_text(facts, target))


def reason_text(facts: ReorderFacts, target: int) -> str:
    """"onder minimum 10: 4 in voorraad, 2 besteld; verbruik 18 in 90 dagen; aanvullen tot
    25 (per 6)"."""
    text = _("onder minimum {minimum}: {on_hand} in voorraad, {on_order} besteld",
             minimum=facts.minimum, on_hand=facts.on_hand, on_order=facts.on_order)
    if not needs_ordering(facts.on_hand, facts.on_order, facts.minimum):
        text = _("minimum {minimum}: {on_hand} in voorraad, {on_order} besteld",
                 minimum=facts.minimum, on_hand=facts.on_hand, on_order=facts.on_order)
    text += "; " + _("verbruik {consumed} in {days} dagen", consumed=facts.consumed,
                     days=facts.days)
    if facts.maximum is not None:
        text += "; " + _("aanvullen tot maximum {target}", target=target)
    else:
        text += "; " + _("aanvullen tot {target} ({days} dagen levertijd + {review} dagen)",
                         target=target, days=max(0, facts.lead_time_days),
                         review=REVIEW_PERIOD_DAYS)
    if facts.pack_size > 1:
        text += "; " + _("per verpakking van {pack}", pack=facts.pack_size)
    return text
