"""Stock rules without a database: derived status, FEFO, quantities."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carma_logistiek.domain.errors import (
    DomainError,
    InvalidCount,
    InvalidQuantity,
    QuantityTooLarge,
)
from carma_logistiek.domain.stock import (
    DEFAULT_EXPIRY_HORIZON_DAYS,
    MAX_QUANTITY,
    MOVEMENT_LABELS,
    OUTGOING_KINDS,
    STATUS_LABELS,
    STATUS_SEVERITY,
    LotStock,
    MovementKind,
    StockStatus,
    derive_status,
    fefo_order,
    is_expired,
    parse_quantity,
    require_count,
    require_positive_quantity,
    suggest_lot,
)

TODAY = date(2026, 3, 15)
FAR = TODAY + timedelta(days=365)


def status(
    quantity: int = 10,
    minimum: int = 0,
    expiry: date | None = None,
    on_order: bool = False,
    horizon: int = DEFAULT_EXPIRY_HORIZON_DAYS,
) -> StockStatus:
    return derive_status(
        quantity=quantity,
        minimum=minimum,
        earliest_expiry=expiry,
        on_order=on_order,
        today=TODAY,
        horizon_days=horizon,
    )


# --- derive_status: every status --------------------------------------------------------


def test_in_stock() -> None:
    assert status(quantity=10, minimum=5, expiry=FAR) is StockStatus.IN_STOCK
    assert status(quantity=1, minimum=0, expiry=None) is StockStatus.IN_STOCK


def test_at_minimum_is_still_in_stock() -> None:
    assert status(quantity=5, minimum=5) is StockStatus.IN_STOCK


def test_running_low_under_minimum() -> None:
    assert status(quantity=4, minimum=5) is StockStatus.RUNNING_LOW


@pytest.mark.parametrize("quantity", [0, -1])
def test_out_of_stock(quantity: int) -> None:
    assert status(quantity=quantity, minimum=5) is StockStatus.OUT_OF_STOCK
    assert status(quantity=quantity, minimum=0) is StockStatus.OUT_OF_STOCK


def test_expiring_soon_and_expired() -> None:
    assert status(expiry=TODAY + timedelta(days=10)) is StockStatus.EXPIRING_SOON
    assert status(expiry=TODAY - timedelta(days=1)) is StockStatus.EXPIRED


# --- derive_status: precedence ----------------------------------------------------------


def test_expired_beats_shortage() -> None:
    assert status(quantity=1, minimum=5, expiry=TODAY - timedelta(days=1)) is StockStatus.EXPIRED


def test_expired_beats_open_order() -> None:
    expired = TODAY - timedelta(days=1)
    assert status(quantity=1, minimum=5, expiry=expired, on_order=True) is StockStatus.EXPIRED


def test_open_order_turns_shortage_into_ordered() -> None:
    assert status(quantity=2, minimum=5, on_order=True) is StockStatus.ORDERED


def test_open_order_turns_out_of_stock_into_ordered() -> None:
    assert status(quantity=0, minimum=5, on_order=True) is StockStatus.ORDERED


def test_open_order_without_shortage_stays_in_stock() -> None:
    assert status(quantity=10, minimum=5, on_order=True) is StockStatus.IN_STOCK


def test_shortage_beats_expiring_soon() -> None:
    soon = TODAY + timedelta(days=5)
    assert status(quantity=2, minimum=5, expiry=soon) is StockStatus.RUNNING_LOW
    assert status(quantity=2, minimum=5, expiry=soon, on_order=True) is StockStatus.ORDERED


def test_horizon_boundary_is_inclusive() -> None:
    edge = TODAY + timedelta(days=DEFAULT_EXPIRY_HORIZON_DAYS)
    assert status(expiry=edge) is StockStatus.EXPIRING_SOON
    assert status(expiry=edge + timedelta(days=1)) is StockStatus.IN_STOCK


def test_horizon_is_configurable() -> None:
    in_20_days = TODAY + timedelta(days=20)
    assert status(expiry=in_20_days, horizon=30) is StockStatus.EXPIRING_SOON
    assert status(expiry=in_20_days, horizon=10) is StockStatus.IN_STOCK


def test_expiry_day_itself_is_not_expired() -> None:
    assert status(expiry=TODAY) is StockStatus.EXPIRING_SOON
    assert not is_expired(TODAY, TODAY)
    assert is_expired(TODAY - timedelta(days=1), TODAY)
    assert not is_expired(None, TODAY)


def test_every_status_has_a_label_and_a_severity() -> None:
    assert set(STATUS_LABELS) == set(StockStatus)
    assert set(STATUS_SEVERITY) == set(StockStatus)
    assert StockStatus.RUNNING_LOW.label == "bijna op"
    assert StockStatus.EXPIRED.severity == "problem"
    assert set(MOVEMENT_LABELS) == set(MovementKind)
    assert MovementKind.PICKUP.label == "Afhaling"
    assert MovementKind.PICKUP in OUTGOING_KINDS
    assert MovementKind.DELIVERY not in OUTGOING_KINDS


@given(
    quantity=st.integers(-5, 100),
    minimum=st.integers(0, 100),
    offset=st.one_of(st.none(), st.integers(-400, 400)),
    on_order=st.booleans(),
)
def test_derive_status_is_total_and_consistent(
    quantity: int, minimum: int, offset: int | None, on_order: bool
) -> None:
    expiry = None if offset is None else TODAY + timedelta(days=offset)
    result = status(quantity=quantity, minimum=minimum, expiry=expiry, on_order=on_order)
    assert isinstance(result, StockStatus)
    if quantity <= 0:
        assert result in (StockStatus.OUT_OF_STOCK, StockStatus.ORDERED)
    elif expiry is not None and expiry < TODAY:
        assert result is StockStatus.EXPIRED
    if result is StockStatus.ORDERED:
        assert on_order
    if result is StockStatus.IN_STOCK:
        assert quantity >= minimum and quantity > 0


# --- FEFO -------------------------------------------------------------------------------


def lot(number: str, expiry: date | None, quantity: int = 5, lot_id: int | None = None) -> LotStock:
    return LotStock(
        lot_id if lot_id is not None else hash(number) % 10_000, number, expiry, quantity
    )


def test_fefo_earliest_expiry_first_lots_without_expiry_last() -> None:
    lots = [
        lot("C", None),
        lot("B", TODAY + timedelta(days=30)),
        lot("A", TODAY + timedelta(days=10)),
        lot("D", TODAY + timedelta(days=10)),
    ]
    assert [x.lot_number for x in fefo_order(lots)] == ["A", "D", "B", "C"]


def test_fefo_skips_empty_lots() -> None:
    lots = [lot("A", TODAY, quantity=0), lot("B", FAR, quantity=3)]
    assert [x.lot_number for x in fefo_order(lots)] == ["B"]


def test_suggest_lot_skips_expired() -> None:
    lots = [lot("OLD", TODAY - timedelta(days=1)), lot("NEW", FAR), lot("SOON", TODAY)]
    suggested = suggest_lot(lots, TODAY)
    assert suggested is not None and suggested.lot_number == "SOON"


def test_suggest_lot_none_when_everything_is_expired_or_empty() -> None:
    assert suggest_lot([lot("OLD", TODAY - timedelta(days=3))], TODAY) is None
    assert suggest_lot([lot("EMPTY", FAR, quantity=0)], TODAY) is None
    assert suggest_lot([], TODAY) is None


lot_strategy = st.builds(
    LotStock,
    lot_id=st.integers(1, 1000),
    lot_number=st.text("ABCDEFG0123456789", min_size=1, max_size=6),
    expiry=st.one_of(st.none(), st.dates(date(2025, 1, 1), date(2028, 1, 1))),
    quantity=st.integers(0, 20),
)


@given(lots=st.lists(lot_strategy, max_size=12), today=st.dates(date(2025, 1, 1), date(2028, 1, 1)))
def test_fefo_never_suggests_an_expired_or_empty_lot(lots: list[LotStock], today: date) -> None:
    suggested = suggest_lot(lots, today)
    usable = [x for x in lots if x.quantity > 0 and not is_expired(x.expiry, today)]
    if not usable:
        assert suggested is None
        return
    assert suggested is not None
    assert suggested.quantity > 0
    assert not is_expired(suggested.expiry, today)
    # and nothing usable expires before it
    if suggested.expiry is not None:
        assert all(x.expiry is None or x.expiry >= suggested.expiry for x in usable)
    else:
        assert all(x.expiry is None for x in usable)


@given(lots=st.lists(lot_strategy, max_size=12))
def test_fefo_order_is_sorted_and_keeps_all_stock(lots: list[LotStock]) -> None:
    ordered = fefo_order(lots)
    assert sum(x.quantity for x in ordered) == sum(x.quantity for x in lots)
    keys = [(x.expiry is None, x.expiry or date.max) for x in ordered]
    assert keys == sorted(keys)


# --- quantities -------------------------------------------------------------------------


@pytest.mark.parametrize("value", [1, 7, 10_000])
def test_positive_quantities_pass(value: int) -> None:
    assert require_positive_quantity(value) == value


@pytest.mark.parametrize("value", [0, -1, -100, 1.5, 2.0, True, False, "3", None, [1]])
def test_invalid_quantities_are_refused(value: object) -> None:
    with pytest.raises(InvalidQuantity) as info:
        require_positive_quantity(value)
    assert info.value.code == "InvalidQuantity"
    assert info.value.field == "quantity"
    assert "geheel getal groter dan nul" in str(info.value)


def test_count_allows_zero_but_not_negative() -> None:
    assert require_count(0) == 0
    assert require_count(12) == 12
    for value in (-1, 1.5, True, "2"):
        with pytest.raises(InvalidCount):
            require_count(value)


@pytest.mark.parametrize(("text", "expected"), [("5", 5), (" 12 ", 12), ("007", 7)])
def test_parse_quantity(text: str, expected: int) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize(
    "text", ["", "  ", "0", "-3", "1.5", "1,5", "abc", "5 stuks", "--5", "-", "²", "1e3", "+-1"]
)
def test_parse_quantity_refuses(text: str) -> None:
    with pytest.raises(InvalidQuantity) as info:
        parse_quantity(text)
    assert "hoeveelheid" in str(info.value)


@given(st.one_of(st.text(max_size=20), st.from_regex(r"\A\s*-*[0-9²٣]{0,25}\s*\Z")))
def test_parse_quantity_never_raises_anything_but_a_quantity_error(text: str) -> None:
    try:
        result = parse_quantity(text)
    except (InvalidQuantity, QuantityTooLarge) as error:
        assert error.field == "quantity"
        return
    assert isinstance(result, int) and 0 < result <= MAX_QUANTITY


@pytest.mark.parametrize("value", [MAX_QUANTITY + 1, 5412345678908, 10**30])
def test_absurd_quantities_are_refused(value: int) -> None:
    """A GTIN scanned into the quantity field must not book trillions (nor overflow INTEGER)."""
    with pytest.raises(QuantityTooLarge) as info:
        require_positive_quantity(value)
    assert "te groot" in str(info.value)
    with pytest.raises(QuantityTooLarge):
        require_count(value)
    with pytest.raises(QuantityTooLarge):
        parse_quantity(str(value))
    assert require_positive_quantity(MAX_QUANTITY) == MAX_QUANTITY


@given(st.integers(1, MAX_QUANTITY))
def test_parse_quantity_round_trips(value: int) -> None:
    assert parse_quantity(str(value)) == value


def test_domain_errors_are_domain_errors() -> None:
    assert issubclass(InvalidQuantity, DomainError)
    assert issubclass(InvalidCount, DomainError)


def test_plausible_expiry_dates() -> None:
    from carma_logistiek.domain.stock import ImplausibleExpiry, require_plausible_expiry

    for fine in (None, date(2000, 1, 1), date(2027, 6, 30), date(2099, 12, 31)):
        require_plausible_expiry(fine)
    for wrong in (date(1, 1, 1), date(1999, 12, 31), date(2100, 1, 1), date(9999, 12, 31)):
        with pytest.raises(ImplausibleExpiry):
            require_plausible_expiry(wrong)
