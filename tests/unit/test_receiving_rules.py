"""Receiving goods: already expired, or more than the order line still expects, is asked
about with the numbers (never booked in silence)."""

from __future__ import annotations

from datetime import date

from carma_logistiek.domain.stock import ReceivingWarning, receiving_checks

TODAY = date(2026, 12, 3)


def warnings(**given: object) -> list[ReceivingWarning]:
    return [check.warning for check in receiving_checks(today=TODAY, **given)]  # type: ignore[arg-type]


def test_an_ordinary_delivery_asks_nothing() -> None:
    assert warnings(quantity=20, expiry=date(2028, 1, 1), outstanding=20) == []
    assert warnings(quantity=5, expiry=None, outstanding=None) == []
    assert warnings(quantity=5, expiry=TODAY) == []  # usable on its expiry date itself


def test_goods_that_expired_already() -> None:
    checks = receiving_checks(quantity=3, expiry=date(2024, 1, 1), today=TODAY)
    assert [c.warning for c in checks] == [ReceivingWarning.EXPIRED]
    assert "al vervallen: vervaldatum 01/01/2024" in checks[0].message()
    assert warnings(quantity=3, expiry=date(2026, 12, 2)) == [ReceivingWarning.EXPIRED]


def test_more_than_the_order_line_expects_says_the_numbers() -> None:
    checks = receiving_checks(quantity=25, expiry=None, today=TODAY, outstanding=20)
    assert [c.warning for c in checks] == [ReceivingWarning.MORE_THAN_ORDERED]
    assert checks[0].message() == (
        "U ontvangt 25, maar de bestellijn verwacht nog 20: 5 meer dan besteld."
    )
    assert warnings(quantity=20, expiry=None, outstanding=20) == []
    # Without an order line there is nothing to exceed.
    assert warnings(quantity=999, expiry=None, outstanding=None) == []


def test_both_at_once() -> None:
    assert warnings(quantity=25, expiry=date(2020, 1, 1), outstanding=20) == [
        ReceivingWarning.EXPIRED,
        ReceivingWarning.MORE_THAN_ORDERED,
    ]
