"""Input widgets shared by the dialogs: product picker, location picker, date field, a form
that shows a domain error in Dutch right under the field that caused it, and the dialog base
that opens with the cursor in a field."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
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


class FormErrors(DomainError):
    """Several things wrong with one form, shown all at once, each under its own field (one
    at a time made the clerk save, read, fix and save again for every field)."""

    code = "FormErrors"

    def __init__(self, errors: Sequence[DomainError]) -> None:
        self.errors = list(errors)
        self.fields = {}
        Exception.__init__(self, self.message())

    def message(self) -> str:
        return "\n".join(error.message() for error in self.errors)


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
        choose_text: str = "",
    ) -> None:
        super().__init__(parent)
        # ``choose_text``: the combo starts on this empty choice, so nothing is preselected
        # (the first of a hundred locations is a random car, not a destination).
        if choose_text:
            self.addItem(choose_text, None)
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
        self._aliases: dict[str, tuple[str, QWidget]] = {}

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

    def add_alias(self, name: str, row: str, widget: QWidget) -> None:
        """Errors about ``name`` (a field inside row ``row``, like the product picker in a
        "line to add" row) show under that row and focus ``widget``."""
        self._aliases[name] = (row, widget)

    def clear_error(self, name: str) -> None:
        """The field was changed: its sentence no longer says anything about it."""
        _widget, error = self._fields[self._aliases.get(name, (name,))[0]]
        error.clear()
        self.setRowVisible(error, False)

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
        """Put the message next to its field and focus that field; returns the field name.
        ``FormErrors``: every sentence next to its own field at once, the first focused."""
        errors = error.errors if isinstance(error, FormErrors) else [error]
        names = [self._show_one(one, first=index == 0) for index, one in enumerate(errors)]
        return names[0] if names else None

    def _show_one(self, error: BaseException, *, first: bool) -> str | None:
        """One sentence; a later one of the same batch on the same row is added below."""
        text = error_sentence(error)
        name: str | None = getattr(error, "field", None)
        row, focus_widget = self._aliases.get(name or "", (name, None))
        if row in self._fields and self.isRowVisible(self._fields[row][0]):
            widget, label = self._fields[row]
            shown = label.text() if self.isRowVisible(label) and not first else ""
            label.setText(f"{shown}\n{text}" if shown and text not in shown else text)
            self.setRowVisible(label, True)
            self._grow_window()
            if first:
                target = focus_widget or widget
                target.setFocus()
                if isinstance(target, QLineEdit):
                    target.selectAll()
            return name
        shown = (self.general_error.text()
                 if self.isRowVisible(self.general_error) and not first else "")
        self.general_error.setText(f"{shown}\n{text}" if shown and text not in shown else text)
        self.setRowVisible(self.general_error, True)
        self._grow_window()
        return None

    def _grow_window(self) -> None:
        """Make the dialog tall enough for the sentence's lines at its width. A window does
        not follow the height a word-wrapped label needs (Qt's heightForWidth stops at the
        top level), so a two-line error was clipped to one."""
        parent = self.parentWidget()
        window = parent.window() if parent is not None else None
        layout = window.layout() if window is not None else None
        if window is None or layout is None or not window.isVisible() or window.isMaximized():
            return
        layout.activate()
        needed = (layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth()
                  else layout.totalMinimumSize().height())
        if needed > window.height():
            window.resize(window.width(), needed)

    def error_text(self, name: str) -> str:
        _widget, label = self._fields[self._aliases.get(name, (name,))[0]]
        return label.text() if self.isRowVisible(label) else ""


# What a person types into. A button (or a check box) with the focus is pressed by the first
# space of a typed name, so a dialog never starts on one.
TYPING_WIDGETS = (QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit)


def is_input(widget: QWidget | None) -> bool:
    return isinstance(widget, TYPING_WIDGETS)


def first_input(window: QWidget) -> QWidget | None:
    """The first field in ``window``'s tab order that takes typing and can have the focus."""
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window:
        if (
            is_input(widget)
            and widget.isVisibleTo(window)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


class FieldFirstDialog(QDialog):
    """Every dialog of the app: it opens with the cursor in a field, never on a button.

    A dialog that put the focus on a field itself (the quantity once the product is known)
    keeps it; otherwise the first field of the tab order gets it. Without this Qt gives the
    focus to the default button when the buttons come first in the tab order, and the space
    in "Jan Peeters" pressed it."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if is_input(self.focusWidget()):
            return
        target = first_input(self)
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)
