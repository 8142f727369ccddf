"""Verbruik: the chart shows the right bars, the table the same figures, a pickup booked in
the app shows at once while the screen is up (and when it comes back, not while hidden), and
the report is saved as PDF and Excel."""

from __future__ import annotations

from datetime import datetime, time

import openpyxl
import pytest
from pages.consumption import ConsumptionPage
from PySide6.QtCore import QPointF, Qt
from sqlalchemy import update

from carma_logistiek.clock import ZONE_TZ, local_today
from carma_logistiek.db.models import StockMovement
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.consumption import Period, buckets_between
from carma_logistiek.services import stock as st
from tests.support.actors import TESTER
from ui.consumption.screen import year_back
from ui.ops import stock as stock_ops

TODAY = local_today()
MONTHS = buckets_between(year_back(TODAY), TODAY, Period.MONTH)


def _pickup(db: Database, product: str, location: str, quantity: int, month: int) -> None:
    """A pickup in the ``month``-th month of the screen's default year (0 = the oldest)."""
    result = st.record_pickup(db, product_code=product, location_code=location,
                              quantity=quantity, actor=TESTER)
    when = datetime.combine(MONTHS[month].start.replace(day=3), time(10), ZONE_TZ)
    with db.write() as session:
        session.execute(update(StockMovement).where(
            StockMovement.booking_id == result.booking_id).values(occurred_at=when))


@pytest.fixture
def page(open_window, database_url, qtbot):  # type: ignore[no-untyped-def]
    db = Database(database_url)
    try:
        st.record_delivery(db, product_code="MOND", location_code="BRE-MAG", quantity=20,
                           actor=TESTER)
        _pickup(db, "MOND", "GNK-MAG", 4, 0)
        _pickup(db, "MOND", "GNK-MAG", 3, 9)
        _pickup(db, "MOND", "BRE-MAG", 5, 9)
        st.record_transfer(db, product_code="MOND", from_location="GNK-MAG",
                           to_location="BRE-MAG", quantity=6, actor=TESTER)  # not consumption
    finally:
        db.dispose()
    window = open_window(database_url)
    yield ConsumptionPage(window, qtbot).open()
    window.close()


def test_the_chart_stacks_the_sites_per_month(page) -> None:  # type: ignore[no-untyped-def]
    page.ask(product="MOND")
    assert page.axis_labels() == [b.label for b in MONTHS]
    assert len(MONTHS) == 12
    bars = page.bars()
    genk = [0.0] * 12
    genk[0], genk[9] = 4, 3
    bree = [0.0] * 12
    bree[9] = 5
    assert bars == {"Genk": genk, "Bree": bree} or bars == {"Bree": bree, "Genk": genk}
    # Bree stands on Genk (or Genk on Bree): stacked, never overlapping.
    bottoms = page.bar_bottoms()
    first, second = list(bars)
    assert bottoms[first] == [0.0] * 12
    assert bottoms[second] == bars[first]
    rows = page.table()
    assert page.headers()[0] == "Periode" and page.headers()[-1] == "Totaal"
    assert rows[9][0] == MONTHS[9].label and rows[9][-1] == "8"
    assert rows[0][-1] == "4"


def test_hover_names_the_figures_of_the_period(page) -> None:  # type: ignore[no-untyped-def]
    page.ask(product="MOND")
    chart = page.screen.chart
    # The mouse over the tenth bar, as the scene reports it.
    over_bar = chart.plot.plotItem.vb.mapViewToScene(QPointF(9, 2))
    chart.plot.scene().sigMouseMoved.emit(over_bar)
    text = chart.hover_label.text()
    assert text.startswith(MONTHS[9].label)
    assert "Bree: 5" in text and "Genk: 3" in text and "totaal 8" in text
    between = chart.plot.plotItem.vb.mapViewToScene(QPointF(9.5, 2))
    assert chart.bucket_at(between) is None


def test_a_pickup_booked_while_shown_appears_in_this_month(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.ask(product="MOND")
    before = sum(values[-1] for values in page.bars().values())
    with qtbot.waitSignal(page.screen.figures_loaded, timeout=10_000):
        stock_ops.record_pickup(
            page.screen.context, product_code="MOND", location_code="GNK-MAG", quantity=2,
            lot_number=None, recipient=None, override_reason=None, note="",
            key=stock_ops.new_request_key()).run()
    assert sum(values[-1] for values in page.bars().values()) == before + 2


def test_a_hidden_screen_reads_again_when_it_comes_back(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.ask(product="MOND")
    screen = page.screen
    answers: list[object] = []
    screen.figures_loaded.connect(answers.append)
    page.window.show_screen_named("stock")
    stock_ops.record_pickup(
        screen.context, product_code="MOND", location_code="GNK-MAG", quantity=1,
        lot_number=None, recipient=None, override_reason=None, note="",
        key=stock_ops.new_request_key()).run()
    qtbot.waitUntil(lambda: not screen.context.runner.busy, timeout=5000)
    qtbot.wait(50)
    assert answers == []  # hidden: nothing read
    page.window.show_screen_named("consumption")
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=5000)
    assert answers[0].total == 4 + 3 + 5 + 1


def test_a_bad_date_is_a_sentence_and_nothing_is_asked(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    screen = page.screen
    screen.date_from.setText("31/02/2026")
    answers: list[object] = []
    screen.figures_loaded.connect(answers.append)
    qtbot.keyClick(screen.date_from, "\r")
    qtbot.waitUntil(lambda: screen.message.isVisible(), timeout=2000)
    assert "datum" in screen.message.text()
    assert answers == []


def test_the_report_as_pdf_and_excel(page, qtbot, fakes, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page.ask(product="MOND")
    screen = page.screen
    for kind in ("pdf", "xlsx"):
        fakes.file_dialogs.save = str(tmp_path / f"verbruik.{kind}")
        with qtbot.waitSignal(screen.report_written, timeout=10_000):
            qtbot.mouseClick(screen.pdf_button if kind == "pdf" else screen.xlsx_button,
                             Qt.MouseButton.LeftButton)
    assert (tmp_path / "verbruik.pdf").read_bytes().startswith(b"%PDF")
    sheet = openpyxl.load_workbook(tmp_path / "verbruik.xlsx").active
    header = next(sheet.iter_rows(min_row=6, max_row=6, values_only=True))
    assert header[0] == "Periode" and "Totaal" in header
    assert "bewaard" in screen.message.text()
