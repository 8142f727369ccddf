"""Window titles name the app once (the main window), never on every dialog; default file
names follow the language."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from carma_logistiek.i18n import set_language
from ui.shell.app import create_application


def test_no_display_name_so_qt_appends_it_to_no_dialog_title(qapp) -> None:  # type: ignore[no-untyped-def]
    app = create_application("nl")
    name = app.applicationName()
    try:
        # Unset, the display name follows the application name: Qt then appends it to no
        # window title (QPlatformWindow::formatWindowTitle only does that for a set one).
        app.setApplicationName("probe")
        assert QGuiApplication.applicationDisplayName() == "probe"
    finally:
        app.setApplicationName(name)


def test_main_window_names_the_app_once(window) -> None:  # type: ignore[no-untyped-def]
    assert window.windowTitle().count("CARMA Logistiek") == 1


def test_default_file_names_are_in_the_users_language(app) -> None:  # type: ignore[no-untyped-def]
    from ui.stock.document_dialogs import LabelsDialog, StockReportDialog

    context = app.window.context
    assert StockReportDialog(context, None).file_name == "voorraadrapport.pdf"
    set_language("en")
    try:
        # English after the lead merges resources/translations/en.output.json into the .po.
        assert StockReportDialog(context, None).file_name == "stock-report.pdf"
        assert LabelsDialog(context, [], None).file_name == "labels.pdf"
    finally:
        set_language("nl")
