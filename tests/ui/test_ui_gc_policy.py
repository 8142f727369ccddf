"""Garbage with Qt objects is collected on the GUI thread, never by a worker thread."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QDialog


def test_the_app_collects_cycles_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.shell.app import create_application

    create_application("nl")
    gc.enable()  # as between tests; the policy must switch it off again
    from PySide6.QtWidgets import QApplication

    from ui.shell.gc_policy import collect_on_gui_thread

    collector = collect_on_gui_thread(QApplication.instance())
    assert not gc.isenabled()
    collected_in: list[str] = []

    class Cycle:
        def __init__(self) -> None:
            self.dialog = QDialog()
            self.me = self  # a reference cycle, as a dialog with a slot on itself makes

        def __del__(self) -> None:
            collected_in.append(threading.current_thread().name)

    probe = weakref.ref(Cycle())
    assert probe() is not None  # only the cycle keeps it alive
    qtbot.waitUntil(lambda: probe() is None, timeout=3000)
    assert collected_in == [threading.main_thread().name]
    collector.deleteLater()
