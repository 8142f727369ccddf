"""pytest-qt fixtures: offscreen Qt, a private CARMA_HOME and QSettings folder per test, a
small SQLite database (the session's migrated template, seeded once through the builder,
``Builder.small_zone``, and copied per test), and the fakes for the outside world (sound,
prompts, printing, file dialogs) handed to the app context."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from carma_logistiek.clock import local_today
from carma_logistiek.config import AppConfig
from carma_logistiek.db.uow import Database
from carma_logistiek.i18n import set_language
from tests.support.actors import TESTER
from tests.support.builder import Builder
from ui.shell.services import AppServices
from ui.widgets.file_dialogs import ScriptedFileDialogs
from ui.widgets.printing import RecordingPrintService
from ui.widgets.prompts import RecordingPrompts
from ui.widgets.sounds import RecordingPlayer

ACTOR = TESTER
TODAY = local_today()


def build_small_database(url: str) -> None:
    """Zone CARMA with two storerooms, a saliva test with an expired and a good lot, and
    mouthpieces without lots (``Builder.small_zone``), into a migrated database at ``url``."""
    db = Database(url)
    try:
        Builder(db).small_zone(TODAY)
    finally:
        db.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The small database, once per session (per xdist worker), on a copy of the migrated
    template; every test copies this file."""
    path = tmp_path_factory.mktemp("template") / "carma.sqlite"
    shutil.copy(sqlite_template, path)
    build_small_database(f"sqlite:///{path}")
    return path


@pytest.fixture(autouse=True)
def collect_garbage_on_the_gui_thread():  # type: ignore[no-untyped-def]
    """As the app does (ui/gc_policy.py): no automatic collection while worker threads run,
    so a cycle holding Qt objects is never collected from the worker thread."""
    import gc

    gc.disable()
    yield
    gc.collect()
    gc.enable()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data/config/log folders and its own QSettings file."""
    home = tmp_path / "home"
    monkeypatch.setenv("CARMA_HOME", str(home))
    monkeypatch.delenv("CARMA_DB_URL", raising=False)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    set_language("nl")
    return home


@pytest.fixture
def fakes(tmp_path: Path) -> AppServices:
    """What the app would do to the world, recorded: sounds played, messages shown, answers
    to questions (given in advance), PDFs printed or saved, file dialogs answered."""
    return AppServices(
        sounds=RecordingPlayer(),
        prompts=RecordingPrompts(),
        printer=RecordingPrintService(save_to=tmp_path / "saved.pdf"),
        file_dialogs=ScriptedFileDialogs(),
    )


@pytest.fixture
def database_url(template_database: Path, tmp_path: Path) -> str:
    path = tmp_path / "carma.sqlite"
    shutil.copy(template_database, path)
    return f"sqlite:///{path}"


@pytest.fixture
def db(database_url: str):  # type: ignore[no-untyped-def]
    """A second handle on the test database, for asserting what the UI booked."""
    handle = Database(database_url)
    yield handle
    handle.dispose()


@pytest.fixture
def recorded_errors(fakes: AppServices) -> list[tuple[str, str]]:
    return fakes.prompts.errors  # type: ignore[attr-defined]


def _open_window(qtbot, url: str, fakes: AppServices, *, demo: bool = False):  # type: ignore[no-untyped-def]
    from ui.shell.app import build_window

    config = AppConfig(database_url=url, demo=demo, actor=ACTOR.user)
    window = build_window(config, fakes, actor=ACTOR)  # no sign-in: the tester, every role
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(window.rail.isEnabled, timeout=10_000)
    # The first screen is the stuurbord; the others are built once it is filled: wait for
    # them and their first data, so a test finds every screen loaded.
    qtbot.waitUntil(lambda: len(window.screens) == len(window.declarations), timeout=10_000)
    _wait_idle(qtbot, window)
    return window


def _wait_idle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    context = window.context
    qtbot.waitUntil(lambda: not context.runner.busy and not context.renderer.busy,
                    timeout=10_000)


@pytest.fixture
def open_window(qtbot, fakes):  # type: ignore[no-untyped-def]
    """open_window(url, demo=False) -> a shown main window with its data loaded."""
    return lambda url, demo=False: _open_window(qtbot, url, fakes, demo=demo)


@pytest.fixture
def wait_idle(qtbot):  # type: ignore[no-untyped-def]
    """wait_idle(window): until the worker has answered every call."""
    return lambda window: _wait_idle(qtbot, window)


@pytest.fixture
def window(qtbot, database_url: str, fakes: AppServices):  # type: ignore[no-untyped-def]
    main_window = _open_window(qtbot, database_url, fakes)
    yield main_window
    main_window.close()


@pytest.fixture
def app(window, qtbot):  # type: ignore[no-untyped-def]
    """The shown main window with its data loaded, as a page object."""
    from pages import AppPage

    return AppPage(window, qtbot)


@pytest.fixture
def open_app(open_window, qtbot):  # type: ignore[no-untyped-def]
    """open_app(url, demo=False) -> a page on a freshly opened main window."""
    from pages import AppPage

    return lambda url, demo=False: AppPage(open_window(url, demo=demo), qtbot)
