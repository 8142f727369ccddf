"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method that
returns nothing and dies after a few thousand (``none_dealloc``). A small suite passes anyway,
so this makes tens of thousands of such calls in a fresh process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

CALLS = 30_000

SCRIPT = textwrap.dedent(f"""
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QLabel

    class Empty(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 10
        def columnCount(self, parent=QModelIndex()):
            return 10
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return None

    app = QApplication([])
    label = QLabel()
    model = Empty()
    index = model.index(1, 1)
    for i in range({CALLS}):
        label.setText("x")
        label.resize(100 + i % 7, 20)
        model.data(index)
        index.data()
    print("ok")
""")


def test_many_void_calls_do_not_crash_the_interpreter() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
