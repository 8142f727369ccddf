"""Moved to :mod:`carma_logistiek.services.stock.ledger`; this path keeps working."""

from carma_logistiek.services.command import new_key
from carma_logistiek.services.stock.ledger import (
    LedgerLine,
    get_or_create_lot,
    level_of,
    lock_levels,
    open_booking,
    post,
    post_booking,
)

__all__ = ["LedgerLine", "get_or_create_lot", "level_of", "lock_levels", "new_key",
           "open_booking", "post", "post_booking"]
