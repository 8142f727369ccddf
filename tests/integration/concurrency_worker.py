"""Runs in a spawned process: books a random mix against shared stock and reports what landed.

Kept out of the test module so that spawned children import nothing but this (and the app).
"""

from __future__ import annotations

import random
import traceback
from collections import Counter
from typing import Any

PRODUCTS = ("HANDSCH-M", "DT-SPK")
LOCATIONS = ("GENK-MAG", "GENK-KAST1")
LOTS = ("L1", "L2")


def run(url: str, worker: int, operations: int, mix: str, start: Any, results: Any) -> None:
    from carma_logistiek.db.uow import Database
    from carma_logistiek.domain.access import Actor
    from carma_logistiek.domain.errors import InsufficientStock
    from carma_logistiek.services import stock as st

    rng = random.Random(worker * 7919)
    delivered: Counter[tuple[str, str]] = Counter()
    taken: Counter[tuple[str, str]] = Counter()
    moved: Counter[tuple[str, str, str]] = Counter()
    report: dict[str, Any] = {
        "worker": worker,
        "attempted": 0,
        "succeeded": 0,
        "refused": 0,
        "transfers_refused": 0,
        "errors": [],
    }
    db = Database(url)
    try:
        with db.read():  # connect before the race starts
            pass
        start.wait(60)  # a barrier: everybody imported and connected, then all go at once
        for n in range(operations):
            product = rng.choice(PRODUCTS)
            location = rng.choice(LOCATIONS)
            roll = rng.random() if mix == "mixed" else 1.0
            key = f"w{worker}-{n}"
            try:
                if roll < 0.35:
                    qty = rng.randint(1, 3)
                    lot = rng.choice(LOTS) if product == "DT-SPK" else None
                    st.record_delivery(
                        db,
                        product_code=product,
                        location_code=location,
                        quantity=qty,
                        actor=Actor.with_every_role(f"w{worker}"),
                        lot_number=lot,
                        key=key,
                    )
                    delivered[(product, location)] += qty
                elif roll < 0.55:
                    other = LOCATIONS[1 - LOCATIONS.index(location)]
                    qty = rng.randint(1, 3)
                    try:
                        st.record_transfer(
                            db,
                            product_code=product,
                            from_location=location,
                            to_location=other,
                            quantity=qty,
                            actor=Actor.with_every_role(f"w{worker}"),
                            key=key,
                        )
                        moved[(product, location, other)] += qty
                    except InsufficientStock:
                        report["transfers_refused"] += 1
                else:
                    # "pickups": one box of the first product; "fefo": one or two of the
                    # lot-tracked product, first-expiry-first over many small lots.
                    pick_product, pick_location = {
                        "mixed": (product, location), "fefo": (PRODUCTS[1], LOCATIONS[0]),
                    }.get(mix, (PRODUCTS[0], LOCATIONS[0]))
                    qty = {"mixed": rng.randint(1, 4), "fefo": rng.randint(1, 2)}.get(mix, 1)
                    report["attempted"] += 1
                    try:
                        st.record_pickup(
                            db,
                            product_code=pick_product,
                            location_code=pick_location,
                            quantity=qty,
                            actor=Actor.with_every_role(f"w{worker}"),
                            key=key,
                        )
                        report["succeeded"] += 1
                        taken[(pick_product, pick_location)] += qty
                    except InsufficientStock:
                        report["refused"] += 1
            except Exception:  # anything else is a failure the test reports in full
                report["errors"].append(traceback.format_exc(limit=8))
    finally:
        db.dispose()
        report["delivered"] = dict(delivered)
        report["taken"] = dict(taken)
        report["moved"] = dict(moved)
        results.put(report)
