"""EHBO: the first-aid kits — register, planning, the check of one kit, kit types."""

from __future__ import annotations

from typing import TYPE_CHECKING

from carma_logistiek.domain.access import Permission
from carma_logistiek.i18n import N_
from ui.shell.cards import CardDeclaration, service_query
from ui.shell.screens import Screen, ScreenDeclaration

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QWidget

    from ui.shell.context import AppContext


def _make_screen(context: AppContext) -> Screen:
    from ui.kits.screen import KitsScreen

    return KitsScreen(context)


def _icon(_widget: QWidget) -> QIcon:
    from ui.kits.icon import first_aid_icon

    return first_aid_icon()


SCREEN = ScreenDeclaration(
    name="kits",
    title=N_("EHBO"),
    shortcut="Ctrl+4",
    permission=Permission.KITS_READ,
    factory=_make_screen,
    icon=_icon,
    menu_icon=False,
)

# The stuurbord's card of the kits (ui/shell/cards.py): the plan's overdue and this week.
CARDS = [
    CardDeclaration(
        id="kits.checks", title=N_("EHBO-controles"), permission=Permission.KITS_READ,
        query=service_query("carma_logistiek.services.kit_views:kit_checks_attention"),
        open=("kits", "plan:deze_week"), refresh_on=frozenset({"kits", "kit_types"}), order=40,
        empty=N_("Geen controle achterstallig of deze week"),
    ),
]
