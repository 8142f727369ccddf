"""Who is asking, and what they may do: the request context every service receives.

Until sign-in exists (a later step) the app and the CLI build the actor from the operating-system
user with every role; every write still checks its declared permission against it, so the
services already refuse on their own when sign-in narrows the roles.
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
    ADMIN = "admin"


ALL_PERMISSIONS = frozenset(Permission)

# One declared table; the permission-matrix test of the sign-in step compares every service
# against it.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: ALL_PERMISSIONS,
    Role.LOGISTICS: frozenset({
        Permission.STOCK_READ, Permission.STOCK_BOOK, Permission.MASTERDATA_EDIT,
        Permission.ORDERS_EDIT, Permission.KITS_READ, Permission.DOCUMENTS_PRINT,
    }),
    Role.PREVENTION: frozenset({
        Permission.STOCK_READ, Permission.KITS_READ, Permission.KITS_EDIT,
        Permission.KITS_CHECK, Permission.DOCUMENTS_PRINT,
    }),
    Role.FLEET: frozenset({Permission.STOCK_READ, Permission.KITS_READ}),
    Role.PURCHASING: frozenset({
        Permission.STOCK_READ, Permission.ORDERS_EDIT, Permission.DOCUMENTS_PRINT,
    }),
    Role.STAFF: frozenset(),
    Role.READER: frozenset({Permission.STOCK_READ, Permission.KITS_READ}),
}


@dataclass(frozen=True)
class Actor:
    """The person a request is made for: their user name, roles and zone."""

    user: str
    roles: frozenset[Role] = field(default_factory=frozenset)
    zone: str = DEFAULT_ZONE

    @classmethod
    def with_every_role(cls, user: str, zone: str = DEFAULT_ZONE) -> Actor:
        """The stand-in until sign-in: the operating-system user may do everything."""
        return cls(user=user, roles=frozenset(Role), zone=zone)

    @property
    def permissions(self) -> frozenset[Permission]:
        granted: set[Permission] = set()
        for role in self.roles:
            granted |= ROLE_PERMISSIONS[role]
        return frozenset(granted)

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions

    def require(self, permission: Permission) -> None:
        """Refuse with a sentence when this actor lacks ``permission``."""
        if not self.may(permission):
            raise PermissionDenied(user=self.user, permission=permission.value)
