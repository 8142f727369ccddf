"""How a feature tells the start screen (stuurbord) what needs attention: its cards.

Each feature package may declare ``CARDS = [CardDeclaration(...), ...]`` in its ``__init__``
next to ``SCREEN``; the stuurbord shows the cards the actor may see, in ``order``, each filled
by its own query (one read on the database worker, answering an ``AttentionSummary``). A click
on a card goes to its screen with a focus request that screen understands (``Screen.focus_on``:
"under_minimum" on the stock screen shows that filter); a line of a card may carry its own
("product:SPT@GNK-MAG" opens that product's detail).

Like screens.py this names the features and imports none: declaring a card costs a feature
nothing at start-up (the query's service is imported on the worker, when it runs).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from carma_logistiek.domain.access import Permission
from ui.shell.screens import FEATURE_PACKAGES

if TYPE_CHECKING:
    from carma_logistiek.services.attention import AttentionSummary
    from ui.ops.core import QueryOp
    from ui.shell.context import AppContext

CardQuery = Callable[["AppContext"], "QueryOp[AttentionSummary]"]


@dataclass(frozen=True)
class CardDeclaration:
    id: str  # "stock.under_minimum"
    title: str  # Dutch source (N_), translated when the card is built
    permission: Permission
    query: CardQuery
    # Where a click takes the user: the screen's name and a focus request it understands.
    open: tuple[str, str]
    # The Changes fields ("stock", "orders", "kits", …) after which the card reads again.
    refresh_on: frozenset[str] = field(default_factory=frozenset)
    order: int = 100
    empty: str = ""  # Dutch source (N_) shown when there is nothing: "Niets onder minimum"


def service_query(target: str, **arguments: Any) -> CardQuery:
    """A card query that calls ``"module:function"`` of the core with the database and
    ``arguments`` on the worker; an argument given as a callable is asked of the context
    first (``horizon_days=lambda c: c.config.expiry_horizon_days``)."""
    module_name, _sep, function_name = target.partition(":")

    def query(context: AppContext) -> QueryOp[AttentionSummary]:
        from ui.ops.core import QueryOp

        values = {key: value(context) if callable(value) else value
                  for key, value in arguments.items()}

        def run(db: Any) -> AttentionSummary:
            function = getattr(importlib.import_module(module_name), function_name)
            return function(db, **values)  # type: ignore[no-any-return]

        return QueryOp(context, run)

    return query


def declared_cards(packages: tuple[str, ...] = FEATURE_PACKAGES) -> list[CardDeclaration]:
    """Every feature's cards, in their order (a feature without cards declares none)."""
    cards = [card for name in packages
             for card in getattr(importlib.import_module(name), "CARDS", ())]
    return sorted(cards, key=lambda card: (card.order, card.id))


def navigation_target(screen: str, focus: str = "") -> str:
    """What ``AppContext.navigate`` carries to show ``screen`` with a focus request:
    "stock#under_minimum" (the main window calls the screen's ``focus_on`` once shown)."""
    return f"{screen}#{focus}" if focus else screen
