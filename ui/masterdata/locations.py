"""The Locaties tab: the tree (zone > site > storeroom > cabinet/shelf, and the vehicles) with
its kind, new (under the selected one), rename (F2 or Enter), move, retire (Delete) and the
retired ones on request. Keyboard: arrows walk the tree."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.i18n import _, ngettext
from carma_logistiek.services.results import LocationRow
from ui.masterdata.dialogs import kind_text
from ui.ops import masterdata as ops
from ui.ops.errors import error_sentence
from ui.shell.context import AppContext
from ui.shell.theme import SEVERITY_COLOURS

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
KIND_ICONS = {
    "zone": QStyle.StandardPixmap.SP_DirHomeIcon,
    "site": QStyle.StandardPixmap.SP_ComputerIcon,
    "storeroom": QStyle.StandardPixmap.SP_DirIcon,
    "room": QStyle.StandardPixmap.SP_DirIcon,
    "cabinet": QStyle.StandardPixmap.SP_FileDialogListView,
    "shelf": QStyle.StandardPixmap.SP_FileDialogListView,
    "vehicle": QStyle.StandardPixmap.SP_DriveNetIcon,
}


class LocationsPanel(QWidget):
    new_requested = Signal(str)  # the parent's code ("" = a zone at the top)
    rename_requested = Signal(str)
    move_requested = Signal(str)
    retire_requested = Signal(str)
    reactivate_requested = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 *, editable: bool = True) -> None:
        super().__init__(parent)
        self.context = context
        self.editable = editable
        self.rows: list[LocationRow] = []
        self._select_after: str | None = None
        self.retired = QCheckBox(_("Ook buiten gebruik"))
        self.retired.toggled.connect(self.refresh)
        self.count_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([_("Naam"), _("Code"), _("Soort")])
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.installEventFilter(self)
        self.tree.doubleClicked.connect(self._on_tree_double_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu)
        self.buttons: list[QPushButton] = []
        actions = QHBoxLayout()
        for text, key, slot in self.action_specs():
            button = QPushButton(text)
            button.setToolTip(f"{text} ({key})" if key else text)
            button.clicked.connect(slot)
            button.setEnabled(editable)
            actions.addWidget(button)
            self.buttons.append(button)
        actions.addStretch(1)
        actions.addWidget(self.retired)
        actions.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)

    def action_specs(self) -> list[tuple[str, str, Callable[[], None]]]:
        return [
            (_("Nieuwe locatie…"), "Ins", self.ask_new),
            (_("Hernoemen…"), "F2", self.ask_rename),
            (_("Verplaatsen…"), "", self.ask_move),
            (_("Buiten gebruik…"), "Del", self.ask_retire),
        ]

    # --- reading -------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.context.database_open:
            return
        ops.list_locations(self.context, include_retired=self.retired.isChecked()).success(
            self.show_rows).failure(self.show_error).latest_only(self, "rows").run()

    def show_rows(self, rows: list[LocationRow]) -> None:
        wanted = self._select_after or self.selected_code()
        self._select_after = None
        self.message.clear()
        self.rows = list(rows)
        self.model.removeRows(0, self.model.rowCount())
        items: dict[str, QStandardItem] = {}
        for row in rows:
            cells = self._cells(row)
            parent = items.get(row.parent_code or "")
            (parent if parent is not None else self.model.invisibleRootItem()).appendRow(cells)
            items[row.code] = cells[0]
        self.tree.expandAll()
        self.tree.resizeColumnToContents(1)
        self.tree.resizeColumnToContents(2)
        self.count_label.setText(ngettext("{n} locatie", "{n} locaties", len(rows)))
        self.select_code(wanted)

    def _cells(self, row: LocationRow) -> list[QStandardItem]:
        name = QStandardItem(row.name)
        name.setData(row.code, CODE_ROLE)
        name.setIcon(self.style().standardIcon(
            KIND_ICONS.get(row.kind, QStyle.StandardPixmap.SP_DirIcon)))
        kind = kind_text(row.kind)
        if not row.active:
            kind = _("{kind}, buiten gebruik", kind=kind)
        cells = [name, QStandardItem(row.code), QStandardItem(kind)]
        for cell in cells:
            cell.setEditable(False)
            if not row.active:
                cell.setForeground(QBrush(QColor(SEVERITY_COLOURS["neutral"][0])))
        return cells

    def show_error(self, error: BaseException) -> None:
        self.message.setText(error_sentence(error))

    # --- selection -----------------------------------------------------------------------
    def selected_code(self) -> str | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        code = index.siblingAtColumn(0).data(CODE_ROLE)
        return str(code) if code else None

    def selected(self) -> LocationRow | None:
        code = self.selected_code()
        return next((row for row in self.rows if row.code == code), None)

    def select_code(self, code: str | None) -> None:
        found = self.model.match(self.model.index(0, 0), CODE_ROLE, code, 1,
                                 Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
                                 ) if code and self.model.rowCount() else []
        index = found[0] if found else self.model.index(0, 0)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def select_after_refresh(self, code: str) -> None:
        self._select_after = code

    # --- keyboard and mouse --------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress and isinstance(
                event, QKeyEvent) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            handlers = {Qt.Key.Key_Return: self.ask_rename, Qt.Key.Key_Enter: self.ask_rename,
                        Qt.Key.Key_F2: self.ask_rename, Qt.Key.Key_Delete: self.ask_retire,
                        Qt.Key.Key_Insert: self.ask_new}
            handler = handlers.get(Qt.Key(event.key()))
            if handler is not None:
                handler()
                return True
        return super().eventFilter(watched, event)

    def _on_tree_double_clicked(self, _index: QModelIndex) -> None:
        self.ask_rename()

    def _on_tree_context_menu(self, position) -> None:  # type: ignore[no-untyped-def]
        menu = self.row_menu()
        menu.exec(self.tree.viewport().mapToGlobal(position))
        menu.deleteLater()

    def row_menu(self) -> QMenu:
        menu = QMenu(self)
        row = self.selected()
        for text, key, slot in self.action_specs():
            if row is None and slot != self.ask_new:
                continue
            if row is not None and not row.active and slot == self.ask_retire:
                text, slot = _("Terug in gebruik"), self.ask_reactivate
            action = menu.addAction(text)
            if key:
                action.setText(f"{text}\t{key}")
            action.setEnabled(self.editable)
            action.triggered.connect(lambda _checked=False, s=slot: s())
        return menu

    # --- what the buttons ask for (the screen opens the dialogs) -------------------------
    def ask_new(self) -> None:
        if self.editable:
            self.new_requested.emit(self.selected_code() or "")

    def ask_rename(self) -> None:
        if self.editable and (code := self.selected_code()):
            self.rename_requested.emit(code)

    def ask_move(self) -> None:
        if self.editable and (code := self.selected_code()):
            self.move_requested.emit(code)

    def ask_retire(self) -> None:
        row = self.selected()
        if self.editable and row is not None:
            (self.retire_requested if row.active else self.reactivate_requested).emit(row.code)

    def ask_reactivate(self) -> None:
        if self.editable and (code := self.selected_code()):
            self.reactivate_requested.emit(code)

    def focus(self) -> None:
        self.tree.setFocus()
