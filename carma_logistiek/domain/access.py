"""Who is asking, and what they may do: the request context every service receives.

The signed-in account gives the actor: its user name, the roles it holds in the zone it works
in, and that zone. Every write checks its declared permission against the actor it is given,
every read against the actor its database handle is bound to (``Database.as_actor``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from carma_logistiek.domain.errors import PermissionDenied

DEFAULT_ZONE = "CARMA"


class Role(StrEnum):
    ADMIN = "beheerder"
    LOGISTICS = "logistiek"
    PREVENTION = "preventieadviseur"
    FLEET = "wagenpark"
    PURCHASING = "aankoop"
    STAFF = "personeelslid"
    READER = "lezer"
    # The zone's data protection officer: reads the audit trail and the staff register, and
    # nothing else. Not in the first list of roles; without it the DPO would need "beheerder".
    DPO = "dpo"


class Permission(StrEnum):
    """What a service needs. Names are verbs on a feature; a write declares exactly one."""

    STOCK_READ = "stock.read"
    STOCK_BOOK = "stock.book"
    MASTERDATA_EDIT = "masterdata.edit"
    ORDERS_EDIT = "orders.edit"
    KITS_READ = "kits.read"
    KITS_EDIT = "kits.edit"
    KITS_CHECK = "kits.check"
    DOCUMENTS_PRINT = "documents.print"
    STAFF_READ = "staff.read"  # personal data of other staff members (logged when read)
    STAFF_EDIT = "staff.edit"
    ACCOUNTS_ADMIN = "accounts.admin"  # accounts, roles, password resets, tokens
    AUDIT_READ = "audit.read"
    ACCOUNT_SELF = "account.self"  # one's own account: change one's password
    SIGN_IN = "session.sign_in"  # public: anyone may try to sign in (and be refused)
    ADMIN = "admin"


ALL_PERMISSIONS = frozenset(Permission)

# What no role is needed for: signing in is how one gets a role.
PUBLIC_PERMISSIONS = frozenset({Permission.SIGN_IN})

# What each role grants. Which role may call which service is written down once more, as a
# person reads it, in tests/support/permission_table.py: the permission-matrix test calls every
# service as every role and compares the two.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: ALL_PERMISSIONS,
    Role.LOGISTICS: frozenset({
        Permission.STOCK_READ, Permission.STOCK_BOOK, Permission.MASTERDATA_EDIT,
        Permission.ORDERS_EDIT, Permission.KITS_READ, Permission.DOCUMENTS_PRINT,
        Permission.STAFF_READ, Permission.STAFF_EDIT, Permission.ACCOUNT_SELF,
    }),
    Role.PREVENTION: frozenset({
        Permission.STOCK_READ, Permission.KITS_READ, Permission.KITS_EDIT,
        Permission.KITS_CHECK, Permission.DOCUMENTS_PRINT, Permission.ACCOUNT_SELF,
    }),
    Role.FLEET: frozenset({Permission.STOCK_READ, Permission.KITS_READ,
                           Permission.ACCOUNT_SELF}),
    Role.PURCHASING: frozenset({
        Permission.STOCK_READ, Permission.ORDERS_EDIT, Permission.DOCUMENTS_PRINT,
        Permission.ACCOUNT_SELF,
    }),
    # Their own Boutique account only (the Boutique is a later step): today their password.
    Role.STAFF: frozenset({Permission.ACCOUNT_SELF}),
    Role.READER: frozenset({Permission.STOCK_READ, Permission.KITS_READ,
                            Permission.ACCOUNT_SELF}),
    Role.DPO: frozenset({Permission.AUDIT_READ, Permission.STAFF_READ,
                         Permission.ACCOUNT_SELF}),
}


@dataclass(frozen=True)
class Actor:
    """The person a request is made for: their user name, roles and zone."""

    user: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    zone: str = DEFAULT_ZONE
    # The signed-in account (None: the system, a test, or a database still being set up).
    account_id: int | None = None

    @classmethod
    def with_every_role(cls, user: str, zone: str = DEFAULT_ZONE) -> Actor:
        """The system, a test, or a database with no accounts yet (set-up mode)."""
        return cls(user=user, roles=frozenset(Role), zone=zone)

    @property
    def permissions(self) -> frozenset[Permission]:
        granted: set[Permission] = set()
        for role in self.roles:
            granted |= ROLE_PERMISSIONS[role]
        return frozenset(granted)

    def may(self, permission: Permission) -> bool:
        return permission in PUBLIC_PERMISSIONS or permission in self.permissions

    def require(self, permission: Permission) -> None:
        """Refuse with a sentence when this actor lacks ``permission``."""
        if not self.may(permission):
            raise PermissionDenied(user=self.user, permission=permission.value)
