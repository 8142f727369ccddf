"""Qt's own dialogs speak Dutch in the Dutch window: the file dialog (whose "&Look in:" and
"Files of &type:" Qt's Dutch catalogue lacks) and the standard buttons."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QLabel

from ui.shell.app import install_qt_translation, qt_translations_folder


@pytest.fixture
def dutch_qt(qapp: QApplication):  # type: ignore[no-untyped-def]
    install_qt_translation(qapp, "nl")
    yield qapp
    for translator in getattr(qapp, "carma_qt_translation", ()):
        qapp.removeTranslator(translator)
    qapp.carma_qt_translation = None  # type: ignore[attr-defined]


def test_qt_dutch_catalogue_is_in_the_wheel() -> None:
    assert (Path(qt_translations_folder()) / "qtbase_nl.qm").is_file()


def test_the_file_dialog_is_dutch_throughout(dutch_qt, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = QFileDialog(None, "Opslaan", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "Zoeken in:"
    assert labels["fileTypeLabel"] == "Bestanden van type:"
    assert labels["fileNameLabel"] == "Bestands&naam:"  # the catalogue's own, shortcut kept
    buttons = dialog.findChild(QDialogButtonBox)
    assert sorted(b.text().replace("&", "") for b in buttons.buttons()) == ["Annuleren", "Opslaan"]


def test_standard_buttons_are_dutch(dutch_qt, qtbot) -> None:  # type: ignore[no-untyped-def]
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Close
        | QDialogButtonBox.StandardButton.Yes
        | QDialogButtonBox.StandardButton.No
    )
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"OK", "Annuleren", "Sluiten", "Ja", "Nee"}


def test_english_keeps_qt_english(qapp: QApplication, qtbot) -> None:  # type: ignore[no-untyped-def]
    install_qt_translation(qapp, "en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.buttons()[0].text().replace("&", "") == "Cancel"
