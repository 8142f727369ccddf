"""The lock: after some minutes without keyboard or mouse input (settings.json
``lock_after_minutes``), or at once from Bestand > Vergrendelen, a lock screen covers the
window. The screens stay as they are below it, with what was typed in them; only the
signed-in person's password opens it again, "Afmelden" signs out.

While locked every key goes to the lock's password field, whichever widget it was sent to: a
scanner burst at a locked desk never reaches the scan screen below (and, recognised as a
burst, is not tried as a password either, so it cannot lock the account). The lock screen is
a window of its own, application-modal, over the main window: a dialog that was open stays
below it, blocked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QWindow
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.i18n import _
from ui.camera.wedge import WedgeScanner
from ui.ops import accounts as ops
from ui.ops.errors import error_sentence
from ui.signin.dialogs import heading, password_field
from ui.widgets.forms import ERROR_STYLE

if TYPE_CHECKING:
    from ui.shell.context import AppContext

MINUTE_MS = 60_000
# What counts as someone being there.
INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
})
KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease})
# Swallowed while locked when meant for anything below the lock.
BLOCKED_EVENTS = frozenset({
    QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel,
    QEvent.Type.ContextMenu,
})
CARD_WIDTH = 440
CARD_MARGIN = 20


def lock_after_ms(minutes: object) -> int:
    """settings.json's ``lock_after_minutes`` in milliseconds; 0 never locks; nonsense there
    means the default (10)."""
    try:
        value = float(minutes)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        value = 10.0
    return max(0, int(value * MINUTE_MS)) if value == value else 10 * MINUTE_MS


class LockScreen(QDialog):
    """The covering window: who is signed in, a password field, Ontgrendelen and Afmelden."""

    unlock_requested = Signal(str)  # the password typed
    sign_out_requested = Signal()

    def __init__(self, name: str, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setObjectName("lockScreen")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(_("Vergrendeld"))
        self.setStyleSheet("#lockScreen { background: palette(window); }"
                           "#lockCard { border: 1px solid palette(mid); border-radius: 6px;"
                           " background: palette(base); }")
        self._closing = False
        self.title = heading(_("Vergrendeld"))
        self.who = QLabel(_("Aangemeld: {name}. Typ uw wachtwoord om verder te werken; wat u "
                            "open had, staat er nog.", name=name))
        self.who.setWordWrap(True)
        self.password = password_field()
        self.password.setPlaceholderText(_("Wachtwoord"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setVisible(False)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.unlock_button = QPushButton(_("Ontgrendelen"))
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton(_("Afmelden"))
        self.sign_out_button.setAutoDefault(False)
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        self.password.returnPressed.connect(self._on_unlock_button_clicked)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self._layout()
        # A burst typed by a scanner is a scan, not a password: dropped (not a failed try).
        self.wedge = WedgeScanner(lambda widget: widget is self.password, self)
        self.wedge.scanned.connect(self._on_wedge_scanned)

    def _layout(self) -> None:
        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(CARD_WIDTH)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(CARD_MARGIN, CARD_MARGIN, CARD_MARGIN, CARD_MARGIN)
        inner.setSpacing(10)
        for widget in (self.title, self.who, self.password, self.message, self.note):
            inner.addWidget(widget)
        self._fit(self.who)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    @staticmethod
    def _fit(label: QLabel) -> None:
        """A wrapped sentence as tall as its lines at the card's width (a window's layout
        does not ask a label's height for its width, and cut the lines in half)."""
        width = CARD_WIDTH - 2 * CARD_MARGIN
        label.setFixedWidth(width)
        label.setFixedHeight(label.heightForWidth(width))

    def cover(self, window: QWidget) -> None:
        """Over ``window``'s whole inside, the focus in the password field."""
        self.setGeometry(window.geometry())
        self.show()
        self.raise_()
        self.activateWindow()
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def covers(self, target: QObject) -> bool:
        """Is ``target`` part of this lock screen (its widgets or its window)?"""
        if isinstance(target, QWidget):
            return target is self or self.isAncestorOf(target)
        return isinstance(target, QWindow) and target is self.windowHandle()

    def refused(self, text: str) -> None:
        self.setEnabled(True)
        self.message.setText(text)
        self._fit(self.message)
        self.message.setVisible(True)
        self.password.setFocus()
        self.password.selectAll()

    def _on_unlock_button_clicked(self) -> None:
        if not self.password.text():
            self.refused(_("Typ uw wachtwoord."))
            return
        self.unlock_requested.emit(self.password.text())

    def _on_wedge_scanned(self, _code: str) -> None:
        # The burst's first keys may have reached the field before it was recognised (a busy
        # PC delivers them late): whatever is there now is the scanner's, not a password.
        self.password.clear()
        self.note.setText(_("Een scan telt niet zolang het venster vergrendeld is. Ontgrendel "
                            "eerst en scan dan opnieuw."))
        self._fit(self.note)
        self.note.setVisible(True)

    def reject(self) -> None:
        """Esc does not open the lock."""

    def close_for_good(self) -> None:
        self._closing = True
        self.wedge.uninstall()
        self.hide()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing:
            event.ignore()  # Alt+F4 does not open it either
            return
        super().closeEvent(event)


class LockController(QObject):
    """Watches for input while someone is signed in; locks when it stops or when asked."""

    locked_changed = Signal(bool)
    sign_out_requested = Signal()

    def __init__(self, context: AppContext, window: QWidget) -> None:
        super().__init__(window)
        self.context = context
        self.window_ = window
        self.idle_ms = lock_after_ms(context.config.lock_after_minutes)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.screen: LockScreen | None = None
        self.name = ""
        self._armed = False
        self._asking = False
        self._focus_before: QWidget | None = None

    @property
    def locked(self) -> bool:
        return self.screen is not None

    @contextmanager
    def asking(self) -> Iterator[None]:
        """A question asked from the lock (Afmelden with work not booked): its box gets the
        keys and clicks meanwhile."""
        self._asking = True
        try:
            yield
        finally:
            self._asking = False

    def arm(self, name: str) -> None:
        """Someone signed in with a password: watch for input (and allow Vergrendelen)."""
        self.name = name
        self._armed = True
        self._install()
        self._restart_timer()

    def disarm(self) -> None:
        self._armed = False
        self.timer.stop()
        self._uninstall()
        if self.screen is not None:
            self._close_screen()

    def set_idle_ms(self, milliseconds: int) -> None:
        """A shorter wait (tests), from now on."""
        self.idle_ms = milliseconds
        self._restart_timer()

    def _restart_timer(self) -> None:
        if self._armed and self.idle_ms > 0 and self.screen is None:
            self.timer.start(self.idle_ms)

    def _install(self) -> None:
        app = QApplication.instance()
        if app is not None:  # newest first: it sees every event before the other filters
            app.removeEventFilter(self)
            app.installEventFilter(self)

    def _uninstall(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # --- locking -------------------------------------------------------------------------
    def lock(self) -> None:
        if not self._armed or self.screen is not None:
            return
        self.timer.stop()
        self._focus_before = QApplication.focusWidget()
        screen = LockScreen(self.name, self.window_)
        screen.unlock_requested.connect(self._on_screen_unlock_requested)
        screen.sign_out_requested.connect(self.sign_out_requested)
        self.screen = screen
        screen.wedge.install()
        self._install()  # before the lock's wedge: a key meant for a screen is turned first
        screen.cover(self.window_)
        self.locked_changed.emit(True)

    def _on_screen_unlock_requested(self, password: str) -> None:
        screen = self.screen
        if screen is None:
            return
        screen.setEnabled(False)
        ops.verify_password(self.context, password=password).success(
            lambda _none: self.unlock()).failure(
            lambda error: screen.refused(error_sentence(error))).run()

    def unlock(self) -> None:
        if self.screen is None:
            return
        self._close_screen()
        focus = self._focus_before
        self._focus_before = None
        self.window_.activateWindow()
        if focus is not None:
            # RuntimeError: the widget is gone (it was not the lock's to keep).
            with suppress(RuntimeError):
                focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._restart_timer()
        self.locked_changed.emit(False)

    def _close_screen(self) -> None:
        assert self.screen is not None
        self.screen.close_for_good()
        self.screen = None

    # --- the filter ------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        screen = self.screen
        if screen is None:
            if kind in INPUT_EVENTS:
                self._restart_timer()
            return False
        if watched is self.window_ and kind in (QEvent.Type.Move, QEvent.Type.Resize):
            screen.setGeometry(self.window_.geometry())
            return False
        if self._asking or (kind not in KEY_EVENTS and kind not in BLOCKED_EVENTS):
            return False
        if screen.covers(watched):
            return False
        if kind in KEY_EVENTS:
            assert isinstance(event, QKeyEvent)
            QApplication.sendEvent(screen.password, QKeyEvent(
                event.type(), event.key(), event.modifiers(), event.text(),
                event.isAutoRepeat(), event.count()))
        return True
