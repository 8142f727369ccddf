"""Exporteren…: a table as the user sees it, to an Excel (.xlsx) or CSV file.

What is shown is what is written: the shown columns in their (moved) order with their header
texts, the rows in the table's sort and filter order, each cell as a typed value where the
model gives one (``VALUE_ROLE``: numbers and dates stay numbers and dates), else its text.
The rows are read on the GUI thread (the model lives there); the file is written on the render
pool (``RenderOp``), and the status bar says how it went.

Offered by every ``DataTable`` (its header menu, its right-click menu, Ctrl+Shift+E while it
has focus) and by Bestand > Lijst exporteren… (``export_list_on``: the table with focus on the
current screen, else its first shown table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QListWidget,
    QMainWindow,
    QTableView,
    QWidget,
)
from shiboken6 import isValid

from carma_logistiek.clock import local_today
from carma_logistiek.i18n import _, ngettext
from ui.ops.core import RenderOp
from ui.ops.errors import error_sentence
from ui.widgets.table_model import VALUE_ROLE
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from ui.shell.context import AppContext

FILTERS = "Excel (*.xlsx);;CSV (*.csv)"
MESSAGE_MS = 15_000  # how long the status bar says where the file went
FORBIDDEN_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # Windows refuses these
_last_folder: Path | None = None  # the folder of the last export, offered again this session


@dataclass(frozen=True)
class ShownTable:
    """A table's shown headers and rows, as plain values for ``write_table``."""

    headers: list[str]
    rows: list[list[Any]]


def shown_table(view: QTableView) -> ShownTable:
    """The shown columns in their visual order, the shown rows in the view's order."""
    model = view.model()
    header = view.horizontalHeader()
    columns = [header.logicalIndex(visual) for visual in range(header.count())]
    columns = [c for c in columns if c >= 0 and not header.isSectionHidden(c)]
    headers = [
        str(model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        for c in columns
    ]
    rows = [
        [_cell(model.index(row, column)) for column in columns]
        for row in range(model.rowCount())
        if not view.isRowHidden(row)
    ]
    return ShownTable(headers, rows)


def _cell(index: QModelIndex) -> Any:
    value = index.data(VALUE_ROLE)
    if value is not None:
        return value
    # A model without typed values (or an empty cell): what it shows.
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    if shown is None or shown == "":
        return None
    return shown if isinstance(shown, str | int | float) else str(shown)


# --- names -------------------------------------------------------------------------------
def table_name(view: QWidget) -> str:
    """What the list is called: the table's ``export_name``, else its dialog's title, else
    the screen's title in the navigation rail."""
    name = getattr(view, "export_name", "")
    if name:
        return str(name)
    parent = view.parentWidget()
    while parent is not None:
        if isinstance(parent, QDialog) and parent.windowTitle():
            return parent.windowTitle()
        parent = parent.parentWidget()
    rail = view.window().findChild(QListWidget, "navigationRail")
    item = rail.currentItem() if rail is not None else None
    return item.text() if item is not None and item.text() else _("Lijst")


def suggested_file_name(name: str, today: date, suffix: str = ".xlsx") -> str:
    """"Voorraad 2026-12-03.xlsx": the list's name (without what Windows refuses in a file
    name) and the day, which sorts the exports of a folder by date."""
    cleaned = " ".join(FORBIDDEN_IN_NAMES.sub(" ", name).split()).strip(". ")[:80]
    return f"{cleaned or _('Lijst')} {today.isoformat()}{suffix}"


def _start_folder() -> Path:
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


# --- exporting ---------------------------------------------------------------------------
def context_of(widget: QWidget) -> AppContext | None:
    """The app context of the screen or dialog holding ``widget`` (each keeps it as
    ``context``), so a table exports without its screen wiring anything."""
    from ui.shell.context import AppContext

    current: QWidget | None = widget
    while current is not None:
        context = getattr(current, "context", None)
        if isinstance(context, AppContext):
            return context
        current = current.parentWidget()
    return None


def export_table(view: QTableView, context: AppContext | None = None, *, name: str = "") -> bool:
    """Ask where to save, then write the shown table there off the GUI thread. Returns False
    when nothing is written (cancelled, or a table outside the app)."""
    global _last_folder
    context = context or context_of(view)
    if context is None:
        return False
    title = name or table_name(view)
    suggested = _start_folder() / suggested_file_name(title, local_today())
    chosen = context.services.file_dialogs.ask_save_path(
        view.window(), _("Lijst exporteren"), str(suggested), FILTERS)
    if not chosen:
        return False
    target = Path(chosen)
    if not target.suffix:  # typed without one: the first filter's, Excel
        target = target.with_name(target.name + ".xlsx")
    _last_folder = target.parent
    shown = shown_table(view)
    reporter = _Reporter(view, context)

    def write() -> Path:
        from carma_logistiek.documents.tables import write_table

        return write_table(target, shown.headers, shown.rows, title=title)

    count = len(shown.rows)
    RenderOp(context, write).success(
        lambda written: reporter.say(ngettext(
            "{n} rij geëxporteerd naar {file}", "{n} rijen geëxporteerd naar {file}", count,
            file=str(written)))
    ).failure(lambda error: reporter.say(error_sentence(error), failed=True)).run()
    return True


def list_to_export(screen: QWidget | None) -> DataTable | None:
    """The table on ``screen`` that has focus, else the first one shown."""
    if screen is None:
        return None
    tables = [table for table in screen.findChildren(DataTable) if table.isVisible()]
    focused = QApplication.focusWidget()
    for table in tables:
        if focused is not None and (focused is table or table.isAncestorOf(focused)):
            return table
    return tables[0] if tables else None


def export_list_on(context: AppContext, screen: QWidget | None) -> bool:
    """Bestand > Lijst exporteren…: the current screen's list, or a sentence when it has none."""
    table = list_to_export(screen)
    if table is None:
        _Reporter(screen or context.parent_window(), context).say(
            _("Op dit scherm staat geen lijst om te exporteren."))
        return False
    return export_table(table, context)


class _Reporter:
    """Says how an export went in the status bar of the main window; a failure in a dialog
    (whose window has no status bar) in a message box as well. Holds on to nothing that may
    be gone by the time the file is written (a closed dialog)."""

    def __init__(self, widget: QWidget | None, context: AppContext) -> None:
        window = widget.window() if widget is not None else None
        self.window = window if isinstance(window, QMainWindow) else None
        self.in_main_window = self.window is not None
        self.context = context

    def say(self, text: str, *, failed: bool = False) -> None:
        main = self.window if self.window is not None and isValid(self.window) else (
            _main_window())
        if main is not None:
            main.statusBar().showMessage(text, MESSAGE_MS)
        if failed and not self.in_main_window:
            self.context.services.prompts.error(self.context.parent_window(),
                                                _("Lijst exporteren"), text)


def _main_window() -> QMainWindow | None:
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
    shown = [w for w in windows if w.isVisible()]
    return next(iter(shown or windows), None)
