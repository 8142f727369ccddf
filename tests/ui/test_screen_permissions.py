"""The window hides what the signed-in person may not do: for each role, the rail shows exactly
the screens the declared table gives it (tests/support/permission_table.py ``SCREENS``), every
screen shown may read what it opens with, and every stuurbord card shown runs its query
without being refused. On the declarations alone (ui/shell/screens.py, ui/shell/cards.py): no
window is built, the cards' queries run on a stand-in database that is never reached."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.domain.errors import PermissionDenied
from tests.support.permission_table import SCREENS, describe, permission_table
from tests.support.stand_in_database import Reached, StandInDatabase
from ui.shell.cards import declared_cards
from ui.shell.screens import declared_screens

# The read each screen starts with when it is first shown (the stuurbord: its cards, below).
OPENS_WITH: dict[str, str | None] = {
    "dashboard": None,
    "stock": "stock.stock_overview",
    "scan": "scans.resolve_scan",
    "orders": "orders.list_orders",
    "kits": "kits.list_kits",
    "consumption": "consumption.consumption",
    "masterdata": "masterdata.list_products",
    "people": "people.search_staff",
    "accounts": "accounts.list_accounts",
    "audit": "audit.search_audit",
}


def alone(role: Role) -> Actor:
    return Actor(user=f"scherm-{role.value}", roles=frozenset({role}))


def shown_to(actor: Actor) -> list[str]:
    """What the main window puts on its rail for ``actor`` (MainWindow: ``context.may``)."""
    return [d.name for d in declared_screens() if actor.may(d.permission)]


def test_every_screen_has_a_row_in_the_table() -> None:
    names = [d.name for d in declared_screens()]
    missing = [name for name in names if name not in SCREENS]
    assert not missing, (
        f"these screens have no row in SCREENS of tests/support/permission_table.py: {missing}")
    assert sorted(set(SCREENS) - set(names)) == [], "SCREENS names screens that do not exist"


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_each_role_sees_exactly_the_screens_the_table_gives_it(role: Role) -> None:
    expected = [d.name for d in declared_screens() if role in SCREENS.get(d.name, ())]
    assert shown_to(alone(role)) == expected


def test_an_actor_without_a_role_sees_no_screen() -> None:
    assert shown_to(Actor(user="niemand")) == []


def test_the_reader_sees_stock_kits_and_lists_and_cannot_book_or_order() -> None:
    """The table's promise in words, so a change to it is a deliberate one."""
    shown = shown_to(alone(Role.READER))
    assert {"stock", "kits", "consumption", "masterdata"} <= set(shown)
    assert not {"scan", "orders", "accounts"} & set(shown)


def test_every_screen_shown_may_read_what_it_opens_with() -> None:
    table = permission_table()
    for name, read in OPENS_WITH.items():
        if read is None or name not in SCREENS:
            continue
        blind = SCREENS[name] - table[read]
        assert not blind, (
            f"the screen {name} is shown to {describe(blind)}, who may not use {read}")


def test_every_card_shown_runs_its_query_without_being_refused() -> None:
    context = SimpleNamespace(config=SimpleNamespace(expiry_horizon_days=30))
    cards = declared_cards()
    assert cards, "the stuurbord declares no cards"
    refused = []
    for role in Role:
        actor = alone(role)
        for card in cards:
            if not actor.may(card.permission):
                continue
            op = card.query(context)  # type: ignore[arg-type]
            try:
                op._run(StandInDatabase().as_actor(actor))
            except Reached:
                continue
            except PermissionDenied as error:
                refused.append(f"{card.id} for {role.value}: {error}")
    assert not refused, "cards shown to someone whose read is refused: " + "; ".join(refused)
