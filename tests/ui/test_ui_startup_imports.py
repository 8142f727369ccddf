"""Start-up stays light: OpenCV, NumPy, zxing-cpp and reportlab load when first needed
(camera started, PDF made), not when the window is built."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("cv2", "numpy", "zxingcpp", "reportlab", "biip")


def test_building_the_window_loads_no_heavy_module() -> None:
    code = (
        "import sys\n"
        "from ui.shell.app import build_window, create_application\n"
        "from carma_logistiek.config import AppConfig\n"
        "app = create_application('nl')\n"
        "window = build_window(AppConfig(database_url='sqlite://'))\n"
        "window.context.runner.stop()\n"
        f"print('HEAVY:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert result.returncode == 0, result.stderr
    heavy = [line for line in result.stdout.splitlines() if line.startswith("HEAVY:")]
    assert heavy == ["HEAVY:"]
