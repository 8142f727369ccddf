"""The one typed configuration object of the app, and where its values come from.

Database URL, in order: ``--db URL`` on the command line, the ``CARMA_DB_URL`` environment
variable, ``database_url`` in settings.json, else the embedded SQLite file in the user's data
folder. ``--demo`` always uses a separate demo file, so demo and real data never mix.
Window state lives in QSettings (ui/), not here.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_log_dir

from carma_logistiek.domain.stock import DEFAULT_EXPIRY_HORIZON_DAYS

APP_NAME = "carma-logistiek"
ENV_DB_URL = "CARMA_DB_URL"
ENV_HOME = "CARMA_HOME"  # overrides every folder below; tests and portable installs use it


def data_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    return Path(home) / "data" if home else Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    return Path(home) / "config" if home else Path(user_config_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    return Path(home) / "logs" if home else Path(user_log_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def default_database_path() -> Path:
    return data_dir() / "carma-logistiek.sqlite"


def demo_database_path() -> Path:
    return data_dir() / "demo" / "carma-logistiek-demo.sqlite"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def as_database_url(value: str) -> str:
    """A URL as given, or a plain file path (``--db C:\\CARMA\\carma.sqlite``) as the URL of
    that SQLite file: what someone typing a path means."""
    text = value.strip()
    if "://" in text or not text:
        return text
    return sqlite_url(Path(text).expanduser().absolute())


def sqlite_path(url: str) -> Path | None:
    """The file of an embedded database, or None for a server (or an in-memory database).
    Read without SQLAlchemy, which the window's frame does not load (test_ui_startup_imports);
    a unit test holds it to SQLAlchemy's own reading of the URL."""
    scheme, separator, rest = url.partition("://")
    if not separator or scheme.split("+")[0] != "sqlite" or not rest.startswith("/"):
        return None
    database = rest[1:].partition("?")[0]
    return Path(database) if database and database != ":memory:" else None


def current_actor() -> str:
    """The operating-system user name: who acts in set-up mode (no accounts yet), and whose
    account the trusted operating-system login signs in."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in some containers and services
        return os.environ.get("USERNAME") or os.environ.get("USER") or "onbekend"


@dataclass(frozen=True)
class AppConfig:
    database_url: str
    demo: bool = False
    language: str = "nl"
    expiry_horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS
    zone_name: str = "Politiezone CARMA"
    actor: str = ""
    # The window locks after this many minutes without keyboard or mouse input (0: never).
    lock_after_minutes: int = 10
    # "Trust the operating-system login": the account named like the OS user signs in without
    # a password. For a single PC's own SQLite file only; refused on a database server.
    trust_os_login: bool = False
    # May opening make the database file when it is not there? Code that names its own file
    # (tests, tools) makes it; the app's configuration (resolve_config) says no, except for
    # the demo and the embedded default on its very first start: a mistyped --db or a file
    # deleted behind the app's back is said so, never replaced by an empty database.
    create_database: bool = True

    def with_actor(self) -> AppConfig:
        return self if self.actor else replace(self, actor=current_actor())


@dataclass
class StoredSettings:
    """What settings.json may hold. Unknown keys are ignored, so older apps read newer files."""

    database_url: str | None = None
    language: str = "nl"
    expiry_horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS
    zone_name: str = "Politiezone CARMA"
    lock_after_minutes: int = 10
    trust_os_login: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> StoredSettings:
        path = path or settings_path()
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def save(self, path: Path | None = None) -> None:
        path = path or settings_path()
        private_folder(path.parent)
        tmp = path.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        values = asdict(self)
        if self.database_url and "@" in self.database_url:
            # A server's password never goes in settings.json: the keyring or a user-only file
            # keeps it (carma_logistiek/secrets.py), this file the URL without it.
            from carma_logistiek.secrets import keep_password_apart

            values["database_url"] = keep_password_apart(self.database_url)
        # For the user only all the same: it names the database server and the user.
        with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE), "w",
                  encoding="utf-8") as file:
            file.write(json.dumps(values, indent=2))
        tmp.replace(path)  # atomic: a crash never leaves half a settings file


def resolve_config(*, db_url: str | None = None, demo: bool = False,
                   language: str | None = None) -> AppConfig:
    stored = StoredSettings.load()
    if stored.database_url and "@" in stored.database_url:
        _move_password_out(stored)
    if demo:
        url = sqlite_url(demo_database_path())
    else:
        url = as_database_url(db_url or os.environ.get(ENV_DB_URL) or stored.database_url
                              or sqlite_url(default_database_path()))
        if "@" in url:  # a server with a user: its password is kept apart (secrets.py)
            from carma_logistiek.secrets import complete_url

            url = complete_url(url)
    return AppConfig(
        database_url=url,
        demo=demo,
        language=language or stored.language,
        expiry_horizon_days=stored.expiry_horizon_days,
        zone_name=stored.zone_name,
        actor=current_actor(),
        lock_after_minutes=stored.lock_after_minutes,
        trust_os_login=stored.trust_os_login is True,
        create_database=demo or is_first_default(url),
    )


def _move_password_out(stored: StoredSettings) -> None:
    """A settings.json of before issue 11 that holds a server's password in its URL is
    rewritten without it, the password kept apart (secrets.py); this start still uses it."""
    from carma_logistiek.secrets import split_password

    if stored.database_url and split_password(stored.database_url)[1] is not None:
        with contextlib.suppress(OSError):  # a read-only folder: moved out at a later start
            stored.save()


# The embedded default database, once made, is remembered here: when it is gone later (deleted
# while the app ran, a wiped disk), the next start says so instead of making an empty one.
MADE_MARKER = "default-database-made"


def _marker() -> Path:
    return config_dir() / MADE_MARKER


def is_first_default(url: str) -> bool:
    """``url`` is the embedded default database and the app never made or opened it here."""
    path = sqlite_path(url)
    return (path is not None and path.expanduser() == default_database_path()
            and not _marker().exists())


def remember_default_database(url: str) -> None:
    """Note that the embedded default database exists (made now, or found made before)."""
    path = sqlite_path(url)
    if path is None or path.expanduser() != default_database_path() or _marker().exists():
        return
    private_folder(_marker().parent)
    create_private_file(_marker())


# Files and folders the app creates are for the user only (POSIX; Windows keeps the profile's
# own access rules): the database, its backups, the log and settings.json.
PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(path: Path) -> None:
    """Create ``path`` and any missing parents for the user only (``mkdir(parents=True)`` would
    give the parents the default mode); existing folders are left as they are."""
    missing = [folder for folder in (path, *path.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)


def create_private_file(path: Path) -> None:
    """An empty file only the user may read, unless it exists already. SQLite keeps the mode
    of the database file it opens and gives its -wal and -shm files the same one."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def ensure_sqlite_folder(url: str) -> None:
    """SQLite creates the file but not its folder; both are made here, for the user only."""
    if url.startswith("sqlite:///") and len(url) > len("sqlite:///"):
        path = Path(url[len("sqlite:///"):].split("?", 1)[0]).expanduser()
        private_folder(path.parent)
        create_private_file(path)
