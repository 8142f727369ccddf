"""Message boxes and the small questions a screen may ask, behind one object the app context
holds (``context.services.prompts``), so tests replace it (no modal dialog ever blocks a test)
and every screen words its messages the same way."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from carma_logistiek.i18n import _


class Prompts:
    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.button(QMessageBox.StandardButton.Ok).setText(_("OK"))
        box.exec()

    def reason(self, parent: QWidget | None, text: str) -> str | None:
        """A reason typed by the user (to hand out an expired lot); None when cancelled."""
        value, ok = QInputDialog.getText(
            parent, _("Vervallen lot"), text, QLineEdit.EchoMode.Normal, ""
        )
        return value.strip() if ok and value.strip() else None

    def confirm(self, parent: QWidget | None, title: str, text: str,
                yes: str | None = None) -> bool:
        """Yes or no; ``yes`` names what the yes-button does (default: book)."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            parent,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(yes or _("Boeken"))
        box.button(QMessageBox.StandardButton.No).setText(_("Annuleren"))
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        return box.exec() == QMessageBox.StandardButton.Yes


class RecordingPrompts(Prompts):
    """For tests: remembers what would have been shown; answers questions given in advance."""

    def __init__(self, reasons: list[str | None] | None = None, confirm: bool = True) -> None:
        self.errors: list[tuple[str, str]] = []
        self.reasons = list(reasons or [])
        self.answer = confirm
        self.asked: list[str] = []

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.errors.append((title, text))

    def reason(self, parent: QWidget | None, text: str) -> str | None:
        self.asked.append(text)
        return self.reasons.pop(0) if self.reasons else None

    def confirm(self, parent: QWidget | None, title: str, text: str,
                yes: str | None = None) -> bool:
        self.asked.append(text)
        return self.answer
