"""The table every list uses: sortable (in Python), badge columns, Enter or double-click
opens, a header menu to choose columns, and widths/visibility remembered in QSettings."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from ui.shell import settings_keys
from ui.shell.theme import BadgeDelegate
from ui.widgets.table_model import RowTableModel

MAX_FITTED_WIDTH = 300


def fit_to_width(widths: list[int], available: int, floor: int = 90) -> list[int]:
    """Share the room left by the fixed columns among the long-text columns, in proportion
    to what each would like: shrink them (never below ``floor``) when the table is too narrow,
    widen them when it is wider, so no empty band is left on the right."""
    wanted = sum(widths)
    if not widths or wanted <= 0:
        return widths
    if wanted <= available:
        extra = available - wanted
        return [width + extra * width // wanted for width in widths]
    return [max(floor, width * available // wanted) for width in widths]


class DataTable(QTableView):
    activated_row = Signal(int)  # Enter or double-click on a row

    def __init__(
        self, model: RowTableModel[Any], settings_key: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings_key = settings_key
        self._fit_on_show = False
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_custom_context_menu_requested)
        self._badge_delegate = BadgeDelegate(self)
        for column, spec in enumerate(model.columns):
            if spec.badge is not None:
                self.setItemDelegateForColumn(column, self._badge_delegate)
        self.doubleClicked.connect(self._on_self_double_clicked)
        self.restored = settings_keys.restore_header(settings_key, header)
        if not self.restored:
            # No sort until the user asks (Qt would start descending on column 0).
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            for column, spec in enumerate(model.columns):
                header.setSectionHidden(column, spec.hidden)
        self.setSortingEnabled(True)

    def table_model(self) -> RowTableModel[Any]:
        return self.model()  # type: ignore[return-value]

    def fit_columns_once(self) -> None:
        """First start only: size columns to their contents; later the user's widths win."""
        if not self.restored and self.table_model().rowCount() > 0:
            if not self.isVisible():  # a hidden screen has no real width yet: on show
                self._fit_on_show = True
                return
            self.resizeColumnsToContents()
            columns = self.table_model().columns
            header = self.horizontalHeader()
            shown = [c for c in range(len(columns)) if not header.isSectionHidden(c)]
            widths = {c: min(self.columnWidth(c) + 8, MAX_FITTED_WIDTH) for c in shown}
            long_text = [c for c in shown if columns[c].shrinks]
            fixed = sum(widths[c] for c in shown if not columns[c].shrinks)
            # Leave room for a vertical scroll bar that may appear only after this layout.
            scroll = 0 if self.verticalScrollBar().isVisible() else self.verticalScrollBar().sizeHint().width()
            fitted = fit_to_width(
                [widths[c] for c in long_text], self.viewport().width() - 6 - scroll - fixed
            )
            widths.update(zip(long_text, fitted, strict=True))
            for column, width in widths.items():
                self.setColumnWidth(column, width)
            self.restored = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_on_show:
            self._fit_on_show = False
            QTimer.singleShot(0, self.fit_columns_once)

    def save_state(self) -> None:
        settings_keys.save_header(self.settings_key, self.horizontalHeader())

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_row() >= 0:
            self.activated_row.emit(self.current_row())
            return
        super().keyPressEvent(event)

    def _on_self_double_clicked(self, index: QModelIndex) -> None:
        self.activated_row.emit(index.row())

    def _on_header_custom_context_menu_requested(self, position) -> None:  # type: ignore[no-untyped-def]
        header = self.horizontalHeader()
        menu = QMenu(self)
        for column, spec in enumerate(self.table_model().columns):
            action = QAction(spec.header, menu, checkable=True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: self._set_column_visible(c, on))
            menu.addAction(action)
        menu.exec(header.mapToGlobal(position))

    def _set_column_visible(self, column: int, visible: bool) -> None:
        self.horizontalHeader().setSectionHidden(column, not visible)
        self.save_state()
