"""Record the key presses Qt receives, in the format of tests/data/scanner/*.keys.

    python scripts/record_keys.py OUT.keys [SECONDS]

Opens one text field for SECONDS (default 8) and writes every KeyPress it sees: text, key,
modifiers and the gap to the previous press. Used to record what a scanner burst looks like to
Qt on a given keyboard layout, e.g. under Xvfb:

    eval "$(../shared/tools/real-window.sh 800x600)"; setxkbmap be
    python scripts/record_keys.py tests/data/scanner/azerty-be-staff.keys &
    sleep 2; xdotool type --delay 1 'CL1:CARMA:S:01209'; xdotool key Return

(xdotool types through the active layout as a scanner's keyboard emulation does: Shift before
capitals and, on AZERTY, before digits; AltGr before '@', '#', '\\' ...).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit


class Recorder(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.last: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            now = time.perf_counter()
            gap = 0.0 if self.last is None else (now - self.last) * 1000
            self.last = now
            modifiers = event.modifiers().value
            self.lines.append(
                f"{event.text()!r:6} key={event.key():10d} mods=0x{modifiers:08x} gap={gap:6.1f}ms"
            )
        return False


def main() -> None:
    out, seconds = Path(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 8.0
    app = QApplication([])
    field = QLineEdit()
    recorder = Recorder()
    field.installEventFilter(recorder)
    field.show()
    field.activateWindow()
    field.setFocus()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    out.write_text("\n".join(recorder.lines) + "\n", encoding="utf-8")
    print(f"{len(recorder.lines)} key presses; the field read {field.text()!r}")


if __name__ == "__main__":
    main()
