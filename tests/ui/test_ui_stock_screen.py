"""Voorraad: filter as you type, status filter, sorting, product detail, remembered columns."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_typing_in_the_search_box_filters_the_table(app, qtbot) -> None:
    stock = app.stock
    assert len(stock.rows()) == 3
    stock.type_search("speeksel")
    stock.wait_rows([("SPT", "GNK-MAG")])
    stock.clear_search()
    stock.wait_count(3)


def test_status_filter_and_badge_text(app, qtbot) -> None:
    stock = app.stock
    stock.filter_status("Onder minimum (bijna op, uit stock, besteld)")
    stock.wait_rows([("PLS", "BRE-MAG")])
    assert stock.cell(0, "Status") == "bijna op"  # the word, never colour alone
    stock.filter_status("Vervallen")
    stock.wait_rows([("SPT", "GNK-MAG")])


def test_location_tree_limits_the_rows(app, qtbot) -> None:
    app.stock.choose_location("BRE-MAG")
    app.stock.wait_rows([("PLS", "BRE-MAG")])


def test_sorting_by_quantity_happens_in_the_model(app) -> None:
    stock = app.stock
    stock.sort_by("Hoeveelheid", Qt.SortOrder.DescendingOrder)
    assert [row.quantity for row in stock.model.rows()] == [50, 20, 5]
    stock.sort_by("Hoeveelheid", Qt.SortOrder.AscendingOrder)
    assert [row.quantity for row in stock.model.rows()] == [5, 20, 50]


def test_enter_on_a_row_opens_the_product_detail(app, qtbot) -> None:
    stock = app.stock
    stock.type_search("SPT")
    stock.wait_rows([("SPT", "GNK-MAG")])
    dialog = stock.open_row(0)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.detail is not None, timeout=3000)
    lots = {(lot.lot_number, lot.quantity, lot.expired) for lot in dialog.detail.lots}
    assert lots == {("L-OLD", 10, True), ("L-NEW", 10, False)}
    assert dialog.movements.table_model().rowCount() == 2
    assert "Speekseltest" in dialog.heading.text()
    dialog.reject()


def test_column_widths_and_hidden_columns_come_back(open_app, database_url) -> None:
    first = open_app(database_url)
    first.stock.set_column_width(1, 333)
    first.stock.hide_column(2)
    first.stock.set_splitter([300, 1000])
    sizes = first.stock.splitter()
    first.close()
    second = open_app(database_url)
    second.wait_idle()
    assert second.stock.column_width(1) == 333
    assert second.stock.column_hidden(2)
    assert second.stock.splitter()[0] == sizes[0]
    second.close()
