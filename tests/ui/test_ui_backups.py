"""Backups in the window: one taken at start when due, one on request (Ctrl+Shift+B), a backup
put back from Bestand → Back-up terugzetten…, and a damaged database at start offered a
restore instead of an error the user cannot act on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pages import AppPage
from PySide6.QtCore import Qt

from carma_logistiek.services import backups
from tests.support.actors import TESTER
from tests.support.disks import corrupt
from ui.shell.app import build_window


def _file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _bookings_with_key(url: str, key: str) -> int:
    with sqlite3.connect(_file(url)) as file:
        return file.execute("SELECT COUNT(*) FROM bookings WHERE idempotency_key = ?",
                            (key,)).fetchone()[0]


def _book_delivery(url: str, key: str) -> None:
    from carma_logistiek.cli import main

    assert main(["book", "levering", "--product", "MOND", "--location", "GNK-MAG",
                 "--qty", "7", "--key", key, "--db", url]) == 0


def test_the_first_scheduled_backup_is_taken_at_start_and_shown(app: AppPage,
                                                                database_url: str) -> None:
    app.wait_idle()
    [taken] = backups.backups_of(database_url)
    assert taken.reason is backups.BackupReason.SCHEDULED
    assert app.window.backups.status.text().startswith("Laatste back-up: vandaag")
    # A second start the same day takes none.
    app.window.backups.run_schedule()
    app.wait_idle()
    assert len(backups.backups_of(database_url)) == 1


def test_ctrl_shift_b_takes_a_backup_now(app: AppPage, database_url: str) -> None:
    app.wait_idle()
    app.press(Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier
              | Qt.KeyboardModifier.ShiftModifier)
    app.wait_idle()
    reasons = [b.reason for b in backups.backups_of(database_url)]
    assert backups.BackupReason.MANUAL in reasons
    assert app.window.backups.status.text().startswith("Back-up gemaakt: vandaag")


def test_a_backup_is_put_back_from_the_menu_and_every_screen_reloads(
        app: AppPage, database_url: str, fakes, qtbot) -> None:  # type: ignore[no-untyped-def]
    app.wait_idle()
    _book_delivery(database_url, "na-de-back-up")
    app.window.refresh()
    app.wait_idle()
    app.window.backups.ask_restore()
    dialog = app.wait_dialog()
    assert dialog.table.rowCount() == 1 and dialog.focusWidget() is dialog.table
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)  # Enter restores the chosen (newest) one
    qtbot.waitUntil(app.rail_enabled, timeout=10_000)
    app.wait_idle()
    assert "terugzetten" in fakes.prompts.asked[-1]
    assert _bookings_with_key(database_url, "na-de-back-up") == 0
    kept = [b for b in backups.backups_of(database_url)
            if b.reason is backups.BackupReason.BEFORE_RESTORE]
    assert len(kept) == 1
    with sqlite3.connect(kept[0].path) as file:
        assert file.execute("SELECT COUNT(*) FROM bookings WHERE idempotency_key = "
                            "'na-de-back-up'").fetchone()[0] == 1
    assert app.current() != ""  # a screen, not the loading page
    assert not fakes.prompts.errors


def test_a_refused_restore_says_why_and_the_old_database_opens_again(
        app: AppPage, database_url: str, fakes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app.wait_idle()
    foreign = tmp_path / "ander.sqlite"
    with sqlite3.connect(foreign) as file:
        file.execute("CREATE TABLE klanten (id INTEGER PRIMARY KEY)")
    before = _file(database_url).read_bytes()
    fakes.file_dialogs.open = str(foreign)
    app.window.backups.ask_restore()
    dialog = app.wait_dialog()
    dialog.other_button.click()
    app.qtbot.waitUntil(app.rail_enabled, timeout=10_000)
    app.wait_idle()
    [(title, text)] = fakes.prompts.errors
    assert title == "Back-up niet teruggezet" and "ander programma" in text
    assert _file(database_url).read_bytes() == before
    assert app.current() != ""


def test_a_damaged_database_at_start_offers_a_backup_and_opens_after_it(
        qtbot, database_url: str, fakes) -> None:  # type: ignore[no-untyped-def]
    from carma_logistiek.config import AppConfig

    good = backups.backup_now(database_url)
    path = _file(database_url)
    corrupt(path)
    data = path.read_bytes()
    window = build_window(AppConfig(database_url=database_url, actor="tester"), fakes,
                          actor=TESTER)
    qtbot.addWidget(window)
    window.show()
    # The damage is named, with the way out; the user agrees (RecordingPrompts says yes).
    qtbot.waitUntil(lambda: window.context.dialog is not None, timeout=10_000)
    assert "beschadigd" in fakes.prompts.asked[0] and "back-up terugzetten" in (
        fakes.prompts.asked[0])
    assert not window.rail.isEnabled()
    dialog = window.context.dialog
    assert dialog.found[0].path == good.path
    dialog.restore_button.click()
    qtbot.waitUntil(window.rail.isEnabled, timeout=10_000)
    assert window.database_label.text().startswith("Databank: ")
    assert "niet geopend" not in window.database_label.text()
    assert not fakes.prompts.errors
    # The damaged file is kept aside as it was, for whoever wants to look at it.
    [aside] = [b for b in backups.backups_of(database_url)
               if b.reason is backups.BackupReason.BEFORE_RESTORE]
    assert aside.path.read_bytes() == data
    window.close()
