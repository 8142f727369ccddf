"""The render pool: PDFs, calendars and files are made here, never on the database worker.

One thread is enough (renders are rare and each is CPU-bound under the GIL except reportlab's
C parts); what matters is that the database worker stays free for the counter's scans.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives on the GUI thread; the pool thread emits ``finished`` and Qt queues the call
    of ``_deliver`` to the GUI thread."""

    finished = Signal(object, object)  # result, exception

    def __init__(self, deliver: Callable[[object, object], None]) -> None:
        super().__init__()
        self.deliver = deliver
        self.finished.connect(self._on_finished)

    @Slot(object, object)
    def _on_finished(self, result: object, error: object) -> None:
        self.deliver(result, error)


class _Render(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.function = function
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.function()
        except BaseException as error:  # handed to the failure callback, never lost
            self.relay.finished.emit(None, error)
        else:
            self.relay.finished.emit(result, None)


class RenderPool(QObject):
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def submit(self, function: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        def finished(result: object, error: object) -> None:
            self._relays.discard(relay)
            if not self._relays:
                self.busy_changed.emit(False)
            if error is None:
                on_done(result)
            else:
                assert isinstance(error, BaseException)
                on_error(error)

        relay = _Relay(finished)
        self._relays.add(relay)
        if len(self._relays) == 1:
            self.busy_changed.emit(True)
        self._pool.start(_Render(function, relay))

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    def stop(self) -> None:
        self._pool.waitForDone(10_000)
