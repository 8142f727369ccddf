"""A database server's password is never in settings.json: the operating system's keyring keeps
it where one is usable, a file only the user may read otherwise (carma_logistiek/secrets.py);
settings.json keeps the URL without it, and the app finds the password again at the next start.
A settings.json of before, with the password in its URL, is rewritten without it at the next
start."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from keyring.errors import KeyringError, PasswordDeleteError

from carma_logistiek import secrets
from carma_logistiek.config import StoredSettings, resolve_config, settings_path

BARE = "postgresql+psycopg://carma@db.zone.local:5432/carma"
PASSWORD = "ge:heim/@%wörd"  # what a URL must encode
WITH_PASSWORD = secrets.with_password(BARE, PASSWORD)


class MemoryKeyring(KeyringBackend):
    """A keyring in memory, as the operating system's would keep it."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}
        self.asked: list[str] = []

    def get_password(self, service: str, username: str) -> str | None:
        self.asked.append(username)
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.kept.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


class LockedKeyring(MemoryKeyring):
    """A keyring that is there but refuses (a locked wallet, no D-Bus session)."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("locked")


@pytest.fixture
def use_keyring() -> Iterator[object]:
    """``use_keyring(backend)`` for this test; the keyring of before afterwards."""
    before = keyring.get_keyring()

    def use(backend: KeyringBackend) -> KeyringBackend:
        keyring.set_keyring(backend)
        return backend

    yield use
    keyring.set_keyring(before)


def saved_settings() -> str:
    return settings_path().read_text(encoding="utf-8")


def secret_files() -> list[Path]:
    folder = secrets.secrets_folder()
    return sorted(folder.iterdir()) if folder.exists() else []


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_url_gives_up_its_password_and_takes_it_back() -> None:
    assert secrets.split_password(WITH_PASSWORD) == (BARE, PASSWORD)
    assert secrets.split_password(BARE) == (BARE, None)
    assert secrets.split_password("sqlite:///C:/data/carma@home.sqlite") == (
        "sqlite:///C:/data/carma@home.sqlite", None)
    assert "ge:heim" not in WITH_PASSWORD  # percent-encoded, as SQLAlchemy reads it
    from sqlalchemy.engine import make_url

    assert make_url(WITH_PASSWORD).password == PASSWORD


def test_without_a_keyring_the_password_goes_in_a_file_for_the_user_only(use_keyring) -> None:  # type: ignore[no-untyped-def]
    use_keyring(fail.Keyring())
    assert secrets.usable_keyring() is None
    StoredSettings(database_url=WITH_PASSWORD).save()
    assert json.loads(saved_settings())["database_url"] == BARE
    assert "heim" not in saved_settings()
    [kept] = secret_files()
    assert PASSWORD in json.loads(kept.read_text(encoding="utf-8"))["password"]
    if os.name == "posix":
        assert mode(kept) == 0o600 and mode(kept.parent) == 0o700
    # The next start connects with the password again.
    assert resolve_config().database_url == WITH_PASSWORD


def test_with_a_keyring_the_password_goes_there_and_in_no_file(use_keyring) -> None:  # type: ignore[no-untyped-def]
    backend = use_keyring(MemoryKeyring())
    StoredSettings(database_url=WITH_PASSWORD).save()
    assert backend.kept == {(secrets.SERVICE, BARE): PASSWORD}
    assert "heim" not in saved_settings()
    assert secret_files() == []
    assert resolve_config().database_url == WITH_PASSWORD
    secrets.forget_password(BARE)
    assert backend.kept == {}
    assert resolve_config().database_url == BARE  # asked for no password now: the server says


def test_a_keyring_that_refuses_leaves_the_password_in_the_file(use_keyring) -> None:  # type: ignore[no-untyped-def]
    use_keyring(LockedKeyring())
    assert secrets.store_password(BARE, PASSWORD) == "file"
    assert len(secret_files()) == 1
    assert secrets.fetch_password(BARE) == PASSWORD


def test_an_old_settings_file_with_the_password_is_rewritten_without_it(use_keyring) -> None:  # type: ignore[no-untyped-def]
    use_keyring(fail.Keyring())
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"database_url": WITH_PASSWORD, "language": "en"}),
                    encoding="utf-8")
    config = resolve_config()
    assert config.database_url == WITH_PASSWORD and config.language == "en"
    assert json.loads(saved_settings())["database_url"] == BARE
    assert "heim" not in saved_settings()
    assert json.loads(saved_settings())["language"] == "en"  # the rest is kept as it was
    assert secrets.fetch_password(BARE) == PASSWORD
    assert resolve_config().database_url == WITH_PASSWORD  # and the start after that


def test_a_url_given_without_its_password_finds_the_one_kept(use_keyring) -> None:  # type: ignore[no-untyped-def]
    use_keyring(MemoryKeyring())
    secrets.store_password(BARE, PASSWORD)
    assert resolve_config(db_url=BARE).database_url == WITH_PASSWORD  # carma-logistiek --db
    other = "postgresql+psycopg://carma@elders/carma"
    assert resolve_config(db_url=other).database_url == other  # none kept for that one


def test_an_embedded_database_never_asks_the_keyring(use_keyring, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    backend = use_keyring(MemoryKeyring())
    url = f"sqlite:///{tmp_path / 'carma@pc.sqlite'}"
    assert resolve_config(db_url=url).database_url == url
    resolve_config()
    assert backend.asked == []
