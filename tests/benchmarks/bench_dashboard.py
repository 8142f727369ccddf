"""The stuurbord's card queries on the benchmark set (25x demo): each card is one read on the
database worker, so each one's time is what it adds before the next card (or a booking) can
run. Compared with the stock overview of the whole zone, the first screen's query before the
stuurbord came first."""

from __future__ import annotations

from carma_logistiek.db.uow import Database
from carma_logistiek.services.kit_views import kit_checks_attention
from carma_logistiek.services.orders import late_orders_attention
from carma_logistiek.services.stock.overview import (
    expired_attention,
    expiring_attention,
    recent_bookings_attention,
    stock_overview,
    under_minimum_attention,
)
from tests.benchmarks.common import ensure_dataset, summary, timed, write_results

REPEAT = 15
CARDS = {
    "under_minimum": under_minimum_attention,
    "expired": expired_attention,
    "expiring": expiring_attention,
    "kit_checks": kit_checks_attention,
    "late_orders": late_orders_attention,
    "recent_bookings": recent_bookings_attention,
}


def main() -> dict:
    url = ensure_dataset()
    db = Database(url)
    figures: dict = {"dataset": url, "cards": {}}
    total = 0.0
    for name, query in CARDS.items():
        answer = query(db)
        timing = summary(timed(lambda query=query: query(db), REPEAT))
        figures["cards"][name] = {"count": answer.count, "lines": len(answer.lines), **timing}
        total += timing["median_ms"]
    overview = summary(timed(lambda: stock_overview(db), 5))
    figures["all_cards_median_ms"] = round(total, 3)
    figures["zone_stock_overview"] = overview
    figures["all_cards_over_zone_overview_median"] = round(total / overview["median_ms"], 2)
    db.dispose()
    write_results("dashboard", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
