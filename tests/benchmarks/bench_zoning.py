"""What the zone filter costs a read: the stock overview of the Genk storeroom, one kit's detail
and the whole zone's stock on the demo database, with the filter (db/zoning.py, every ORM
statement gets ``zone = :zone`` on each zoned table) against the same reads with its session
event removed, interleaved in rounds so cache and disk drift hit both alike."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from carma_logistiek.db import zoning
from carma_logistiek.db.models import Kit
from carma_logistiek.db.uow import Database
from carma_logistiek.services.kits.reading import kit_detail
from carma_logistiek.services.stock.overview import stock_overview
from tests.benchmarks.common import summary, timed, write_results

ROUNDS = 5
PER_ROUND = 20


@contextlib.contextmanager
def filter_off() -> Iterator[None]:
    event.remove(Session, "do_orm_execute", zoning._only_this_zone)
    try:
        yield
    finally:
        event.listen(Session, "do_orm_execute", zoning._only_this_zone)


def _interleaved(read: Callable[[], object]) -> dict[str, object]:
    timed(read, 5)
    with filter_off():
        timed(read, 5)
    on: list[float] = []
    off: list[float] = []
    for _round in range(ROUNDS):
        on += timed(read, PER_ROUND)
        with filter_off():
            off += timed(read, PER_ROUND)
    with_filter, without = summary(on), summary(off)
    return {"with_filter": with_filter, "without_filter": without,
            "ratio_median": round(with_filter["median_ms"] / without["median_ms"], 3)}


def main() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.sqlite"
        subprocess.run([sys.executable, "-m", "carma_logistiek.cli", "demo", "--db",
                        f"sqlite:///{path}"], check=True, capture_output=True)
        db = Database(f"sqlite:///{path}")
        with db.read() as session:
            kit = session.scalars(select(Kit.code).order_by(Kit.code)).first()
        assert kit is not None
        figures = {
            "storeroom_overview": _interleaved(
                lambda: stock_overview(db, location_code="GNK-MAG")),
            "whole_zone_overview": _interleaved(lambda: stock_overview(db)),
            "kit_detail": _interleaved(lambda: kit_detail(db, kit)),
            "settings": f"demo database, {ROUNDS} interleaved rounds of {PER_ROUND}",
        }
        db.dispose()
    write_results("zoning", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2))
