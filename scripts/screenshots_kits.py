"""Screenshots of the EHBO screens, offscreen at 1366x768, into docs/screenshots/:
ehbo-register.png, ehbo-planning.png, ehbo-controle.png, ehbo-controle-resultaat.png,
ehbo-kittypes.png.

    .venv/bin/python scripts/screenshots_kits.py [--lang en] [--db URL] [--out FOLDER]

Without --db a demo database is created in a temporary CARMA_HOME (takes a few seconds).
"""

from __future__ import annotations

import argparse
import os
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
    app = ui_app.create_application(config.language)  # noqa: F841 (kept alive)
    window = ui_app.build_window(config)
    window.resize(1366, 768)
    window.show()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if options.lang == "nl" else f"-{options.lang}"

    def wait(condition, timeout_ms: int = 180_000) -> None:  # type: ignore[no-untyped-def]
        deadline = QDeadlineTimer(timeout_ms)
        while not condition():
            if deadline.hasExpired():
                raise TimeoutError("screen did not get ready")
            QCoreApplication.processEvents()
        for _ in range(30):
            QCoreApplication.processEvents()

    def idle() -> None:
        wait(lambda: not window.context.runner.busy)

    def shot(name: str) -> None:
        idle()
        window.grab().save(str(out / f"{name}{suffix}.png"))
        print("saved", name)

    wait(lambda: window.rail.isEnabled())
    idle()
    window.show_screen_named("kits")
    screen = window.screen_named("kits")
    screen.tabs.setCurrentWidget(screen.register)
    idle()
    register = screen.register
    wait(lambda: register.table.model().rowCount() > 0)
    kit_rows = register.table.table_model().rows()
    chosen = next((i for i, k in enumerate(kit_rows) if k.last_checked_on), 0)
    register.table.selectRow(chosen)
    idle()
    shot("ehbo-register")

    screen.tabs.setCurrentWidget(screen.plan)
    idle()
    plan = screen.plan
    plan.set_bucket("achterstallig")
    idle()
    plan.table.selectRow(0)
    shot("ehbo-planning")
    plan.set_bucket("all")

    overdue = [row.kit.code for row in plan.all_rows if row.days_overdue]
    check = screen.check
    screen.tabs.setCurrentWidget(check)
    for code in overdue or [row.kit.code for row in plan.all_rows]:
        check.sheet = None
        check.open_kit(code)
        idle()
        if check.sheet is not None and "expired" in check.checklist.states:
            break
    checklist = check.checklist
    if "expired" in checklist.states:
        row = checklist.states.index("expired")
        location = best_stock_location(config.database_url, checklist.items[row].product_code)
        if location:
            check.stock_location.set_code(location)
    checklist.selectRow(0)
    check.note.setText("Kit hing los; opnieuw vastgezet.")
    shot("ehbo-controle")
    check.save()
    idle()
    shot("ehbo-controle-resultaat")

    types = screen.types
    screen.tabs.setCurrentWidget(types)
    wait(lambda: types.table.model().rowCount() > 0)
    types.table.selectRow(0)
    shot("ehbo-kittypes")
    window.close()
    return 0


def best_stock_location(url: str, product_code: str) -> str | None:
    """The location with the most usable stock of the product, so the demo check can
    replace the expired item from it."""
    from carma_logistiek.db.uow import Database
    from carma_logistiek.services.masterdata import list_locations
    from carma_logistiek.services.stock.overview import stock_overview

    db = Database(url)
    try:
        vehicles = {row.code for row in list_locations(db) if row.kind == "vehicle"}
        rows = [r for r in stock_overview(db, search=product_code)
                if r.product_code == product_code and r.quantity > 0
                and r.location_code not in vehicles]
    finally:
        db.dispose()
    return max(rows, key=lambda r: r.quantity).location_code if rows else None


if __name__ == "__main__":
    raise SystemExit(main())
