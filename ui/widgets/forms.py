"""Input widgets shared by the dialogs: product picker, location picker, date field, and a
form that shows a domain error in Dutch right under the field that caused it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from carma_logistiek.domain.errors import DomainError, InvalidDate
from carma_logistiek.i18n import _
from carma_logistiek.services.results import LocationRow, ProductRow
from ui.ops.errors import error_sentence

SEPARATOR = " — "
ERROR_STYLE = "color: #c62828; font-weight: 600;"


def parse_date(text: str) -> date | None:
    """dd/mm/jjjj as the users write it (also dd-mm-jjjj, ddmmjjjj and ISO from scanners)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    patterns = (
        (r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", (3, 2, 1)),
        (r"(\d{2})(\d{2})(\d{4})", (3, 2, 1)),
        (r"(\d{4})-(\d{2})-(\d{2})", (1, 2, 3)),
    )
    for pattern, (y, m, d) in patterns:
        match = re.fullmatch(pattern, cleaned)
        if match:
            try:
                return date(int(match[y]), int(match[m]), int(match[d]))
            except ValueError:
                break
    raise InvalidDate(value=cleaned)


class MissingInput(DomainError):
    """A required field left empty, caught before anything is sent to the database."""

    code = "MissingInput"

    def __init__(self, field: str, text: str) -> None:
        self.field = field
        self._text = text
        self.fields = {}
        Exception.__init__(self, text)

    def message(self) -> str:
        return self._text


class DateEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("dd/mm/jjjj"))
        self.setMaxLength(10)

    def value(self) -> date | None:
        return parse_date(self.text())


class ProductPicker(QLineEdit):
    """Product by code, GTIN (a scanner types it) or part of the name, with a completer."""

    product_chosen = Signal(str)  # product code, when the field is left or a match is picked

    def __init__(self, products: Sequence[ProductRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("Code, GTIN of naam"))
        self._by_code = {row.code: row for row in products}
        self._by_gtin = {row.gtin: row for row in products if row.gtin}
        entries = [f"{row.code}{SEPARATOR}{row.name}" for row in products]
        completer = QCompleter(QStringListModel(entries, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        completer.activated.connect(self._on_completer_activated)
        self.editingFinished.connect(self._on_self_editing_finished)
        # An exact code or GTIN (a scanner, or Tab with the completer still open) counts at once.
        self.textChanged.connect(self._on_self_text_changed)
        self._last_emitted = ""

    def code(self) -> str:
        """The product code for what was typed; unknown text is passed on as typed, so the
        service answers with its Dutch "onbekend product"."""
        text = self.text().strip()
        head = text.split(SEPARATOR, 1)[0].strip()
        if head.upper() in self._by_code:
            return head.upper()
        if head in self._by_gtin:
            return self._by_gtin[head].code
        return head

    def product(self) -> ProductRow | None:
        return self._by_code.get(self.code())

    def required_code(self) -> str:
        code = self.code()
        if not code:
            raise MissingInput(
                "product",
                _("Kies een product: typ of scan de code, de GTIN of een deel van de naam."),
            )
        return code

    def set_code(self, code: str) -> None:
        row = self._by_code.get(code)
        self.setText(f"{row.code}{SEPARATOR}{row.name}" if row else code)
        self._emit_if_changed()

    def _on_completer_activated(self, _text: str) -> None:
        self._emit_if_changed()

    def _on_self_text_changed(self, _text: str) -> None:
        self._emit_if_changed()

    def _on_self_editing_finished(self) -> None:
        product = self.product()
        if product is not None:  # show code and name, so the clerk sees what was chosen
            self.setText(f"{product.code}{SEPARATOR}{product.name}")
        self._emit_if_changed()

    def _emit_if_changed(self) -> None:
        code = self.code()
        if code and code != self._last_emitted and code in self._by_code:
            self._last_emitted = code
            self.product_chosen.emit(code)


class LocationCombo(QComboBox):
    """Locations as an indented tree; type the first letters to jump (no mouse needed)."""

    def __init__(
        self,
        locations: Sequence[LocationRow],
        parent: QWidget | None = None,
        *,
        stock_only: bool = True,
    ) -> None:
        super().__init__(parent)
        for row in locations:
            if stock_only and not row.holds_stock:
                continue
            self.addItem(f"{row.name} ({row.code})", row.code)
        self.setMaxVisibleItems(20)

    def code(self) -> str:
        return str(self.currentData() or "")

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else -1
        if index >= 0:
            self.setCurrentIndex(index)


class Form(QFormLayout):
    """A form whose rows carry an error line, filled from a DomainError's ``field``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = self._error_label()
        self.addRow(self.general_error)
        self.setRowVisible(self.general_error, False)
        self._fields: dict[str, tuple[QWidget, QLabel]] = {}

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        return label

    def add(self, name: str, label: str, widget: QWidget) -> QWidget:
        self.addRow(label, widget)
        error = self._error_label()
        error.setObjectName(f"error_{name}")
        self.addRow("", error)
        self.setRowVisible(error, False)
        self._fields[name] = (widget, error)
        return widget

    def set_row_visible(self, name: str, visible: bool) -> None:
        widget, error = self._fields[name]
        self.setRowVisible(widget, visible)
        if not visible:
            self.setRowVisible(error, False)

    def clear_errors(self) -> None:
        self.setRowVisible(self.general_error, False)
        for _widget, error in self._fields.values():
            error.clear()
            self.setRowVisible(error, False)

    def show_error(self, error: BaseException) -> str | None:
        """Put the message next to its field and focus that field; returns the field name."""
        text = error_sentence(error)
        name: str | None = getattr(error, "field", None)
        if name in self._fields and self.isRowVisible(self._fields[name][0]):
            widget, label = self._fields[name]
            label.setText(text)
            self.setRowVisible(label, True)
            widget.setFocus()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
            return name
        self.general_error.setText(text)
        self.setRowVisible(self.general_error, True)
        return None

    def error_text(self, name: str) -> str:
        _widget, label = self._fields[name]
        return label.text() if self.isRowVisible(label) else ""
