"""Handheld scanners in keyboard mode ("wedge"): they type the code very fast and press Enter.

``WedgeScanner`` is an application event filter, active while a scan screen is shown. A
printable key is held back for a moment: when more keys follow within ``max_gap`` seconds
and the burst (at least ``min_length`` characters) ends in Enter, it is a scan: ``scanned``
is emitted and none of the keys reach the focused field. When the keys come slower, they are
a person typing: the held keys are delivered to their widget as if nothing happened (a held
key waits at most ``max_gap`` plus a few milliseconds, which nobody notices).

The clock is injectable, so tests can type "slowly" or "fast" without sleeping.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

MAX_GAP = 0.030  # seconds between keystrokes of a scanner; people need 80 ms or more
MIN_LENGTH = 4
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )


class WedgeScanner(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        accepts: Callable[[QWidget], bool],
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_gap: float = MAX_GAP,
        min_length: int = MIN_LENGTH,
    ) -> None:
        super().__init__(parent)
        self.accepts = accepts
        self.clock = clock
        self.max_gap = max_gap
        self.min_length = min_length
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self._last = 0.0
        self._replaying = False
        self._installed = False
        self._timer = QTimer(self, singleShot=True, interval=int(max_gap * 1000) + 15)
        self._timer.timeout.connect(self._on_timer_timeout)

    # --- installing ----------------------------------------------------------------------
    def install(self) -> None:
        app = QApplication.instance()
        if not self._installed and app is not None:
            app.installEventFilter(self)
            self._installed = True

    def uninstall(self) -> None:
        app = QApplication.instance()
        if self._installed and app is not None:
            app.removeEventFilter(self)
            self._installed = False
        self.release()

    @property
    def holding(self) -> str:
        return "".join(event.text() for _widget, event in self._held)

    # --- filtering -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(watched, QWidget) or not self.accepts(watched):
            return False
        return self.key_pressed(watched, event)  # type: ignore[arg-type]

    def key_pressed(self, widget: QWidget, event: QKeyEvent) -> bool:
        """True when the key is taken (held back or part of a scan)."""
        now = self.clock()
        fast = bool(self._held) and now - self._last <= self.max_gap
        if event.key() in ENTER_KEYS:
            if fast and len(self._held) >= self.min_length:
                text = self.holding
                self._held.clear()
                self._timer.stop()
                self.scanned.emit(text)
                return True
            self.release()
            return False
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & COMMAND_MODIFIERS:
            self.release()
            return False
        if self._held and not fast:
            self.release()
        self._held.append((widget, _copy(event)))
        self._last = now
        self._timer.start()
        return True

    def release(self) -> None:
        """Deliver the held keys as ordinary typing."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for widget, event in held:
                with contextlib.suppress(RuntimeError):  # the widget was deleted meanwhile
                    QApplication.sendEvent(widget, event)
        finally:
            self._replaying = False

    def _on_timer_timeout(self) -> None:
        self.release()


class ScanTargetMixin:
    """For a screen with a scan field: while it is shown, the wedge scanner listens (only for
    keys in this window), the camera runs if wanted, and the scan field has the focus.

    Mix in before QWidget. The screen sets ``self.wedge = WedgeScanner(self.wedge_accepts,
    self)`` and ``self.scan_field``, and provides ``start_camera``/``stop_camera``.
    """

    def camera_wanted(self) -> bool:
        return True

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)  # type: ignore[misc]
        self.wedge.install()  # type: ignore[attr-defined]
        if self.camera_wanted():
            self.start_camera()  # type: ignore[attr-defined]
        self.refocus()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.wedge.uninstall()  # type: ignore[attr-defined]
        self.stop_camera()  # type: ignore[attr-defined]
        super().hideEvent(event)  # type: ignore[misc]

    def refocus(self) -> None:
        """The scan field takes the focus back (after every dialog and every action)."""
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)  # type: ignore[attr-defined]

    def wedge_accepts(self, widget: QWidget) -> bool:
        return self.isVisible() and widget.window() is self.window()  # type: ignore[attr-defined]
