"""Start-up stays light: the frame of the window is built (and painted) without SQLAlchemy, the
services or any screen's module; those load behind the shown frame (SQLAlchemy and the
migrations on the database worker). OpenCV, NumPy, zxing-cpp and reportlab load only when
first needed (camera started, PDF made), not when the screens are built."""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("cv2", "numpy", "zxingcpp", "reportlab", "biip")


def run(code: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line.startswith(("LOADED:", "HEAVY:"))]


def test_the_frame_is_built_without_the_database_layer_or_the_screens() -> None:
    code = (
        "import sys\n"
        "from ui.shell.app import build_window, create_application\n"
        "from carma_logistiek.config import AppConfig\n"
        "app = create_application('nl')\n"
        "window = build_window(AppConfig(database_url='sqlite://'))\n"
        "window.grab()\n"  # paints the frame without an event loop
        "names = [m for m in sys.modules if m.startswith(('sqlalchemy', 'alembic',"
        " 'carma_logistiek.services.', 'carma_logistiek.db', 'ui.stock.', 'ui.scan.',"
        " 'ui.orders.', 'ui.kits.', 'ui.dashboard.'))]\n"
        "names = [m for m in names if m not in ('carma_logistiek.services.results',"
        " 'ui.kits.icon')]\n"
        "print('LOADED:' + ','.join(sorted(names)))\n"
        "window.context.runner.stop()\n"
    )
    assert run(code) == ["LOADED:"]


def test_building_the_screens_loads_no_heavy_module() -> None:
    code = (
        "import sys\n"
        "from ui.shell.app import build_window, create_application\n"
        "from carma_logistiek.config import AppConfig\n"
        "app = create_application('nl')\n"
        "from carma_logistiek.domain.access import Actor\n"
        "window = build_window(AppConfig(database_url='sqlite://'), open_now=True,"
        " actor=Actor.with_every_role('t'))\n"
        "for name in ('dashboard', 'stock', 'scan', 'orders', 'kits'):\n"
        "    window.screen_named(name)\n"
        "window.context.runner.stop()\n"
        f"print('HEAVY:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    assert run(code) == ["HEAVY:"]
