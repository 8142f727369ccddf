"""Order life cycle, recipients, Dutch error messages, and i18n helpers."""

from __future__ import annotations

import string
from datetime import date, datetime

import pytest

from carma_logistiek import i18n
from carma_logistiek.domain import errors
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.domain.orders import (
    ORDER_STATUS_LABELS,
    ORDER_STATUS_SEVERITY,
    OrderStatus,
    require_editable,
    require_receivable,
    status_after_receipt,
)
from carma_logistiek.domain.stock import MovementKind, StockStatus
from carma_logistiek.services.results import Recipient

# --- orders -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [OrderStatus.REQUESTED, OrderStatus.ORDERED, OrderStatus.PARTIALLY_DELIVERED]
)
def test_open_orders_are_editable_and_receivable(status: OrderStatus) -> None:
    require_editable("B2026-0001", status)
    require_receivable("B2026-0001", status)


@pytest.mark.parametrize("status", [OrderStatus.CANCELLED, OrderStatus.DELIVERED])
def test_closed_orders_are_not_editable_nor_receivable(status: OrderStatus) -> None:
    with pytest.raises(errors.OrderNotEditable) as info:
        require_editable("B2026-0001", status)
    assert "B2026-0001" in str(info.value)
    assert status.label in str(info.value)
    with pytest.raises(errors.OrderNotEditable):
        require_receivable("B2026-0001", status)


def test_status_after_receipt() -> None:
    assert status_after_receipt([(10, 4)]) is OrderStatus.PARTIALLY_DELIVERED
    assert status_after_receipt([(10, 10)]) is OrderStatus.DELIVERED
    assert status_after_receipt([(10, 12)]) is OrderStatus.DELIVERED  # over-delivery closes it
    assert status_after_receipt([(10, 10), (5, 0)]) is OrderStatus.PARTIALLY_DELIVERED
    assert status_after_receipt([(10, 10), (5, 5)]) is OrderStatus.DELIVERED


def test_open_order_statuses() -> None:
    assert {s for s in OrderStatus if s.is_open} == {
        OrderStatus.ORDERED,
        OrderStatus.PARTIALLY_DELIVERED,
    }
    assert set(ORDER_STATUS_LABELS) == set(OrderStatus)
    assert set(ORDER_STATUS_SEVERITY) == set(OrderStatus)
    assert OrderStatus.PARTIALLY_DELIVERED.label == "deels geleverd"


# --- recipients -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vehicle:VITO-01", Recipient("vehicle", "VITO-01")),
        ("Vehicle: VITO-01 ", Recipient("vehicle", "VITO-01")),
        ("staff:12345", Recipient("staff", "12345")),
        ("kit:EHBO-7", Recipient("kit", "EHBO-7")),
        ("Inspecteur Peeters", Recipient("other", "Inspecteur Peeters")),
        ("boat:X", Recipient("other", "boat:X")),
        ("vehicle:", Recipient("other", "vehicle:")),
        (None, None),
        ("", None),
        ("   ", None),
    ],
)
def test_recipient_parse(text: str | None, expected: Recipient | None) -> None:
    assert Recipient.parse(text) == expected


def test_recipient_str_round_trips() -> None:
    for text in ("vehicle:VITO-01", "Inspecteur Peeters"):
        recipient = Recipient.parse(text)
        assert recipient is not None
        assert Recipient.parse(str(recipient)) == recipient


# --- errors -----------------------------------------------------------------------------


def all_error_classes() -> list[type[DomainError]]:
    return [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, DomainError) and value is not DomainError
    ]


def template_fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


DUTCH_WORDS = {
    "de",
    "het",
    "een",
    "van",
    "is",
    "niet",
    "kan",
    "vul",
    "op",
    "geen",
    "kies",
    "onbekende",
    "ongeldige",
    "gebruik",
}


@pytest.mark.parametrize("error_class", all_error_classes(), ids=lambda c: c.__name__)
def test_every_error_is_dutch_and_carries_code(error_class: type[DomainError]) -> None:
    fields = {name: f"<{name}>" for name in template_fields(error_class.template)}
    error = error_class(**fields)
    message = str(error)
    assert error.code == error_class.__name__
    assert message == error.message()
    assert "{" not in message, "every placeholder is filled"
    for value in fields.values():
        assert value in message
    words = {w.strip(".,:;()'").lower() for w in message.split()}
    assert words & DUTCH_WORDS, f"not Dutch? {message!r}"


def test_error_fields_point_at_the_input() -> None:
    assert errors.InsufficientStock.field == "quantity"
    assert errors.UnknownProduct.field == "product"
    assert errors.UnknownLocation.field == "location"
    assert errors.LotOfOtherProduct.field == "lot"
    assert errors.ExpiryRequired.field == "expiry"
    assert errors.SameLocation.field == "to_location"
    assert errors.DatabaseUnavailable.field is None


def test_error_message_with_values() -> None:
    error = errors.InsufficientStock(
        available=2,
        unit="stuk",
        product="Speekseltest",
        location="Magazijn Genk",
        lot_text="",
        requested=5,
    )
    assert str(error) == (
        "Onvoldoende voorraad: er is 2 stuk Speekseltest op Magazijn Genk, u vraagt 5."
    )
    assert error.fields["requested"] == 5


# --- i18n -------------------------------------------------------------------------------


@pytest.fixture
def english():  # type: ignore[no-untyped-def]
    i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("nl")


def test_dutch_is_the_default() -> None:
    assert i18n.current_language() == "nl"
    assert StockStatus.RUNNING_LOW.label == "bijna op"


def test_english_lookup(english: None) -> None:
    assert StockStatus.RUNNING_LOW.label == "running low"
    assert StockStatus.OUT_OF_STOCK.label == "out of stock"
    assert MovementKind.PICKUP.label == "Pickup"
    assert OrderStatus.CANCELLED.label == "cancelled"
    message = str(errors.UnknownProduct(code="XYZ"))
    assert "XYZ" in message
    assert "Unknown product" in message


def test_unknown_text_falls_back_to_dutch(english: None) -> None:
    assert i18n._("Dit staat niet in de catalogus {x}", x=1) == "Dit staat niet in de catalogus 1"


def test_unsupported_language() -> None:
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_dates_are_dd_mm_yyyy_in_both_languages(english: None) -> None:
    assert i18n.format_date(date(2026, 3, 5)) == "05/03/2026"
    assert i18n.format_datetime(datetime(2026, 3, 5, 14, 7)) == "05/03/2026 14:07"
    assert i18n.format_date(None) == ""
    assert i18n.format_datetime(None) == ""
    i18n.set_language("nl")
    assert i18n.format_date(date(2026, 12, 31)) == "31/12/2026"
