"""The app works installed the way users get it: a plain (non-editable) install in a fresh
virtualenv, and the one-folder PyInstaller bundle. Both must carry the migrations and the
compiled translations, found as package data, not next to a source tree.

Slow (a wheel install ~1 min, a bundle build ~1-2 min); CI runs them (scripts/test.sh runs every
test). Each test builds from a copy of the checkout's files, so nothing can come from the
working folder by accident and nothing is left in it.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from carma_logistiek.db.migrate import head_revision

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = os.name == "nt"


def run(command: list[str], *, timeout: float, cwd: Path,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, timeout=timeout, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", check=False)


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result


def clean_environment(**extra: str) -> dict[str, str]:
    """The caller's environment (CARMA_HOME from tests/conftest.py keeps user folders out) minus
    whatever could let the checkout leak into the installed program."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSAFEPATH")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def copy_of_checkout(target: Path) -> Path:
    """The files git would ship (tracked, or new and not ignored), without docs' screenshots."""
    listed = ok(run(["git", "ls-files", "-co", "--exclude-standard", "-z"], timeout=60, cwd=ROOT))
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if name.startswith("docs/") or not source.is_file():
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
    return target


def schema_revision(database: Path) -> str:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def english_cli_round(program: list[str], folder: Path, env: dict[str, str]) -> None:
    """migrate a fresh database, list stock and have a booking refused, all in English."""
    database = folder / "fresh.sqlite"
    url = f"sqlite:///{database.as_posix()}"
    migrated = ok(run([*program, "migrate", "--create", "--db", url, "--lang", "en"], timeout=120,
                      cwd=folder, env=env))
    assert "Schema upgraded" in migrated.stdout
    assert schema_revision(database) == head_revision()
    stock = ok(run([*program, "stock", "--db", url, "--lang", "en"], timeout=120, cwd=folder,
                   env=env))
    assert stock.stdout.split()[:4] == ["Code", "Product", "Location", "Quantity"]
    refused = run([*program, "book", "pickup", "--db", url, "--lang", "en", "--product", "NOPE",
                   "--location", "NOWHERE", "--qty", "1"], timeout=120, cwd=folder, env=env)
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1, output
    assert "Unknown product: 'NOPE'. Check the code or scan again." in output
    assert "Traceback" not in output


def ink_spread_ean13(path: Path) -> None:
    """An EAN-13 printed with ink spread (every bar half a module too wide): zbar reads it
    plainly, which is what the probe of the bundled libzbar below needs."""
    import cv2
    import numpy as np
    import zxingcpp

    row = np.array(zxingcpp.create_barcode(GTIN, zxingcpp.BarcodeFormat.EAN13).to_image(scale=4),
                   dtype=np.uint8)[:1]
    row = np.pad(row, ((0, 0), (40, 40)), constant_values=255)
    dark = cv2.dilate((row < 128).astype(np.uint8), np.ones((1, 3), np.uint8))
    image = np.repeat(np.where(dark, 0, 255).astype(np.uint8), 100, axis=0)
    cv2.imwrite(str(path), cv2.copyMakeBorder(image, 20, 20, 0, 0, cv2.BORDER_CONSTANT,
                                              value=255))


GTIN = "5412345678908"

# Runs the checkout's scanning/zbar.py the way the frozen program does (sys.frozen, _MEIPASS,
# LD_LIBRARY_PATH on the bundle's folder as the bootloader sets it) on a computer without
# libzbar0 (find_library finds nothing): the bundled copy must load and read.
ZBAR_AS_FROZEN = """
import ctypes.util, json, sys
sys.frozen, sys._MEIPASS = True, sys.argv[1]
ctypes.util.find_library = lambda name: None
import cv2
from carma_logistiek.scanning import zbar
codes = zbar.zbar_decode(cv2.imread(sys.argv[2], cv2.IMREAD_GRAYSCALE))
with open("/proc/self/maps") as maps:
    mapped = sorted({line.split()[-1] for line in maps if "libzbar" in line})
print(json.dumps({"loaded": zbar.loaded_library(), "texts": [c.text for c in codes],
                  "mapped": mapped}))
"""


def zbar_in_the_bundle(bundle: Path, program: list[str], folder: Path) -> None:
    """The fall-back decoder ships: libzbar is in the bundle, the program reads a code only zbar
    reads, and on Linux scanning/zbar.py loads the bundled copy where the computer has none."""
    internal = bundle / "_internal"
    if WINDOWS:  # the DLLs of pyzbar's wheel, where pyzbar's own loader looks
        assert (internal / "pyzbar/libzbar-64.dll").is_file()
    else:
        assert sorted(internal.glob("libzbar.so*")), sorted(p.name for p in internal.iterdir())
    import cv2

    from tests.support.frames import make_qr_image
    from tests.support.hard_images import ZBAR_ONLY, make_image

    clean, spread = folder / "ean13.png", folder / "ean13-ink-spread.png"
    cv2.imwrite(str(clean), make_qr_image(GTIN, "ean13"))
    ink_spread_ean13(spread)
    # A dim phone photo of one of our labels that only a zbar attempt reads (checked in
    # tests/integration/test_hard_decoding.py, with zbar switched off there it reads nothing).
    phone = make_image(*ZBAR_ONLY)
    dim = folder / "qr-phone.png"
    cv2.imwrite(str(dim), phone.image)
    read = ok(run([*program, "scan-image", str(clean), str(dim), "--lang", "en"],
                  timeout=120, cwd=folder, env=clean_environment()))
    lines = [json.loads(line) for line in read.stdout.splitlines() if line.strip()]
    assert [line["text"] for line in lines] == [GTIN, phone.expected], read.stdout
    # The clean one on the easy path; the other only by zbar, inside the frozen program.
    assert lines[0]["strategy"] == "first", read.stdout
    assert lines[1]["strategy"].startswith("zbar"), read.stdout
    if sys.platform.startswith("linux"):
        env = clean_environment(LD_LIBRARY_PATH=str(internal))
        probe = json.loads(ok(run([sys.executable, "-c", ZBAR_AS_FROZEN, str(internal),
                                   str(spread)], timeout=120, cwd=ROOT, env=env)).stdout)
        bundled = str(internal / "libzbar.so.0")
        assert probe == {"loaded": bundled, "texts": [GTIN], "mapped": [bundled]}, probe


def test_a_plain_install_in_a_fresh_virtualenv_migrates_and_speaks_english(
    tmp_path: Path,
) -> None:
    started = time.monotonic()
    source = copy_of_checkout(tmp_path / "source")
    wheels = tmp_path / "wheels"
    ok(run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels),
            str(source)], timeout=300, cwd=tmp_path))
    wheel = next(wheels.glob("carma_logistiek-*.whl"))
    built = time.monotonic()

    # A plain venv (not --system-site-packages), filled by this venv's pip: the dependencies
    # come from pip's cache or index like any user's install, the app only from the wheel.
    venv = tmp_path / "venv"
    ok(run([sys.executable, "-m", "venv", "--without-pip", str(venv)], timeout=120,
           cwd=tmp_path))
    python = venv / ("Scripts/python.exe" if WINDOWS else "bin/python")
    ok(run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
            str(wheel)], timeout=600, cwd=tmp_path))
    installed = time.monotonic()

    env = clean_environment()
    where = ok(run([str(python), "-c", "import carma_logistiek.paths as p, carma_logistiek as c; "
                    "print(c.__file__); print(p.resources_dir()); print(p.migrations_dir())"],
                   timeout=120, cwd=tmp_path, env=env)).stdout.split("\n")
    for line in where[:3]:
        assert Path(line).resolve().is_relative_to(venv.resolve()), where
    program = [str(venv / ("Scripts/carma-logistiek.exe" if WINDOWS else "bin/carma-logistiek"))]
    english_cli_round(program, tmp_path, env)
    print(f"\nplain install: wheel {built - started:.0f} s, venv + install "
          f"{installed - built:.0f} s, commands {time.monotonic() - installed:.0f} s")


def test_the_bundle_opens_its_main_window_on_a_fresh_database_and_runs_the_cli(
    tmp_path: Path,
) -> None:
    pytest.importorskip("PyInstaller")
    started = time.monotonic()
    source = copy_of_checkout(tmp_path / "source")
    dist = tmp_path / "dist"
    ok(run([sys.executable, "-m", "PyInstaller", str(source / "build.spec"), "--noconfirm",
            "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(tmp_path / "work")],
           timeout=900, cwd=source))
    built = time.monotonic()
    bundle = dist / "carma-logistiek"
    inside = bundle / "_internal" / "carma_logistiek"
    assert (inside / "resources/locale/en/LC_MESSAGES/carma_logistiek.mo").is_file()
    assert (inside / "migrations/env.py").is_file()
    # Qt's own Dutch texts (file dialog, standard buttons), where QLibraryInfo looks for them.
    assert (bundle / "_internal/PySide6/Qt/translations/qtbase_nl.qm").is_file()
    assert sorted(p.name for p in (inside / "migrations/versions").glob("*.py")) == sorted(
        p.name for p in (ROOT / "db/migrations/versions").glob("*.py"))
    program = [str(bundle / ("carma-logistiek.exe" if WINDOWS else "carma-logistiek"))]

    window_db = tmp_path / "window.sqlite"
    window_db.touch()  # the window makes no database without asking; an empty file it fills
    shown = ok(run([*program, "--db", f"sqlite:///{window_db.as_posix()}", "--lang", "en"],
                   timeout=120, cwd=tmp_path, env=clean_environment(CARMA_SMOKE_EXIT="1")))
    assert "smoke: window shown (True), database opened" in shown.stdout
    assert schema_revision(window_db) == head_revision()
    started_window = time.monotonic()

    english_cli_round(program, tmp_path, clean_environment())
    zbar_in_the_bundle(bundle, program, tmp_path)
    print(f"\nbundle: build {built - started:.0f} s, window {started_window - built:.1f} s, "
          f"commands {time.monotonic() - started_window:.0f} s")
