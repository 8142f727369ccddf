"""Garbage collection on the GUI thread only (as Anki does).

Python's cyclic garbage collector runs in whichever thread happens to allocate when a
threshold is crossed. When that is the database worker and the garbage holds Qt objects
(a closed dialog caught in a reference cycle with its slots), Qt objects of the GUI thread
are destroyed from another thread, and the process crashes: seen as a segmentation fault
in the worker while it imported a module. So automatic collection is switched off and a
timer collects on the GUI thread instead.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

YOUNG_EVERY_MS = 1_000
FULL_EVERY_TICKS = 60


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(YOUNG_EVERY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self._ticks += 1
        # Young generations are cheap (well under a millisecond); a full pass now and then.
        gc.collect(2 if self._ticks % FULL_EVERY_TICKS == 0 else 1)


def collect_on_gui_thread(app: QObject) -> MainThreadCollector:
    collector = MainThreadCollector(app)
    collector.start()
    return collector
