"""Consumption on the 25x demo (~1,000,000 movements): the questions the screen asks most
(drug tests per month per site over the year, a site's top consumers, the whole zone per week),
aggregated in the database."""

from __future__ import annotations

from datetime import timedelta

from carma_logistiek.clock import local_today
from carma_logistiek.db.uow import Database
from carma_logistiek.services.consumption import consumption
from tests.benchmarks.common import ensure_dataset, summary, timed, write_results

REPEAT = 7


def main() -> dict:
    url = ensure_dataset()
    db = Database(url)
    today = local_today()
    year_ago = today - timedelta(days=365)
    cases = {
        "drug_test_per_month_per_site": dict(product_codes=["DT-SPK"], location_code="CARMA",
                                             period="month", group_by="location"),
        "zone_all_products_per_month_per_site": dict(location_code="CARMA", period="month",
                                                     group_by="location"),
        "site_top_consumers_per_month": dict(location_code="GNK", period="month",
                                             group_by="product"),
        "zone_per_week_by_recipient": dict(period="week", group_by="recipient"),
        "drug_test_with_write_offs": dict(product_codes=["DT-SPK"], period="month",
                                          include_written_off=True),
    }
    figures: dict = {"dataset": url, "cases": {}}
    for name, arguments in cases.items():
        def ask(arguments: dict = arguments) -> object:
            return consumption(db, date_from=year_ago, date_to=today, **arguments)

        result = ask()
        figures["cases"][name] = {
            "series": len(result.series),  # type: ignore[attr-defined]
            "buckets": len(result.buckets),  # type: ignore[attr-defined]
            "total": result.total,  # type: ignore[attr-defined]
            "query": summary(timed(ask, REPEAT)),
        }
    db.dispose()
    write_results("consumption", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
