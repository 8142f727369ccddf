"""End to end at the counter: a camera frame arrives -> decoded -> resolved -> the pickup is
booked (one durable transaction) -> the stock view of the location is queried and repainted.

On a copy of the 1,000,000-movement set; frames are 1280x720 synthetic webcam frames with a
product label (rotation, blur, noise, JPEG), as from the app's own label sheets.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

import numpy as np

from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor
from carma_logistiek.scanning.decoders import decode_frame
from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
from carma_logistiek.services.scans import resolve_scan
from carma_logistiek.services.stock import BasketLine, record_delivery, record_pickup_basket
from carma_logistiek.services.stock.overview import stock_overview
from tests.benchmarks.common import ensure_dataset, summary, timed, write_results
from tests.support.frames import make_qr_image, random_conditions, webcam_frame

BENCH = Actor.with_every_role("bench")
REPEAT = 200
PRODUCT = "DT-SPK"
LOCATIONS = ("GNK-MAG-K1", "GNK-MAG")


def main() -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    url = ensure_dataset()
    label = make_qr_image(encode_label(LabelPayload(LabelKind.PRODUCT, PRODUCT)))
    rng = np.random.default_rng(2024)
    frames = [webcam_frame(label, size=(1280, 720), seed=seed, **random_conditions(rng))
              for seed in range(20)]
    frames = [frame for frame in frames if decode_frame(frame)]  # what the camera would report
    figures: dict = {"dataset": url, "frame": "1280x720", "repeat": REPEAT}
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "latency.sqlite"
        with sqlite3.connect(url.removeprefix("sqlite:///")) as source, \
                sqlite3.connect(copy) as target:
            source.backup(target)
        db = Database(f"sqlite:///{copy}")
        for location in LOCATIONS:
            record_delivery(db, product_code=PRODUCT, location_code=location,
                            quantity=20 * REPEAT, lot_number="LATENCY",
                            expiry=date(2099, 12, 31), actor=BENCH)
            figures[location] = {
                strategy: _measure(app, db, frames, location, strategy)
                for strategy in ("full_refresh", "touched_rows")
            }
            figures[location]["parts_median_ms"] = _parts(db, frames[0], location)
        db.dispose()
    write_results("scan_latency", figures)
    return figures


def _measure(app, db: Database, frames: list, location: str, strategy: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """``full_refresh`` re-reads the whole location after the booking; ``touched_rows``
    re-reads only the booked products and swaps those rows in the table (what the app does)."""
    from ui.stock.models import StockTableModel
    from ui.widgets.table_view import DataTable

    model = StockTableModel()
    table = DataTable(model, "bench/latency")
    table.resize(1366, 700)
    table.show()
    model.set_rows(stock_overview(db, location_code=location))
    app.processEvents()
    counter = iter(range(10**9))

    def one_scan() -> None:
        frame = frames[next(counter) % len(frames)]
        scan = resolve_scan(db, decode_frame(frame)[0].text)
        result = record_pickup_basket(db, location_code=location, actor=BENCH,
                                      lines=[BasketLine(scan.code, 1)])
        if strategy == "full_refresh":
            model.set_rows(stock_overview(db, location_code=location))
        else:
            touched = sorted({line.product_code for line in result.lines})
            model.replace_rows(stock_overview(db, location_code=location,
                                              product_codes=touched),
                               key=lambda row: (row.product_code, row.location_code))
        table.viewport().repaint()

    timed(one_scan, 10)
    figures = {"rows_in_view": model.rowCount(), **summary(timed(one_scan, REPEAT))}
    table.close()
    return figures


def _parts(db: Database, frame, location: str) -> dict:  # type: ignore[no-untyped-def]
    text = decode_frame(frame)[0].text
    return {
        "decode": summary(timed(lambda: decode_frame(frame), 50))["median_ms"],
        "resolve": summary(timed(lambda: resolve_scan(db, text), 50))["median_ms"],
        "book": summary(timed(lambda: record_pickup_basket(
            db, location_code=location, actor=BENCH, lines=[BasketLine(PRODUCT, 1)]),
            50))["median_ms"],
        "stock_view_query": summary(timed(
            lambda: stock_overview(db, location_code=location), 20))["median_ms"],
    }


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
