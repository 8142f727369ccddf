"""The operations of ui/ops: stale queries are dropped, errors become one kind of sentence and
are never swallowed, rendering runs off the database worker, widgets never use the worker
directly, and the rail shows only the screens the actor may use."""

from __future__ import annotations

import logging
import re
import threading
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from scan_support import label

from carma_logistiek.config import AppConfig
from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.domain.errors import UnknownProduct
from carma_logistiek.services.documents import StockReportContent
from carma_logistiek.services.stock import overview
from ui.ops import documents
from ui.ops.core import DocumentOp, QueryOp, WriteOp
from ui.ops.errors import error_sentence

UI = Path(__file__).resolve().parents[2] / "ui"


def test_a_query_overtaken_by_a_newer_one_is_dropped(app, qtbot) -> None:
    context = app.context
    ran: list[int] = []
    answered: list[int] = []
    gate = threading.Event()

    def blocker(_db: object) -> None:
        gate.wait(5)  # holds the worker so the three queries below queue up

    QueryOp(context, blocker).run()
    owner = object()
    for number in (1, 2, 3):
        QueryOp(context, lambda _db, n=number: ran.append(n) or n).success(
            answered.append).latest_only(owner, "rows").run()
    gate.set()
    app.wait_idle()
    assert answered == [3]  # only the newest answer reaches the screen
    assert ran == [3]  # and the outdated ones never even ran on the worker


def test_an_answer_that_arrives_after_a_newer_question_is_dropped(app, qtbot) -> None:
    context = app.context
    answered: list[str] = []
    owner = object()
    QueryOp(context, lambda _db: "old").success(answered.append).latest_only(owner, "x").run()
    app.wait_idle()  # it ran and answered ...
    QueryOp(context, lambda _db: "new").success(answered.append).latest_only(owner, "x").run()
    app.wait_idle()
    assert answered == ["old", "new"]  # ... each newest answer arrives, in order


def test_errors_become_sentences_in_one_way(caplog) -> None:
    assert error_sentence(UnknownProduct(code="XYZ")) == UnknownProduct(code="XYZ").message()
    with caplog.at_level(logging.ERROR, logger="carma_logistiek.ui"):
        text = error_sentence(KeyError("internal detail"))
    assert "internal detail" not in text and "KeyError" not in text
    assert text.startswith("Er ging iets onverwachts mis")
    assert "KeyError" in caplog.text  # the details go to the log, with the traceback


def test_a_failed_write_without_a_failure_callback_is_shown_not_swallowed(app, recorded_errors):
    def fails(_db: object) -> None:
        raise RuntimeError("kaboom")

    WriteOp(app.context, fails).run()
    app.wait_idle()
    title, text = recorded_errors[-1]
    assert title == "CARMA Logistiek"
    assert "kaboom" not in text and text.startswith("Er ging iets onverwachts mis")


def test_widgets_never_call_the_worker_directly() -> None:
    offenders = []
    for path in UI.rglob("*.py"):
        if path.parent.name in ("ops", "shell"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"\brunner\.(call|submit)\(", text) or "lambda _e: None" in text:
            offenders.append(str(path.relative_to(UI)))
    assert offenders == []


def test_a_scan_resolves_and_books_while_a_large_report_renders(app, qtbot, db, tmp_path):
    """The report's rows are read on the database worker, its PDF is drawn on the render pool:
    while the drawing takes its time, the counter's scans are resolved and booked."""
    rendering = threading.Event()
    release = threading.Event()

    def slow_render(data: StockReportContent) -> Path:
        rendering.set()
        release.wait(20)  # a 20-page report on a slow laptop
        out = tmp_path / "report.pdf"
        from carma_logistiek.documents.stock_report import render_stock_report

        render_stock_report(data.rows * 400, out, zone_name="CARMA", title="Voorraadrapport",
                            filters_text=data.filters_text, generated_at=datetime.now(UTC))
        return out

    made: list[Path] = []
    report = DocumentOp(
        app.context,
        lambda db_: documents.stock_report_content(app.context, db_, location_code=None,
                                                   only="all"),
        slow_render,
    ).success(made.append)
    report.run()
    qtbot.waitUntil(rendering.is_set, timeout=5000)
    app.go("scan")
    scan = app.scan
    assert scan.scan(label("LOCATION", "GNK-MAG"))
    assert scan.scan(label("PRODUCT", "MOND"))
    scan.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Afgehaald" in app.last_booking(), timeout=5000)
    assert made == [] and app.context.renderer.busy  # still drawing
    assert overview.movement_history(db, product_code="MOND")[0].quantity == -1
    release.set()
    qtbot.waitUntil(lambda: bool(made), timeout=20_000)
    assert made[0].read_bytes().startswith(b"%PDF")


def test_the_rail_shows_only_the_screens_the_actor_may_use(qtbot, database_url, fakes) -> None:
    from ui.ops.worker import DbWorker
    from ui.shell.app import open_database
    from ui.shell.context import AppContext
    from ui.shell.main_window import MainWindow

    config = AppConfig(database_url=database_url, actor="lezer")
    runner = DbWorker()
    reader = Actor(user="lezer", roles=frozenset({Role.READER}))
    window = MainWindow(AppContext(config, runner, services=fakes, actor=reader))
    runner.setParent(window)
    qtbot.addWidget(window)
    window.started.connect(lambda: runner.open(config, open_database))
    window.start()
    qtbot.waitUntil(window.rail.isEnabled, timeout=10_000)
    from pages import AppPage

    page = AppPage(window, qtbot)
    # No Scannen, no Bestellingen.
    assert page.rail_titles()[:3] == ["Stuurbord", "Voorraad", "EHBO"]
    page.wait_idle()
    qtbot.waitUntil(lambda: {"dashboard", "stock", "kits"} <= set(window.screens), timeout=5000)
    assert not {"scan", "orders"} & set(window.screens)
    window.close()
