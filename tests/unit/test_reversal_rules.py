"""The storno's rules without a database: booking numbers as people copy them, and the
status an order is left in when a delivery on it is reversed."""

from __future__ import annotations

import pytest

from carma_logistiek.domain import reversal as rules
from carma_logistiek.domain.orders import OrderStatus


def test_booking_numbers_as_the_history_shows_them() -> None:
    assert rules.parse_booking_number("123") == 123
    assert rules.parse_booking_number(" #123 ") == 123
    assert rules.parse_booking_number("boeking 7") == 7


@pytest.mark.parametrize("wrong", ["", "abc", "12a", "-4", "0", "1.5"])
def test_anything_else_is_a_sentence(wrong: str) -> None:
    with pytest.raises(rules.InvalidBookingNumber) as refused:
        rules.parse_booking_number(wrong)
    assert "bv. 123 of #123" in str(refused.value)


def test_an_order_with_nothing_received_left_is_ordered_again_or_requested() -> None:
    assert rules.status_after_reversal([(10, 0)], status=OrderStatus.DELIVERED,
                                       was_ordered=True) is OrderStatus.ORDERED
    assert rules.status_after_reversal([(10, 0)], status=OrderStatus.PARTIALLY_DELIVERED,
                                       was_ordered=False) is OrderStatus.REQUESTED


def test_an_order_with_something_received_left_is_partly_delivered() -> None:
    assert rules.status_after_reversal([(10, 4), (2, 2)], status=OrderStatus.DELIVERED,
                                       was_ordered=True) is OrderStatus.PARTIALLY_DELIVERED


def test_a_cancelled_order_stays_cancelled() -> None:
    assert rules.status_after_reversal([(10, 0)], status=OrderStatus.CANCELLED,
                                       was_ordered=True) is OrderStatus.CANCELLED


def test_a_reason_is_required() -> None:
    with pytest.raises(rules.ReversalReasonRequired):
        rules.require_reason(" \t", 5)
    assert rules.require_reason("  fout lot ", 5) == "fout lot"
