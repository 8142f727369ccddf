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
    stock.sort_by("Totaal", Qt.SortOrder.DescendingOrder)
    assert [row.quantity for row in stock.model.rows()] == [50, 20, 5]
    stock.sort_by("Totaal", Qt.SortOrder.AscendingOrder)
    assert [row.quantity for row in stock.model.rows()] == [5, 20, 50]


def test_usable_and_expired_stock_are_shown_apart(app) -> None:
    """20 saliva tests of which 10 expired: the screen says 10 usable, 10 expired (in red),
    as the pickup offers 10; the total is in a hidden column."""
    stock = app.stock
    stock.type_search("SPT")
    stock.wait_rows([("SPT", "GNK-MAG")])
    assert stock.cell(0, "Bruikbaar").split()[0] == "10"
    assert stock.cell(0, "Vervallen").split()[0] == "10"
    assert stock.cell(0, "Totaal").split()[0] == "20"
    assert stock.highlighted(0, "Vervallen") == "#c62828"
    assert stock.highlighted(0, "Bruikbaar") is None
    stock.clear_search()
    stock.wait_count(3)
    mouthpieces = [r for r in stock.model.rows() if r.expired == 0]
    assert mouthpieces and all(r.usable == r.quantity for r in mouthpieces)


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
    first.stock.set_column_width(3, 123)  # Locatie, dragged
    first.stock.hide_column(2)
    first.stock.set_splitter([300, 1000])
    sizes = first.stock.splitter()
    first.close()
    second = open_app(database_url)
    second.wait_idle()
    assert second.stock.column_width(3) == 123
    assert second.stock.column_hidden(2)
    assert second.stock.splitter()[0] == sizes[0]
    second.close()


def test_columns_fill_the_width_and_a_widened_column_never_pushes_status_away(app, qtbot
                                                                              ) -> None:
    stock = app.stock
    table = stock.screen.table
    qtbot.waitUntil(lambda: stock.columns_fill_the_table(), timeout=2000)
    names = [row.product_name for row in stock.model.rows()]
    product = [c.header for c in stock.model.columns].index("Product")
    assert all(table.cut_text(stock.model.index(r, product)) == "" for r in range(len(names)))
    stock.set_column_width(3, 2000)  # Locatie, dragged far too wide
    qtbot.waitUntil(lambda: stock.columns_fill_the_table(), timeout=2000)
    assert stock.status_in_view()
    app.window.resize(1920, 1080)
    qtbot.waitUntil(lambda: stock.columns_fill_the_table(), timeout=2000)
    assert stock.status_in_view()


def test_kolommen_herstellen_forgets_widths_order_and_hidden_columns(app, qtbot) -> None:
    stock = app.stock
    stock.set_column_width(3, 90)
    stock.hide_column(0)
    header = stock.screen.table.horizontalHeader()
    header.moveSection(header.visualIndex(8), 0)
    stock.screen.table.save_state()
    menu = stock.screen.table.header_menu()
    reset = next(a for a in menu.actions() if a.text() == "Kolommen herstellen")
    reset.trigger()
    qtbot.waitUntil(lambda: stock.columns_fill_the_table(), timeout=2000)
    assert not stock.column_hidden(0)
    assert [header.logicalIndex(v) for v in range(header.count())] == list(
        range(header.count()))
    assert stock.column_width(3) != 90
    from ui.shell import settings_keys
    assert settings_keys.settings().value(settings_keys.STOCK_TABLE_HEADER) is None
