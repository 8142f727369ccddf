"""The form dialog every "fill in and save" action uses: a Form, OK/Cancel, and OK running one
write on the worker. It closes on success; a refusal shows as the Dutch sentence next to its
field and the dialog stays open with what was typed."""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from carma_logistiek.i18n import _
from ui.widgets.forms import FieldFirstDialog, Form, FormErrors, MissingInput


class StartsWrite(Protocol):
    """What ``operation`` hands back: a WriteOp (ui/ops/core.py), not imported here because
    widgets and ops are independent layers."""

    def success(self, callback: Any) -> Any: ...

    def failure(self, callback: Any) -> Any: ...


class WriteFormDialog(FieldFirstDialog):
    """Subclasses fill ``self.form`` and return their write from ``operation()``.

    A ``destructive`` dialog (what cannot be undone) makes Cancel the default button: Enter,
    typed or sent by a scanner after a code, never confirms it; the OK button must be
    clicked, or reached with Tab (then Enter or Space presses it)."""

    ok_text = ""
    destructive = False
    minimum_width = 520

    def __init__(self, context: Any, title: str, parent: QWidget | None = None, *,
                 ok_text: str = "") -> None:
        super().__init__(parent)
        self.context = context
        self.result_row: Any = None
        self.setWindowTitle(title)
        self.form = Form()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or self.ok_text or _("OK"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(_("Annuleren"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addWidget(self.intro)
        self.main_layout.addLayout(self.form)
        self.main_layout.addWidget(self.buttons)
        if self.destructive:  # once in the dialog: it makes Cancel its default button
            self.cancel_button.setDefault(True)
        self.setMinimumWidth(self.minimum_width)

    def set_intro(self, text: str, style: str = "") -> None:
        self.intro.setText(text)
        self.intro.setStyleSheet(style)
        self.intro.setVisible(True)

    def operation(self) -> StartsWrite:
        raise NotImplementedError

    def submit(self) -> None:
        self.form.clear_errors()
        try:
            operation = self.operation()
        except (MissingInput, FormErrors) as error:
            self.form.show_error(error)
            return
        self.buttons.setEnabled(False)
        operation.success(self._on_done).failure(self._on_failed).run()

    def _on_done(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_row = result
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.form.show_error(error)
