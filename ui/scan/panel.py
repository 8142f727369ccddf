"""What the three scan modes (Afhaling, Levering, Telling) share: the panel interface the scan
screen drives, big readable tables, and the small questions a scan can raise (behind one
injectable object, so tests never block on a modal dialog)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import _
from carma_logistiek.services.scans import ScanResult

if TYPE_CHECKING:
    from ui.scan.screen import ScanScreen

BIG_POINTS = 15


def big_font(widget: QWidget, factor: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(BIG_POINTS * factor)
    font.setBold(bold)
    return font


class ScanPrompts:
    """The questions a scan screen may ask. Tests replace it with ``ScriptedScanPrompts``."""

    def reason(self, parent: QWidget, text: str) -> str | None:
        value, ok = QInputDialog.getText(
            parent, _("Vervallen lot"), text, QLineEdit.EchoMode.Normal, ""
        )
        return value.strip() if ok and value.strip() else None

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(_("Boeken"))
        box.button(QMessageBox.StandardButton.No).setText(_("Annuleren"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        return box.exec() == QMessageBox.StandardButton.Yes


class ScriptedScanPrompts(ScanPrompts):
    """For tests: answers given in advance, questions remembered."""

    def __init__(self, reasons: list[str | None] | None = None, confirm: bool = True) -> None:
        self.reasons = list(reasons or [])
        self.answer = confirm
        self.asked: list[str] = []

    def reason(self, parent: QWidget, text: str) -> str | None:
        self.asked.append(text)
        return self.reasons.pop(0) if self.reasons else None

    def confirm(self, parent: QWidget, title: str, text: str) -> bool:
        self.asked.append(text)
        return self.answer


prompts: ScanPrompts = ScanPrompts()


def use_prompts(replacement: ScanPrompts) -> None:
    global prompts
    prompts = replacement


def current_prompts() -> ScanPrompts:
    return prompts


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


class ScanPanel(QWidget):
    """One scan mode. The screen hands it every resolved scan and the Enter/Escape/+/- keys;
    the panel answers through ``screen.accept_scan`` / ``screen.refuse_scan``."""

    title = ""
    mode = ""

    def __init__(self, screen: ScanScreen) -> None:
        super().__init__()
        self.screen = screen
        self.context = screen.context

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
        self.screen.refuse_scan(error_text(error))


def error_text(error: BaseException) -> str:
    if isinstance(error, DomainError):
        return error.message()
    return _(
        "Er ging iets onverwachts mis; er werd niets geboekt. Probeer opnieuw of meld het aan "
        "de functioneel beheerder (details in het logbestand)."
    )
