"""``carma-logistiek audit``: the trail from the command line as CSV, JSON or a table, one
entry's fields before and after, and a sentence (and exit code) for what it cannot read."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest

from carma_logistiek.cli import main
from carma_logistiek.clock import local_today
from carma_logistiek.db.migrate import upgrade_to_head
from carma_logistiek.db.uow import Database
from carma_logistiek.services import masterdata, stock
from tests.support.actors import person
from tests.support.builder import Builder, Zone


@pytest.fixture
def zone_db(sqlite_url: str) -> Iterator[tuple[str, Database, Zone]]:
    db = Database(sqlite_url)
    upgrade_to_head(sqlite_url, db.engine)
    zone = Zone()
    Builder(db).carma_zone(zone)
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=10, actor=person("els.maes"))
    masterdata.update_product(db, code=zone.gloves, values=masterdata.ProductValues(
        "Handschoenen L", unit="doos", category="Beschermmiddelen"), actor=person("els.maes"))
    try:
        yield sqlite_url, db, zone
    finally:
        db.dispose()


def test_csv_and_json_by_person_and_period(zone_db, capsys) -> None:  # type: ignore[no-untyped-def]
    url, _db, zone = zone_db
    today = local_today().isoformat()
    assert main(["audit", "--db", url, "--who", "maes", "--from", today, "--to", today,
                 "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["action"] for row in rows] == ["masterdata.update_product",
                                              "stock.record_delivery"]
    assert {row["actor"] for row in rows} == {"els.maes"}
    assert main(["audit", "--db", url, "--record", f"product:{zone.gloves}",
                 "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["action"] == "masterdata.update_product"
    assert found[-1]["action"] == "masterdata.create_product"


def test_one_entry_with_its_fields_before_and_after(zone_db, capsys) -> None:  # type: ignore[no-untyped-def]
    url, _db, zone = zone_db
    main(["audit", "--db", url, "--action", "masterdata.update_product", "--format", "json"])
    entry = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["audit", "--db", url, "--entry", str(entry), "--format", "json"]) == 0
    detail = json.loads(capsys.readouterr().out)[0]
    assert detail["changes"] == [{"record": f"product:{zone.gloves}",
                                  "before": {"name": "Wegwerphandschoenen M"},
                                  "after": {"name": "Handschoenen L"}}]
    assert main(["audit", "--db", url, "--entry", str(entry)]) == 0
    table = capsys.readouterr().out
    assert "Product gewijzigd" in table and "Wegwerphandschoenen M" in table


def test_what_it_cannot_read_is_a_sentence(zone_db, capsys) -> None:  # type: ignore[no-untyped-def]
    url, _db, _zone = zone_db
    assert main(["audit", "--db", url, "--entry", "99999"]) == 1
    assert "Er is geen auditregel met nummer 99999." in capsys.readouterr().err
    assert main(["audit", "--db", url, "--record", "product:"]) == 1
    assert "SOORT:SLEUTEL" in capsys.readouterr().err
    assert main(["audit", "--db", url, "--from", "2026-12-09", "--to", "2026-12-01"]) == 1
    assert "het begin ligt na het einde" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["audit", "--db", url, "--from", "31/02/2026"])
    assert usage.value.code == 2
    assert "'31/02/2026' is geen datum" in capsys.readouterr().err
