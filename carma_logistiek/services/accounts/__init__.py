"""Accounts and signing in: who may use the app, with which roles in which zone.

``from carma_logistiek.services import accounts``; every function is described where it is
defined (``signing_in``: the ways in; ``admin``: managing accounts; ``rows``: what they return).
"""

from carma_logistiek.domain.accounts import SignInRefused, temporary_password
from carma_logistiek.services.accounts.admin import (
    change_password,
    create_account,
    create_first_admin,
    create_token,
    get_account,
    list_accounts,
    reset_password,
    revoke_token,
    set_active,
    set_roles,
)
from carma_logistiek.services.accounts.rows import (
    AccountRow,
    SetupState,
    SignedIn,
    TokenCreated,
    TokenRevoked,
    TokenRow,
)
from carma_logistiek.services.accounts.signing_in import (
    demo_username,
    setup_state,
    sign_in,
    sign_in_demo,
    sign_in_trusted,
    sign_in_with_token,
    verify_password,
)

__all__ = [
    "AccountRow",
    "SetupState",
    "SignInRefused",
    "SignedIn",
    "TokenCreated",
    "TokenRevoked",
    "TokenRow",
    "change_password",
    "create_account",
    "create_first_admin",
    "create_token",
    "demo_username",
    "get_account",
    "list_accounts",
    "reset_password",
    "revoke_token",
    "set_active",
    "set_roles",
    "setup_state",
    "sign_in",
    "sign_in_demo",
    "sign_in_trusted",
    "sign_in_with_token",
    "temporary_password",
    "verify_password",
]
