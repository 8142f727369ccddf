"""Scannen: the counter's screen (camera, wedge scanner, keyboard) with its three modes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from carma_logistiek.domain.access import Permission
from carma_logistiek.i18n import N_
from ui.shell import theme
from ui.shell.screens import Screen, ScreenDeclaration

if TYPE_CHECKING:
    from ui.shell.context import AppContext


def _make_screen(context: AppContext) -> Screen:
    from ui.scan.screen import ScanScreen

    return ScanScreen(context)


SCREEN = ScreenDeclaration(
    name="scan",
    title=N_("Scannen"),
    shortcut="Ctrl+3",
    permission=Permission.STOCK_BOOK,
    factory=_make_screen,
    icon=lambda widget: theme.icon(widget, "scan"),
)
