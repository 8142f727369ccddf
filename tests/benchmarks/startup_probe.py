"""Run in a fresh process by bench_startup: print SHOWN when the window is first painted and
READY when it is usable.

    python -m tests.benchmarks.startup_probe bare
    python -m tests.benchmarks.startup_probe app sqlite:////path/to.sqlite

"bare" is a PySide6 label: SHOWN and READY at its first paint. "app" is SHOWN at the main
window's first paint (the shell, before the database is open) and READY when the database is
open (migrations checked) and the first screen's data is painted (every card of the stuurbord;
before it came first, the first stock rows): the moment a clerk can start working.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _on_first_paint(widget, callback) -> object:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent, QObject

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, watched, event) -> bool:  # type: ignore[no-untyped-def]
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                callback()
            return False

    spy = FirstPaint()
    widget.installEventFilter(spy)
    return spy


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    window = QLabel("bare")

    def painted() -> None:
        print("SHOWN", flush=True)
        print("READY", flush=True)
        QTimer.singleShot(0, app.quit)

    spy = _on_first_paint(window, painted)
    window.show()
    app.exec()
    del spy


def full_app(url: str) -> None:
    from PySide6.QtCore import QTimer

    from carma_logistiek.config import resolve_config
    from carma_logistiek.i18n import set_language
    from ui.shell.app import build_window, create_application

    config = resolve_config(db_url=url)
    set_language(config.language)
    app = create_application(config.language)
    # The start is measured, not a sign-in: the OS user with every role, as before accounts.
    from carma_logistiek.domain.access import Actor

    window = build_window(config, actor=Actor.with_every_role(config.actor))
    spy = _on_first_paint(window, lambda: print("SHOWN", flush=True))

    def on_rows(_count: int) -> None:
        # Let the table paint once, then report.
        QTimer.singleShot(0, lambda: (print("READY", flush=True), app.quit()))

    def listen() -> None:
        # The first screen: the stuurbord (ready when every card is filled), else the stock.
        first = window.screens.get("dashboard")
        if first is not None:
            first.filled.connect(lambda: on_rows(0))  # type: ignore[attr-defined]
        else:
            window.screens["stock"].rows_loaded.connect(on_rows)  # type: ignore[attr-defined]

    def on_started() -> None:
        # The screens are built right after ``started``; listen to the first one then.
        QTimer.singleShot(0, listen)

    window.started.connect(on_started)
    window.show()
    app.exec()
    window.context.runner.stop()
    del spy
    # What was imported: heavy modules must wait until they are needed.
    heavy = [name for name in ("cv2", "reportlab", "numpy") if name in sys.modules]
    print("HEAVY", ",".join(heavy), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        full_app(sys.argv[2])
