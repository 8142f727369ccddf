"""Stock: the ledger engine, the verbs that book on it, counting, and the overview.

Modules: ``ledger`` (bookings, lines, levels), ``allocation`` (FEFO, lots on offer), ``verbs``
(delivery, pickup, consumption, basket, transfer, write-off), ``counting`` (count sheets and
booking a count), ``overview`` (the stock table, a product's detail, the ledger check),
``reversal`` (storno of a booking made by mistake).
``from carma_logistiek.services import stock`` offers the verbs as before.
"""

from carma_logistiek.services.stock.allocation import (
    allocate,
    fefo_usable_lots,
    lots_at,
    pickup_lots,
)
from carma_logistiek.services.stock.counting import CountLine, record_count
from carma_logistiek.services.stock.reversal import reverse_booking
from carma_logistiek.services.stock.verbs import (
    BasketLine,
    record_consumption,
    record_delivery,
    record_pickup,
    record_pickup_basket,
    record_transfer,
    write_off_expired,
)

__all__ = [
    "BasketLine",
    "CountLine",
    "allocate",
    "fefo_usable_lots",
    "lots_at",
    "pickup_lots",
    "record_consumption",
    "record_count",
    "record_delivery",
    "record_pickup",
    "record_pickup_basket",
    "record_transfer",
    "reverse_booking",
    "write_off_expired",
]
