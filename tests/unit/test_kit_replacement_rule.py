"""A kit check puts at most what the template needs into the kit."""

from __future__ import annotations

import pytest

from carma_logistiek.domain.errors import InvalidQuantity, ReplacementAboveNeed
from carma_logistiek.domain.kits import require_replacement_within_need


def test_replacements_up_to_the_need_pass() -> None:
    assert require_replacement_within_need(0, 1, "Mondstuk") == 0
    assert require_replacement_within_need(2, 2, "Speekseltest") == 2


def test_more_than_the_need_is_refused_with_a_sentence() -> None:
    with pytest.raises(ReplacementAboveNeed) as refused:
        require_replacement_within_need(999, 1, "Mondstuk alcoholtest")
    assert refused.value.field == "lines"
    assert refused.value.message() == (
        "Mondstuk alcoholtest: de kit heeft er 1 nodig, u wilt er 999 vervangen. Vervang "
        "hoogstens 1; er werd niets opgeslagen."
    )


@pytest.mark.parametrize("replace", [-1, True, 1.5, "2"])
def test_no_negative_or_non_whole_replacement(replace: object) -> None:
    with pytest.raises(InvalidQuantity):
        require_replacement_within_need(replace, 5, "Gaas")  # type: ignore[arg-type]
