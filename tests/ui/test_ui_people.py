"""Personeel: find a staff member, open them (Enter: the consultation is logged), add one,
edit one and add a state from the keyboard; a refusal shows at its field; who may only read
the register sees no edit buttons."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import AuditEntry
from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.services import people
from tests.support.actors import TESTER
from ui.people.dialogs import StaffDialog, StateDialog

pytestmark = pytest.mark.usefixtures("window")


@pytest.fixture
def screen(app):  # type: ignore[no-untyped-def]
    app.go("people")
    app.wait_idle()
    screen = app.window.screen_named("people")
    app.qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=5000)
    return screen


def numbers(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.number for row in screen.model.rows()]


def wait_dialog(app, kind):  # type: ignore[no-untyped-def]
    app.qtbot.waitUntil(lambda: isinstance(app.window.dialog, kind)
                        and app.window.dialog.isVisible(), timeout=5000)
    app.wait_idle()
    return app.window.dialog


def consultations(db) -> int:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)
                                  .where(AuditEntry.action == "people.view_staff_member")) or 0)


def test_find_and_open_a_staff_member_logs_the_consultation(app, screen, db) -> None:  # type: ignore[no-untyped-def]
    assert numbers(screen) == ["01209", "01234", "01001"]  # by family name
    assert screen.count_label.text() == "3 personeelsleden"
    app.qtbot.keyClicks(screen.search, "maes")
    app.qtbot.waitUntil(lambda: numbers(screen) == ["01234"], timeout=5000)
    before = consultations(db)
    screen.table.setFocus()
    screen.table.selectRow(0)
    app.qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    app.qtbot.waitUntil(lambda: screen.shown_person is not None, timeout=5000)
    assert screen.chosen.text() == "Maes Els"
    assert screen.fields["kind"].text() == "CALog"
    assert screen.history.rowCount() == 1
    assert consultations(db) == before + 1


def test_add_edit_and_a_state_through_the_dialogs(app, screen, db) -> None:  # type: ignore[no-untyped-def]
    screen.new_button.click()
    dialog = wait_dialog(app, StaffDialog)
    assert dialog.focusWidget() is dialog.number  # the cursor starts in the first field
    app.qtbot.keyClicks(dialog.number, "01209")  # taken: refused at its field
    app.qtbot.keyClicks(dialog.last_name, "Claes")
    app.qtbot.keyClicks(dialog.first_name, "Luc")
    dialog.submit()
    app.qtbot.waitUntil(lambda: "bestaat al" in dialog.form.error_text("number"), timeout=5000)
    assert dialog.isVisible()
    dialog.number.setText("02222")
    dialog.submit()
    app.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    app.wait_idle()
    assert "02222" in numbers(screen)
    assert screen.chosen.text() == "Claes Luc"
    screen.edit_button.click()
    dialog = wait_dialog(app, StaffDialog)
    assert dialog.number.isReadOnly()
    assert dialog.focusWidget() is dialog.last_name  # the number is on the card: no typing
    dialog.team.setText("Verkeer")
    dialog.submit()
    app.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    app.wait_idle()
    assert screen.fields["team"].text() == "Verkeer"
    screen.state_button.click()
    dialog = wait_dialog(app, StateDialog)
    dialog.state.setCurrentIndex(dialog.state.findData("loopbaanonderbreking"))
    later = local_today() + timedelta(days=20)
    dialog.starts_on.setText(later.strftime("%d/%m/%Y"))
    dialog.submit()
    app.qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    app.wait_idle()
    assert screen.history.rowCount() == 2
    assert screen.history.item(0, 0).text() == "loopbaanonderbreking"
    states = people.view_staff_member(db, number="02222", actor=TESTER).states
    assert states[0].ends_on == later - timedelta(days=1)


def test_an_overlapping_state_is_a_sentence_in_the_dialog(app, screen, db) -> None:  # type: ignore[no-untyped-def]
    screen.open_person("01001")
    app.qtbot.waitUntil(lambda: screen.shown_person is not None, timeout=5000)
    screen.state_button.click()
    dialog = wait_dialog(app, StateDialog)
    dialog.starts_on.setText((local_today() - timedelta(days=5)).strftime("%d/%m/%Y"))
    dialog.submit()
    app.qtbot.waitUntil(lambda: "moet na" in dialog.form.error_text("starts_on"), timeout=5000)
    assert dialog.isVisible()
    dialog.reject()


def test_who_may_only_read_the_register_sees_no_edit_buttons(app, screen) -> None:  # type: ignore[no-untyped-def]
    assert screen.new_button.isVisibleTo(screen)
    app.window.context.set_actor(Actor("dpo", frozenset({Role.DPO})))
    app.wait_idle()
    app.go("people")  # the window rebuilds its screens for who is signed in
    app.wait_idle()
    screen = app.window.screen_named("people")
    assert not screen.new_button.isVisibleTo(screen)
    assert not screen.import_button.isVisibleTo(screen)
    assert not screen.edit_button.isVisibleTo(screen)


def test_importeren_opens_the_import_dialog_on_the_staff_list(app, screen) -> None:  # type: ignore[no-untyped-def]
    screen.import_button.click()
    app.qtbot.waitUntil(lambda: getattr(app.window, "import_dialog", None) is not None
                        and app.window.import_dialog.spec is not None, timeout=5000)
    dialog = app.window.import_dialog
    assert dialog.spec.kind == "staff"
    assert dialog.kind_list.currentItem().text() == "Personeel"
    dialog.reject()
