"""Run in a fresh process by bench_startup: print READY when the window is interactive.

    python -m tests.benchmarks.startup_probe bare
    python -m tests.benchmarks.startup_probe app sqlite:////path/to.sqlite

"app" is ready when the main window is shown, the database is open (migrations checked) and
the first stock rows are painted: the moment a clerk can start working.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication([])
    window = QLabel("bare")
    window.show()

    def ready() -> None:
        print("READY", flush=True)
        app.quit()

    QTimer.singleShot(0, ready)
    app.exec()


def full_app(url: str) -> None:
    from PySide6.QtCore import QTimer

    from carma_logistiek.config import resolve_config
    from carma_logistiek.i18n import set_language
    from ui.shell.app import build_window, create_application

    config = resolve_config(db_url=url)
    set_language(config.language)
    app = create_application(config.language)
    window = build_window(config)
    window.show()

    def on_rows(_count: int) -> None:
        # Let the table paint once, then report.
        QTimer.singleShot(0, lambda: (print("READY", flush=True), app.quit()))

    window.stock.rows_loaded.connect(on_rows)
    app.exec()
    window.context.runner.stop()
    # What was imported: heavy modules must wait until they are needed.
    heavy = [name for name in ("cv2", "reportlab", "numpy") if name in sys.modules]
    print("HEAVY", ",".join(heavy), flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        full_app(sys.argv[2])
