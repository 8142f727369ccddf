"""``carma-logistiek orders suggest``: the order list as a table, CSV or JSON, and --create."""

from __future__ import annotations

import json

import pytest

from carma_logistiek.cli import main
from carma_logistiek.services import orders as po
from tests.integration.test_order_list import seed_order_list


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    return sqlite_url


def test_suggest_prints_the_list_in_each_format(db, db_url, zone, capsys) -> None:  # type: ignore[no-untyped-def]
    seed_order_list(db, zone)
    assert main(["orders", "suggest", "--db", db_url]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["Leverancier", "Code", "Product", "Locatie", "Voorraad",
                                "Besteld", "Min.", "Verbruik", "Voorstel"]
    assert table[-1].startswith("zonder leverancier  PLS")
    assert len(table) == 6

    assert main(["orders", "suggest", "--db", db_url, "--supplier", "MEDI", "--format",
                 "json"]) == 0
    [gloves] = json.loads(capsys.readouterr().out)
    assert (gloves["code"], gloves["suggested"], gloves["pack_size"], gloves["reference"]) == (
        zone.gloves, 12, 6, "HM-100")
    assert gloves["reason"].startswith("onder minimum 10: 3 in voorraad, 0 besteld")

    assert main(["orders", "suggest", "--db", db_url, "--location", zone.other_site,
                 "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("code,name,location,on_hand,on_order,minimum,maximum")
    assert len(lines) == 3


def test_create_makes_the_orders_and_says_their_numbers(db, db_url, zone, capsys) -> None:  # type: ignore[no-untyped-def]
    seed_order_list(db, zone)
    known = {order.number for order in po.list_orders(db)}
    assert main(["orders", "suggest", "--db", db_url, "--create", "--key", "k1"]) == 0
    captured = capsys.readouterr()
    made = {order.number for order in po.list_orders(db)} - known
    assert len(made) == 3
    assert captured.out.startswith("3 bestellingen aangemaakt (aangevraagd): ")
    assert all(number in captured.out for number in made)
    assert "1 lijn zonder leverancier niet besteld" in captured.err
    # Run again (a retry): all of it is on order now, so nothing new; only the line without a
    # supplier is left.
    assert main(["orders", "suggest", "--db", db_url, "--create", "--key", "k1"]) == 0
    assert capsys.readouterr().out == "Niets te bestellen.\n"
    assert {order.number for order in po.list_orders(db)} - known == made


def test_bad_input_is_a_sentence(db, db_url, zone, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["orders", "suggest", "--db", db_url, "--supplier", "NOPE"]) == 1
    assert capsys.readouterr().err.startswith("Onbekende leverancier: 'NOPE'.")
    assert main(["orders", "suggest", "--db", db_url, "--days", "0"]) == 1
    assert "tussen 1 en" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["orders", "suggest", "--db", db_url, "--days", "veel"])
    assert usage.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
