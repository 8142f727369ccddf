"""Screenshots of every screen and the main dialogs in the REAL window: run under an X display
with a window manager (scripts/screenshots_real.sh starts Xvfb + openbox per size), the
window maximised by the window manager, each picture the whole screen (`import -window root`),
so what is off screen is off the picture too.

    .venv/bin/python scripts/screenshots_real.py --out /tmp/shots/1024x768-nl [--lang en]

Next to the pictures, report.txt lists what a person would miss: a window or dialog larger
than the screen, a table whose columns run past its edge, and names cut in the column people
choose by (its tooltip then holds the whole name)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOCATION = "CL1:CARMA:L:GNK-MAG"
PRODUCTS = ("CL1:CARMA:P:DT-SPK", "CL1:CARMA:P:BAT-AAA")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="nl")
    parser.add_argument("--db", default=None)
    parser.add_argument("--out", required=True)
    options = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        print("screenshots_real.py needs an X display (scripts/screenshots_real.sh)")
        return 2
    os.environ.setdefault("CARMA_HOME", tempfile.mkdtemp(prefix="carma-real-shots-"))
    tour = Tour(Path(options.out), options.lang, options.db)
    try:
        tour.run()
    finally:
        tour.finish()
    sys.stdout.flush()
    # The pictures and the report are written; leave without tearing down Qt's threads one
    # by one (a worker still closing would abort the interpreter's exit).
    os._exit(0)


class Tour:
    def __init__(self, out: Path, lang: str, db: str | None) -> None:
        from PySide6.QtCore import QSettings

        from carma_logistiek.config import resolve_config
        from carma_logistiek.i18n import set_language
        from ui.shell import app as ui_app

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.environ["CARMA_HOME"]
        )
        config = resolve_config(db_url=db, demo=db is None, language=lang)
        set_language(config.language)
        self.app = ui_app.create_application(config.language)
        self.window = ui_app.build_window(config)
        self.out = out
        self.out.mkdir(parents=True, exist_ok=True)
        self.findings: list[str] = []
        self.last = "start"
        self.window.showMaximized()
        # A question or message box (a warning on receiving, say) would wait for a click:
        # photograph it and close it, so the tour goes on.
        from PySide6.QtCore import QTimer

        self.watchdog = QTimer(interval=700)
        self.watchdog.timeout.connect(self._close_message_boxes)
        self.watchdog.start()

    def _close_message_boxes(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox

        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                name = f"{self.last}-melding"
                subprocess.run(["import", "-window", "root", str(self.out / f"{name}.png")],
                               check=False)
                self.inspect(name, widget)
                print("saved", name, "(message box, closed)", flush=True)
                widget.reject()

    # --- waiting and pictures ----------------------------------------------------------------
    def pump(self, ms: int = 300) -> None:
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(ms)
        while not deadline.hasExpired():
            QCoreApplication.processEvents()

    def wait(self, condition: Callable[[], bool], timeout_ms: int = 180_000) -> None:
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(timeout_ms)
        while not condition():
            if deadline.hasExpired():
                raise TimeoutError("the window did not get ready")
            QCoreApplication.processEvents()

    def idle(self) -> None:
        context = self.window.context
        self.wait(lambda: not context.runner.busy and not context.renderer.busy)
        self.pump(400)

    def shot(self, name: str, shown: Any = None) -> None:
        self.last = name
        self.idle()
        subprocess.run(["import", "-window", "root", str(self.out / f"{name}.png")], check=True)
        self.inspect(name, shown or self.window)
        print("saved", name, flush=True)

    def inspect(self, name: str, shown: Any) -> None:
        """Write down what does not fit: the top window, tables' columns, cut names."""
        from PySide6.QtWidgets import QApplication

        from ui.widgets.table_view import DataTable

        screen = QApplication.primaryScreen().availableGeometry()
        top = shown.window()
        frame = top.frameGeometry()
        if not screen.contains(frame):
            self.findings.append(f"{name}: {type(top).__name__} {frame.width()}x"
                                 f"{frame.height()} at {frame.x()},{frame.y()} does not fit "
                                 f"the screen {screen.width()}x{screen.height()}")
        if top.minimumSizeHint().width() > screen.width():
            self.findings.append(f"{name}: {type(top).__name__} needs at least "
                                 f"{top.minimumSizeHint().width()} px")
        for table in top.findChildren(DataTable):
            if not table.isVisible():
                continue
            header = table.horizontalHeader()
            shown_columns = [c for c in range(header.count()) if not header.isSectionHidden(c)]
            total = sum(header.sectionSize(c) for c in shown_columns)
            if total > table.viewport().width():
                self.findings.append(f"{name}: {table.settings_key} columns {total} px in "
                                     f"{table.viewport().width()} px")
            stretch = table.stretch_column()
            if stretch is None:
                continue
            model = table.table_model()
            cut = [model.index(r, stretch).data() for r in range(min(model.rowCount(), 200))
                   if table.cut_text(model.index(r, stretch))]
            if cut:
                self.findings.append(f"{name}: {table.settings_key} cuts {len(cut)} of "
                                     f"{min(model.rowCount(), 200)} in "
                                     f"'{model.columns[stretch].header}', e.g. {cut[0]!r}")

    def finish(self) -> None:
        report = self.out / "report.txt"
        report.write_text("\n".join(self.findings or ["nothing off screen, no cut names"]) + "\n",
                          encoding="utf-8")
        print(report.read_text(encoding="utf-8"))
        self.window.close()
        self.app.processEvents()

    def dialog_shot(self, name: str, prepare: Callable[[Any], None] | None = None,
                    opened: Any = None) -> None:
        from PySide6.QtWidgets import QApplication, QDialog

        self.pump(300)
        dialog = opened if isinstance(opened, QDialog) else self.window.dialog
        if dialog is None:
            modal = QApplication.activeModalWidget() or QApplication.activeWindow()
            dialog = modal if isinstance(modal, QDialog) else None
        if dialog is None:
            self.findings.append(f"{name}: no dialog opened")
            return
        self.pump(300)
        if prepare is not None:
            prepare(dialog)
        self.shot(name, dialog)
        dialog.reject()
        self.pump(200)

    # --- the tour ----------------------------------------------------------------------------
    def run(self) -> None:
        window = self.window
        self.wait(lambda: window.rail.isEnabled())
        self.idle()
        self.dashboard()
        self.stock()
        self.orders()
        self.scan()
        self.kits()
        self.consumption()
        self.masterdata()
        self.imports()

    def dashboard(self) -> None:
        self.window.show_screen_named("dashboard")
        self.idle()
        self.pump(600)
        self.shot("00-stuurbord")

    def consumption(self) -> None:
        window = self.window
        window.show_screen_named("consumption")
        screen = window.screen_named("consumption")
        self.idle()
        screen.product.setText("DT-SPK")
        screen.refresh()
        self.idle()
        self.pump(600)
        self.shot("40-verbruik-drugtest")

    def masterdata(self) -> None:
        window = self.window
        window.show_screen_named("masterdata")
        screen = window.screen_named("masterdata")
        self.idle()
        for index, panel in enumerate((screen.products, screen.locations, screen.suppliers)):
            screen.tabs.setCurrentWidget(panel)
            self.idle()
            self.shot(f"50-{index}-stamgegevens")
        screen.open_product("DT-SPK")
        self.idle()
        dialog = window.dialog
        if dialog is not None and hasattr(dialog, "tabs"):
            for index in range(dialog.tabs.count()):
                dialog.tabs.setCurrentIndex(index)
                self.pump(200)
                self.shot(f"51-{index}-product", dialog)
        self.dialog_shot("51-9-product", opened=dialog)
        screen.open_supplier("DRAGER")
        self.idle()
        self.dialog_shot("52-leverancier")
        screen.new_location("GNK")
        self.idle()
        self.dialog_shot("53-nieuwe-locatie")

    def imports(self) -> None:
        self.window.open_import()
        self.idle()
        self.dialog_shot("60-importeren", opened=getattr(self.window, "import_dialog", None))
        window = self.window
        window.show_screen_named("orders")
        window.screen_named("orders").open_order_list()
        self.idle()
        self.pump(600)
        self.dialog_shot("15-bestellijst")

    def stock(self) -> None:
        window = self.window
        window.show_screen_named("stock")
        stock = window.screen_named("stock")
        self.idle()
        stock.table.selectRow(0)
        self.shot("01-voorraad")
        stock.set_location("GNK-MAG")
        self.idle()
        self.shot("02-voorraad-magazijn")
        stock.search.setText("speeksel")
        stock.refresh()
        self.idle()
        stock.table.selectRow(0)
        self.shot("03-voorraad-zoeken")
        stock.open_selected_product()
        self.dialog_shot("04-productdetail")
        for index, kind in enumerate(("delivery", "pickup", "consumption", "transfer", "count",
                                      "write_off")):
            stock.open_booking(kind)
            self.dialog_shot(f"05-{index}-{kind}", self._product_chosen)
        stock.open_booking("delivery")
        self.dialog_shot("05-6-delivery-fout", self._delivery_error)
        stock.open_labels()
        self.dialog_shot("06-etiketten")
        stock.open_stock_report()
        self.dialog_shot("07-voorraadrapport")
        stock.search.clear()
        stock.set_location("")
        self.idle()

    @staticmethod
    def _product_chosen(dialog: Any) -> None:
        product = getattr(dialog, "product", None)
        if product is not None and hasattr(product, "editingFinished"):
            product.editingFinished.emit()

    def _delivery_error(self, dialog: Any) -> None:
        self._product_chosen(dialog)
        self.pump(300)
        lot = getattr(dialog, "lot_edit", None)
        if lot is not None:
            lot.setText("L" * 41)  # too long: a sentence under the field
        quantity = getattr(dialog, "quantity_edit", None)
        if quantity is not None:
            quantity.setText("5")
        dialog.accept()
        self.idle()

    def orders(self) -> None:
        window = self.window
        window.show_screen_named("orders")
        screen = window.screen_named("orders")
        self.idle()
        rows = screen.table.table_model().rows()
        open_row = next((i for i, r in enumerate(rows) if r.status.is_open), 0)
        screen.table.selectRow(open_row)
        self.idle()
        self.shot("10-bestellingen")
        screen.new_order("GNK-MAG")
        self.dialog_shot("11-bestelling-nieuw")
        screen.edit_order()
        self.dialog_shot("12-bestelling-wijzigen")
        screen.receive()
        self.dialog_shot("13-levering-ontvangen")
        screen.cancel()
        self.dialog_shot("14-bestelling-annuleren")

    def scan(self) -> None:
        window = self.window
        window.show_screen_named("scan")
        scan = window.screen_named("scan")
        self.idle()
        scan.set_mode("pickup")
        self.shot("20-scan-afhaling-leeg")
        for text in (LOCATION, *PRODUCTS):
            scan.scan_text(text)
            self.idle()
        self.shot("21-scan-afhaling-mand")
        scan.current_panel().clear_all()
        self.idle()
        scan.set_mode("delivery")
        scan.scan_text(PRODUCTS[0])
        self.idle()
        self.shot("22-scan-levering")
        scan.set_mode("count")
        scan.scan_text(LOCATION)
        self.idle()
        for text in PRODUCTS:
            scan.scan_text(text)
            self.idle()
        self.shot("23-scan-telling")
        scan.current_panel().clear_all()
        self.idle()

    def kits(self) -> None:
        window = self.window
        window.show_screen_named("kits")
        kits = window.screen_named("kits")
        self.idle()
        kits.tabs.setCurrentWidget(kits.register)
        kits.register.table.selectRow(0)
        self.idle()
        self.shot("30-ehbo-register")
        for index, (name, opener) in enumerate((
            ("nieuwe-kit", kits.register.new_kit), ("verplaatsen", kits.register.move_kit),
            ("vervangen", kits.register.replace_kit),
            ("buiten-gebruik", kits.register.retire_kit),
        )):
            self.dialog_shot(f"31-{index}-{name}", opened=opener())
        kits.tabs.setCurrentWidget(kits.plan)
        self.idle()
        kits.plan.table.selectRow(0)
        self.shot("32-ehbo-planning")
        self.dialog_shot("33-toewijzen", opened=kits.plan.assign_selected())
        kits.tabs.setCurrentWidget(kits.check)
        self.idle()
        self.shot("34-ehbo-controle-leeg")
        codes = [row.code for row in kits.register.table.table_model().rows()]
        if codes:
            kits.check.scan_text(codes[0])
            self.idle()
            self.shot("35-ehbo-controle-kit")
            kits.check.cancel()
            self.idle()
        kits.tabs.setCurrentWidget(kits.types)
        self.idle()
        kits.types.table.selectRow(0)
        self.shot("36-ehbo-kittypes")
        self.dialog_shot("37-kittype-nieuw", opened=kits.types.new_kit_type())


if __name__ == "__main__":
    sys.exit(main())
