"""Start the window: parse arguments, set the language, show the main window at once, and
only then open the database in the background (SQLAlchemy, the migrations and the services
are imported on the database worker, behind the shown window)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from carma_logistiek import config as app_config
from carma_logistiek.i18n import _, set_language
from ui.shell import gc_policy, settings_keys, theme
from ui.shell.services import AppServices
from ui.widgets.prompts import Prompts

if TYPE_CHECKING:
    from collections.abc import Callable

    from carma_logistiek.domain.access import Actor
    from ui.shell.main_window import MainWindow

log = logging.getLogger("carma_logistiek.ui")
LOG_FILE_NAME = "carma-logistiek.log"


def parse_args(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="carma-logistiek")
    parser.add_argument("--db", dest="db_url", default=None)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--lang", choices=("nl", "en"), default=None)
    return parser.parse_known_args(args)[0]


class PrivateLogFile(RotatingFileHandler):
    """The log, and each file it rotates to, readable by the user only (it names products,
    people and paths)."""

    def _open(self):  # type: ignore[no-untyped-def]
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND,
                             app_config.PRIVATE_FILE)
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)


def setup_logging() -> Path:
    folder = app_config.log_dir()
    app_config.private_folder(folder)
    path = folder / LOG_FILE_NAME
    handler = PrivateLogFile(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(log_path: Path, prompts: Prompts) -> None:
    """Unexpected errors: full details to the log file, a polite sentence on screen."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if QApplication.instance() is None:
            return
        prompts.error(
            QApplication.activeWindow(),
            _("Onverwachte fout"),
            _(
                "Er ging iets onverwachts mis. Wat u al geboekt had, is bewaard. Sluit dit venster "
                "en probeer opnieuw; blijft het gebeuren, bezorg dan het logbestand aan de "
                "functioneel beheerder: {path}",
                path=log_path,
            ),
        )

    sys.excepthook = hook


class MnemonicFallback(QTranslator):
    """Qt 6.11's file dialog asks for "&Look in:" and "Files of &type:", while Qt's Dutch
    catalogue (qtbase_nl) only has "Look in:" and "Files of type:", so the Dutch dialog showed
    those two in English. Asked only after the catalogue found nothing, this answers with the
    catalogue's text for the same words without the "&" (Qt then picks the shortcut letter)."""

    def __init__(self, catalogue: QTranslator, parent: QApplication) -> None:
        super().__init__(parent)
        self.catalogue = catalogue

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        if "&" not in source:
            return ""
        return self.catalogue.translate(context, source.replace("&", ""), disambiguation, n) or ""

    def isEmpty(self) -> bool:
        return False


def qt_translations_folder() -> str:
    """Qt's own .qm files: PySide6's translations folder (in the bundle, where build.spec puts
    them: PySide6/Qt/translations, which QLibraryInfo reports there too)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def install_qt_translation(app: QApplication, language: str) -> None:
    """Qt's own texts (file dialog, context menus of text fields, standard buttons) in Dutch
    too. Once per application: the window's language is chosen at start."""
    if language != "nl" or getattr(app, "carma_qt_translation", None) is not None:
        return
    catalogue = QTranslator(app)
    if not catalogue.load(QLocale(QLocale.Language.Dutch, QLocale.Country.Belgium), "qtbase",
                          "_", qt_translations_folder()):
        log.warning("Qt's Dutch texts (qtbase_nl.qm) not found in %s", qt_translations_folder())
        return
    # Qt asks the translator installed last first: the catalogue, then the fallback.
    fallback = MnemonicFallback(catalogue, app)
    app.installTranslator(fallback)
    app.installTranslator(catalogue)
    app.carma_qt_translation = (catalogue, fallback)  # type: ignore[attr-defined]


def create_application(language: str) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(
        [sys.argv[0] if sys.argv else "carma"])
    app.setOrganizationName(settings_keys.ORGANISATION)
    app.setApplicationName(settings_keys.APPLICATION)
    # No application display name: Qt appends it to every window's title on X11 and Windows
    # ("Afhaling — CARMA Logistiek", in English too). Only the main window names the app, in
    # its own title, once.
    theme.apply_style(app)
    install_qt_translation(app, language)
    if not hasattr(app, "carma_collector"):
        app.carma_collector = gc_policy.collect_on_gui_thread(app)  # type: ignore[attr-defined]
    return app


def open_database(config: app_config.AppConfig, progress: Callable[[str], None]) -> Any:
    """Runs on the database worker: SQLAlchemy and the migrations load there, not before the
    window is on screen."""
    from carma_logistiek.bootstrap import open_configured_database

    return open_configured_database(config, progress)


def build_window(config: app_config.AppConfig, services: AppServices | None = None,
                 *, open_now: bool = False, actor: Actor | None = None) -> MainWindow:
    """Main window with its worker. The database opens in the background as soon as the
    window's frame is painted (``MainWindow.start``); ``open_now`` starts it at once (a window
    that is not shown). Without ``actor`` someone signs in once the database is open (or
    makes the first admin, or the demo signs in); with one (tests, tools) the window works
    for that actor at once."""
    from ui.ops.worker import DbWorker
    from ui.shell.context import AppContext
    from ui.shell.main_window import MainWindow

    runner = DbWorker()
    context = AppContext(config, runner, services=services, actor=actor)
    window = MainWindow(context)
    runner.setParent(window)
    window.started.connect(lambda: runner.open(config, open_database))
    if open_now:
        window.start()
    return window


SMOKE_EXIT = "CARMA_SMOKE_EXIT"


def exit_when_open(app: QApplication, window) -> None:  # type: ignore[no-untyped-def]
    """``CARMA_SMOKE_EXIT=1``: quit with exit code 0 once the main window is shown and the
    database is open (1 when it cannot open). The bundle test starts the app this way."""
    if os.environ.get(SMOKE_EXIT) != "1":
        return

    def opened(_db: object) -> None:
        print(f"smoke: window shown ({window.isVisible()}), database opened", flush=True)
        QTimer.singleShot(0, lambda: app.exit(0 if window.isVisible() else 2))

    def failed(error: BaseException) -> None:
        print(f"smoke: database failed: {error}", file=sys.stderr, flush=True)
        app.exit(1)

    window.context.runner.database_opened.connect(opened)
    window.context.runner.database_failed.connect(failed)


def main(args: list[str]) -> int:
    options = parse_args(args)
    config = app_config.resolve_config(
        db_url=options.db_url, demo=options.demo, language=options.lang
    )
    set_language(config.language)
    services = AppServices()
    install_excepthook(setup_logging(), services.prompts)
    app = create_application(config.language)
    window = build_window(config, services)
    window.show()
    exit_when_open(app, window)
    code = app.exec()
    window.context.runner.stop()
    return code
