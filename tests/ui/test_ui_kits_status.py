"""What the register says about a kit's next check: an overdue kit is "controle te laat",
never "in orde", and a check that comes early names the item whose expiry set it."""

from __future__ import annotations

from datetime import timedelta

from kit_support import TODAY, add_kit, add_kit_type


def register_of(app):  # type: ignore[no-untyped-def]
    register = app.kits.register()
    register.load_form_data()
    register.refresh()
    app.wait_idle()
    return register


def status_of(register, code: str) -> str:  # type: ignore[no-untyped-def]
    model = register.table.table_model()
    column = [c.header for c in model.columns].index("Status")
    row = [r.code for r in model.rows()].index(code)
    return str(model.index(row, column).data())


def test_overdue_kit_says_late_and_early_check_says_why(app, qtbot, db) -> None:
    add_kit_type(db)
    add_kit(
        db, "KIT-LATE", expiry=TODAY + timedelta(days=900), placed_on=TODAY - timedelta(days=400)
    )  # yearly: due 35 days ago, never checked
    add_kit(db, "KIT-SOON", expiry=TODAY + timedelta(days=60), placed_on=TODAY)
    register = register_of(app)
    assert status_of(register, "KIT-LATE") == "controle te laat"
    assert status_of(register, "KIT-SOON") == "in orde"

    register.select_kit("KIT-LATE")
    qtbot.waitUntil(lambda: "KIT-LATE" in register.detail.heading.text(), timeout=3000)
    assert "controle te laat" in register.detail.heading.text()

    register.select_kit("KIT-SOON")
    qtbot.waitUntil(lambda: "KIT-SOON" in register.detail.heading.text(), timeout=3000)
    due = (TODAY + timedelta(days=30)).strftime("%d/%m/%Y")
    expiry = (TODAY + timedelta(days=60)).strftime("%d/%m/%Y")
    heading = register.detail.heading.text()
    assert f"volgende controle: {due} — vervaldatum Speekseltest" in heading
    assert f"({expiry}, 30 dagen vooraf vervangen)" in heading


def test_the_plan_says_why_a_check_comes_early(app, qtbot, db) -> None:
    add_kit_type(db)
    add_kit(db, "KIT-SOON", expiry=TODAY + timedelta(days=60), placed_on=TODAY)
    add_kit(db, "KIT-YEAR", expiry=TODAY + timedelta(days=900), placed_on=TODAY)
    plan = app.kits.plan()
    plan.refresh()
    app.wait_idle()
    model = plan.table.table_model()
    qtbot.waitUntil(lambda: len(model.rows()) == 2 and bool(plan.plan_model.reasons),
                    timeout=3000)
    column = [c.header for c in model.columns].index("Reden")
    shown = {row.kit.code: str(model.index(i, column).data())
             for i, row in enumerate(model.rows())}
    assert shown["KIT-SOON"].startswith("vervaldatum Speekseltest (")
    assert shown["KIT-YEAR"] == ""  # the regular interval needs no reason
