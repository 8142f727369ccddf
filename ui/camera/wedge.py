"""Handheld scanners in keyboard mode ("wedge"): they type the code very fast, as a keyboard.

``WedgeScanner`` is an application event filter, active while a scan screen is shown. A
character key is held back for a moment: when more follow within ``max_gap`` seconds and the
burst (at least ``min_length`` characters) ends, it is a scan: ``scanned`` is emitted and none of
the keys reach the focused field. When the keys come slower, they are a person typing: the held
keys are delivered to their widget as if nothing happened (a held key waits at most ``max_gap``
plus a few milliseconds, which nobody notices).

What a scanner really sends (recordings in tests/data/scanner/, made with
scripts/record_keys.py):

- a separate **Shift** press before every capital and every ``:`` (QWERTY) or every digit
  (Belgian AZERTY), **AltGr** before ``@``, ``#`` ... on AZERTY (on Windows AltGr is Ctrl+Alt),
  **NumLock** toggles around keypad digits. A modifier press has no text; it belongs to the
  burst, neither a character nor its end.
- a suffix: **Enter** (often), keypad Enter, **Tab**, or **none** (the burst just stops: it ends
  by the timer). A terminator that follows a timer-ended scan within ``suffix_grace`` (a
  scanner whose Enter comes later than the timer) belongs to that scan: it must not reach the
  field, where Enter on an empty scan field would confirm a booking. (After a scan that ended in
  Enter the next Enter is the clerk's: "book it".)
- GS1 codes carry FNC1 as the GS control character (``\\x1d``), which the GS1 parser needs.

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
# A burst without a suffix is a scan only when it is this long: a fast typist's roll-over can
# put three or four keys within a few milliseconds, never eight (our shortest label has 13
# characters, an EAN-8 eight).
MIN_LENGTH_WITHOUT_SUFFIX = 8
SUFFIX_GRACE = 0.200  # a terminator this soon after a scan is that scan's suffix
TERMINATOR_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
# Keys that only change what the next key types: inside a burst they are part of it.
MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Mode_switch,
    }
)
GROUP_SEPARATOR = "\x1d"  # GS1's FNC1 as a scanner types it
_CONTROL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier
_META = Qt.KeyboardModifier.MetaModifier


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )


def is_character(event: QKeyEvent) -> bool:
    """A key that types a character a label may hold (not a shortcut such as Ctrl+C).

    Ctrl+Alt with a printable character is AltGr on Windows (Belgian ``@`` is AltGr+é), so
    only Ctrl or Meta *without* Alt makes a command."""
    text = event.text()
    if text == GROUP_SEPARATOR:
        return True
    if not text or not text.isprintable():
        return False
    modifiers = event.modifiers()
    command = bool(modifiers & (_CONTROL | _META)) and not modifiers & _ALT
    return not command


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
        suffix_grace: float = SUFFIX_GRACE,
    ) -> None:
        super().__init__(parent)
        self.accepts = accepts
        self.clock = clock
        self.max_gap = max_gap
        self.min_length = min_length
        self.suffix_grace = suffix_grace
        self._held: list[tuple[QWidget, QKeyEvent]] = []
        self._last = 0.0
        self._scanned_at: float | None = None
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
        """True when the key is taken (held back, part of a scan, or a scan's suffix)."""
        now = self.clock()
        key = event.key()
        if key in MODIFIER_KEYS:
            # Let it through: alone it types nothing; it neither ends nor starts a burst.
            return False
        fast = bool(self._held) and now - self._last <= self.max_gap
        if key in TERMINATOR_KEYS and not event.modifiers() & (_CONTROL | _ALT | _META):
            return self._terminator(now, fast)
        if not is_character(event):
            self.release()
            return False
        self._scanned_at = None
        if self._held and not fast:
            self.release()
        self._held.append((widget, _copy(event)))
        self._last = now
        self._timer.start()
        return True

    def _terminator(self, now: float, fast: bool) -> bool:
        if fast and len(self._held) >= self.min_length:
            self._emit_scan()
            return True
        if not self._held and self._is_suffix(now):
            self._scanned_at = None
            return True
        self.release()
        return False

    def _is_suffix(self, now: float) -> bool:
        return self._scanned_at is not None and now - self._scanned_at <= self.suffix_grace

    def _emit_scan(self, *, ended_by_timer: bool = False) -> None:
        text = self.holding
        self._held.clear()
        self._timer.stop()
        self._scanned_at = self.clock() if ended_by_timer else None
        self.scanned.emit(text)

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
        """The keys stopped: a fast burst long enough is a scan without a suffix; fewer keys
        (or a person's fast two or three) are typing."""
        if len(self._held) >= MIN_LENGTH_WITHOUT_SUFFIX:
            self._emit_scan(ended_by_timer=True)
        else:
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
