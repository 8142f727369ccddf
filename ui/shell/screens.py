"""How a feature tells the shell about its screen, and what the shell asks of a screen.

Each feature package declares ``SCREEN = ScreenDeclaration(...)`` in its ``__init__``; the
main window builds its navigation rail and menus from those declarations (only the screens
the actor may use) and knows nothing else about the features.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from carma_logistiek.domain.access import Permission

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from ui.shell.context import AppContext

# The features, in the order of the navigation rail. Named, not imported: the shell never
# imports a feature (the features import the shell).
FEATURE_PACKAGES = ("ui.dashboard", "ui.stock", "ui.scan", "ui.orders", "ui.kits",
                    "ui.consumption", "ui.masterdata", "ui.people", "ui.accounts",
                    "ui.audit")
# Who is signed in, the lock and the demo's role: a feature too, named like the screens. Its
# ``Session(window)`` gives the window its sign-in flow and its Bestand entries.
SESSION_PACKAGE = "ui.signin"


@dataclass(frozen=True)
class ActionDeclaration:
    """A menu entry (and optionally a toolbar button) a screen offers."""

    id: str  # "stock.pickup": another screen may claim the same keys while it is shown
    menu: str  # "stock" or "orders" (see MENUS in main_window)
    text: str
    shortcut: str
    slot: Callable[[], None]
    icon: str | None = None
    toolbar: bool = False
    needs_data: bool = True  # disabled until the database is open and the data loaded
    separator_before: bool = False
    # What the entry needs beyond the screen's own permission (a booking on the stock screen:
    # STOCK_BOOK); an actor without it does not see the entry. None: whoever sees the screen.
    permission: Permission | None = None


class Screen(QWidget):
    """A screen of the rail. The shell calls these; each has a harmless default."""

    def actions_offered(self) -> list[ActionDeclaration]:
        return []

    def intercept(self, action_id: str) -> bool:
        """True when this screen (while shown) handles a shortcut itself (F2 switches the
        scan mode on the scan screen instead of opening the delivery dialog)."""
        return False

    def shown(self) -> None:
        """The screen came to the front: put the focus where work starts."""

    def refresh(self) -> None:
        """Ctrl+R: read everything again."""

    def focus_on(self, request: str) -> None:
        """A card of the stuurbord brought the user here: show what it counted
        ("under_minimum" on the stock screen, "plan:achterstallig" on the kits screen).
        Called after ``shown``; a request the screen does not know changes nothing."""

    def pending_work(self) -> str | None:
        """A sentence naming work on this screen that is not booked or saved yet (a scan
        basket, a count): the window asks before it closes and throws it away."""
        return None

    def save_state(self) -> None:
        """The window closes: remember splitters, columns, tabs."""

    def stop(self) -> None:
        """The window closes: stop cameras and timers."""


@dataclass(frozen=True)
class ScreenDeclaration:
    name: str
    title: str  # Dutch source, translated when the rail is built
    shortcut: str
    permission: Permission
    factory: Callable[[AppContext], Screen]
    icon: Callable[[QWidget], QIcon]
    menu_icon: bool = True  # the Beeld menu shows the icon too


def declared_screens() -> list[ScreenDeclaration]:
    return [importlib.import_module(name).SCREEN for name in FEATURE_PACKAGES]


def session_for(window: QWidget) -> Any:
    """The sign-in of ``window`` (ui/signin's ``Session``): the database opened, someone
    signs in; the lock; the demo's role choice."""
    return importlib.import_module(SESSION_PACKAGE).Session(window)
