"""The "voor wie" field: the people, vehicles, kits and places the recipient picker offers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from carma_logistiek.services.results import RecipientCandidate
from ui.ops.core import QueryOp

if TYPE_CHECKING:
    from ui.shell.context import AppContext as Context


def recipient_candidates(context: Context) -> QueryOp[list[RecipientCandidate]]:
    def run(db: Any) -> list[RecipientCandidate]:
        from carma_logistiek.services.recipients import recipient_candidates

        return recipient_candidates(db)

    return QueryOp(context, run)
