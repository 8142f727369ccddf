"""EHBO: four tabs — Register, Planning, Controle, Kittypes. The page opens a tab and hands
back its panel, whose own actions the tests then use."""

from __future__ import annotations

from datetime import date
from typing import Any


class KitsPage:
    def __init__(self, app: Any, screen: Any) -> None:
        self.app = app
        self.screen = screen
        self.qtbot = app.qtbot

    def _tab(self, panel: Any) -> Any:
        if self.app.current() != "kits":
            self.app.go("kits")
        self.screen.tabs.setCurrentWidget(panel)
        return panel

    def register(self):  # type: ignore[no-untyped-def]
        return self._tab(self.screen.register)

    def plan(self):  # type: ignore[no-untyped-def]
        return self._tab(self.screen.plan)

    def check(self):  # type: ignore[no-untyped-def]
        return self._tab(self.screen.check)

    def types(self):  # type: ignore[no-untyped-def]
        return self._tab(self.screen.types)

    def current_tab(self):  # type: ignore[no-untyped-def]
        return self.screen.tabs.currentWidget()

    def set_today(self, today: date) -> None:
        """The day the plan is computed for (tests fix it)."""
        self.screen.set_today(today)

    def refresh(self) -> None:
        self.screen.refresh()

    def open_shortages(self):  # type: ignore[no-untyped-def]
        """Voorraad > Tekorten EHBO-kits…"""
        self.screen.open_shortages()
        return self.app.dialog
