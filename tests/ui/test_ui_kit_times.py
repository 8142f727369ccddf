"""Kit history in Brussels time, as the product history (it showed UTC)."""

from __future__ import annotations

from kit_support import kit_database

from carma_logistiek.i18n import format_datetime
from carma_logistiek.services import kits
from ui.widgets.formats import local_time


def test_kit_history_shows_local_time(app, qtbot, db) -> None:
    kit_database(db)
    register = app.kits.register()
    register.load_form_data()
    register.refresh()
    app.wait_idle()
    register.select_kit("KIT-001")
    qtbot.waitUntil(lambda: register.detail.events.rowCount() >= 1, timeout=3000)
    newest = kits.kit_detail(db, "KIT-001").events[-1]
    shown = register.detail.events.item(0, 0).text()
    assert shown == format_datetime(local_time(newest.at))
    assert local_time(newest.at).utcoffset().total_seconds() > 0  # Brussels is ahead of UTC
    assert shown != format_datetime(newest.at)
