"""The first start on an empty real database: instead of an empty window, a welcome that says
what to do, with three big buttons: import the zone's lists, make the first location and
product by hand, or look at the demo (a separate file, in a second window: the real database
is never mixed with demo data). It steps aside as soon as the database has a location."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from carma_logistiek.domain.changes import Changes
from carma_logistiek.i18n import _

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

MASTERDATA_SCREEN = "masterdata"
COLUMN_WIDTH = 520


def needs_first_start(window: MainWindow) -> bool:
    """A real (not demo) database without a single location or product."""
    context = window.context
    return not context.config.demo and not context.locations and not context.products


def demo_command(language: str) -> tuple[str, list[str]]:
    """How to start this app again on the demo: the bundle is its own executable; from the
    sources it is the launcher module under the same Python."""
    arguments = ["--demo", "--lang", language]
    if getattr(sys, "frozen", False):
        return sys.executable, arguments
    return sys.executable, ["-m", "ui.launcher", *arguments]


def start_demo_process(language: str) -> bool:
    program, arguments = demo_command(language)
    started, _pid = QProcess.startDetached(program, arguments)
    return bool(started)


class FirstStartPanel(QWidget):
    def __init__(self, window: MainWindow, *,
                 start_demo: Callable[[str], bool] = start_demo_process) -> None:
        super().__init__()
        self.setObjectName("firstStartPanel")
        self.window_ = window
        self.context = window.context
        self.start_demo = start_demo
        title = QLabel(_("Welkom bij CARMA Logistiek"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        text = QLabel(_("Deze databank is nog leeg: er is nog geen enkele locatie of product. "
                        "Importeer de lijsten van de zone, maak zelf de eerste locatie en het "
                        "eerste product aan, of kijk eerst rond in de demo."))
        text.setWordWrap(True)
        self.import_button = self._button(_("Lijsten importeren…"), self.import_lists)
        self.create_button = self._button(_("Eerste locatie en product aanmaken"),
                                          self.create_first)
        self.demo_button = self._button(_("Demo bekijken"), self.open_demo)
        self.demo_button.setToolTip(_("De demo opent in een tweede venster, met een eigen "
                                      "databank: deze databank blijft leeg."))
        self.message = QLabel()
        self.message.setWordWrap(True)
        # One column of a fixed width, centred: a word-wrapped label gets its height from
        # its width only inside a widget that has one.
        column = QWidget()
        column.setFixedWidth(COLUMN_WIDTH)
        inner = QVBoxLayout(column)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(10)
        inner.addWidget(title, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(text)
        inner.addSpacing(12)
        for button in (self.import_button, self.create_button, self.demo_button):
            inner.addWidget(button)
        inner.addWidget(self.message)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        action = self.import_action()
        if action is None:
            self.import_button.setEnabled(False)
        self.context.changed.connect(self._on_context_changed)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(48)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(slot)
        return button

    # --- showing ---------------------------------------------------------------------------
    def show_in_window(self) -> None:
        stack = self.window_.stack
        if stack.indexOf(self) < 0:
            stack.addWidget(self)
        stack.setCurrentWidget(self)
        self.focus_first()
        # Once more after the screen behind it took the focus in its own ``shown``.
        QTimer.singleShot(0, self.focus_first)

    def focus_first(self) -> None:
        if self.window_.stack.currentWidget() is self:
            (self.import_button if self.import_button.isEnabled()
             else self.create_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter presses the button that has the focus (outside a dialog a button only
        answers Space)."""
        focused = self.focusWidget()
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and isinstance(focused, QPushButton) and focused.parent() is not None):
            focused.click()
            return
        super().keyPressEvent(event)

    def step_aside(self) -> None:
        """Back to the screen the rail points at."""
        window = self.window_
        if window.stack.currentWidget() is self and window.declarations:
            row = max(0, window.rail.currentRow())
            screen = window.screen_named(window.declarations[row].name)
            window.stack.setCurrentWidget(screen)
            screen.shown()

    def _on_context_changed(self, changes: Changes) -> None:
        if changes.locations or changes.products:
            self.step_aside()

    # --- the three ways in -----------------------------------------------------------------
    def import_action(self) -> QAction | None:
        """Bestand > Importeren… of the window (another feature builds the dialog)."""
        action = getattr(self.window_, "import_action", None)
        if isinstance(action, QAction):
            return action
        wanted = _("Importeren…").replace("&", "")
        return next((a for a in self.window_.findChildren(QAction)
                     if a.text().replace("&", "") == wanted), None)

    def import_lists(self) -> None:
        action = self.import_action()
        if action is not None:
            action.trigger()

    def create_first(self) -> None:
        """The Stamgegevens screen, with the new-location dialog, then the new-product one."""
        window = self.window_
        names = [declaration.name for declaration in window.declarations]
        if MASTERDATA_SCREEN not in names:
            return
        window.show_screen_named(MASTERDATA_SCREEN)
        screen = window.screen_named(MASTERDATA_SCREEN)
        window.stack.setCurrentWidget(screen)
        screen.shown()
        screen.focus_on("first_start")

    def open_demo(self) -> None:
        if self.start_demo(self.context.config.language):
            self.message.setText(_("De demo wordt in een tweede venster geopend."))
        else:
            self.message.setText(_("De demo kon niet gestart worden. Start het programma met "
                                   "--demo om ze te bekijken."))
