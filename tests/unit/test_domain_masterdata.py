"""The rules of master data, without a database: what an edit may change and what it may not."""

from __future__ import annotations

import pytest

from carma_logistiek.domain import masterdata as rules
from carma_logistiek.domain.errors import DomainError, NameRequired


def test_a_name_is_required_and_trimmed() -> None:
    assert rules.clean_name("  Speekseltest ") == "Speekseltest"
    with pytest.raises(NameRequired):
        rules.clean_name("   ")


@pytest.mark.parametrize("days", [1, 30, 3650, None])
def test_a_shelf_life_within_ten_years_or_none_is_accepted(days: int | None) -> None:
    assert rules.clean_shelf_life(days) == days


@pytest.mark.parametrize("days", [0, -1, 3651, True, "30"])
def test_a_shelf_life_outside_1_to_3650_days_is_refused(days: object) -> None:
    with pytest.raises(rules.InvalidShelfLife) as refused:
        rules.clean_shelf_life(days)  # type: ignore[arg-type]
    assert "3650" in refused.value.message()


@pytest.mark.parametrize(("days", "ok"), [(0, True), (365, True), (None, True), (366, False),
                                          (-1, False)])
def test_a_lead_time_is_0_to_365_days(days: int | None, ok: bool) -> None:
    if ok:
        assert rules.clean_lead_time(days) == days
    else:
        with pytest.raises(rules.InvalidLeadTime):
            rules.clean_lead_time(days)


@pytest.mark.parametrize("email", ["", "an@medi.be", " orders.belux@draeger.example ",
                                   "a.b+c@x.co.uk"])
def test_a_plausible_email_is_accepted(email: str) -> None:
    assert rules.clean_email(email) == email.strip()


@pytest.mark.parametrize("email", ["medi.be", "an@medi", "an@@medi.be", "an @medi.be",
                                   "an@medi.be@x.be"])
def test_an_email_without_one_at_and_a_dot_after_it_is_refused(email: str) -> None:
    with pytest.raises(rules.InvalidEmail) as refused:
        rules.clean_email(email)
    assert refused.value.field == "email"


def test_expiry_implies_lots() -> None:
    assert rules.tracking_after_edit(False, True) == (True, True)
    assert rules.tracking_after_edit(True, False) == (True, False)
    assert rules.tracking_after_edit(False, False) == (False, False)


def test_the_unit_is_fixed_once_stock_moved_in_it() -> None:
    rules.require_unit_change_allowed("Handschoenen", "stuk", "doos", has_movements=False)
    rules.require_unit_change_allowed("Handschoenen", "doos", "doos", has_movements=True)
    with pytest.raises(rules.UnitLocked) as refused:
        rules.require_unit_change_allowed("Handschoenen", "stuk", "doos", has_movements=True)
    assert "nieuw product" in refused.value.message()


def test_lot_tracking_stays_while_numbered_lots_hold_stock() -> None:
    rules.require_lot_tracking_change_allowed("Test", True, False, numbered_lots_with_stock=0)
    rules.require_lot_tracking_change_allowed("Test", False, True, numbered_lots_with_stock=3)
    with pytest.raises(rules.LotTrackingInUse) as refused:
        rules.require_lot_tracking_change_allowed("Test", True, False,
                                                  numbered_lots_with_stock=2)
    assert "2" in refused.value.message()


def test_a_location_retires_only_when_nothing_depends_on_it() -> None:
    rules.require_can_retire_location("Kast", stock_quantity=0, stock_lines=0,
                                      active_children=0, active_kits=0, transfer=False)
    rules.require_can_retire_location("Kast", stock_quantity=5, stock_lines=1,
                                      active_children=0, active_kits=0, transfer=True)
    cases = [
        (dict(stock_quantity=5, stock_lines=1, active_children=0, active_kits=0),
         rules.LocationHoldsStock),
        (dict(stock_quantity=0, stock_lines=0, active_children=2, active_kits=0),
         rules.LocationHasChildren),
        (dict(stock_quantity=0, stock_lines=0, active_children=0, active_kits=1),
         rules.LocationHasKits),
    ]
    for counts, error in cases:
        with pytest.raises(error):
            rules.require_can_retire_location("Kast", transfer=False, **counts)
    # A transfer does not empty a location of its children or kits.
    with pytest.raises(rules.LocationHasChildren) as refused:
        rules.require_can_retire_location("Kast", stock_quantity=1, stock_lines=1,
                                          active_children=3, active_kits=0, transfer=True)
    assert "3" in refused.value.message()


def test_a_zone_stays_a_root_and_nothing_moves_into_its_own_subtree() -> None:
    rules.require_valid_move("Zone", "zone", "/1/", parent=None, parent_path=None)
    rules.require_valid_move("Kast", "cabinet", "/1/4/9/", parent="Bree", parent_path="/1/5/")
    with pytest.raises(rules.ZoneStaysRoot):
        rules.require_valid_move("Zone", "zone", "/1/", parent="Genk", parent_path="/1/4/")
    with pytest.raises(rules.ParentRequired):
        rules.require_valid_move("Kast", "cabinet", "/1/4/9/", parent=None, parent_path=None)
    with pytest.raises(rules.MoveIntoOwnSubtree):
        rules.require_valid_move("Genk", "site", "/1/4/", parent="Kast", parent_path="/1/4/9/")
    with pytest.raises(rules.MoveIntoOwnSubtree):
        rules.require_valid_move("Genk", "site", "/1/4/", parent="Genk", parent_path="/1/4/")
    # "/1/4/" is not a prefix of "/1/41/": a sibling with a longer id is no descendant.
    rules.require_valid_move("Genk", "site", "/1/4/", parent="Other", parent_path="/1/41/")


def test_a_moved_subtree_keeps_its_tail() -> None:
    assert rules.moved_path("/1/4/9/12/", "/1/4/9/", "/1/5/9/") == "/1/5/9/12/"
    with pytest.raises(ValueError):
        rules.moved_path("/1/5/", "/1/4/", "/1/6/")


@pytest.mark.parametrize("size", [0, -3, 100_001, True])
def test_a_pack_size_is_a_whole_number_from_1(size: int) -> None:
    with pytest.raises(rules.InvalidPackSize):
        rules.clean_pack_size(size)
    assert rules.clean_pack_size(12) == 12


def test_every_refusal_is_a_dutch_sentence() -> None:
    errors = [rules.UnitLocked(product="X", unit="stuk", new_unit="doos"),
              rules.LocationHoldsStock(location="Kast", quantity=3, lines=1),
              rules.ProductRetired(product="X", date="01/01/2026"),
              rules.CodeCannotChange(code="X")]
    for error in errors:
        assert isinstance(error, DomainError)
        text = error.message()
        assert text[0].isupper() and text.endswith("."), text
        assert "{" not in text
