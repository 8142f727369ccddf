"""Planning: buckets computed for an injected day — across a month boundary and a leap day —
counts per bucket, building/vehicle filter, assigning, and the .ics export."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from kit_support import add_kit, add_kit_type

from carma_logistiek.domain.kits import PlanBucket
from carma_logistiek.services import kits, masterdata
from tests.support.actors import person

PLACED = date(2027, 6, 1)  # + 12 months = 01/06/2028: later than every due date below


def kit_due(db, code: str, due: date, location: str = "GNK") -> None:  # type: ignore[no-untyped-def]
    """A kit whose saliva tests must be replaced 30 days before expiry: due on ``due``."""
    add_kit(db, code, location=location, placed_on=PLACED, expiry=due + timedelta(days=30))
    assert kits.kit_detail(db, code).kit.next_check_due == due


@pytest.fixture
def plan_window(app, db):  # type: ignore[no-untyped-def]
    add_kit_type(db)
    masterdata.create_location(db, code="VITO-01", name="Mercedes Vito 1", kind="vehicle",
                               parent_code="GNK", actor=person("tester"))
    # A vehicle kit is checked every six months: 31/08/2027 + 6 months clamps to 29/02/2028.
    add_kit(db, "K-LEAP", location="VITO-01", placed_on=date(2027, 8, 31),
            expiry=date(2029, 1, 1))
    assert kits.kit_detail(db, "K-LEAP").kit.next_check_due == date(2028, 2, 29)
    kit_due(db, "K-FEB28", date(2028, 2, 28))
    kit_due(db, "K-MAR01", date(2028, 3, 1))
    kit_due(db, "K-MAR05", date(2028, 3, 5))
    kit_due(db, "K-MAR06", date(2028, 3, 6))
    kit_due(db, "K-APR01", date(2028, 4, 1))
    app.kits.plan()
    return app


def show_day(app, qtbot, day: date):  # type: ignore[no-untyped-def]
    plan = app.kits.plan()
    app.kits.set_today(day)
    plan.refresh()
    app.wait_idle()
    qtbot.waitUntil(lambda: len(plan.all_rows) == 6, timeout=3000)
    return plan


def buckets(plan) -> dict[str, tuple[PlanBucket, int]]:  # type: ignore[no-untyped-def]
    return {row.kit.code: (row.bucket, row.days_overdue) for row in plan.all_rows}


def test_plan_across_a_month_boundary_and_a_leap_day(plan_window, qtbot) -> None:
    plan = show_day(plan_window, qtbot, date(2028, 3, 1))  # a Wednesday
    B = PlanBucket
    assert buckets(plan) == {
        "K-FEB28": (B.OVERDUE, 2), "K-LEAP": (B.OVERDUE, 1), "K-MAR01": (B.THIS_WEEK, 0),
        "K-MAR05": (B.THIS_WEEK, 0), "K-MAR06": (B.THIS_MONTH, 0), "K-APR01": (B.LATER, 0)}
    assert plan.bucket_buttons["achterstallig"].text() == "Achterstallig (2)"
    assert plan.bucket_buttons["all"].text() == "Alle (6)"
    plan.bucket_buttons["achterstallig"].click()
    assert [row.kit.code for row in plan.visible_rows()] == ["K-FEB28", "K-LEAP"]
    model = plan.table.table_model()
    assert model.index(0, 0).data() == "achterstallig"
    assert model.index(1, 1).data() == "29/02/2028"
    plan.kind.setCurrentIndex(plan.kind.findData("vehicle"))
    assert [row.kit.code for row in plan.visible_rows()] == ["K-LEAP"]
    assert plan.bucket_buttons["achterstallig"].text() == "Achterstallig (1)"

    plan = show_day(plan_window, qtbot, date(2028, 2, 29))  # the leap day itself
    assert buckets(plan) == {
        "K-FEB28": (B.OVERDUE, 1), "K-LEAP": (B.THIS_WEEK, 0), "K-MAR01": (B.THIS_WEEK, 0),
        "K-MAR05": (B.THIS_WEEK, 0), "K-MAR06": (B.LATER, 0), "K-APR01": (B.LATER, 0)}


def test_assign_and_export_the_visible_checks(plan_window, qtbot, db, tmp_path,
                                              fakes) -> None:
    plan = show_day(plan_window, qtbot, date(2028, 3, 1))
    plan.bucket_buttons["achterstallig"].click()
    plan.table.selectAll()
    dialog = plan.assign_selected()
    dialog.person.setText("Jan Janssens")
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    plan_window.wait_idle()
    assert kits.kit_detail(db, "K-LEAP").kit.assigned_to == "Jan Janssens"
    assert kits.kit_detail(db, "K-MAR01").kit.assigned_to is None
    qtbot.waitUntil(lambda: plan.visible_rows()[0].kit.assigned_to == "Jan Janssens",
                    timeout=3000)
    plan.table.selectRow(0)
    assert plan.assign_selected().recent.item(0).text() == "Jan Janssens"
    plan.dialog.reject()

    target = tmp_path / "plan.ics"
    fakes.file_dialogs.save = str(target)
    plan.export_ics()
    qtbot.waitUntil(lambda: plan.last_export == str(target), timeout=3000)
    data = target.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    text = data.decode("utf-8")
    assert text.count("BEGIN:VEVENT") == 2 == text.count("END:VEVENT")
    # Overdue since 29/02: on the plan's day (01/03), the UID still that of the due date.
    assert "DTSTART;VALUE=DATE:20280301" in text and "UID:kit-K-LEAP-20280229" in text
    assert "K-MAR01" not in text  # only what is visible
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
