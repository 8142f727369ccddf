"""The app comes back as it was left: the screen, the location in the tree, the filters."""

from __future__ import annotations


def test_last_screen_location_and_filters_come_back(open_app, database_url, qtbot) -> None:
    first = open_app(database_url)
    first.stock.choose_location("BRE-MAG")
    first.stock.filter_status("Vervallen")
    first.orders.filter_status("besteld")
    first.go("orders")
    first.close()

    second = open_app(database_url)
    second.wait_idle()
    assert second.current() == "orders"
    assert second.stock.screen.location_code() == "BRE-MAG"
    assert second.stock.screen.status_filter.currentText() == "Vervallen"
    assert second.orders.screen.status_filter.currentText() == "besteld"
    assert second.context.selected_location == "BRE-MAG"  # dialogs start there
    second.close()
