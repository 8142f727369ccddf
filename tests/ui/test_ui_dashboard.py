"""The stuurbord: the window opens on it; each card counts what needs attention on the small
database (a product under minimum, an expired lot, an overdue kit, a late order) and a click
or Enter takes the user to the right screen with that in view; bookings update it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from pages.dashboard import DashboardPage
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from carma_logistiek.clock import utc_now
from carma_logistiek.db.models import PurchaseOrder
from carma_logistiek.services import orders as po
from tests.support.actors import TESTER
from tests.support.builder import Builder
from ui.ops import stock as stock_ops
from ui.shell.cards import declared_cards

SENT_AGO = timedelta(days=20)


@pytest.fixture
def attention(db, database_url, open_app):  # type: ignore[no-untyped-def]
    """The small zone (Pleisters 5 of 10 at Bree, an expired saliva lot at Genk) with an
    overdue kit and an order sent out 20 days ago; the window opened on it."""
    Builder(db).first_aid_kit_type().first_aid_kit("KIT-001")  # contents expired: overdue
    order = po.create_order(db, supplier="Medi-Market", location_code="BRE-MAG",
                            lines=[("MOND", 5)], actor=TESTER)
    po.mark_ordered(db, order.number, actor=TESTER)
    with db.engine.begin() as connection:  # sent 20 days ago (the lead time is 14)
        connection.execute(update(PurchaseOrder).values(ordered_at=utc_now() - SENT_AGO))
    app = open_app(database_url)
    yield app, order.number
    app.close()


def test_the_window_opens_on_the_stuurbord_with_every_card_counted(attention) -> None:
    app, number = attention
    assert app.current() == "dashboard"
    assert app.rail_titles()[0] == "Stuurbord"
    page = DashboardPage(app)
    assert page.card_ids() == ["stock.under_minimum", "stock.expired", "stock.expiring",
                               "kits.checks", "orders.late", "stock.bookings"]
    for card_id in page.card_ids():
        page.qtbot.waitUntil(lambda card_id=card_id: page.count(card_id) != "…", timeout=5000)
    assert page.count("stock.under_minimum") == "1"
    assert page.lines("stock.under_minimum") == ["5 van 10 · Pleisters — Magazijn Bree"]
    assert page.count("stock.expired") == "1"
    assert "10 x Speekseltest, lot L-OLD — Magazijn Genk" in page.lines("stock.expired")[0]
    assert page.count("stock.expiring") == "0"
    assert page.lines("stock.expiring") == ["✓ Niets vervalt binnenkort"]
    assert page.count("kits.checks") == "1"
    assert "KIT-001 — Genk, onthaal" in page.lines("kits.checks")[0]
    assert page.count("orders.late") == "1"
    assert page.lines("orders.late")[0].startswith("20 dagen besteld (levertijd 14) · " + number)
    assert page.count("stock.bookings") == "4"  # the builder's four deliveries, today
    assert len(page.lines("stock.bookings")) == 4


def test_a_click_on_the_under_minimum_card_shows_that_filter_on_the_stock_screen(
        attention, qtbot) -> None:
    app, _number = attention
    page = DashboardPage(app)
    page.wait_count("stock.under_minimum", 1)
    page.click("stock.under_minimum")
    qtbot.waitUntil(lambda: app.current() == "stock", timeout=3000)
    stock = app.stock
    assert stock.screen.status_filter.currentText() == "Onder minimum, niet besteld"
    assert stock.screen.location_code() == "CARMA"  # the whole zone, as the card counts
    stock.wait_rows([("PLS", "BRE-MAG")])


def test_enter_on_the_expired_card_and_a_click_on_its_line(attention, qtbot) -> None:
    app, _number = attention
    page = DashboardPage(app)
    page.wait_count("stock.expired", 1)
    page.press("stock.expired", Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: app.current() == "stock", timeout=3000)
    assert app.stock.screen.status_filter.currentText() == "Vervallen"
    app.stock.wait_rows([("SPT", "GNK-MAG")])

    app.go("dashboard")
    page.click_line("stock.expired", 0)  # the line opens the product's detail there
    dialog = app.wait_dialog()
    assert (dialog.windowTitle(), dialog.location_code) == ("Product SPT", "GNK-MAG")
    dialog.reject()


def test_enter_on_the_kit_card_opens_the_plan_on_the_overdue_checks(attention, qtbot) -> None:
    app, _number = attention
    page = DashboardPage(app)
    page.wait_count("kits.checks", 1)
    page.press("kits.checks")
    qtbot.waitUntil(lambda: app.current() == "kits", timeout=3000)
    kits = app.kits
    assert kits.current_tab() is kits.screen.plan
    assert kits.screen.plan.bucket() == "achterstallig"
    qtbot.waitUntil(lambda: [r.kit.code for r in kits.screen.plan.visible_rows()] == ["KIT-001"],
                    timeout=3000)


def test_the_late_order_card_opens_the_open_orders_on_that_order(attention, qtbot) -> None:
    app, number = attention
    page = DashboardPage(app)
    page.wait_count("orders.late", 1)
    page.click_line("orders.late", 0)
    qtbot.waitUntil(lambda: app.current() == "orders", timeout=3000)
    orders = app.orders
    assert orders.screen.status_filter.currentText() == "Open (aangevraagd, besteld, deels geleverd)"
    qtbot.waitUntil(lambda: orders.row_count() == 1 and orders.cell(0, "Nummer") == number,
                    timeout=3000)


def test_tab_and_arrow_keys_move_between_cards(attention) -> None:
    app, _number = attention
    page = DashboardPage(app)
    first = page.card("stock.under_minimum")
    first.setFocus()
    page.qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert app.window.focusWidget() is page.card("stock.expired")
    first.setFocus()
    page.qtbot.keyClick(first, Qt.Key.Key_Right)
    assert app.window.focusWidget() is page.card("stock.expired")
    page.qtbot.keyClick(page.card("stock.expired"), Qt.Key.Key_Down)
    columns = page.screen.columns()
    assert app.window.focusWidget() is page.screen.cards[1 + columns]


def test_a_pickup_updates_the_under_minimum_card_shown_or_not(attention, qtbot, db) -> None:
    app, _number = attention
    page = DashboardPage(app)
    page.wait_count("stock.under_minimum", 1)
    Builder(db).minimum("MOND", "GNK-MAG", 45)  # 50 there: fine until the pickup
    stock_ops.record_pickup(app.context, product_code="MOND", location_code="GNK-MAG",
                            quantity=10, lot_number=None, recipient=None, override_reason=None,
                            note="", key=stock_ops.new_request_key()).run()
    page.wait_count("stock.under_minimum", 2)
    assert "40 van 45 · Mondstuk alcoholtest — Magazijn Genk" in page.lines("stock.under_minimum")
    page.wait_count("stock.bookings", 5)

    # Hidden, the card is marked and read again when the stuurbord comes back.
    app.go("stock")
    stock_ops.record_pickup(app.context, product_code="PLS", location_code="BRE-MAG",
                            quantity=5, lot_number=None, recipient=None, override_reason=None,
                            note="", key=stock_ops.new_request_key()).run()
    app.wait_idle()
    assert page.count("stock.bookings") == "5"  # not read while hidden
    assert page.card("stock.bookings").stale
    app.go("dashboard")
    page.wait_count("stock.bookings", 6)
    assert page.lines("stock.under_minimum")[0] == "0 van 10 · Pleisters — Magazijn Bree"


def test_a_remembered_screen_still_wins_and_ctrl_0_comes_back(open_app, database_url,
                                                             qtbot) -> None:
    first = open_app(database_url)
    assert first.current() == "dashboard"
    first.go("orders")
    first.close()
    second = open_app(database_url)
    assert second.current() == "orders"
    second.window.activateWindow()  # a shortcut needs the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second.window, timeout=2000)
    second.press(Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: second.current() == "dashboard", timeout=2000)
    second.close()


def test_a_row_number_saved_before_the_stuurbord_still_means_its_screen(
        open_app, database_url) -> None:
    from ui.shell import settings_keys

    settings_keys.settings().setValue(settings_keys.MAIN_WINDOW_SCREEN, 2)  # was Bestellingen
    app = open_app(database_url)
    assert app.current() == "orders"
    app.close()


def test_every_card_is_declared_by_a_feature_with_a_title_and_an_empty_text() -> None:
    cards = declared_cards()
    assert len({card.id for card in cards}) == len(cards)
    assert all(card.title and card.empty and card.open[0] for card in cards)
