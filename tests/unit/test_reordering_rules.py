"""Reordering rules: when to order, how much, and the sentence that says why."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carma_logistiek.domain.reordering import (
    InvalidConsumptionDays,
    ReorderFacts,
    expected_use,
    needs_ordering,
    require_days,
    round_up_to_pack,
    suggest,
    target_level,
)
from carma_logistiek.domain.stock import StockStatus, derive_status
from carma_logistiek.i18n import set_language

TODAY = date(2026, 3, 15)


def test_the_example_of_the_issue() -> None:
    facts = ReorderFacts(on_hand=4, on_order=2, minimum=10, consumed=18, days=90,
                         lead_time_days=14, pack_size=6)
    # 18 in 90 days over 14 + 30 days = 8.8 -> 9; target 19; 19 - 6 = 13 -> 3 packs of 6.
    result = suggest(facts)
    assert (result.needed, result.target, result.suggested) == (True, 19, 18)
    assert result.reason == ("onder minimum 10: 4 in voorraad, 2 besteld; verbruik 18 in 90 "
                             "dagen; aanvullen tot 19 (14 dagen levertijd + 30 dagen); per "
                             "verpakking van 6")


def test_at_the_minimum_is_enough_and_a_zero_minimum_never_orders() -> None:
    assert not needs_ordering(8, 2, 10)
    assert needs_ordering(8, 1, 10)
    assert not needs_ordering(0, 0, 0)
    assert suggest(ReorderFacts(on_hand=10, on_order=0, minimum=10)).suggested == 0


def test_a_maximum_is_filled_up_to_and_never_below_the_minimum() -> None:
    assert target_level(ReorderFacts(on_hand=0, on_order=0, minimum=10, maximum=40,
                                     consumed=900)) == 40
    assert target_level(ReorderFacts(on_hand=0, on_order=0, minimum=10, maximum=5)) == 10
    result = suggest(ReorderFacts(on_hand=3, on_order=4, minimum=10, maximum=30, pack_size=1))
    assert result.suggested == 23
    assert "aanvullen tot maximum 30" in result.reason


def test_a_needed_line_is_at_least_one_pack() -> None:
    # Target equals the minimum (nothing used) and one short: one pack of 100.
    assert suggest(ReorderFacts(on_hand=9, on_order=0, minimum=10, pack_size=100)).suggested \
        == 100
    assert round_up_to_pack(0, 6) == 6
    assert round_up_to_pack(7, 0) == 7  # a pack size of 0 is read as single units


def test_expected_use_rounds_up() -> None:
    assert expected_use(18, 90, 44) == 9
    assert expected_use(1, 90, 1) == 1
    assert expected_use(0, 90, 44) == 0
    assert expected_use(-3, 90, 44) == 0  # more reversed than used: nothing expected


def test_days_outside_the_range_are_refused_in_a_sentence() -> None:
    assert require_days(90) == 90
    for days in (0, -1, 100_000, True):
        with pytest.raises(InvalidConsumptionDays) as refused:
            require_days(days)  # type: ignore[arg-type]
        assert "dagen verbruik" in refused.value.message()


def test_the_reason_reads_in_english() -> None:
    set_language("en")
    reason = suggest(ReorderFacts(on_hand=4, on_order=2, minimum=10, consumed=18)).reason
    assert reason.startswith("below minimum 10: 4 in stock, 2 on order; used 18 in 90 days")


facts = st.builds(
    ReorderFacts,
    on_hand=st.integers(-5, 500), on_order=st.integers(0, 500), minimum=st.integers(0, 300),
    maximum=st.one_of(st.none(), st.integers(0, 600)), consumed=st.integers(0, 5000),
    days=st.integers(1, 400), lead_time_days=st.integers(0, 120), pack_size=st.integers(1, 60))


@given(facts)
def test_a_suggestion_covers_the_shortage_in_whole_packs(f: ReorderFacts) -> None:
    result = suggest(f)
    if not result.needed:
        assert result.suggested == 0
        return
    after = f.on_hand + f.on_order + result.suggested
    assert result.suggested % f.pack_size == 0 and result.suggested >= f.pack_size
    assert after >= result.target >= f.minimum  # back at or over the minimum
    assert after - f.pack_size < max(result.target, f.on_hand + f.on_order + 1)  # no extra pack


@given(st.integers(-5, 200), st.integers(1, 200))
def test_the_list_and_the_stock_screen_agree_on_under_minimum(quantity: int, minimum: int) -> None:
    status = derive_status(quantity=quantity, minimum=minimum, earliest_expiry=None,
                           on_order=False, today=TODAY)
    assert needs_ordering(quantity, 0, minimum) == (
        status in (StockStatus.RUNNING_LOW, StockStatus.OUT_OF_STOCK))
