"""Row menus and the storno dialog: open a row's menu the way a user does (a key or a
right-click), choose an entry in it, and fill in the reverse dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu


class RowMenuPage:
    """The menu of a table's row. ``choose`` opens it and picks an entry in one go: the menu
    runs its own event loop, so the choice is made from inside it, with the keyboard."""

    def __init__(self, qtbot: Any, table: Any) -> None:
        self.qtbot = qtbot
        self.table = table
        self.seen: list[tuple[str, bool, str]] = []  # (text, enabled, tooltip) of the last menu

    def _pick(self, wanted: str | None) -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu), "no menu opened"
        actions = [a for a in menu.actions() if not a.isSeparator()]
        self.seen = [(a.text().split("\t")[0].split(" (")[0], a.isEnabled(), a.toolTip())
                     for a in actions]
        target = next((a for a in actions if a.text().split("\t")[0] == wanted), None)
        if target is None or not target.isEnabled():
            menu.close()
            return
        menu.setActiveAction(target)
        self.qtbot.keyClick(menu, Qt.Key.Key_Return)

    def choose_by_key(self, wanted: str | None, key: Qt.Key = Qt.Key.Key_F10,
                      modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.ShiftModifier
                      ) -> None:
        self.seen = []
        window = self.table.window()
        window.activateWindow()
        self.qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        self.table.setFocus()
        QTimer.singleShot(50, lambda: self._pick(wanted))
        self.qtbot.keyClick(self.table, key, modifiers)

    def choose_by_right_click(self, row: int, wanted: str | None) -> None:
        self.seen = []
        rect = self.table.visualRect(self.table.model().index(row, 1))
        QTimer.singleShot(50, lambda: self._pick(wanted))
        position = QPoint(rect.left() + 4, rect.center().y())
        self.table.customContextMenuRequested.emit(position)

    def entries(self) -> list[str]:
        return [text for text, _enabled, _tip in self.seen]

    def entry(self, text: str) -> tuple[bool, str]:
        return next((enabled, tip) for name, enabled, tip in self.seen if name == text)


class ReverseDialogPage:
    def __init__(self, qtbot: Any, dialog: Any) -> None:
        self.qtbot = qtbot
        self.dialog = dialog

    def wait_loaded(self) -> None:
        self.qtbot.waitUntil(lambda: self.dialog.original is not None
                             or bool(self.dialog.error_text()), timeout=3000)

    def type_reason(self, text: str) -> None:
        self.qtbot.keyClicks(self.dialog.reason, text)

    def press_enter(self) -> None:
        self.qtbot.keyClick(self.dialog.reason, Qt.Key.Key_Return)

    def error(self) -> str:
        return str(self.dialog.error_text())

    def can_confirm(self) -> bool:
        return bool(self.dialog.confirm_button.isEnabled())

    def line_texts(self) -> list[list[str]]:
        model = self.dialog.lines.model()
        return [[str(model.index(row, column).data()) for column in range(model.columnCount())]
                for row in range(model.rowCount())]
