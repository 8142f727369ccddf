"""Stuurbord: the cards, what each shows, and opening one by click or key."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt


class DashboardPage:
    def __init__(self, app: Any) -> None:
        self.app = app
        self.screen = app.window.screen_named("dashboard")
        self.qtbot = app.qtbot

    def card(self, card_id: str):  # type: ignore[no-untyped-def]
        return self.screen.card(card_id)

    def card_ids(self) -> list[str]:
        return [card.declaration.id for card in self.screen.cards]

    def count(self, card_id: str) -> str:
        """The big number as shown ("…" while loading)."""
        return self.card(card_id).count.text()

    def lines(self, card_id: str) -> list[str]:
        return self.card(card_id).shown_lines()

    def wait_count(self, card_id: str, count: int) -> None:
        self.qtbot.waitUntil(lambda: self.count(card_id) == str(count), timeout=5000)

    def click(self, card_id: str) -> None:
        card = self.card(card_id)
        self.qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(card.width() // 2, 8))

    def click_line(self, card_id: str, index: int) -> None:
        line = self.card(card_id).lines[index]
        self.qtbot.mouseClick(line, Qt.MouseButton.LeftButton, pos=QPoint(5, line.height() // 2))

    def press(self, card_id: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
        """Focus the card (as Tab would) and press ``key`` on it."""
        card = self.card(card_id)
        card.setFocus()
        self.qtbot.keyClick(card, key)
