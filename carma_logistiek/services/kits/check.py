"""The re-check of a kit, in one transaction: the checklist, the replacements taken from stock
through the stock ledger (the same engine, lock order and retry as a pickup), the shortage
stock could not cover, the kit's new contents and status, a photo, the next re-check date.

What stock cannot supply is recorded as a shortage, a to-do that shows as demand on the stock
side until a later check resolves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import KitCheck, KitCheckLine, KitContent, KitPhoto
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.errors import CheckInFuture, CheckLineMismatch
from carma_logistiek.domain.kits import (
    CheckResult,
    LineOutcome,
    add_months,
    check_result,
    require_replacement_within_need,
    status_after_check,
)
from carma_logistiek.domain.stock import MovementKind
from carma_logistiek.services.command import Replay, StoredKey, Tx, write
from carma_logistiek.services.kits.common import (
    CheckLineInput,
    CheckRow,
    TemplateItemRow,
    active_kit,
    check_row,
    interval_of,
    kit_changes,
    next_due,
    template,
)
from carma_logistiek.services.lookups import LocationRef, location_by_code, product_by_code
from carma_logistiek.services.results import BookingResult, Recipient
from carma_logistiek.services.stock.allocation import fefo_usable_lots
from carma_logistiek.services.stock.ledger import (
    LedgerLine,
    booking_result,
    find_booking_key,
    open_booking,
    post_booking,
)

COMMAND = "kits.record_check"


def _find_check_key(session: Session, key: str) -> StoredKey | None:
    row = session.execute(select(KitCheck.id, KitCheck.request_hash)
                          .where(KitCheck.idempotency_key == key)).first()
    if row is not None:
        return StoredKey(row[0], row[1], COMMAND)
    # The check's pickup shares its key: a booking under this key without a check is another
    # request (a stock verb), never this check.
    booking = find_booking_key(session, key)
    if booking is not None:
        return replace(booking, command=booking.command or "stock")
    return None


def _rebuild_check(session: Session, stored: StoredKey) -> CheckRow:
    row = check_row(session, stored.id)
    booking = (booking_result(session, row.booking_id, replayed=True)
               if row.booking_id is not None else None)
    return replace(row, replayed=True, stock_booking=booking)


replay_check: Replay[CheckRow] = Replay(find=_find_check_key, rebuild=_rebuild_check)


@write(Permission.KITS_CHECK, replay=replay_check, name=COMMAND)
def record_check(
    tx: Tx, /,
    *,
    code: str,
    lines: Sequence[CheckLineInput],
    actor: Actor,
    stock_location_code: str | None = None,
    checked_on: date | None = None,
    note: str = "",
    photo: tuple[bytes, str] | None = None,
    key: str | None = None,
) -> CheckRow:
    """Record a re-check, all in one transaction: the checklist, items replaced from stock
    (a pickup for this kit at ``stock_location_code``), the shortage stock could not cover,
    the kit's new contents and status, an optional photo, and the next re-check date.

    Every template item must appear exactly once, replacing at most what the template needs
    (``ReplacementAboveNeed``). A retry with the same ``key`` and the same
    request returns the check recorded the first time.
    """
    today = local_today()
    checked_on = checked_on or today
    if checked_on > today:
        raise CheckInFuture(date=checked_on.strftime("%d/%m/%Y"))
    session = tx.session
    kit = active_kit(session, code)
    # The check row (and its key) first: a key recorded before fails here, on its unique index.
    check = KitCheck(kit_id=kit.id, checked_on=checked_on, checked_by=actor.user,
                     result=CheckResult.IN_ORDER.value, next_due=checked_on,
                     idempotency_key=tx.key, request_hash=tx.fingerprint or None,
                     note=note.strip()[:500])
    session.add(check)
    session.flush()
    items = {item.id: item for item in template(session, kit.kit_type_id)}
    if sorted(line.template_item_id for line in lines) != sorted(items):
        raise CheckLineMismatch(code=kit.code)
    for line in lines:  # before anything is taken from stock (the transaction rolls back)
        item = items[line.template_item_id]
        require_replacement_within_need(line.replace, item.quantity, item.product_name)
    supplier = _StockSupplier(
        session, location_by_code(session, stock_location_code) if stock_location_code else None,
        Recipient("kit", kit.code), today=checked_on,
        regular_next=add_months(checked_on, interval_of(session, kit)))
    outcomes: list[LineOutcome] = []
    critical_problem = False
    for line in lines:
        item = items[line.template_item_id]
        supplied, expiry = supplier.take(item.product_code, line.replace,
                                         item.replace_before_days if item.expires else 0)
        outcome = _final_outcome(line, supplied)
        outcomes.append(outcome)
        critical_problem |= outcome.is_problem and item.critical
        session.add(KitCheckLine(check_id=check.id, template_item_id=item.id,
                                 outcome=outcome.value, replaced_quantity=supplied,
                                 short_quantity=line.replace - supplied))
        if supplied:
            _refill(session, kit.id, item, supplied, expiry, outcome)
    booking = supplier.book(tx)
    result = check_result(outcomes)
    kit.status = status_after_check(result, critical_problem).value
    kit.assigned_to = None
    check.result = result.value
    check.booking_id = booking.booking_id if booking is not None else None
    if photo is not None:
        from carma_logistiek.scanning.images import clean_photo

        data, mime_type = clean_photo(photo[0])
        session.add(KitPhoto(kit_id=kit.id, check_id=check.id, taken_by=actor.user,
                             mime_type=mime_type, data=data))
    session.flush()
    kit.next_check_due = check.next_due = next_due(session, kit, last_check=checked_on)
    session.flush()
    changes = kit_changes(kit.code) | (booking.changes if booking is not None else kit_changes())
    return replace(check_row(session, check.id), stock_booking=booking, changes=changes)


def _final_outcome(line: CheckLineInput, supplied: int) -> LineOutcome:
    """A problem fully fixed from stock counts as replenished; a partial fix stays a problem."""
    if line.replace and supplied == line.replace:
        return LineOutcome.REPLENISHED
    if line.outcome is LineOutcome.REPLENISHED and supplied < line.replace:
        return LineOutcome.MISSING
    return line.outcome


def _refill(session: Session, kit_id: int, item: TemplateItemRow, supplied: int,
            expiry: date | None, outcome: LineOutcome) -> None:
    content = session.get(KitContent, (kit_id, item.id))
    if content is None:
        content = KitContent(kit_id=kit_id, template_item_id=item.id, quantity=0)
        session.add(content)
    # Replacing expired or damaged items swaps them; topping up adds to what is there.
    content.quantity = min(item.quantity, supplied if outcome is LineOutcome.REPLENISHED
                           and content.quantity >= item.quantity else
                           content.quantity + supplied)
    if item.expires:
        content.expiry = expiry


@dataclass
class _StockSupplier:
    """Plans the replacement items a check takes from stock (usable lots only, as much as
    there is), then books them as ONE pickup for the kit on the stock ledger: the booking row
    under the check's key, the level rows locked in order, each line a conditional update."""

    session: Session
    location: LocationRef | None
    recipient: Recipient
    today: date
    regular_next: date

    def __post_init__(self) -> None:
        self.lines: list[LedgerLine] = []
        self.planned: dict[int, int] = {}  # lot id -> taken by earlier lines of this check

    def take(self, product_code: str, wanted: int,
             replace_before_days: int) -> tuple[int, date | None]:
        """Plan taking up to ``wanted`` units. Lots that last until the kit's next regular
        re-check come first (FEFO among them), so a refilled kit is not due again next week;
        then the other lots outside the item's replacement margin, longest-lasting first."""
        if wanted <= 0 or self.location is None:
            return 0, None
        product = product_by_code(self.session, product_code)
        margin = timedelta(days=replace_before_days)
        usable = [(lot, available - self.planned.get(lot.id, 0)) for lot, available
                  in fefo_usable_lots(self.session, product, self.location, self.today)
                  if lot.expiry is None or lot.expiry - margin > self.today]
        usable = [(lot, available) for lot, available in usable if available > 0]
        lasting = [pair for pair in usable
                   if pair[0].expiry is None or pair[0].expiry - margin >= self.regular_next]
        # When nothing lasts that long, the lots that last longest go first.
        rest = sorted((pair for pair in usable if pair not in lasting),
                      key=lambda pair: pair[0].expiry or date.max, reverse=True)
        taken_total, first_expiry = 0, None
        for lot, available in lasting + rest:
            amount = min(available, wanted - taken_total)
            self.planned[lot.id] = self.planned.get(lot.id, 0) + amount
            self.lines.append(LedgerLine(MovementKind.PICKUP, product, lot, self.location,
                                         -amount, recipient=self.recipient,
                                         note="hercontrole EHBO-kit"))
            taken_total += amount
            if first_expiry is None or (lot.expiry and lot.expiry < first_expiry):
                first_expiry = lot.expiry
            if taken_total == wanted:
                break
        return taken_total, first_expiry

    def book(self, tx: Tx) -> BookingResult | None:
        """Book what was planned, under the check's key; nothing when nothing was taken."""
        if not self.lines:
            return None
        booking_id = open_booking(tx, MovementKind.PICKUP, note=f"EHBO-kit {self.recipient.code}")
        return post_booking(tx, booking_id, MovementKind.PICKUP, self.lines)
