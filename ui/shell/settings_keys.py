"""Every QSettings key of the app, in one place. QSettings holds window state only
(geometry, splitters, table headers, the last screen, location and filters); the app's
configuration lives in AppConfig."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QHeaderView, QSplitter, QWidget

from carma_logistiek.config import ENV_HOME

ORGANISATION = "Politiezone CARMA"
APPLICATION = "CARMA Logistiek"

MAIN_WINDOW_GEOMETRY = "main_window/geometry"
MAIN_WINDOW_STATE = "main_window/state"
MAIN_WINDOW_SCREEN = "main_window/screen"
STOCK_SPLITTER = "stock/splitter"
STOCK_TABLE_HEADER = "stock/table_header"
STOCK_LOCATION = "stock/location"  # the location chosen in the tree ("" = the whole zone)
STOCK_STATUS_FILTER = "stock/status_filter"  # the filter's position in status_filters()
ORDERS_STATUS_FILTER = "orders/status_filter"
ORDERS_SPLITTER = "orders/splitter"
ORDERS_TABLE_HEADER = "orders/table_header"
ORDER_LINES_HEADER = "orders/lines_header"
DETAIL_GEOMETRY = "product_detail/geometry"
DETAIL_MOVEMENTS_HEADER = "product_detail/movements_header"
DETAIL_LOTS_HEADER = "product_detail/lots_header"
SCAN_SPLITTER = "scan/splitter"
SCAN_MODE = "scan/mode"
# The camera is a property of this computer (which webcam is plugged in here), not of the
# app's shared configuration, so it is kept with the window state.
CAMERA_SOURCE = "camera/source"  # "0", "1", ... or a video file path
CAMERA_RESOLUTION = "camera/resolution"  # "640x480" or "1280x720"
CAMERA_ENABLED = "camera/enabled"
SOUND_MUTED = "scan/sound_muted"
LABELS_OFFSET = "labels/offset"
KITS_TAB = "kits/tab"
KITS_REGISTER_SPLITTER = "kits/register_splitter"
KITS_REGISTER_HEADER = "kits/register_header"
KITS_PLAN_SPLITTER = "kits/plan_splitter"
KITS_PLAN_HEADER = "kits/plan_header"
KITS_SHORTAGES_HEADER = "kits/shortages_header"
KITS_CHECK_SPLITTER = "kits/check_splitter"
KITS_CHECK_LOCATION = "kits/check_stock_location"  # where replacements are taken from
KITS_CHECK_CAMERA = "kits/check_camera"
KITS_RECENT_ASSIGNEES = "kits/recent_assignees"
KITS_TYPES_SPLITTER = "kits/types_splitter"
KITS_TYPES_HEADER = "kits/types_header"
KITS_TYPE_ITEMS_HEADER = "kits/type_items_header"


def settings() -> QSettings:
    # CARMA_HOME moves every folder of the app (data, config, logs), window state included:
    # a portable install or a demo run leaves nothing behind in the user's profile.
    home = os.environ.get(ENV_HOME)
    if home:
        return QSettings(str(Path(home) / "config" / "window-state.ini"),
                         QSettings.Format.IniFormat)
    # INI everywhere (also on Windows), so one QSettings.setPath points tests elsewhere.
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def save_header(key: str, header: QHeaderView) -> None:
    settings().setValue(key, header.saveState())


def restore_header(key: str, header: QHeaderView) -> bool:
    value = settings().value(key)
    return bool(value) and header.restoreState(value)


def save_widths(key: str, widths: dict[int, int]) -> None:
    """The widths the user dragged columns to (the others follow the table's width)."""
    settings().setValue(f"{key}_widths", ",".join(f"{c}:{w}" for c, w in sorted(widths.items())))


def restore_widths(key: str) -> dict[int, int]:
    widths: dict[int, int] = {}
    for pair in str(settings().value(f"{key}_widths", "") or "").split(","):
        column, _sep, width = pair.partition(":")
        if column.isdigit() and width.isdigit():
            widths[int(column)] = int(width)
    return widths


def forget_header(key: str) -> None:
    store = settings()
    store.remove(key)
    store.remove(f"{key}_widths")


def save_choice(key: str, combo: QComboBox) -> None:
    """A filter's position (not its text: the language may change between two starts)."""
    settings().setValue(key, combo.currentIndex())


def restore_choice(key: str, combo: QComboBox) -> None:
    value = str(settings().value(key, "") or "")
    if value.isdigit() and int(value) < combo.count():
        combo.setCurrentIndex(int(value))


def save_text(key: str, text: str) -> None:
    settings().setValue(key, text)


def restored_text(key: str) -> str | None:
    value = settings().value(key)
    return None if value is None else str(value)


def save_splitter(key: str, splitter: QSplitter) -> None:
    settings().setValue(key, splitter.saveState())


def restore_splitter(key: str, splitter: QSplitter) -> bool:
    value = settings().value(key)
    return bool(value) and splitter.restoreState(value)


def save_geometry(key: str, widget: QWidget) -> None:
    settings().setValue(key, widget.saveGeometry())


def restore_geometry(key: str, widget: QWidget) -> bool:
    value = settings().value(key)
    return bool(value) and widget.restoreGeometry(value)
