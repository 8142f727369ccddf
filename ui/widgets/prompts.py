"""Message boxes and the small questions a screen may ask, behind one object the app context
holds (``context.services.prompts``), so tests replace it (no modal dialog ever blocks a test)
and every screen words its messages the same way."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from carma_logistiek.i18n import _

if TYPE_CHECKING:
    from carma_logistiek.domain.stock import ReceivingCheck


def confirm_box(parent: QWidget | None, title: str, text: str, yes: str | None = None,
                no: str | None = None, *, destructive: bool = False) -> QMessageBox:
    """The question box of ``Prompts.confirm``. For what cannot be undone (``destructive``)
    the safe answer is the default button, so a stray Enter from a scanner says no."""
    box = QMessageBox(
        QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText(yes or _("Boeken"))
    box.button(QMessageBox.StandardButton.No).setText(no or _("Annuleren"))
    box.setDefaultButton(
        QMessageBox.StandardButton.No if destructive else QMessageBox.StandardButton.Yes
    )
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box


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
                yes: str | None = None, no: str | None = None, *,
                destructive: bool = False) -> bool:
        """Yes or no; ``yes`` and ``no`` name what the buttons do (default: book, cancel).
        ``destructive``: no is the default button (see ``confirm_box``)."""
        box = confirm_box(parent, title, text, yes, no, destructive=destructive)
        return box.exec() == QMessageBox.StandardButton.Yes


def ask_receiving(prompts: Prompts, parent: QWidget | None,
                  checks: Sequence[ReceivingCheck]) -> bool:
    """Goods already expired, or more than the order line expects: say so with the numbers
    and ask; "Terug" is the default (a scanner's Enter never books them). True: book."""
    if not checks:
        return True
    text = "\n".join(check.message() for check in checks) + "\n\n" + _("Toch ontvangen?")
    return prompts.confirm(parent, _("Levering nakijken"), text, _("Toch ontvangen"),
                           _("Terug"), destructive=True)


@dataclass(frozen=True)
class Question:
    """A question a screen asked, as the recording prompts saw it."""

    title: str
    text: str
    yes: str | None
    no: str | None
    destructive: bool


class RecordingPrompts(Prompts):
    """For tests: remembers what would have been shown; answers questions given in advance."""

    def __init__(self, reasons: list[str | None] | None = None, confirm: bool = True) -> None:
        self.errors: list[tuple[str, str]] = []
        self.reasons = list(reasons or [])
        self.answer = confirm
        self.asked: list[str] = []
        self.questions: list[Question] = []

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.errors.append((title, text))

    def reason(self, parent: QWidget | None, text: str) -> str | None:
        self.asked.append(text)
        return self.reasons.pop(0) if self.reasons else None

    def confirm(self, parent: QWidget | None, title: str, text: str,
                yes: str | None = None, no: str | None = None, *,
                destructive: bool = False) -> bool:
        self.asked.append(text)
        self.questions.append(Question(title, text, yes, no, destructive))
        return self.answer
