"""A table model over a list of frozen rows, described by columns.

Sorting happens in Python and resets the model: on big tables a QSortFilterProxyModel calls
``data()`` for every comparison and was ~1000x slower here (ENGINEERING-NOTES).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from carma_logistiek.domain.text import natural_key
from carma_logistiek.i18n import format_date, format_datetime
from ui.shell.theme import BADGE_ROLE, SEVERITY_COLOURS

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
# The cell as a typed value (a number, a date) for an export (ui/widgets/table_export.py).
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    sort_key: Callable[[Row], Any] | None = None
    align: Qt.AlignmentFlag = LEFT
    badge: Callable[[Row], tuple[str, str]] | None = None  # (label, severity)
    tooltip: Callable[[Row], str] | None = None
    shrinks: bool = False  # gives way first when the columns do not fit (long names)
    hidden: bool = False  # hidden until the user shows it (header menu)
    # A severity ("problem", ...) that colours the cell's text, for numbers that need a look
    # (expired stock); the column's header says what the number is.
    highlight: Callable[[Row], str | None] | None = None
    # Where a cut text loses its letters: place names differ at their end ("Berging
    # wijkkantoor As" / "… Bree"), so they lose the start (ui/widgets/table_view.py).
    elide: Qt.TextElideMode = Qt.TextElideMode.ElideRight
    # Takes the table's free width (the name people choose by); without one, the widest
    # column that shrinks does (ui/widgets/table_view.py).
    stretch: bool = False
    # The cell's typed value for an export, where neither the text nor the sort key gives it
    # (see typed_value).
    value: Callable[[Row], Any] | None = None


def typed_value(column: Column[Row], row: Row) -> Any:
    """What an export writes for a cell: the column's ``value``; else the sort key where it
    says what the text says (12 for "12" or "+12", an Amount for "12 stuks", the date for
    "31/01/2027"), so a spreadsheet sorts and sums it; else the text as shown."""
    if column.value is not None:
        return column.value(row)
    text = column.badge(row)[0] if column.badge else column.text(row)
    if not text or column.sort_key is None or column.badge is not None:
        return text or None
    key = column.sort_key(row)
    if isinstance(key, tuple) and key:
        key = key[0]  # (when, id): the first part is what the cell shows
    return _agreeing(key, text)


def _agreeing(key: Any, text: str) -> Any:
    if isinstance(key, datetime):
        return key if text == format_datetime(key) else text
    if isinstance(key, date):
        return key if text == format_date(key) else text
    if isinstance(key, int | float) and not isinstance(key, bool):
        number, _space, unit = text.partition(" ")
        if _parsed(number) != key:
            return text
        if not unit:
            return key
        from carma_logistiek.documents.tables import Amount

        return Amount(key, unit)
    return text


def _parsed(text: str) -> int | float | None:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


class RowTableModel(QAbstractTableModel, Generic[Row]):
    def __init__(self, columns: Sequence[Column[Row]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[Row] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- data ----------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def replace_rows(self, rows: Sequence[Row], key: Callable[[Row], object]) -> int:
        """Swap rows that have the same ``key`` in place (after a booking: only the rows it
        touched), without resetting the model, so selection and scroll position stay. Rows
        with a new key are left for the next full refresh. Returns how many were replaced."""
        positions = {key(row): index for index, row in enumerate(self._rows)}
        replaced = 0
        for row in rows:
            index = positions.get(key(row))
            if index is None:
                continue
            self._rows[index] = row
            self.dataChanged.emit(self.index(index, 0),
                                  self.index(index, len(self.columns) - 1))
            replaced += 1
        return replaced

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def column_texts(self, column: int) -> list[str]:
        """What a column shows, row by row (the table measures it to size the column)."""
        spec = self.columns[column]
        return [spec.badge(row)[0] if spec.badge else spec.text(row) for row in self._rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.badge(row)[0] if column.badge else column.text(row)
        if role == BADGE_ROLE and column.badge:
            return column.badge(row)
        if role == VALUE_ROLE:
            return typed_value(column, row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align.value)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(row) or None
        if column.highlight is not None and role in (Qt.ItemDataRole.ForegroundRole,
                                                     Qt.ItemDataRole.FontRole):
            return self._highlight(column.highlight(row), role)
        return None

    @staticmethod
    def _highlight(severity: str | None, role: int) -> Any:
        if severity is None:
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return QBrush(QColor(SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["neutral"])[0]))

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[section].header  # the tooltip: whole when the header is cut
        return None

    # --- sorting -------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._sort = (column, order)
        self.beginResetModel()
        self._sort_rows(column, order)
        self.endResetModel()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        spec = self.columns[column]
        # Text sorts as people read it: "voertuig 2" before "voertuig 10".
        key = spec.sort_key or (lambda row: natural_key(spec.text(row)))
        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
