"""The product dialog's lists, each keyboard-first: the GTINs (typed or scanned, Enter adds),
the suppliers with their reference and pack size, the minimum and maximum per location, and
the photo. Each knows what it held when the dialog opened, so saving sends only what changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.stock import MAX_QUANTITY
from carma_logistiek.i18n import _
from carma_logistiek.services.results import LocationRow
from ui.widgets.forms import LocationCombo

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
THUMBNAIL = 180


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)  # Enter in a field of the list never saves the dialog
    return button


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(120)
    return table


def _is_enter(event: QEvent) -> bool:
    return (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS)


def _is_delete(event: QEvent) -> bool:
    return (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete)


class GtinList(QWidget):
    """The product's barcodes, the main one first. A wedge scanner types the digits and
    Enter into the field; that adds the code (the service checks the check digit)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(_("Typ of scan een GTIN en druk Enter"))
        self.entry.installEventFilter(self)
        self.list = QListWidget()
        self.list.setMaximumHeight(130)
        self.list.installEventFilter(self)
        self.add_button = _button(_("Toevoegen"))
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button = _button(_("Verwijderen"))
        self.remove_button.setToolTip(_("Verwijdert de gekozen GTIN (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.main_button = _button(_("Hoofdbarcode maken"))
        self.main_button.setToolTip(_("De eerste GTIN is de hoofdbarcode: die staat op de "
                                      "lijsten en etiketten"))
        self.main_button.clicked.connect(self.make_selected_main)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.entry, 0, 0)
        grid.addWidget(self.add_button, 0, 1)
        grid.addWidget(self.list, 1, 0, 3, 1)
        grid.addWidget(self.remove_button, 1, 1)
        grid.addWidget(self.main_button, 2, 1)
        grid.setRowStretch(3, 1)
        self.setFocusProxy(self.entry)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.entry and _is_enter(event) and self.entry.text().strip():
            self.add_typed()
            return True
        if watched is self.list and _is_delete(event):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def gtins(self) -> tuple[str, ...]:
        codes = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        return tuple(str(code) for code in codes)

    def set_gtins(self, gtins: Sequence[str]) -> None:
        self.list.clear()
        for gtin in gtins:
            self.list.addItem(gtin)
        self._relabel()

    def pending_text(self) -> str:
        """A code typed but not added yet (the save adds it: nobody meant to drop it)."""
        return "".join(self.entry.text().split())

    def add_typed(self) -> None:
        code = self.pending_text()
        if code and code not in self.gtins():
            self.list.addItem(code)
            self._relabel()
            self.edited.emit()
        self.entry.clear()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self._relabel()
            self.edited.emit()

    def make_selected_main(self) -> None:
        row = self.list.currentRow()
        if row > 0:
            self.list.insertItem(0, self.list.takeItem(row))
            self.list.setCurrentRow(0)
            self._relabel()
            self.edited.emit()

    def _relabel(self) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            code = item.data(Qt.ItemDataRole.UserRole) or item.text()
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setText(_("{gtin} (hoofdbarcode)", gtin=code) if i == 0 else code)


@dataclass(frozen=True)
class SupplierLink:
    supplier_code: str
    reference: str
    pack_size: int
    preferred: bool


class SupplierTable(QWidget):
    """Who sells the product: choose a supplier, type its reference and pack size, Enter adds;
    reference, pack size and preference are edited in the table; Delete removes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names: dict[str, str] = {}
        self.supplier = QComboBox()
        self.reference = QLineEdit()
        self.reference.setPlaceholderText(_("Referentie bij de leverancier"))
        self.pack_size = QSpinBox()
        self.pack_size.setRange(1, 100_000)
        self.pack_size.setPrefix(_("per "))
        self.preferred = QCheckBox(_("voorkeur"))
        self.add_button = _button(_("Toevoegen"))
        self.add_button.clicked.connect(self.add_entered)
        self.remove_button = _button(_("Verwijderen"))
        self.remove_button.clicked.connect(self.remove_selected)
        for widget in (self.supplier, self.reference, self.pack_size):
            widget.installEventFilter(self)
        self.table = _table([_("Leverancier"), _("Referentie"), _("Verpakking"),
                             _("Voorkeur")])
        self.table.installEventFilter(self)
        entry = QHBoxLayout()
        entry.addWidget(self.supplier, 2)
        entry.addWidget(self.reference, 2)
        entry.addWidget(self.pack_size)
        entry.addWidget(self.preferred)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self.supplier)

    def set_suppliers(self, rows: Sequence[tuple[str, str]]) -> None:
        """The suppliers one may choose: (code, name), the active ones."""
        self.names.update(dict(rows))
        self.supplier.clear()
        self.supplier.addItem(_("Kies een leverancier"), None)
        for code, name in rows:
            self.supplier.addItem(f"{name} ({code})", code)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and _is_delete(event):
            self.remove_selected()
            return True
        if watched is not self.table and _is_enter(event) and self.supplier.currentData():
            self.add_entered()
            return True
        return super().eventFilter(watched, event)

    def add_entered(self) -> None:
        code = self.supplier.currentData()
        if not code:
            return
        link = SupplierLink(str(code), self.reference.text().strip(), self.pack_size.value(),
                            self.preferred.isChecked() or not self.links())
        self._put(link)
        self.reference.clear()
        self.pack_size.setValue(1)
        self.preferred.setChecked(False)
        self.supplier.setCurrentIndex(0)
        self.supplier.setFocus()

    def _put(self, link: SupplierLink) -> None:
        row = next((i for i, old in enumerate(self.links()) if old.supplier_code
                    == link.supplier_code), self.table.rowCount())
        if row == self.table.rowCount():
            self.table.insertRow(row)
        name = QTableWidgetItem(f"{self.names.get(link.supplier_code, link.supplier_code)}")
        name.setData(Qt.ItemDataRole.UserRole, link.supplier_code)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        pack = QTableWidgetItem()
        pack.setData(Qt.ItemDataRole.EditRole, link.pack_size)
        preferred = QTableWidgetItem()
        preferred.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                           | Qt.ItemFlag.ItemIsSelectable)
        preferred.setCheckState(Qt.CheckState.Checked if link.preferred
                                else Qt.CheckState.Unchecked)
        for column, item in enumerate((name, QTableWidgetItem(link.reference), pack, preferred)):
            self.table.setItem(row, column, item)
        if link.preferred:
            self._only_preferred(row)

    def _only_preferred(self, keep: int) -> None:
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 3)
            if row != keep and item is not None:
                item.setCheckState(Qt.CheckState.Unchecked)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def set_links(self, links: Sequence[SupplierLink]) -> None:
        self.table.setRowCount(0)
        for link in links:
            self._put(link)

    def links(self) -> list[SupplierLink]:
        found = []
        for row in range(self.table.rowCount()):
            items = [self.table.item(row, column) for column in range(4)]
            if items[0] is None:
                continue
            pack = items[2].data(Qt.ItemDataRole.EditRole) if items[2] else 1
            found.append(SupplierLink(
                str(items[0].data(Qt.ItemDataRole.UserRole)),
                items[1].text().strip() if items[1] else "",
                int(pack) if str(pack).isdigit() and int(pack) > 0 else 1,
                bool(items[3] and items[3].checkState() == Qt.CheckState.Checked)))
        return found


@dataclass(frozen=True)
class Limit:
    location_code: str
    minimum: int
    maximum: int | None


class MinimumTable(QWidget):
    """Minimum and maximum per location: choose the location, type the numbers, Enter adds;
    the numbers are edited in the table; 0 (or Delete) clears a minimum."""

    def __init__(self, locations: Sequence[LocationRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = {row.code: row.name for row in locations}
        self.location = LocationCombo(locations, choose_text=_("Kies een locatie"))
        self.minimum = QSpinBox()
        self.minimum.setRange(0, MAX_QUANTITY)
        self.minimum.setPrefix(_("min. "))
        self.maximum = QSpinBox()
        self.maximum.setRange(0, MAX_QUANTITY)
        self.maximum.setPrefix(_("max. "))
        self.maximum.setSpecialValueText(_("geen maximum"))
        self.add_button = _button(_("Toevoegen"))
        self.add_button.clicked.connect(self.add_entered)
        self.remove_button = _button(_("Wissen"))
        self.remove_button.setToolTip(_("Wist het minimum van de gekozen locatie (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        for widget in (self.location, self.minimum, self.maximum):
            widget.installEventFilter(self)
        self.table = _table([_("Locatie"), _("Minimum"), _("Maximum")])
        self.table.installEventFilter(self)
        entry = QHBoxLayout()
        entry.addWidget(self.location, 3)
        entry.addWidget(self.minimum, 1)
        entry.addWidget(self.maximum, 1)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(entry)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setFocusProxy(self.location)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and _is_delete(event):
            self.remove_selected()
            return True
        if watched is not self.table and _is_enter(event) and self.location.code():
            self.add_entered()
            return True
        return super().eventFilter(watched, event)

    def add_entered(self) -> None:
        code = self.location.code()
        if not code:
            return
        self._put(Limit(code, self.minimum.value(), self.maximum.value() or None))
        self.minimum.setValue(0)
        self.maximum.setValue(0)
        self.location.setCurrentIndex(0)
        self.location.setFocus()

    def _put(self, limit: Limit) -> None:
        row = next((i for i, old in enumerate(self.limits())
                    if old.location_code == limit.location_code), self.table.rowCount())
        if row == self.table.rowCount():
            self.table.insertRow(row)
        name = QTableWidgetItem(f"{self.names.get(limit.location_code, limit.location_code)}"
                                f" ({limit.location_code})")
        name.setData(Qt.ItemDataRole.UserRole, limit.location_code)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        minimum = QTableWidgetItem()
        minimum.setData(Qt.ItemDataRole.EditRole, limit.minimum)
        maximum = QTableWidgetItem()
        if limit.maximum:
            maximum.setData(Qt.ItemDataRole.EditRole, limit.maximum)
        for column, item in enumerate((name, minimum, maximum)):
            self.table.setItem(row, column, item)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 1) if row >= 0 else None
        if item is not None:
            item.setData(Qt.ItemDataRole.EditRole, 0)

    def set_limits(self, limits: Sequence[Limit]) -> None:
        self.table.setRowCount(0)
        for limit in limits:
            self._put(limit)

    def limits(self) -> list[Limit]:
        found = []
        for row in range(self.table.rowCount()):
            name, minimum, maximum = (self.table.item(row, column) for column in range(3))
            if name is None:
                continue
            found.append(Limit(str(name.data(Qt.ItemDataRole.UserRole)),
                               _number(minimum) or 0, _number(maximum) or None))
        return found


def _number(item: QTableWidgetItem | None) -> int | None:
    if item is None:
        return None
    text = str(item.data(Qt.ItemDataRole.EditRole) or "").strip()
    return int(text) if text.isdigit() else None


class PhotoField(QWidget):
    """The product's photo as a thumbnail, with Kiezen… and Verwijderen."""

    choose = Signal()
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None  # a new photo chosen, to save
        self.removed = False
        self.had_photo = False
        self.thumbnail = QLabel(_("Geen foto"))
        self.thumbnail.setFixedSize(THUMBNAIL, THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("border: 1px solid palette(mid);")
        self.choose_button = _button(_("Foto kiezen…"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button = _button(_("Foto verwijderen"))
        self.remove_button.clicked.connect(self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.thumbnail)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.setFocusProxy(self.choose_button)
        self._update_buttons()

    def show_stored(self, data: bytes | None) -> None:
        self.had_photo = data is not None
        self._show(data)

    def set_new(self, data: bytes) -> bool:
        """A chosen file; False when it is not a picture Qt can read."""
        if QImage.fromData(data).isNull():
            return False
        self.data, self.removed = data, False
        self._show(data)
        self.edited.emit()
        return True

    def remove(self) -> None:
        self.data, self.removed = None, self.had_photo
        self._show(None)
        self.edited.emit()

    def _show(self, data: bytes | None) -> None:
        image = QImage.fromData(data) if data else QImage()
        if image.isNull():
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(_("Geen foto"))
        else:
            self.thumbnail.setPixmap(QPixmap.fromImage(image).scaled(
                THUMBNAIL - 4, THUMBNAIL - 4, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        self._shown = data is not None and not image.isNull()
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(getattr(self, "_shown", False))
