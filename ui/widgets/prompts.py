"""Message boxes behind one small object, so tests can replace them (no modal dialog ever
blocks a test) and every screen words its messages the same way."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from carma_logistiek.i18n import _


class Prompts:
    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.button(QMessageBox.StandardButton.Ok).setText(_("OK"))
        box.exec()


class RecordingPrompts(Prompts):
    """For tests: remembers what would have been shown."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.errors.append((title, text))


prompts: Prompts = Prompts()


def use(replacement: Prompts) -> None:
    global prompts
    prompts = replacement


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    prompts.error(parent, title, text)
