"""Opening the stock overview of a location: the query (and, when the UI is there, the first
paint of its table) vs summing the ledger for the same location."""

from __future__ import annotations

from carma_logistiek.db.uow import Database
from carma_logistiek.services.stock.overview import stock_overview, sum_ledger
from tests.benchmarks.common import ensure_dataset, summary, timed, write_results

LOCATIONS = ("GNK-MAG", "BRE-MAG", "GNK-MAG-K2", "WK-AS-BER")
REPEAT = 15


def main() -> dict:
    url = ensure_dataset()
    db = Database(url)
    figures: dict = {"dataset": url, "locations": {}}
    for code in LOCATIONS:
        rows = stock_overview(db, location_code=code)
        overview = summary(timed(lambda code=code: stock_overview(db, location_code=code),
                                 REPEAT))
        ledger = summary(timed(lambda code=code: sum_ledger(db, location_code=code), 5))
        figures["locations"][code] = {
            "rows": len(rows),
            "overview_query": overview,
            "sum_ledger": ledger,
            "ledger_over_overview_median": round(ledger["median_ms"] / overview["median_ms"], 1),
        }
    figures["paint"] = _first_paint(db, "GNK-MAG")
    db.dispose()
    write_results("overview", figures)
    return figures


def _first_paint(db: Database, location: str) -> dict:
    """Query + model reset + first paint of the real stock table (the screen's DataTable with
    its badge delegate), offscreen at 1366x768."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.stock.models import StockTableModel
    from ui.widgets.table_view import DataTable

    app = QApplication.instance() or QApplication([])
    model = StockTableModel()
    table = DataTable(model, "bench/stock_table")
    table.resize(1366, 700)
    table.show()
    app.processEvents()

    def open_location() -> None:
        model.set_rows(stock_overview(db, location_code=location))
        table.viewport().repaint()  # synchronous paint of the visible rows

    query_only = summary(timed(lambda: stock_overview(db, location_code=location), REPEAT))
    painted = summary(timed(open_location, REPEAT))
    table.close()
    return {"location": location, "rows": model.rowCount(), "query_only": query_only,
            "query_and_first_paint": painted}


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
