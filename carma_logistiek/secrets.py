"""The password of a database server, kept out of settings.json.

settings.json holds the server's URL without its password
(``postgresql+psycopg://carma@db.zone.local/carma``); the password is kept, under that URL, in
the operating system's keyring (Windows Credential Manager, macOS Keychain, the Secret Service
of a Linux desktop) through ``keyring``. Where no keyring backend is usable (a headless
machine, a service account: keyring's ``fail`` backend, or a chainer with no backends) it goes
in a file only the user may read, in ``config_dir()/secrets/``.

The URLs are taken apart by hand, as SQLAlchemy reads them (``scheme://user:password@host``,
the password percent-encoded), because the window's frame loads neither SQLAlchemy nor, for an
embedded database, keyring.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, unquote

SERVICE = "carma-logistiek"  # the keyring's service name; the URL without password is the user
SECRETS_FOLDER = "secrets"

Where = Literal["keyring", "file"]


def split_password(url: str) -> tuple[str, str | None]:
    """``url`` without its password, and the password (None when it has none)."""
    scheme, separator, rest = url.partition("://")
    authority, slash, tail = rest.partition("/")
    if not separator or "@" not in authority:
        return url, None
    userinfo, _at, host = authority.rpartition("@")
    user, colon, password = userinfo.partition(":")
    if not colon:
        return url, None
    return f"{scheme}://{user}@{host}{slash}{tail}", unquote(password)


def with_password(url: str, password: str) -> str:
    """``url`` (without a password, with a user) with ``password`` put in, percent-encoded."""
    scheme, _separator, rest = url.partition("://")
    authority, slash, tail = rest.partition("/")
    user, _at, host = authority.rpartition("@")
    return f"{scheme}://{user}:{quote(password, safe='')}@{host}{slash}{tail}"


def _has_user(url: str) -> bool:
    _scheme, separator, rest = url.partition("://")
    return bool(separator) and "@" in rest.partition("/")[0]


# --- where it is kept ----------------------------------------------------------------------


def usable_keyring() -> Any | None:
    """The keyring backend, or None where none is usable (then a user-only file is used)."""
    try:
        import keyring
        from keyring.backends import chainer, fail
    except ImportError:  # pragma: no cover - keyring is a dependency; a bundle may lack it
        return None
    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return None
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return None
    return backend


def secrets_folder() -> Path:
    from carma_logistiek.config import config_dir

    return config_dir() / SECRETS_FOLDER


def _secret_file(url: str) -> Path:
    return secrets_folder() / f"{hashlib.sha256(url.encode('utf-8')).hexdigest()[:32]}.json"


def store_password(url: str, password: str) -> Where:
    """Keep ``password`` for ``url`` (a URL without password): in the keyring where one is
    usable, else in a user-only file. Returns where it went."""
    backend = usable_keyring()
    if backend is not None:
        from keyring.errors import KeyringError

        try:
            backend.set_password(SERVICE, url, password)
        except KeyringError:
            pass  # a locked or broken keyring: the file below
        else:
            _secret_file(url).unlink(missing_ok=True)  # an older copy in a file goes
            return "keyring"
    _write_secret_file(url, password)
    return "file"


def fetch_password(url: str) -> str | None:
    """The password kept for ``url`` (a URL without password), or None."""
    backend = usable_keyring()
    if backend is not None:
        from keyring.errors import KeyringError

        with contextlib.suppress(KeyringError):
            password = backend.get_password(SERVICE, url)
            if password is not None:
                return str(password)
    return _read_secret_file(url)


def forget_password(url: str) -> None:
    """No password is kept for ``url`` any more, in the keyring nor in a file."""
    backend = usable_keyring()
    if backend is not None:
        from keyring.errors import KeyringError

        with contextlib.suppress(KeyringError):
            backend.delete_password(SERVICE, url)
    _secret_file(url).unlink(missing_ok=True)


def _write_secret_file(url: str, password: str) -> None:
    from carma_logistiek.config import create_private_file, private_folder

    path = _secret_file(url)
    private_folder(path.parent)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    create_private_file(tmp)  # 0600 before a byte of the password is in it
    with open(tmp, "w", encoding="utf-8") as file:
        file.write(json.dumps({"url": url, "password": password}))
    os.replace(tmp, path)


def _read_secret_file(url: str) -> str | None:
    try:
        raw = json.loads(_secret_file(url).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or raw.get("url") != url:
        return None
    password = raw.get("password")
    return password if isinstance(password, str) else None


# --- what config.py asks ---------------------------------------------------------------------


def keep_password_apart(url: str) -> str:
    """``url`` as settings.json keeps it: a password in it is stored away first."""
    bare, password = split_password(url)
    if password is not None:
        store_password(bare, password)
    return bare


def complete_url(url: str) -> str:
    """``url`` with the password kept for it, when it names a user but no password and one is
    kept; otherwise ``url`` as it is (an embedded database never asks the keyring)."""
    if not _has_user(url) or split_password(url)[1] is not None:
        return url
    password = fetch_password(url)
    return with_password(url, password) if password is not None else url
