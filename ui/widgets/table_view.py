"""The table every list uses: sortable (in Python), badge columns, Enter or double-click
opens, a header menu to choose columns or put them back, and order, visibility and the widths
people dragged remembered in QSettings.

Exporteren… (its header menu, its right-click menu, Ctrl+Shift+E while it has focus) writes
the table as shown to an .xlsx or .csv file (ui/widgets/table_export.py). Row actions
(Boeking terugdraaien…) join the right-click menu through ``add_row_action`` (with their
shortcut while the table has focus) or, decided per row, a slot of ``context_menu_requested``
that adds them to the menu about to open.

The columns always fit the table's width, so the last column (usually Status) is never pushed
out of sight: one column (the name people choose by) takes the free room; when there is too
little, it gives way first (to a floor), then the other long-text columns, then the widths the
user dragged. Every column asks for what its contents need, within bounds, so a wide screen
shows names whole, and a cut text shows whole in its tooltip."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from carma_logistiek.i18n import _
from ui.shell import settings_keys
from ui.shell.theme import BADGE_ROLE, BadgeDelegate
from ui.widgets.table_model import LEFT, RowTableModel

MAX_CONTENT_WIDTH = 420  # a column asks for at most this (the stretch column gets more)
STRETCH_FLOOR = 140  # the name column keeps this much before the others give way
SHRINK_FLOOR = 60  # a long-text column keeps at least this
MEASURED_ROWS = 40  # the longest texts measured per column (measuring all rows costs)
PADDING = 18  # the cell's margins and the sort arrow
# Exporteren…: Ctrl+E is Bestelling wijzigen… on the orders screen (a window-wide shortcut).
EXPORT_SHORTCUT = "Ctrl+Shift+E"


# Who gives way first when the columns do not fit: the other long texts (codes, places) to a
# comfortable width, the name column to a roomy one, the short columns to their contents (a
# cut header shows whole in its tooltip), then the name column to its floor, the long texts
# to theirs, and last the widths the user dragged.
STRETCH, LONG_TEXT, SHORT, DRAGGED = range(4)
COMFORTABLE = 130  # a long-text column keeps this before the name column gives way
ROOMY = 320  # the name column keeps this (most names whole) before short headers are cut


@dataclass(frozen=True)
class Want:
    """What one shown column would like, for :func:`share_width`."""

    width: int  # its contents' width, or the width the user dragged it to
    floor: int  # the least it may get
    stretch: bool = False  # takes the free room
    rank: int = LONG_TEXT  # when it gives way (STRETCH .. DRAGGED)


def share_width(wants: list[Want], available: int) -> list[int]:
    """Widths for the shown columns that add up to ``available`` when their floors allow:
    the free room goes to the stretch column; when there is too little, the columns give way
    in the order above, those of one kind in proportion to their room."""
    widths = [want.width for want in wants]
    free = available - sum(widths)
    if free >= 0:
        stretch = next((i for i, want in enumerate(wants) if want.stretch), None)
        if stretch is not None:
            widths[stretch] += free
        return widths
    excess = -free
    floors = [want.floor for want in wants]
    comfortable = [max(want.floor, min(want.width, COMFORTABLE)) for want in wants]
    roomy = [max(want.floor, min(want.width, ROOMY)) for want in wants]
    for rank, limits in (
        (LONG_TEXT, comfortable),
        (STRETCH, roomy),
        (SHORT, floors),
        (STRETCH, floors),
        (LONG_TEXT, floors),
        (DRAGGED, floors),
    ):
        group = [i for i, want in enumerate(wants) if want.rank == rank]
        excess = _give_way(widths, limits, group, excess)
        if excess <= 0:
            break
    return widths


def _give_way(widths: list[int], floors: list[int], group: list[int], excess: int) -> int:
    """Shrink the columns of ``group`` in proportion to their room above the floor; returns
    what is still too much."""
    room = {i: max(0, widths[i] - floors[i]) for i in group}
    total = sum(room.values())
    if total <= 0:
        return excess
    if total <= excess:
        for i in group:
            widths[i] -= room[i]
        return excess - total
    taken = 0
    for i in group:
        share = excess * room[i] // total
        widths[i] -= share
        taken += share
    for i in group:  # the rounding remainder, one pixel at a time
        if taken >= excess:
            break
        if widths[i] > floors[i]:
            widths[i] -= 1
            taken += 1
    return 0


class ElidingDelegate(QStyledItemDelegate):
    """Cuts a column's text where its Column says (the view has one mode for all)."""

    def __init__(self, mode: Qt.TextElideMode, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.mode = mode

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = self.mode


class DataTable(QTableView):
    activated_row = Signal(int)  # Enter or double-click on a row
    # The right-click menu of a row (an invalid index: below the rows), before it opens: a
    # slot may add actions for that row; Exporteren… comes last.
    context_menu_requested = Signal(QMenu, QModelIndex)

    def __init__(
        self, model: RowTableModel[Any], settings_key: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings_key = settings_key
        self._content: dict[int, int] = {}  # column -> what its header and contents need
        self._data: dict[int, int] = {}  # column -> what its contents need (header cut)
        self._dragged: dict[int, int] = {}  # column -> the width the user gave it
        self._laying_out = False
        self.export_name = ""  # the exported file's name; else the dialog's or screen's title
        self._row_actions: list[QAction] = []
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as in a form
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_custom_context_menu_requested)
        header.sectionResized.connect(self._on_header_section_resized)
        self._badge_delegate = BadgeDelegate(self)
        for column, spec in enumerate(model.columns):
            if spec.badge is not None:
                self.setItemDelegateForColumn(column, self._badge_delegate)
            elif spec.elide != Qt.TextElideMode.ElideRight:
                self.setItemDelegateForColumn(column, ElidingDelegate(spec.elide, self))
        self.doubleClicked.connect(self._on_self_double_clicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_self_custom_context_menu_requested)
        model.modelReset.connect(self._on_model_model_reset)
        self.restored = settings_keys.restore_header(settings_key, header)
        if self.restored:
            self._dragged = settings_keys.restore_widths(settings_key)
        else:
            self._default_columns()
        # restoreState brings back the resize modes of older versions too: all interactive.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setSortingEnabled(True)

    def table_model(self) -> RowTableModel[Any]:
        return self.model()  # type: ignore[return-value]

    # --- widths --------------------------------------------------------------------------
    def fit_columns_once(self) -> None:
        """Size the columns to the rows shown (the screens call this after loading rows)."""
        self._measure()
        self.lay_out_columns()

    def lay_out_columns(self) -> None:
        """Give every shown column its share of the table's width (see the module's doc)."""
        header = self.horizontalHeader()
        shown = [header.logicalIndex(v) for v in range(header.count())]
        shown = [c for c in shown if not header.isSectionHidden(c)]
        if not shown or self.viewport().width() <= 0:
            return
        if not self._content:
            self._measure()
        stretch = self.stretch_column()
        wants = [self._want(column, column == stretch) for column in shown]
        widths = share_width(wants, self.viewport().width())
        self._laying_out = True
        try:
            for column, width in zip(shown, widths, strict=True):
                if header.sectionSize(column) != width:
                    header.resizeSection(column, width)
        finally:
            self._laying_out = False

    def stretch_column(self) -> int | None:
        """The column that takes the free width: the one marked ``stretch``, else the widest
        column that may shrink, else the widest left-aligned text."""
        header = self.horizontalHeader()
        columns = self.table_model().columns
        shown = [c for c in range(len(columns)) if not header.isSectionHidden(c)]
        marked = [c for c in shown if columns[c].stretch]
        if marked:
            return marked[0]
        long_text = [c for c in shown if columns[c].shrinks] or [
            c for c in shown if columns[c].badge is None and columns[c].align == LEFT
        ]
        return max(long_text, key=lambda c: self._content.get(c, 0), default=None)

    def _want(self, column: int, stretch: bool) -> Want:
        spec = self.table_model().columns[column]
        content = self._content.get(column, self.horizontalHeader().sectionSize(column))
        data = min(content, self._data.get(column, content))
        if stretch:
            return Want(content, min(content, STRETCH_FLOOR), stretch=True, rank=STRETCH)
        if column in self._dragged:
            dragged = self._dragged[column]
            return Want(dragged, min(dragged, SHRINK_FLOOR if spec.shrinks else data), rank=DRAGGED)
        if spec.shrinks:
            return Want(content, min(content, SHRINK_FLOOR), rank=LONG_TEXT)
        return Want(content, data, rank=SHORT)

    def _measure(self) -> None:
        """What each column's contents need: the header and the longest texts, measured."""
        model = self.table_model()
        header = self.horizontalHeader()
        plain = self.fontMetrics()
        bold = self.font()
        bold.setBold(True)
        for column, spec in enumerate(model.columns):
            # A badge is bold in a pill: 4 px margin, 16 px inside (theme.BadgeDelegate).
            metrics = QFontMetrics(bold) if spec.badge is not None else plain
            extra = 26 if spec.badge is not None else PADDING
            texts = sorted(set(model.column_texts(column)), key=len, reverse=True)
            longest = max((metrics.horizontalAdvance(t) for t in texts[:MEASURED_ROWS]), default=0)
            data = max(longest + extra, header.minimumSectionSize())
            self._data[column] = min(data, MAX_CONTENT_WIDTH)
            width = max(data, header.sectionSizeFromContents(column).width())
            self._content[column] = min(width, MAX_CONTENT_WIDTH)

    def _on_model_model_reset(self) -> None:
        QTimer.singleShot(0, self, self.fit_columns_once)  # after the view has the new rows

    def _on_header_section_resized(self, column: int, _old: int, new: int) -> None:
        if self._laying_out or not self.isVisible():
            return
        if column != self.stretch_column():
            self._dragged[column] = new  # the user dragged it: that width is wanted from now
        QTimer.singleShot(0, self, self.lay_out_columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.lay_out_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self.lay_out_columns)  # a hidden screen had no real width

    # --- state ---------------------------------------------------------------------------
    def save_state(self) -> None:
        settings_keys.save_header(self.settings_key, self.horizontalHeader())
        settings_keys.save_widths(self.settings_key, self._dragged)

    def reset_columns(self) -> None:
        """Kolommen herstellen: the columns as on the first start, sized to their contents,
        and nothing remembered."""
        settings_keys.forget_header(self.settings_key)
        self._dragged = {}
        self._default_columns()
        self.fit_columns_once()
        self.restored = False

    def _default_columns(self) -> None:
        header = self.horizontalHeader()
        # No sort until the user asks (Qt would start descending on column 0).
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for column, spec in enumerate(self.table_model().columns):
            header.setSectionHidden(column, spec.hidden)
            visual = header.visualIndex(column)
            if visual != column:
                header.moveSection(visual, column)

    # --- rows ----------------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def event(self, event: QEvent) -> bool:
        # The export key goes to this table (keyPressEvent), not to the window's Lijst
        # exporteren…, so a table in a dialog exports itself too.
        if event.type() == QEvent.Type.ShortcutOverride and _is_export_key(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.current_row() >= 0:
            self.activated_row.emit(self.current_row())
            return
        if _is_export_key(event):
            self.export()
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        """A cut text shows whole in its tooltip (the model's own tooltip comes first)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            if index.isValid() and not index.data(Qt.ItemDataRole.ToolTipRole):
                text = self.cut_text(index)
                if text:
                    QToolTip.showText(event.globalPos(), text, self.viewport())
                    return True
        return super().viewportEvent(event)

    def cut_text(self, index: QModelIndex) -> str:
        """The cell's text when it does not fit its column, else ""."""
        badge = index.data(BADGE_ROLE)
        text = str(badge[0] if badge else index.data(Qt.ItemDataRole.DisplayRole) or "")
        room = self.columnWidth(index.column()) - (32 if badge else 10)
        return text if text and self.fontMetrics().horizontalAdvance(text) > room else ""

    def _on_self_double_clicked(self, index: QModelIndex) -> None:
        self.activated_row.emit(index.row())

    # --- the header's menu ---------------------------------------------------------------
    def header_menu(self) -> QMenu:
        header = self.horizontalHeader()
        menu = QMenu(self)
        for column, spec in enumerate(self.table_model().columns):
            action = QAction(spec.header, menu, checkable=True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: self._set_column_visible(c, on))
            menu.addAction(action)
        menu.addSeparator()
        reset = QAction(_("Kolommen herstellen"), menu)
        reset.setToolTip(_("Alle kolommen terug zoals bij de eerste start, passend bij de inhoud"))
        reset.triggered.connect(lambda _checked=False: self.reset_columns())
        menu.addAction(reset)
        menu.addSeparator()
        menu.addAction(self.export_action(menu))
        return menu

    def _on_header_custom_context_menu_requested(self, position) -> None:  # type: ignore[no-untyped-def]
        self.header_menu().exec(self.horizontalHeader().mapToGlobal(position))

    def _set_column_visible(self, column: int, visible: bool) -> None:
        self.horizontalHeader().setSectionHidden(column, not visible)
        self.lay_out_columns()
        self.save_state()

    # --- the rows' menu and the export ---------------------------------------------------
    def add_row_action(self, action: QAction) -> None:
        """``action`` in every row's right-click menu, and its shortcut while the table has
        focus (a window-wide shortcut of the same keys would make both silent). Its slot acts
        on ``current_row()``; to enable it per row, connect to ``context_menu_requested``."""
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.addAction(action)
        self._row_actions.append(action)

    def row_menu(self, index: QModelIndex) -> QMenu:
        """The right-click menu: the row actions (on a row), what the slots of
        ``context_menu_requested`` add, then Exporteren…."""
        menu = QMenu(self)
        if index.isValid():
            menu.addActions(self._row_actions)
        self.context_menu_requested.emit(menu, index)
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction(self.export_action(menu))
        return menu

    def export_action(self, parent: QObject) -> QAction:
        action = QAction(_("Exporteren…"), parent)
        # Shown in the menu; the table's keyPressEvent does the work.
        action.setShortcut(QKeySequence(EXPORT_SHORTCUT))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.setToolTip(_("De lijst zoals getoond (filter, sortering, kolommen) als Excel- of "
                            "CSV-bestand bewaren"))
        action.triggered.connect(lambda _checked=False: self.export())
        return action

    def export(self) -> None:
        """Exporteren…: this table as shown, to a file the user chooses."""
        from ui.widgets.table_export import export_table

        export_table(self)

    def _on_self_custom_context_menu_requested(self, position) -> None:  # type: ignore[no-untyped-def]
        index = self.indexAt(position)
        if not index.isValid():  # the menu key, or below the rows: the current row's menu
            index = self.currentIndex()
        menu = self.row_menu(index)
        menu.exec(self.viewport().mapToGlobal(position))
        menu.deleteLater()


def _is_export_key(event: QEvent) -> bool:
    return isinstance(event, QKeyEvent) and (
        QKeySequence(event.keyCombination()) == QKeySequence(EXPORT_SHORTCUT))


def reset_all_columns(root: QObject) -> None:
    """Kolommen herstellen for every table under ``root`` (the Beeld menu's entry)."""
    for table in root.findChildren(DataTable):
        table.reset_columns()
