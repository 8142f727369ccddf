"""What a clerk types as the counted quantity: letters are asked for in figures, not called
"negative"."""

from __future__ import annotations

import pytest

from carma_logistiek.domain.errors import CountNotANumber, InvalidCount, QuantityTooLarge
from carma_logistiek.domain.stock import parse_count


def test_whole_numbers_from_zero_are_counts() -> None:
    assert parse_count("0") == 0
    assert parse_count(" 23 ") == 23
    assert parse_count("007") == 7


@pytest.mark.parametrize("typed", ["abc", "", "2,5", "1e3", "²", "12a"])
def test_letters_and_fractions_ask_for_figures(typed: str) -> None:
    with pytest.raises(CountNotANumber) as refused:
        parse_count(typed)
    assert refused.value.message().startswith("Typ het getelde aantal in cijfers")


def test_letters_say_what_was_typed() -> None:
    with pytest.raises(CountNotANumber) as refused:
        parse_count("abc")
    assert refused.value.message() == (
        "Typ het getelde aantal in cijfers, 0 als er niets ligt (u gaf abc)."
    )


def test_negative_and_huge_counts() -> None:
    with pytest.raises(InvalidCount):
        parse_count("-3")
    with pytest.raises(QuantityTooLarge):
        parse_count("5410000000019123456789")
    with pytest.raises(QuantityTooLarge):
        parse_count("1000001")
