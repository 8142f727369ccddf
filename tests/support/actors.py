"""Who the tests act as: a person with every role (as the system and set-up mode act), and
``without``, an actor that lacks one permission. Tests of sign-in make real accounts."""

from __future__ import annotations

from carma_logistiek.domain.access import ROLE_PERMISSIONS, Actor, Permission

TESTER = Actor.with_every_role("tester")


def person(name: str) -> Actor:
    """``name`` with every role, as the app builds the actor today."""
    return Actor.with_every_role(name)


def without(permission: Permission, name: str = "zonder-recht") -> Actor:
    """An actor with every role that does NOT grant ``permission`` (maybe none at all)."""
    roles = frozenset(role for role, granted in ROLE_PERMISSIONS.items()
                      if permission not in granted)
    return Actor(user=name, roles=roles)
