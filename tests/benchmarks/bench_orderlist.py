"""The order list (bestellijst) on the 25x demo (~1,000,000 movements, 5,000 products at 20
locations): the whole zone, one site, one supplier, and turning one supplier's lines into
orders. On a copy of the benchmark set with two suppliers linked to every product (the demo
has none yet), so the shared set stays as it is."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import insert, select

from carma_logistiek.db.models import Product, ProductSupplier, Supplier
from carma_logistiek.db.uow import Database
from carma_logistiek.services import reordering
from tests.benchmarks.common import DEFAULT_DATASET, ensure_dataset, summary, timed, write_results
from tests.support.actors import TESTER

REPEAT = 7
COPY = DEFAULT_DATASET.with_name("orderlist.sqlite")


def _dataset() -> str:
    ensure_dataset()
    if not COPY.exists():
        shutil.copy(DEFAULT_DATASET, COPY)
        _link_suppliers(Database(f"sqlite:///{COPY}"))
    return f"sqlite:///{COPY}"


def _link_suppliers(db: Database) -> None:
    """Even products from A, odd ones from B, in packs of 1 to 12."""
    with db.write() as session:
        for code, name, lead in (("BENCH-A", "Leverancier A", 7), ("BENCH-B", "Leverancier B",
                                                                   None)):
            session.add(Supplier(code=code, name=name, lead_time_days=lead, created_by="bench"))
        session.flush()
        suppliers = dict(session.execute(select(Supplier.code, Supplier.id)).all())
        ids = list(session.execute(select(Product.id)).scalars())
        session.execute(insert(ProductSupplier), [
            {"product_id": pid, "supplier_id": suppliers["BENCH-A" if pid % 2 else "BENCH-B"],
             "pack_size": 1 + pid % 12, "reference": f"R{pid}", "preferred": True}
            for pid in ids])
    db.dispose()


def main() -> dict:
    url = _dataset()
    db = Database(url)
    cases = {
        "zone": dict(),
        "site_genk": dict(location_code="GNK"),
        "supplier_a": dict(supplier_code="BENCH-A"),
        "zone_30_days": dict(days=30),
    }
    figures: dict = {"dataset": url, "cases": {}}
    for name, arguments in cases.items():
        def ask(arguments: dict = arguments) -> object:
            return reordering.order_list(db, **arguments)

        result = ask()
        figures["cases"][name] = {"lines": len(result.lines),  # type: ignore[attr-defined]
                                  "query": summary(timed(ask, REPEAT))}
    listed = reordering.order_list(db, supplier_code="BENCH-A")
    chosen = tuple(reordering.OrderListChoice(line.product_code, line.location_code,
                                              line.supplier_code, line.suggested)
                   for line in listed.lines)
    if chosen:
        made: list[object] = []
        samples = timed(lambda: made.append(reordering.create_orders_from_list(
            db, lines=chosen, actor=TESTER)), 1)
        figures["create_supplier_a"] = {"lines": len(chosen),
                                        "orders": len(made[0].orders),  # type: ignore[attr-defined]
                                        "write": summary(samples)}
    db.dispose()
    # The copy now holds those orders: the next run starts from a fresh one.
    Path(COPY).unlink(missing_ok=True)
    write_results("orderlist", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
