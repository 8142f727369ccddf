"""Screenshots of every screen and dialog, offscreen at 1366x768, into docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--lang en] [--db URL] [--out FOLDER]

Without --db a demo database is created in a temporary CARMA_HOME (takes a few seconds).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--db", default=None)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    options = parser.parse_args()
    os.environ.setdefault("CARMA_HOME", tempfile.mkdtemp(prefix="carma-shots-"))

    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QSettings

    from carma_logistiek.config import resolve_config
    from carma_logistiek.i18n import set_language
    from ui.shell import app as ui_app

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["CARMA_HOME"]
    )
    config = resolve_config(db_url=options.db, demo=options.db is None, language=options.lang)
    set_language(config.language)
    app = ui_app.create_application(config.language)
    window = ui_app.build_window(config)
    window.resize(1366, 768)
    window.show()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if options.lang == "nl" else f"-{options.lang}"

    def wait(condition, timeout_ms: int = 120_000) -> None:  # type: ignore[no-untyped-def]
        deadline = QDeadlineTimer(timeout_ms)
        while not condition():
            if deadline.hasExpired():
                raise TimeoutError("screen did not get ready")
            QCoreApplication.processEvents()
        for _ in range(20):
            QCoreApplication.processEvents()

    def idle() -> None:
        wait(lambda: not window.context.runner.busy)

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        idle()
        widget.grab().save(str(out / f"{name}{suffix}.png"))
        print("saved", name)

    wait(lambda: window.rail.isEnabled())
    idle()
    window.show_screen_named("stock")
    idle()
    stock = window.screen_named("stock")
    stock.table.selectRow(0)
    shot(window, "voorraad")
    stock.status_filter.setCurrentIndex(1)
    idle()
    shot(window, "voorraad-aandacht")
    stock.status_filter.setCurrentIndex(0)
    stock.set_location("GNK-MAG-K1")
    idle()
    stock.search.setText("speeksel")
    stock.refresh()
    wait(lambda: stock.table.model().rowCount() > 0)
    idle()
    stock.table.selectRow(0)
    shot(window, "voorraad-zoeken")
    stock.open_selected_product()
    idle()
    shot(window.dialog, "product-detail")
    window.dialog.reject()
    for kind, name in (
        ("delivery", "levering"),
        ("pickup", "afhaling"),
        ("consumption", "verbruik"),
        ("transfer", "overboeking"),
        ("count", "telling"),
        ("write_off", "afboeking"),
    ):
        stock.open_booking(kind)
        dialog = window.dialog
        if kind != "pickup":
            dialog.product.editingFinished.emit()
        idle()
        shot(dialog, name)
        if kind == "pickup":
            dialog.quantity_edit.setText("100000")
            dialog.accept()
            idle()
            shot(dialog, "afhaling-fout")
        dialog.reject()
    window.show_screen_named("orders")
    idle()
    shot(window, "bestellingen")
    screen = window.screen_named("orders")
    rows = screen.table.table_model().rows()
    open_row = next((i for i, r in enumerate(rows) if r.status.is_open), 0)
    screen.table.selectRow(open_row)
    idle()
    screen.receive()
    shot(window.dialog, "bestelling-ontvangen")
    window.dialog.reject()
    screen.new_order("GNK-MAG")
    window.dialog.supplier.setText("Dräger Safety Belgium")
    shot(window.dialog, "bestelling-nieuw")
    window.dialog.reject()
    screen.cancel()
    if window.dialog is not None:
        window.dialog.accept()
        shot(window.dialog, "bestelling-annuleren")
        window.dialog.reject()
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
