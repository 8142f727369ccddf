"""What the account services hand out: plain frozen rows, never an ORM object or a hash."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.domain.changes import NO_CHANGES, Changes


class SetupState(StrEnum):
    """How far a database is with accounts: none yet (set-up mode: everyone acts with every
    role, and the first admin is made), only the demo's, or real ones (everyone signs in)."""

    NO_ACCOUNTS = "no_accounts"
    DEMO = "demo"
    ACCOUNTS = "accounts"


@dataclass(frozen=True)
class SignedIn:
    """Who signed in: the actor every service gets from now on (roles of the chosen zone)."""

    actor: Actor
    must_change_password: bool
    zones: tuple[str, ...]  # every zone the account holds a role in
    full_name: str
    demo: bool


@dataclass(frozen=True)
class TokenRow:
    id: int
    name: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True)
class AccountRow:
    username: str
    full_name: str
    staff_number: str | None
    roles: dict[str, tuple[Role, ...]]  # zone -> the roles held there
    active: bool
    must_change_password: bool
    locked_until: datetime | None
    last_sign_in_at: datetime | None
    tokens: tuple[TokenRow, ...] = ()
    demo: bool = False
    home_zone: str = ""
    changes: Changes = field(default=NO_CHANGES, compare=False)

    def roles_in(self, zone: str) -> tuple[Role, ...]:
        return self.roles.get(zone, ())


@dataclass(frozen=True)
class TokenCreated:
    """A new token. ``token`` is shown once and kept nowhere: the database has its sha256."""

    token: str
    id: int
    name: str
    username: str
    created_at: datetime
    changes: Changes = field(default=NO_CHANGES, compare=False)


@dataclass(frozen=True)
class TokenRevoked:
    id: int
    username: str
    changes: Changes = field(default=NO_CHANGES, compare=False)
