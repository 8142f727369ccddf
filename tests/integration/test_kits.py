"""The kit register and re-checks against a real database: replacing items takes them from
stock in the same transaction, shortages become demand, the next date is planned."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from carma_logistiek.clock import local_today
from carma_logistiek.domain.errors import (
    CheckLineMismatch,
    KitRetired,
    UnknownKit,
    UnknownLocation,
)
from carma_logistiek.domain.kits import (
    CheckResult,
    KitStatus,
    LineOutcome,
    PlanBucket,
    add_months,
)
from carma_logistiek.services import kits, masterdata, stock
from carma_logistiek.services.stock.overview import product_detail, verify_stock_levels
from tests.support.actors import person


@pytest.fixture
def kit_zone(db, zone):  # type: ignore[no-untyped-def]
    masterdata.create_location(db, code="VITO-01", name="Mercedes Vito 1", kind="vehicle",
                               parent_code=zone.site, actor=person("t"))
    kits.create_kit_type(db, code="FAK", name="First Aid Kit", interval_months_building=12,
                         interval_months_vehicle=6, actor=person("t"), items=[
                             kits.TemplateItemInput(zone.mouthpiece, 2, expires=True,
                                                    replace_before_days=30, critical=True),
                             kits.TemplateItemInput(zone.gloves, 1)])
    stock.record_delivery(db, product_code=zone.mouthpiece, location_code=zone.storeroom,
                          quantity=1, lot_number="M1", expiry=local_today() + timedelta(days=400),
                          actor=person("t"))
    return zone


def _items(db, code: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {c.item.product_code: c.item.id for c in kits.kit_detail(db, code).contents}


def test_register_plans_first_check_by_interval_and_expiry(db, kit_zone) -> None:  # type: ignore[no-untyped-def]
    placed = date(2026, 8, 31)
    in_building = kits.register_kit(db, code="K-GNK-001", kit_type_code="FAK",
                                    location_code=kit_zone.storeroom, actor=person("t"),
                                    floor="gelijkvloers", spot="onthaal, links van de deur",
                                    need="publiek onthaal", placed_on=placed)
    assert in_building.next_check_due == date(2027, 8, 31)
    in_vehicle = kits.register_kit(db, code="K-VITO-01", kit_type_code="FAK",
                                   location_code="VITO-01", actor=person("t"), placed_on=placed,
                                   content_expiry={kit_zone.mouthpiece: date(2026, 12, 31)})
    # Vehicle interval 6 months would be 28/02/2027; the mouthpiece must go 30 days before
    # its expiry of 31/12/2026.
    assert in_vehicle.in_vehicle and in_vehicle.next_check_due == date(2026, 12, 1)


def test_check_replaces_from_stock_and_records_what_stock_lacks(db, kit_zone) -> None:  # type: ignore[no-untyped-def]
    kits.register_kit(db, code="K-1", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"), placed_on=date(2026, 1, 10))
    items = _items(db, "K-1")
    check = kits.record_check(
        db, code="K-1", actor=person("advisor"), stock_location_code=kit_zone.storeroom,
        lines=[kits.CheckLineInput(items[kit_zone.mouthpiece], LineOutcome.EXPIRED, replace=2),
               kits.CheckLineInput(items[kit_zone.gloves], LineOutcome.OK)])
    # Stock had one mouthpiece: one taken, one short; a critical item still wrong.
    line = next(li for li in check.lines if li.product_code == kit_zone.mouthpiece)
    assert (line.replaced_quantity, line.short_quantity, line.outcome) == (1, 1,
                                                                           LineOutcome.EXPIRED)
    assert check.result is CheckResult.NOT_IN_ORDER
    detail = kits.kit_detail(db, "K-1")
    assert detail.kit.status is KitStatus.TO_REPLACE
    # Building interval 12 months; the new mouthpiece (lot M1) expires in 400 days, 30 days
    # of margin: the regular date comes first.
    assert detail.kit.next_check_due == check.next_due == add_months(local_today(), 12)
    movements = product_detail(db, kit_zone.mouthpiece).movements
    assert movements[0].recipient == "kit:K-1" and movements[0].quantity == -1
    shortages = kits.kit_shortages(db)
    assert [(s.product_code, s.quantity, s.kit_codes) for s in shortages] == [
        (kit_zone.mouthpiece, 1, ("K-1",))]
    assert verify_stock_levels(db) == []


def test_a_fully_replenished_check_is_in_order_and_replays_once(db, kit_zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=kit_zone.gloves, location_code=kit_zone.storeroom,
                          quantity=5, actor=person("t"))
    kits.register_kit(db, code="K-2", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"), placed_on=date(2026, 1, 10))
    items = _items(db, "K-2")
    lines = [kits.CheckLineInput(items[kit_zone.mouthpiece], LineOutcome.OK),
             kits.CheckLineInput(items[kit_zone.gloves], LineOutcome.MISSING, replace=1)]
    first = kits.record_check(db, code="K-2", actor=person("a"), stock_location_code=kit_zone.storeroom,
                              lines=lines, key="check-k2")
    again = kits.record_check(db, code="K-2", actor=person("a"), stock_location_code=kit_zone.storeroom,
                              lines=lines, key="check-k2")
    assert first.result is CheckResult.REPLENISHED and not first.replayed
    assert first.stock_booking is not None
    assert [(b.product_code, b.quantity) for b in first.stock_booking.lines] == [
        (kit_zone.gloves, -1)]
    assert again.replayed and again.id == first.id
    assert len(kits.kit_detail(db, "K-2").checks) == 1
    assert kits.kit_shortages(db) == []


def test_refusals_change_nothing(db, kit_zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    kits.register_kit(db, code="K-3", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"))
    items = _items(db, "K-3")
    before = snapshot(db)
    with pytest.raises(CheckLineMismatch):
        kits.record_check(db, code="K-3", actor=person("a"), lines=[
            kits.CheckLineInput(items[kit_zone.gloves], LineOutcome.OK)])
    with pytest.raises(UnknownKit):
        kits.record_check(db, code="K-404", actor=person("a"), lines=[])
    with pytest.raises(UnknownLocation):
        kits.move_kit(db, code="K-3", location_code="NERGENS", actor=person("a"))
    assert snapshot(db) == before
    assert kits.kit_detail(db, "K-3").checks == ()


def test_move_and_retire_keep_history_and_plan_skips_retired(db, kit_zone) -> None:  # type: ignore[no-untyped-def]
    kits.register_kit(db, code="K-4", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"), placed_on=local_today() - timedelta(days=800))
    kits.move_kit(db, code="K-4", location_code="VITO-01", actor=person("t"), note="naar de Vito")
    plan = {row.kit.code: row for row in kits.kit_plan(db)}
    assert plan["K-4"].bucket is PlanBucket.OVERDUE and plan["K-4"].days_overdue > 0
    kits.assign_checks(db, kit_codes=["K-4"], person="an.peeters", actor=person("advisor"))
    assert kits.kit_detail(db, "K-4").kit.assigned_to == "an.peeters"
    kits.retire_kit(db, code="K-4", reason="beschadigd bij ongeval", actor=person("t"))
    detail = kits.kit_detail(db, "K-4")
    assert [e.kind for e in detail.events] == ["geplaatst", "verplaatst", "toegewezen",
                                               "buiten_gebruik"]
    assert detail.events[1].from_location == kit_zone.storeroom
    assert detail.events[1].to_location == "VITO-01"
    assert "K-4" not in {row.kit.code for row in kits.kit_plan(db)}
    with pytest.raises(KitRetired):
        kits.move_kit(db, code="K-4", location_code=kit_zone.storeroom, actor=person("t"))


def test_replace_kit_links_old_and_new(db, kit_zone) -> None:  # type: ignore[no-untyped-def]
    kits.register_kit(db, code="K-5", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"), spot="keuken")
    new = kits.replace_kit(db, old_code="K-5", new_code="K-6", actor=person("t"))
    assert new.spot == "keuken" and new.status is KitStatus.IN_ORDER
    assert kits.kit_detail(db, "K-5").kit.status is KitStatus.OUT_OF_USE
    assert kits.kit_detail(db, "K-6").events[-1].note == "K-5"


def test_plan_across_a_month_end_and_a_leap_day(db, kit_zone) -> None:  # type: ignore[no-untyped-def]
    # Placed 29/08/2027 in a vehicle (6 months): due 29/02/2028, a leap day.
    kits.register_kit(db, code="K-LEAP", kit_type_code="FAK", location_code="VITO-01",
                      actor=person("t"), placed_on=date(2027, 8, 29))
    # Placed 31/08/2027 in a vehicle: 31/02 does not exist, so 29/02/2028 as well.
    kits.register_kit(db, code="K-END", kit_type_code="FAK", location_code="VITO-01",
                      actor=person("t"), placed_on=date(2027, 8, 31))
    # Placed 01/09/2027: due 01/03/2028.
    kits.register_kit(db, code="K-MAR", kit_type_code="FAK", location_code="VITO-01",
                      actor=person("t"), placed_on=date(2027, 9, 1))

    def plan(today: date) -> dict[str, tuple[date, PlanBucket, int]]:
        return {r.kit.code: (r.kit.next_check_due, r.bucket, r.days_overdue)
                for r in kits.kit_plan(db, today=today)}

    on_leap_day = plan(date(2028, 2, 29))
    assert on_leap_day["K-LEAP"] == (date(2028, 2, 29), PlanBucket.THIS_WEEK, 0)
    assert on_leap_day["K-END"] == (date(2028, 2, 29), PlanBucket.THIS_WEEK, 0)
    assert on_leap_day["K-MAR"] == (date(2028, 3, 1), PlanBucket.THIS_WEEK, 0)
    next_month = plan(date(2028, 3, 1))
    assert next_month["K-LEAP"] == (date(2028, 2, 29), PlanBucket.OVERDUE, 1)
    assert next_month["K-MAR"][1] is PlanBucket.THIS_WEEK
    assert plan(date(2028, 3, 31))["K-MAR"] == (date(2028, 3, 1), PlanBucket.OVERDUE, 30)
    assert plan(date(2028, 2, 1))["K-LEAP"][1] is PlanBucket.THIS_MONTH


def test_kits_due_cli_formats_and_ics(db, kit_zone, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from carma_logistiek.cli import main

    if db.dialect != "sqlite":
        pytest.skip("the CLI output does not depend on the backend")
    kits.register_kit(db, code="K-OLD", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"), placed_on=local_today() - timedelta(days=800),
                      spot="onthaal; links, naast de deur")
    kits.register_kit(db, code="K-NEW", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"))
    assert main(["kits", "due", "--db", db.url, "--within", "30", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["code"], r["bucket"]) for r in rows] == [("K-OLD", "achterstallig")]
    out = tmp_path / "plan.ics"
    assert main(["kits", "due", "--db", db.url, "--format", "ics", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert raw.count(b"BEGIN:VEVENT") == 2
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    unfolded = raw.replace(b"\r\n ", b"").decode("utf-8")
    assert "onthaal\\; links\\, naast de deur" in unfolded
    assert "UID:kit-K-OLD-" in unfolded
    assert main(["kits", "due", "--db", db.url]) == 0
    assert "K-OLD" in capsys.readouterr().out


def test_replacement_skips_lots_that_would_already_need_replacing(db, kit_zone) -> None:  # type: ignore[no-untyped-def]
    # A lot of mouthpieces that expires in 20 days: inside the 30-day margin of the item.
    stock.record_delivery(db, product_code=kit_zone.mouthpiece, location_code=kit_zone.storeroom,
                          quantity=5, lot_number="SOON", expiry=local_today() + timedelta(days=20),
                          actor=person("t"))
    kits.register_kit(db, code="K-7", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"))
    items = _items(db, "K-7")
    check = kits.record_check(
        db, code="K-7", actor=person("a"), stock_location_code=kit_zone.storeroom,
        lines=[kits.CheckLineInput(items[kit_zone.mouthpiece], LineOutcome.EXPIRED, replace=1),
               kits.CheckLineInput(items[kit_zone.gloves], LineOutcome.OK)])
    # FEFO would take SOON first; the check takes M1 (400 days) instead.
    assert product_detail(db, kit_zone.mouthpiece).movements[0].lot_number == "M1"
    assert check.next_due > local_today() + timedelta(days=300)


def test_replacement_prefers_lots_that_last_until_the_next_regular_check(db, kit_zone) -> None:  # type: ignore[no-untyped-def]
    # 100 days left: outside the 30-day margin, but the kit's next check is in 12 months.
    stock.record_delivery(db, product_code=kit_zone.mouthpiece, location_code=kit_zone.storeroom,
                          quantity=5, lot_number="SHORT", expiry=local_today() + timedelta(days=100),
                          actor=person("t"))
    kits.register_kit(db, code="K-8", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"))
    items = _items(db, "K-8")
    kits.record_check(
        db, code="K-8", actor=person("a"), stock_location_code=kit_zone.storeroom,
        lines=[kits.CheckLineInput(items[kit_zone.mouthpiece], LineOutcome.EXPIRED, replace=2),
               kits.CheckLineInput(items[kit_zone.gloves], LineOutcome.OK)])
    taken = [(m.lot_number, m.quantity) for m in product_detail(db, kit_zone.mouthpiece).movements
             if m.recipient == "kit:K-8"]
    # M1 (400 days) holds 1: taken first; the second comes from SHORT, the only one left.
    assert sorted(taken) == [("M1", -1), ("SHORT", -1)]


def test_replace_with_a_taken_code_changes_nothing(db, kit_zone) -> None:  # type: ignore[no-untyped-def]
    from carma_logistiek.domain.errors import DuplicateCode

    kits.register_kit(db, code="K-9", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"))
    kits.register_kit(db, code="K-10", kit_type_code="FAK", location_code=kit_zone.storeroom,
                      actor=person("t"))
    with pytest.raises(DuplicateCode):
        kits.replace_kit(db, old_code="K-9", new_code="K-10", actor=person("t"))
    # One transaction: the old kit is not left retired without a successor.
    detail = kits.kit_detail(db, "K-9")
    assert detail.kit.status is KitStatus.IN_ORDER
    assert [e.kind for e in detail.events] == ["geplaatst"]
