"""The demo's users: one per role ("demo-logistiek", "Demo Logistiek"), without a password.

The demo opens signed in as one of them, with a visible choice of role, so a newcomer sees
each role's app. They are demo accounts (``demo`` set): sign-in as a demo user is refused on a
database that has real accounts (services/accounts/signing_in.py).
"""

from __future__ import annotations

from carma_logistiek.db.models import Account, AccountRole
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import DEFAULT_ZONE, Role

# How the demo names each role's user; the DPO is an abbreviation, the others a word.
_DISPLAY = {Role.DPO: "DPO"}


def demo_full_name(role: Role) -> str:
    return f"Demo {_DISPLAY.get(role, role.value.capitalize())}"


def create_demo_accounts(db: Database, zone: str = DEFAULT_ZONE) -> int:
    """One demo account per role, holding that role in ``zone``; returns how many."""
    with db.write() as session:
        for role in Role:
            account = Account(username=f"demo-{role.value}", full_name=demo_full_name(role),
                              password_hash=None, must_change_password=False,
                              failed_attempts=0, home_zone=zone, active=True, demo=True)
            session.add(account)
            session.flush()
            session.add(AccountRole(account_id=account.id, zone=zone, role=role.value))
    return len(Role)
