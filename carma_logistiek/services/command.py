"""The one command path every write goes through.

A write service is a *body*, a function of one transaction (:class:`Tx`) and plain values,
declared with the permission it needs::

    @write(Permission.STOCK_BOOK, replay=replay_booking)
    def record_pickup(tx: Tx, /, *, product_code: str, ..., actor: Actor,
                      key: str | None = None) -> BookingResult: ...

Callers call it with a database, as before: ``record_pickup(db, product_code=..., actor=...)``.
The wrapper then, in this order:

1. checks the permission: ``actor.require(permission)``; a refused actor changes nothing; and
   the request's text (domain/text.py): lengths that fit their columns, no control characters,
   the same on every backend;
2. for a command with ``replay``: resolves the idempotency key (a new one when none is given,
   see :func:`request_key`) and the request's fingerprint (:func:`request_fingerprint`);
3. opens ONE write transaction and runs the body in it (the body stores key and fingerprint in
   its key row: ``bookings`` or ``kit_checks``);
4. calls :func:`record_audit` with the actor, the command's name, the request and what changed,
   inside that transaction;
5. commits; a deadlock or serialisation failure rolls everything back and runs it again;
6. when the key row already exists (the unique index says so, no look-up on the common path):
   the same request answers the earlier result (``replayed``), another request is refused
   with :class:`~carma_logistiek.domain.errors.IdempotencyConflict`.

The body declares ``actor`` and ``key`` itself, so the service's signature shows them (and
mypy checks every caller); the wrapper hands the checked actor and the resolved key to the
body in those same arguments, and in ``tx``.

Every write registers in :data:`COMMANDS`; a test refuses every registered command to an
actor without its permission, and fails when a service module opens a write transaction
(``db.write()``) anywhere but here.
"""

from __future__ import annotations

import functools
import hashlib
import json
import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from inspect import Parameter, signature
from typing import Any, Concatenate, Generic, ParamSpec, Protocol, TypeVar, overload

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from carma_logistiek.db.audit_capture import audit_capture, collect_records, write_entry
from carma_logistiek.db.uow import Database, is_write_conflict
from carma_logistiek.domain.access import Actor, Permission
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DatabaseUnavailable, IdempotencyConflict
from carma_logistiek.domain.text import check_request, check_user

P = ParamSpec("P")


class HasChanges(Protocol):
    @property
    def changes(self) -> Changes: ...


R = TypeVar("R", bound=HasChanges)

# The key columns are Unicode(80). A longer key is hashed (see request_key), never cut.
KEY_LENGTH = 80
_HASHED_KEY_PREFIX = "sha256:"

# How often a write that lost a deadlock or a serialisation failure (PostgreSQL, SQL Server)
# is run again. Two transfers in opposite directions lock the same two level rows in opposite
# order; the database aborts one, which is safe to repeat because none of it was written.
CONFLICT_ATTEMPTS = 8


@dataclass(frozen=True)
class Tx:
    """One write, as the body sees it: its session (one transaction), who asks, and for a
    command with a key, the key and the fingerprint to store with it."""

    session: Session
    actor: Actor
    command: str
    key: str = ""
    fingerprint: str = ""


@dataclass(frozen=True)
class StoredKey:
    """A key row found after the unique index refused a second one."""

    id: int
    # None for rows written before fingerprints existed (migration 0004): those replay.
    fingerprint: str | None
    # The command that wrote the row; "" when not known (before 0004).
    command: str


@dataclass(frozen=True)
class Replay(Generic[R]):
    """How a command with an idempotency key finds and rebuilds an earlier result."""

    find: Callable[[Session, str], StoredKey | None]
    rebuild: Callable[[Session, StoredKey], R]


class WriteCommand(Generic[P, R]):
    """A registered write: call it with a database first, like any service."""

    def __init__(self, body: Callable[Concatenate[Tx, P], R], *, name: str,
                 permission: Permission, replay: Replay[R] | None,
                 consultation: bool = False) -> None:
        functools.update_wrapper(self, body)
        self.body = body
        self.name = name
        self.permission = permission
        self.replay = replay
        # Its only effect is its audit entry: someone read personal data (kind "read").
        self.consultation = consultation
        self._defaults = _defaults_of(body)

    def __repr__(self) -> str:
        return f"<write {self.name} needs {self.permission.value}>"

    def __call__(self, db: Database, /, *args: P.args, **kwargs: P.kwargs) -> R:
        actor = _actor_of(self.name, kwargs)
        actor.require(self.permission)
        # Text that does not fit its column, or holds a NUL, is refused here, the same way on
        # every backend, before a transaction is opened (domain/text.py).
        check_user(actor.user)
        check_request(self.name, kwargs)
        check_request(self.name, {"": args})
        key = fingerprint = ""
        if self.replay is not None:
            key = request_key(kwargs.get("key"))  # type: ignore[arg-type]
            kwargs["key"] = key
            fingerprint = request_fingerprint(self.name, args, kwargs, self._defaults)
        for attempt in range(1, CONFLICT_ATTEMPTS + 1):
            try:
                return self._run_once(db, actor, key, fingerprint, args, kwargs)
            except DatabaseUnavailable as error:
                if attempt == CONFLICT_ATTEMPTS or not is_write_conflict(error):
                    raise
                time.sleep(random.uniform(0, 0.005 * attempt))
        raise AssertionError("unreachable")

    def _run_once(self, db: Database, actor: Actor, key: str, fingerprint: str,
                  args: Any, kwargs: Any) -> R:
        try:
            with db.write() as session:
                session.info["zone"] = actor.zone  # db/zoning.py: the write's zone is its actor's
                with audit_capture(session, reads=self.consultation):  # for record_audit
                    tx = Tx(session, actor, self.name, key, fingerprint)
                    result = self.body(tx, *args, **kwargs)
                    record_audit(session, actor=actor, command=self.name, request=kwargs,
                                 changes=result.changes, outcome=_outcome_of(result))
                return result
        except IntegrityError as error:
            if self.replay is None:
                raise
            return self._answer_replay(db, key, fingerprint, error)

    def _answer_replay(self, db: Database, key: str, fingerprint: str,
                       error: IntegrityError) -> R:
        assert self.replay is not None
        with db.read() as session:
            stored = self.replay.find(session, key)
            if stored is None:
                raise error  # another unique index refused the write, not the key's
            other_command = bool(stored.command) and stored.command != self.name
            other_request = stored.fingerprint is not None and stored.fingerprint != fingerprint
            if other_command or other_request:
                raise IdempotencyConflict(key=key, command=stored.command or "?") from None
            return self.replay.rebuild(session, stored)


# Every write service, by name ("stock.record_pickup"). The name is part of the fingerprint,
# so it names the feature package and the function, not the module inside the package.
COMMANDS: dict[str, WriteCommand[Any, Any]] = {}


@overload
def write(permission: Permission, *, name: str | None = None, consultation: bool | None = None
          ) -> Callable[[Callable[Concatenate[Tx, P], R]], WriteCommand[P, R]]: ...


@overload
def write(permission: Permission, *, replay: Replay[R], name: str | None = None,
          consultation: bool | None = None
          ) -> Callable[[Callable[Concatenate[Tx, P], R]], WriteCommand[P, R]]: ...


def write(permission: Permission, *, replay: Replay[Any] | None = None,
          name: str | None = None, consultation: bool | None = None
          ) -> Callable[[Callable[Concatenate[Tx, P], R]], WriteCommand[P, R]]:
    """Declare a write service: the permission it needs and, for a command with an idempotency
    key, how to answer a replay. Registers it in :data:`COMMANDS`.

    ``consultation``: the write only logs that someone read personal data (its audit entry is
    of kind "read"). When not given, a write that needs a read permission (``STAFF_READ``) is
    one: ``@write(Permission.STAFF_READ)`` above ``view_staff_member`` says it already.
    """

    def declare(body: Callable[Concatenate[Tx, P], R]) -> WriteCommand[P, R]:
        command_name = name or f"{_feature_of(body.__module__)}.{body.__name__}"
        _require_write_signature(command_name, body, with_key=replay is not None)
        if command_name in COMMANDS:
            raise ValueError(f"two write services are called {command_name}")
        consults = (permission.value.endswith(".read") if consultation is None
                    else consultation)
        command = WriteCommand(body, name=command_name, permission=permission, replay=replay,
                               consultation=consults)
        COMMANDS[command_name] = command
        return command

    return declare


T = TypeVar("T")


class ReadQuery(Generic[P, T]):
    """A registered read: call it with a database first, like any service. A database handle
    bound to an actor (``Database.as_actor``) must grant the query's permission; an unbound
    handle is the system (migrations, the demo builder, tests, set-up mode)."""

    def __init__(self, function: Callable[Concatenate[Database, P], T], *, name: str,
                 permission: Permission) -> None:
        functools.update_wrapper(self, function)
        self.function = function
        self.name = name
        self.permission = permission

    def __repr__(self) -> str:
        return f"<read {self.name} needs {self.permission.value}>"

    def __call__(self, db: Database, /, *args: P.args, **kwargs: P.kwargs) -> T:
        if db.actor is not None:
            db.actor.require(self.permission)
        return self.function(db, *args, **kwargs)


# Every read service, by name, like COMMANDS.
QUERIES: dict[str, ReadQuery[Any, Any]] = {}


def read(permission: Permission, *, name: str | None = None
         ) -> Callable[[Callable[Concatenate[Database, P], T]], ReadQuery[P, T]]:
    """Declare a read service and the permission it needs. Registers it in :data:`QUERIES`."""

    def declare(function: Callable[Concatenate[Database, P], T]) -> ReadQuery[P, T]:
        query_name = name or f"{_feature_of(function.__module__)}.{function.__name__}"
        if query_name in QUERIES or query_name in COMMANDS:
            raise ValueError(f"two services are called {query_name}")
        query = ReadQuery(function, name=query_name, permission=permission)
        QUERIES[query_name] = query
        return query

    return declare


# Services that take an actor and run several registered writes, each its own transaction (a
# booking file: one write per row, so each row is booked or refused on its own). They open no
# transaction themselves (a test reads every service module for that), so every write they make
# is checked, keyed and recorded by the wrapper above.
SEQUENCES: set[str] = set()

F = TypeVar("F", bound=Callable[..., Any])


def sequence_of_writes(function: F) -> F:
    """Declare a service that takes an actor but writes only through registered commands."""
    SEQUENCES.add(f"{function.__module__}.{function.__name__}")
    return function


# The service functions (database first) that need no permission of their own, each with why.
# Every other one is a @write, a @read or a @sequence_of_writes: the permission-matrix test
# (tests/integration/test_permission_matrix.py) fails on a service that is in none of them.
PUBLIC_SERVICES: dict[str, str] = {
    "carma_logistiek.services.accounts.signing_in.sign_in":
        "signing in is how one gets a role; the attempt itself is the write accounts.sign_in",
    "carma_logistiek.services.accounts.signing_in.sign_in_with_token":
        "signing in with a token (scripted CLI use), through the write accounts.sign_in",
    "carma_logistiek.services.accounts.signing_in.sign_in_demo":
        "signing in to the demo as a chosen role; refused on a database with real accounts",
    "carma_logistiek.services.accounts.signing_in.sign_in_trusted":
        "the operating-system login of a single PC; refused on a shared database",
    "carma_logistiek.services.composition.one_transaction":
        "no data of its own: one session for a composition, whose reads each check theirs",
}


def record_audit(session: Session, *, actor: Actor, command: str,
                 request: Mapping[str, object], changes: Changes, outcome: str = "") -> None:
    """The audit trail's one entry point: called for every successful write, inside its
    transaction, just before the commit (a replay and a refused write do not get here). A
    write run inside another's transaction (an import's rows) adds to that write's entry.

    ONE entry: who (the actor's user name and account), when, the zone, the command's name, its
    kind ("read" for a consultation, "sign_in" for a sign-in attempt, else "write"), the request
    as canonical JSON without its secrets (:data:`SECRET_REQUEST_KEYS`), and the records it
    touched with their values before and after (db/audit_capture.py). ``outcome``: "" when
    the write did what was asked, else the code of the refusal it recorded (a failed sign-in).
    """
    records = collect_records(session, changes)
    if records is None:
        return  # a write inside another write's transaction: the outer entry holds it
    write_entry(session, zone=actor.zone, actor=actor.user, account_id=actor.account_id,
                action=command, kind=audit_kind(command), request=audit_request(request),
                records=records, outcome=outcome)


# Request arguments that never enter the audit trail: passwords and tokens in clear.
SECRET_REQUEST_KEYS = frozenset({"password", "current", "new", "temporary_password", "token"})


def _outcome_of(result: object) -> str:
    """A result that records a refusal and raises it after the commit (a failed sign-in) has
    it as ``refusal``: its code is the entry's outcome."""
    refusal = getattr(result, "refusal", None)
    return str(getattr(refusal, "code", type(refusal).__name__)) if refusal is not None else ""


def audit_kind(command: str) -> str:
    registered = COMMANDS.get(command)
    if registered is not None and registered.consultation:
        return "read"
    if command.startswith("accounts.") and "sign_in" in command:
        return "sign_in"
    return "write"


def audit_request(request: Mapping[str, object]) -> str:
    """The request as the trail stores it: canonical JSON (sorted keys), without the actor
    (the entry names who) and without :data:`SECRET_REQUEST_KEYS`, at any depth."""
    canonical = _without_secrets(_canonical(
        {name: value for name, value in request.items() if name != "actor"}))
    return json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _without_secrets(value: object) -> object:
    if isinstance(value, dict):
        return {key: _without_secrets(item) for key, item in value.items()
                if key not in SECRET_REQUEST_KEYS}
    if isinstance(value, list):
        return [_without_secrets(item) for item in value]
    return value


def request_key(key: str | None) -> str:
    """The idempotency key to store: the caller's key without surrounding spaces, or a new one.

    Keys of up to 80 characters are stored as given. A longer key (a file path plus a row
    number, say) is stored as ``sha256:`` and its hex digest (71 characters): hashed, never
    cut, so two long keys that share their first 80 characters stay two keys.
    """
    text = (key or "").strip()
    if not text:
        return new_key()
    if len(text) <= KEY_LENGTH:
        return text
    return _HASHED_KEY_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def new_key() -> str:
    return uuid.uuid4().hex


def request_fingerprint(command: str, args: tuple[object, ...], kwargs: Mapping[str, object],
                        defaults: Mapping[str, object] | None = None) -> str:
    """sha256 of the command's name and its canonical arguments (sorted JSON), without the
    actor and the key: what makes two requests "the same request".

    Arguments equal to their default count as not given, so ``note=""`` and no note are the
    same request.
    """
    defaults = defaults or {}
    request = {
        name: _canonical(value) for name, value in kwargs.items()
        if name not in ("actor", "key") and not (name in defaults and defaults[name] == value)
    }
    payload = json.dumps({"command": command, "args": [_canonical(a) for a in args],
                          "kwargs": request}, sort_keys=True, separators=(",", ":"),
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _canonical(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return _canonical(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda i: str(i[0]))}
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, set | frozenset):
        return sorted((_canonical(item) for item in value), key=repr)
    return repr(value)


def _actor_of(command: str, kwargs: dict[str, Any]) -> Actor:
    actor = kwargs.get("actor")
    if isinstance(actor, Actor):
        return actor
    raise TypeError(f"{command} needs actor=Actor(...), got {actor!r}")


def _feature_of(module: str) -> str:
    prefix = "carma_logistiek.services."
    return module.removeprefix(prefix).split(".")[0]


def _defaults_of(body: Callable[..., object]) -> dict[str, object]:
    return {name: parameter.default for name, parameter in signature(body).parameters.items()
            if parameter.default is not Parameter.empty}


def _require_write_signature(name: str, body: Callable[..., object], *, with_key: bool) -> None:
    parameters = signature(body).parameters
    if "actor" not in parameters or parameters["actor"].kind is not Parameter.KEYWORD_ONLY:
        raise TypeError(f"write service {name} must take a keyword-only actor")
    if with_key and "key" not in parameters:
        raise TypeError(f"write service {name} has a replay, so it must take key=")
