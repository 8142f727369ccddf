"""File choosers behind one object the app context holds (``context.services.file_dialogs``),
so tests answer them without a modal dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget


class FileDialogs:
    def ask_save_path(self, parent: QWidget | None, title: str, suggested: str,
                      filters: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path

    def ask_open_path(self, parent: QWidget | None, title: str, filters: str) -> str:
        path, _filter = QFileDialog.getOpenFileName(parent, title, "", filters)
        return path


class ScriptedFileDialogs(FileDialogs):
    """For tests: the paths the user would choose, given in advance ("" = cancelled)."""

    def __init__(self, save: str = "", open_: str = "") -> None:
        self.save = save
        self.open = open_
        self.asked: list[str] = []

    def ask_save_path(self, parent: QWidget | None, title: str, suggested: str,
                      filters: str) -> str:
        self.asked.append(title)
        return self.save

    def ask_open_path(self, parent: QWidget | None, title: str, filters: str) -> str:
        self.asked.append(title)
        return self.open
