"""The permission matrix: every registered service, called as every role (and as an actor with
no role), is refused exactly when the declared table (tests/support/permission_table.py) says
so, and reached otherwise.

The services are called on a stand-in database whose ``read()`` and ``write()`` raise a private
exception: a call that gets that far passed its permission check, and nothing runs, so no
argument needs to be valid. A service added later without a row in the table, or a public
service function that is neither a registered write, read or sequence of writes nor one of
``PUBLIC_SERVICES``, fails here with a sentence naming it. Two cases run on real databases
(SQLite and PostgreSQL): a reader reads the stock and is refused a pickup, and nothing changed.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import carma_logistiek.services as services_package
from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.domain.errors import PermissionDenied
from carma_logistiek.services import kits, stock
from carma_logistiek.services.command import (
    COMMANDS,
    PUBLIC_SERVICES,
    QUERIES,
    SEQUENCES,
    ReadQuery,
    WriteCommand,
)
from carma_logistiek.services.documents import label_sheet
from carma_logistiek.services.kit_views import kit_label_specs
from carma_logistiek.services.recipients import recipient_candidates
from carma_logistiek.services.stock.overview import stock_overview
from tests.support.builder import Builder
from tests.support.permission_table import NO_ROLE, describe, permission_table
from tests.support.stand_in_database import Reached, StandInDatabase


def _import_every_service_module() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(services_package.__path__,
                                                         "carma_logistiek.services.")]
    for name in names:
        importlib.import_module(name)
    return names


SERVICE_MODULES = _import_every_service_module()
SERVICES: dict[str, WriteCommand[Any, Any] | ReadQuery[Any, Any]] = {**COMMANDS, **QUERIES}
TABLE = permission_table()

# Every role alone, and an actor that holds none (what a zone one has no role in gives).
ACTORS: list[tuple[Role | None, Actor]] = [
    *((role, Actor(user=f"matrix-{role.value}", roles=frozenset({role}))) for role in Role),
    (NO_ROLE, Actor(user="matrix-zonder-rol")),
]


# A value for every required argument, by its annotation: what the service does with it never
# matters, as long as it gets to the database without tripping over it first.
PLACEHOLDERS: tuple[tuple[str, object], ...] = (
    ("Actor", None),  # replaced by the actor under test
    ("Role", Role.READER),
    ("frozenset", frozenset()),
    ("set", frozenset()),
    ("Sequence", ()),
    ("list", []),
    ("tuple", ()),
    ("dict", {}),
    ("Mapping", {}),
    ("bytes", b""),
    ("bool", False),
    ("int", 1),
    ("date", date(2026, 1, 1)),
    ("Path", Path("stand-in")),
    ("str", "X"),
)

# Services that look at their arguments before they ask for a session: real-looking ones.
ARGUMENTS: dict[str, Callable[[Path], dict[str, object]]] = {
    "documents.label_sheet": lambda tmp: {"kind": "product"},
    "kit_views.kit_code_from_scan": lambda tmp: {"text": "KIT-001"},
    "kit_views.load_check": lambda tmp: {"text": "KIT-001"},
    # Writes the (given) plan rows to a file and never reads: reached when it returns.
    "kit_views.write_plan_ics": lambda tmp: {"rows": [], "path": str(tmp / "plan.ics"),
                                             "zone_name": "CARMA"},
}


def _placeholder(annotation: object) -> object:
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    for word, value in PLACEHOLDERS:
        if word in str(text):
            return value
    return None


def _arguments(function: Callable[..., object], skip: int, overrides: dict[str, object]
               ) -> tuple[list[object], dict[str, object]]:
    """Positional and keyword values for every required parameter after the first ``skip``."""
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for parameter in list(inspect.signature(function).parameters.values())[skip:]:
        if parameter.name in ("actor", "key"):
            continue
        if parameter.name in overrides:
            value = overrides[parameter.name]
        elif parameter.default is inspect.Parameter.empty:
            value = _placeholder(parameter.annotation)
        else:
            continue
        if parameter.kind is inspect.Parameter.POSITIONAL_ONLY:
            args.append(value)
        else:
            kwargs[parameter.name] = value
    return args, kwargs


def call_as(name: str, actor: Actor, tmp_path: Path) -> str:
    """"refused", "reached", or what else happened, for a sentence."""
    service = SERVICES[name]
    overrides = ARGUMENTS.get(name, lambda _tmp: {})(tmp_path)
    db = StandInDatabase()
    try:
        if isinstance(service, WriteCommand):
            args, kwargs = _arguments(service.body, 1, overrides)
            service(db, *args, actor=actor, **kwargs)
        else:
            args, kwargs = _arguments(service.function, 1, overrides)
            service(db.as_actor(actor), *args, **kwargs)
    except PermissionDenied:
        return "refused"
    except Reached:
        return "reached"
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return "reached"


# --- the declarations are complete -----------------------------------------------------------


def test_every_service_has_a_row_in_the_table_and_every_row_a_service() -> None:
    missing = sorted(set(SERVICES) - set(TABLE))
    stale = sorted(set(TABLE) - set(SERVICES))
    assert not missing, (
        f"these services have no row in tests/support/permission_table.py: {', '.join(missing)}"
        " (add who may use them)")
    assert not stale, (
        f"the permission table names services that do not exist: {', '.join(stale)}")


def _unregistered_service_functions() -> list[str]:
    """Public functions in carma_logistiek/services that take the database first and are no
    registered write or read, no declared sequence of writes and no declared public service."""
    found = []
    for module_name in SERVICE_MODULES:
        module = importlib.import_module(module_name)
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or not inspect.isfunction(value):
                continue
            if value.__module__ != module_name:
                continue
            parameters = list(inspect.signature(value).parameters.values())
            if not parameters or "Database" not in str(parameters[0].annotation):
                continue
            qualified = f"{module_name}.{attribute}"
            if qualified not in SEQUENCES and qualified not in PUBLIC_SERVICES:
                found.append(qualified)
    return sorted(found)


def test_every_service_function_declares_what_it_needs() -> None:
    undeclared = _unregistered_service_functions()
    assert not undeclared, (
        "these service functions declare no permission: " + ", ".join(undeclared) +
        " (a read gets @read(Permission.X), a write @write(Permission.X), one that needs none"
        " goes in PUBLIC_SERVICES in services/command.py with the reason)")


def test_public_services_exist_and_say_why() -> None:
    for qualified, reason in PUBLIC_SERVICES.items():
        module_name, _, attribute = qualified.rpartition(".")
        module = importlib.import_module(module_name)
        assert inspect.isfunction(getattr(module, attribute, None)), (
            f"PUBLIC_SERVICES names {qualified}, which is no function")
        assert len(reason.split()) >= 4, f"PUBLIC_SERVICES gives no reason for {qualified}"


def test_the_stand_in_tells_refused_from_reached(tmp_path: Path) -> None:
    """The matrix below can fail: a reader is refused a pickup and reaches the overview."""
    reader = Actor(user="lezer", roles=frozenset({Role.READER}))
    assert call_as("stock.record_pickup", reader, tmp_path) == "refused"
    assert call_as("stock.stock_overview", reader, tmp_path) == "reached"
    assert call_as("stock.stock_overview", Actor(user="niemand"), tmp_path) == "refused"


# --- the matrix ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_each_role_is_refused_exactly_where_the_table_says(name: str, tmp_path: Path) -> None:
    if name not in TABLE:
        pytest.fail(f"{name} has no row in tests/support/permission_table.py")
    allowed = TABLE[name]
    wrong = []
    for role, actor in ACTORS:
        outcome = call_as(name, actor, tmp_path)
        expected = "reached" if role in allowed else "refused"
        if outcome != expected:
            who = "an actor without a role" if role is None else role.value
            wrong.append(f"{who}: {outcome}, the table says {expected}")
    assert not wrong, (
        f"{name} ({SERVICES[name].permission.value}; the table: {describe(allowed)}): "
        + "; ".join(wrong))


# --- the real thing, once per backend --------------------------------------------------------


def test_a_reader_reads_the_stock_and_is_refused_a_pickup(db, zone, snapshot) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=20, actor=zone.actor)
    reader = Actor(user="lezer", roles=frozenset({Role.READER}))
    as_reader = db.as_actor(reader)
    rows = stock_overview(as_reader, location_code=zone.storeroom)
    assert [(row.product_code, row.quantity) for row in rows
            if row.product_code == zone.gloves] == [(zone.gloves, 20)]
    before = snapshot(db)
    with pytest.raises(PermissionDenied) as refused:
        stock.record_pickup(as_reader, product_code=zone.gloves, location_code=zone.storeroom,
                            quantity=1, actor=reader)
    assert "stock.book" in str(refused.value)
    # The booker's pick-up list of names is refused too (need-to-know), on the same handle.
    with pytest.raises(PermissionDenied):
        recipient_candidates(as_reader)
    assert snapshot(db) == before


def test_the_reads_inside_a_composition_check_as_its_reader(db, zone) -> None:  # type: ignore[no-untyped-def]
    """A label sheet is one composition of reads: each checks the person printing it. The
    buyer prints product labels; kit labels read the kits too, which the buyer may not."""
    Builder(db).kit_type("FAK", "First Aid Kit", items=[kits.TemplateItemInput(zone.gloves, 1)]) \
        .kit("KIT-001", "FAK", zone.storeroom)
    buyer = db.as_actor(Actor(user="aankoper", roles=frozenset({Role.PURCHASING})))
    [label] = label_sheet(buyer, kind="product", product_codes=[zone.gloves])
    assert label.code == zone.gloves
    with pytest.raises(PermissionDenied) as refused:
        kit_label_specs(buyer, ["KIT-001"])
    assert "kits.read" in str(refused.value)
    adviser = db.as_actor(Actor(user="preventie", roles=frozenset({Role.PREVENTION})))
    assert [spec.code for spec in kit_label_specs(adviser, ["KIT-001"])] == ["KIT-001"]
