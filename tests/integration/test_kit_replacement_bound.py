"""A kit check that asks to replace more than the template needs ("Vervangen 999" for an item
that needs 1) is refused, and changes nothing: no stock taken, no shortage, no "in orde"."""

from __future__ import annotations

import pytest

from carma_logistiek.domain.errors import ReplacementAboveNeed
from carma_logistiek.domain.kits import LineOutcome
from carma_logistiek.services import kits, stock
from carma_logistiek.services.stock.overview import sum_ledger
from tests.support.actors import person


def test_replacing_more_than_the_need_is_refused_and_changes_nothing(db, zone, snapshot):  # type: ignore[no-untyped-def]
    kits.create_kit_type(
        db,
        code="FAK",
        name="First Aid Kit",
        interval_months_building=12,
        interval_months_vehicle=6,
        actor=person("t"),
        items=[kits.TemplateItemInput(zone.gloves, 1)],
    )
    stock.record_delivery(
        db, product_code=zone.gloves, location_code=zone.storeroom, quantity=23, actor=person("t")
    )
    kits.register_kit(
        db, code="K-1", kit_type_code="FAK", location_code=zone.storeroom, actor=person("t")
    )
    item = kits.kit_detail(db, "K-1").contents[0].item
    before = snapshot(db)
    with pytest.raises(ReplacementAboveNeed) as refused:
        kits.record_check(
            db,
            code="K-1",
            actor=person("a"),
            stock_location_code=zone.storeroom,
            lines=[kits.CheckLineInput(item.id, LineOutcome.MISSING, replace=999)],
        )
    assert "heeft er 1 nodig" in refused.value.message()
    assert snapshot(db) == before
    assert sum_ledger(db, location_code=zone.storeroom)[zone.gloves] == 23
    assert kits.kit_shortages(db) == []
    assert kits.kit_detail(db, "K-1").checks == ()
    # What the kit needs passes.
    check = kits.record_check(
        db,
        code="K-1",
        actor=person("a"),
        stock_location_code=zone.storeroom,
        lines=[kits.CheckLineInput(item.id, LineOutcome.MISSING, replace=1)],
    )
    assert [line.replaced_quantity for line in check.lines] == [1]
