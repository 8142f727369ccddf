"""The import dialog (Bestand > Importeren…, Ctrl+Shift+I): kind, file, columns, preview,
result, as a user sees and drives it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QPushButton

from ui.imports.dialog import ImportDialog


class ImportPage:
    def __init__(self, app: Any, dialog: ImportDialog) -> None:
        self.app = app
        self.dialog = dialog
        self.qtbot = app.qtbot

    @classmethod
    def open_from_menu(cls, app: Any) -> ImportPage:
        """Bestand > Importeren…: the entry is in the File menu with its shortcut, and
        choosing it opens the dialog."""
        app.wait_idle()  # the start screen fills in after the window shows
        [action] = [a for a in _file_menu(app.window).actions() if a.text() == "Importeren…"]
        assert action.shortcut() == QKeySequence("Ctrl+Shift+I")
        assert action.isEnabled()
        app.window.activateWindow()
        app.qtbot.keyClick(QApplication.focusWidget() or app.window, Qt.Key.Key_I,
                           Qt.KeyboardModifier.ControlModifier
                           | Qt.KeyboardModifier.ShiftModifier)
        if not _dialog_shown(app):
            # Offscreen, a key sent while no widget has the focus may reach no shortcut: the
            # menu entry, as a click on it.
            action.trigger()
        app.qtbot.waitUntil(lambda: _dialog_shown(app), timeout=3000)
        page = cls(app, app.window.import_dialog)
        page.idle()
        return page

    def idle(self) -> None:
        self.app.wait_idle()
        self.qtbot.waitUntil(lambda: not self.dialog.busy, timeout=10_000)

    def kinds(self) -> list[str]:
        found = self.dialog.kind_list
        return [found.item(i).text() for i in range(found.count())]

    def choose_kind(self, label: str) -> None:
        self.dialog.kind_list.setCurrentRow(self.kinds().index(label))

    def choose_file(self) -> None:
        """Click "Bestand kiezen…"; the scripted file dialog answers; the file is read."""
        self.qtbot.mouseClick(self.dialog.choose_button, Qt.MouseButton.LeftButton)
        self.idle()

    def step(self) -> str:
        return self.dialog.step_label.text()

    def default_button(self) -> QPushButton:
        [default] = [b for b in self.dialog.findChildren(QPushButton)
                     if b.isDefault() and b.isVisible()]
        return default

    def press_enter(self) -> None:
        """Enter in the dialog: its default button."""
        focused = QApplication.focusWidget() or self.dialog
        self.qtbot.keyClick(focused, Qt.Key.Key_Return)
        self.idle()

    def column_of(self, key: str) -> str:
        return self.dialog.combos[key].currentText()

    def sample_rows(self) -> int:
        return self.dialog.sample_table.rowCount()

    def counts(self) -> str:
        return self.dialog.counts_label.text()

    def preview_rows(self) -> list[tuple[str, str, str]]:
        table = self.dialog.preview_table
        return [tuple(table.item(r, c).text() for c in range(3))  # type: ignore[misc]
                for r in range(table.rowCount())]

    def click(self, button: QPushButton) -> None:
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.idle()

    def result(self) -> str:
        return self.dialog.result_label.text()

    def error(self) -> str:
        return self.dialog.error_label.text() if self.dialog.error_label.isVisible() else ""


def _file_menu(window: Any) -> QMenu:
    [menu] = [action.menu() for action in window.menuBar().actions()
              if action.text().replace("&", "") == "Bestand"]
    return menu


def _dialog_shown(app: Any) -> bool:
    dialog = getattr(app.window, "import_dialog", None)
    return isinstance(dialog, ImportDialog) and dialog.isVisible()
