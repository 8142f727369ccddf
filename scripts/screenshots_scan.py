"""Screenshots of the scan screen, offscreen at 1366x768, into docs/screenshots/: a pickup of
five products done by scanning alone, from a video file standing in for the webcam (through
the real CameraWorker and CameraSource), then a GS1 delivery, a count, a refusal and the
label dialog.

    .venv/bin/python scripts/screenshots_scan.py [--out FOLDER]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pick_products(db, location: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Five different products with good (not expired) stock at the location."""
    from carma_logistiek.domain.stock import StockStatus
    from carma_logistiek.services.stock import overview

    rows = overview.stock_overview(db, location_code=location)
    good = [
        row.product_code
        for row in rows
        if row.quantity >= 3 and row.status not in (StockStatus.EXPIRED, StockStatus.EXPIRING_SOON)
    ]
    return list(dict.fromkeys(good))[:5]


def label_video(path: Path, texts: list[str]) -> Path:
    from tests.support.frames import make_qr_image, webcam_frame, write_video

    frames = [webcam_frame(None, (640, 480), seed=1)] * 10
    for number, text in enumerate(texts):
        code = make_qr_image(text)
        frames += [
            webcam_frame(code, (640, 480), seed=number * 10 + i, rotation=4 - number * 2)
            for i in range(14)
        ]
        frames += [webcam_frame(None, (640, 480), seed=300 + number * 10 + i) for i in range(12)]
    return write_video(path, frames, fps=20)


def main() -> int:  # a screenplay, read top to bottom
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    options = parser.parse_args()
    home = tempfile.mkdtemp(prefix="carma-scan-shots-")
    os.environ.setdefault("CARMA_HOME", home)

    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QSettings, Qt

    from carma_logistiek.config import resolve_config
    from carma_logistiek.db.uow import Database
    from carma_logistiek.i18n import set_language
    from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
    from carma_logistiek.services import masterdata
    from ui.camera.worker import CameraSettings
    from ui.shell import app as ui_app
    from ui.shell.services import AppServices
    from ui.widgets.prompts import RecordingPrompts
    from ui.widgets.sounds import RecordingPlayer

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, home)
    config = resolve_config(db_url=None, demo=True, language="nl")
    set_language("nl")
    app = ui_app.create_application("nl")
    window = ui_app.build_window(
        config, AppServices(sounds=RecordingPlayer(), prompts=RecordingPrompts()))
    window.resize(1366, 768)
    window.show()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)

    def wait(condition, timeout_ms: int = 120_000) -> None:  # type: ignore[no-untyped-def]
        deadline = QDeadlineTimer(timeout_ms)
        while not condition():
            if deadline.hasExpired():
                raise TimeoutError("screen did not get ready")
            QCoreApplication.processEvents()
        for _ in range(10):
            QCoreApplication.processEvents()

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        widget.grab().save(str(out / f"{name}.png"))
        print("saved", name)

    def label(kind: str, code: str, lot: str | None = None) -> str:
        return encode_label(LabelPayload(LabelKind[kind], code, lot))

    wait(lambda: window.rail.isEnabled())
    wait(lambda: not window.context.runner.busy)
    db = Database(config.database_url)
    location = "GNK-MAG"
    products = pick_products(db, location)
    video = label_video(
        Path(home) / "pickup.avi",
        [label("LOCATION", location)] + [label("PRODUCT", code) for code in products],
    )
    screen = window.screen_named("scan")
    window.show_screen_named("scan")
    wait(lambda: window.current_screen() is screen)
    screen.restart_camera(CameraSettings(source=str(video)))
    entries = screen.pickup.entries
    wait(lambda: screen.location_code == location)
    shot(window, "scan-1-locatie")
    for count, name in (
        (1, "scan-2-eerste-product"),
        (2, "scan-3-tweede-product"),
        (3, "scan-4-derde-product"),
        (5, "scan-5-vijf-producten"),
    ):
        wait(lambda c=count: len(entries) >= c)
        shot(window, name)
    screen.refocus()
    from PySide6.QtTest import QTest

    QTest.keyClick(screen.scan_field, Qt.Key.Key_Return)
    wait(lambda: not entries and "Afgehaald" in window.last_booking_label.text())
    shot(window, "scan-6-geboekt")

    # A refusal: a URL in front of the scanner.
    screen.scan_text("https://www.example.com/folder")
    wait(lambda: screen.feedback_state == "refused")
    shot(window, "scan-fout")

    # Delivery: a GS1 code (GTIN + expiry + lot) fills everything at once.
    product = next(
        p for p in masterdata.search_products(db, limit=500) if p.gtin and p.tracks_expiry
    )
    screen.set_mode("delivery")
    screen.scan_text(f"(01){product.gtin.zfill(14)}(17)281130(10)LOT-2411A")
    wait(lambda: screen.delivery.product is not None)
    screen.delivery.quantity_edit.setText("24")
    shot(window, "scan-levering-gs1")
    screen.delivery.cancel_line()

    # Count: the storeroom, three products found, one missing.
    screen.set_mode("count")
    wait(lambda: screen.count.sheet is not None)
    for number, difference in enumerate(screen.count.differences[:4]):
        code, lot = difference.product_code, difference.lot_number
        text = label("LOT", code, lot) if lot else label("PRODUCT", code)
        # First line found complete, second short, third over, fourth missing.
        times = {0: difference.expected, 1: difference.expected - 1, 2: difference.expected + 1}
        for _ in range(min(12, max(0, times.get(number, 0)))):
            screen.scan_text(text)
    wait(lambda: not window.context.runner.busy)
    shot(window, "scan-telling")

    # Labels: two selected rows of the stock screen.
    screen.count.clear_all()
    window.show_screen_named("stock")
    stock = window.screen_named("stock")
    stock.set_location(location)
    wait(lambda: stock.table.model().rowCount() > 2 and not window.context.runner.busy)
    stock.table.selectRow(0)
    stock.table.selectionModel().select(
        stock.table.model().index(1, 0),
        stock.table.selectionModel().SelectionFlag.Select
        | stock.table.selectionModel().SelectionFlag.Rows,
    )
    stock.open_labels()
    wait(lambda: window.dialog is not None)
    shot(window.dialog, "etiketten-dialoog")
    window.dialog.reject()
    window.close()
    db.dispose()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
