"""The zone filter (carma_logistiek/db/zoning.py) for the query shapes the services use, and a
guard against Core statements on zoned tables, which the filter does not see.

Two zones hold a product with the same code; a session of zone CARMA must see CARMA's only,
whatever the shape of the statement.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import delete, exists, func, insert, literal, select, update
from sqlalchemy.orm import Session, aliased

from carma_logistiek.db.models import (
    Base,
    Lot,
    Product,
    ProductGtin,
    Sequence,
    StockLevel,
    Zone,
    Zoned,
)
from carma_logistiek.db.models import Location as Place
from carma_logistiek.db.uow import Database

SERVICES = Path(__file__).resolve().parents[2] / "carma_logistiek" / "services"
ZONED_MODELS = {mapper.class_.__name__ for mapper in Base.registry.mappers
                if issubclass(mapper.class_, Zoned)}


def _session(db: Database, zone: str | None) -> Session:
    return Session(db.engine, info={"zone": zone} if zone else {})


@pytest.fixture
def two(db: Database) -> dict[str, int]:
    """Product SAME in CARMA and in VOEREN (same GTIN), ONLY-V in VOEREN, with stock of SAME
    at a location of each zone; returns the product ids by "zone:code"."""
    ids: dict[str, int] = {}
    with _session(db, None) as session, session.begin():
        session.add(Zone(code="VOEREN", name="PZ Voeren"))
    for zone, codes in (("CARMA", ("SAME",)), ("VOEREN", ("SAME", "ONLY-V"))):
        with _session(db, zone) as session, session.begin():
            place = Place(code="MAG", name="Magazijn", kind="storeroom", path="/",
                          created_by="t")
            session.add(place)
            for code in codes:
                gtin = "5412345678908" if code == "SAME" else "5400000000017"
                product = Product(code=code, name=f"{code} {zone}", created_by="t", gtin=gtin)
                session.add(product)
                session.flush()
                ids[f"{zone}:{code}"] = product.id
                session.add(ProductGtin(gtin=gtin, product_id=product.id))
                lot = Lot(product_id=product.id, lot_number="", created_by="t")
                session.add(lot)
                session.flush()
                session.add(StockLevel(location_id=place.id, lot_id=lot.id,
                                       product_id=product.id, quantity=len(zone)))
            assert place.zone == zone  # a new row gets the session's zone
    return ids


def test_rows_columns_and_aggregates_see_only_the_sessions_zone(
        db: Database, two: dict[str, int]) -> None:
    with _session(db, "CARMA") as session:
        assert [p.name for p in session.scalars(select(Product))] == ["SAME CARMA"]
        assert session.scalars(select(Product.code)).all() == ["SAME"]
        assert session.execute(select(func.count(Product.id))).scalar_one() == 1
        assert session.execute(select(func.count()).select_from(Product)).scalar_one() == 1
        assert session.execute(select(func.max(Product.id))).scalar_one() == two["CARMA:SAME"]
    with _session(db, None) as session:  # the system sees every zone
        assert session.execute(select(func.count(Product.id))).scalar_one() == 3


def test_joins_subqueries_and_exists_see_only_the_sessions_zone(
        db: Database, two: dict[str, int]) -> None:
    with _session(db, "CARMA") as session:
        # A join from an unzoned table (the stock levels) through a zoned one.
        total = session.execute(
            select(func.sum(StockLevel.quantity))
            .join(Product, Product.id == StockLevel.product_id)).scalar_one()
        assert total == len("CARMA")
        # A join through an alias (the location tree joins its parent so).
        parent = aliased(Place)
        assert session.execute(select(func.count()).select_from(Place)
                               .outerjoin(parent, parent.id == Place.parent_id)).scalar_one() == 1
        # IN (subquery): the subquery is filtered too, not only the outer query.
        in_gtins = session.scalars(select(ProductGtin.product_id)
                                   .where(ProductGtin.product_id.in_(select(Product.id)))).all()
        assert in_gtins == [two["CARMA:SAME"]]
        unfiltered_inner = session.scalars(
            select(literal(1)).where(StockLevel.product_id.in_(
                select(Product.id).where(Product.code == "ONLY-V")))).all()
        assert unfiltered_inner == []
        # A FROM subquery.
        inner = select(Product.id).subquery()
        assert session.execute(select(func.count()).select_from(inner)).scalar_one() == 1
        # EXISTS.
        assert not session.execute(
            select(exists().where(Product.code == "ONLY-V"))).scalar_one()
        assert session.execute(select(exists().where(Product.code == "SAME"))).scalar_one()


def test_orm_update_and_delete_touch_only_the_sessions_zone(
        db: Database, two: dict[str, int]) -> None:
    with _session(db, "CARMA") as session, session.begin():
        changed = session.execute(update(Product).where(Product.code == "SAME")
                                  .values(name="renamed")).rowcount  # type: ignore[attr-defined]
        assert changed == 1
        # A conditional update that names another zone's row by its id changes nothing.
        assert session.execute(update(Product).where(Product.id == two["VOEREN:ONLY-V"])
                               .values(name="x")).rowcount == 0  # type: ignore[attr-defined]
        gone = session.execute(delete(ProductGtin).where(
            ProductGtin.product_id.in_(list(two.values())))).rowcount  # type: ignore[attr-defined]
        assert gone == 1
    with _session(db, None) as session:
        names = dict(session.execute(select(Product.id, Product.name)).all())
        assert names == {two["CARMA:SAME"]: "renamed", two["VOEREN:SAME"]: "SAME VOEREN",
                         two["VOEREN:ONLY-V"]: "ONLY-V VOEREN"}
        assert session.execute(select(func.count()).select_from(ProductGtin)).scalar_one() == 2


def test_get_by_primary_key_does_not_hand_out_another_zones_row(
        db: Database, two: dict[str, int]) -> None:
    with _session(db, "CARMA") as session:
        assert session.get(Product, two["VOEREN:ONLY-V"]) is None
        found = session.get(Product, two["CARMA:SAME"])
        assert found is not None and found.zone == "CARMA"


def test_orm_inserts_get_the_sessions_zone(db: Database, two: dict[str, int]) -> None:
    """``insert(Model)``, one row or a bulk list (the demo builder's way), lands in the
    session's zone, not in the column's server default (CARMA)."""
    with _session(db, "VOEREN") as session, session.begin():
        session.execute(insert(Sequence).values(name="one", value=1))
        session.execute(insert(Sequence), [{"name": "bulk-1", "value": 1},
                                           {"name": "bulk-2", "value": 2}])
        session.execute(insert(Sequence).values(name="named", value=1, zone="CARMA"))
    with _session(db, None) as session:
        zones = dict(session.execute(select(Sequence.name, Sequence.zone)).all())
    assert zones == {"one": "VOEREN", "bulk-1": "VOEREN", "bulk-2": "VOEREN", "named": "CARMA"}


def test_a_new_zoned_row_without_a_zone_is_refused(db: Database) -> None:
    with _session(db, None) as session:
        session.add(Product(code="NOZONE", name="x", created_by="t"))
        with pytest.raises(ValueError, match="needs a zone"):
            session.flush()
        session.rollback()


# --- Core statements on zoned tables: reviewed, each naming the zone or reached by id -------

# Module -> why its Core use of a zoned table is right. A new Core statement on a zoned table
# in a service fails below until it names the zone and is listed here.
REVIEWED_CORE_USE = {
    "lookups.py": "by code: every statement has zone = :zone (working_zone)",
    "stock/ledger.py": "the booking and line inserts give zone=; key look-ups have zone = :zone",
    "orders.py": "the counter's first insert gives zone=",
    "masterdata/guards.py": "by product id, and the id came from a zoned look-up",
    "scans.py": "the parent of a location: by parent_id, the same zone as its child",
    "masterdata/locations.py": "the parent of a location: by parent_id",
    "kits/common.py": "the parent/source/target of a kit's location: by id",
}


def _core_uses(path: Path) -> list[str]:
    """``Model.__table__`` and ``insert(Model)`` of zoned models in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Attribute) and node.attr == "__table__"
                and isinstance(node.value, ast.Name) and node.value.id in ZONED_MODELS):
            found.append(f"{node.value.id}.__table__ (line {node.lineno})")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "insert" and node.args
                and isinstance(node.args[0], ast.Name)):
            name = node.args[0].id
            if name in ZONED_MODELS or name == "SequenceCounter" or name.startswith("_"):
                found.append(f"insert({name}) (line {node.lineno})")
    return found


def test_core_statements_on_zoned_tables_are_the_reviewed_ones() -> None:
    assert {"Product", "Location", "Booking", "Sequence", "StaffMember"} <= ZONED_MODELS
    unreviewed = {}
    for path in sorted(SERVICES.rglob("*.py")):
        uses = _core_uses(path)
        name = path.relative_to(SERVICES).as_posix()
        if uses and name not in REVIEWED_CORE_USE:
            unreviewed[name] = uses
    assert unreviewed == {}, (
        "a service uses a Core statement on a zoned table; the zone filter (db/zoning.py) sees "
        "ORM statements only: use the ORM, or name the zone (working_zone) and list it here")


def test_the_reviewed_core_statements_name_the_zone() -> None:
    for name in ("lookups.py", "stock/ledger.py", "orders.py"):
        assert "working_zone(" in (SERVICES / name).read_text(encoding="utf-8"), name
