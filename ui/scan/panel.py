"""What the three scan modes (Afhaling, Levering, Telling) share: the panel interface the scan
screen drives, the small scan context a panel answers through, and big readable tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ui.ops.errors import error_sentence

if TYPE_CHECKING:
    from carma_logistiek.services.scans import ScanResult
    from ui.shell.context import AppContext

BIG_POINTS = 15


def big_font(widget: QWidget, factor: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(BIG_POINTS * factor)
    font.setBold(bold)
    return font


class BigTable(QTableWidget):
    """A read-only table with large text, whole-row selection, no keyboard focus (the scan
    field keeps it)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setFont(big_font(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Variants differ at the end of their names ("… (grootverpakking)"): keep both ends.
        self.setWordWrap(False)  # with wrapping on, Qt elides the last line at the right
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(int(BIG_POINTS * 2.6))
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def set_row(self, row: int, values: list[str], data: Any = None) -> None:
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if column == len(values) - 1:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, data)
            self.setItem(row, column, item)


class ScanContext(Protocol):
    """What a scan panel may ask of the screen it sits in: the session's location, and the
    answer to a scan (a green or red message with its sound)."""

    app: AppContext

    @property
    def location_code(self) -> str | None: ...

    def location_name(self, code: str | None = None) -> str: ...

    def set_location(self, code: str | None) -> None: ...

    def accept(self, message: str) -> None: ...

    def refuse(self, message: str) -> None: ...

    def refocus(self) -> None: ...

    def dialog_parent(self) -> QWidget: ...


class ScanPanel(QWidget):
    """One scan mode. The screen hands it every resolved scan and the Enter/Escape/+/- keys;
    the panel answers through its scan context (``scan.accept`` / ``scan.refuse``)."""

    title = ""
    mode = ""

    def __init__(self, scan: ScanContext) -> None:
        super().__init__()
        self.scan = scan
        self.context = scan.app

    def handle(self, result: ScanResult) -> None:
        raise NotImplementedError

    def confirm(self) -> None:
        """Enter on an empty scan field: book what was scanned."""

    def cancel_line(self) -> None:
        """Escape: drop the current line (never the whole basket)."""

    def adjust(self, delta: int) -> None:
        """+ / -: one more or one less of the current line."""

    def clear_all(self) -> None:
        """Ctrl+Delete: start over (the whole basket or count)."""
        self.cancel_line()

    def busy_text(self) -> str:
        return ""

    def location_changed(self, code: str | None) -> None:
        """The session location was set (scanned or picked)."""

    def busy(self) -> bool:
        """True while this panel holds scanned work that a location change would lose."""
        return False

    def failed(self, error: BaseException) -> None:
        self.scan.refuse(error_sentence(error))
