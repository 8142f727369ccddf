"""Every write goes through the one command path (services/command.py): an actor without the
declared permission is refused by EVERY write service and nothing changes; no service writes
any other way.

The examples below are real requests against a seeded zone: each is first refused to an actor
that lacks the permission, the whole database compared before and after, and then the same
request succeeds for an actor who has it, so the refusal was the permission's doing. A write
service added later without an example (or without a declaration) fails these tests.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

import carma_logistiek.services as services_package
from carma_logistiek.clock import local_today
from carma_logistiek.db.migrate import upgrade_to_head
from carma_logistiek.db.models import (
    AuditEntry,
    Base,
    OrderLine,
    Product,
    PurchaseOrder,
    StockMovement,
)
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import PUBLIC_PERMISSIONS, Actor, Role
from carma_logistiek.domain.errors import PermissionDenied
from carma_logistiek.domain.kits import LineOutcome
from carma_logistiek.services import accounts, kits, masterdata, orders, people, reordering, stock
from carma_logistiek.services.command import COMMANDS, SEQUENCES, WriteCommand
from carma_logistiek.services.import_specs import MINIMUMS, MinimumRequest
from carma_logistiek.services.masterdata import import_kinds
from carma_logistiek.services.people.import_kind import StaffImport
from tests.support.actors import TESTER, without
from tests.support.frames import tiny_photo

SERVICES = Path(services_package.__file__).parent


def _import_every_service_module() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(services_package.__path__,
                                                         "carma_logistiek.services.")]
    for name in names:
        importlib.import_module(name)
    return names


_import_every_service_module()

# --- a zone with something of everything ---------------------------------------------------

TODAY = local_today()
PAST = TODAY - timedelta(days=10)
LATER = TODAY + timedelta(days=400)


@pytest.fixture
def world(sqlite_url: str, make_zone):  # type: ignore[no-untyped-def]
    """One database with stock, an expired lot, orders, a kit type and kits for every example.
    (The permission check does not depend on the backend; one is enough here.)"""
    db = Database(sqlite_url)
    upgrade_to_head(sqlite_url, db.engine)
    zone = make_zone(db)
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=50, actor=TESTER)
    stock.record_delivery(db, product_code=zone.drug_test, location_code=zone.storeroom,
                          quantity=5, lot_number="OLD", expiry=PAST, actor=TESTER)
    stock.record_delivery(db, product_code=zone.mouthpiece, location_code=zone.storeroom,
                          quantity=10, lot_number="M1", expiry=LATER, actor=TESTER)
    kits.create_kit_type(db, code="FAK", name="First Aid Kit", interval_months_building=12,
                         interval_months_vehicle=6, actor=TESTER,
                         items=[kits.TemplateItemInput(zone.gloves, 1)])
    for code in ("K-MOVE", "K-RETIRE", "K-REPLACE", "K-ASSIGN", "K-PHOTO", "K-CHECK"):
        kits.register_kit(db, code=code, kit_type_code="FAK", location_code=zone.storeroom,
                          actor=TESTER)
    numbers = {
        purpose: orders.create_order(db, supplier="Medi-Market", location_code=zone.storeroom,
                                     lines=[(zone.gloves, 5)], actor=TESTER).number
        for purpose in ("update", "mark", "cancel", "receive")
    }
    try:
        yield db, zone, numbers
    finally:
        db.dispose()


Example = Callable[[Database, Any, dict[str, str]], tuple[tuple[Any, ...], dict[str, Any]]]


def _order_line(db: Database, number: str) -> int:
    with db.read() as session:
        return session.execute(
            select(OrderLine.id).join(PurchaseOrder, PurchaseOrder.id == OrderLine.order_id)
            .where(PurchaseOrder.number == number)).scalar_one()


def _first_booking_of(db: Database, product_code: str) -> int:
    with db.read() as session:
        return session.execute(
            select(func.min(StockMovement.booking_id))
            .join(Product, Product.id == StockMovement.product_id)
            .where(Product.code == product_code)).scalar_one()


def _check_lines(db: Database, code: str) -> list[kits.CheckLineInput]:
    return [kits.CheckLineInput(content.item.id, LineOutcome.MISSING, replace=1)
            for content in kits.kit_detail(db, code).contents]


def _supplier(db: Database, code: str, *, retired: bool = False) -> str:
    masterdata.create_supplier(db, code=code, values=masterdata.SupplierValues(code.title()),
                               actor=TESTER)
    if retired:
        masterdata.retire_supplier(db, code=code, actor=TESTER)
    return code


def _product(db: Database, code: str, *, retired: bool = False) -> str:
    masterdata.create_product(db, code=code, name=code.title(), actor=TESTER)
    if retired:
        masterdata.retire_product(db, code=code, actor=TESTER)
    return code


def _location(db: Database, code: str, parent: str, *, retired: bool = False) -> str:
    masterdata.create_location(db, code=code, name=code.title(), kind="cabinet",
                               parent_code=parent, actor=TESTER)
    if retired:
        masterdata.retire_location(db, code=code, actor=TESTER)
    return code


def _linked(db: Database, product: str, supplier: str) -> str:
    masterdata.set_product_supplier(db, product_code=product,
                                    supplier_code=_supplier(db, supplier), actor=TESTER)
    return supplier


ACCOUNT_PASSWORD = "een-lange-zin-als-wachtwoord"


def _account(db: Database, username: str) -> str:
    """An admin account (a database's first account must be one) with ACCOUNT_PASSWORD."""
    accounts.create_account(db, username=username, full_name=username.title(),
                            staff_number=None, roles=frozenset({Role.ADMIN}), zone="CARMA",
                            temporary_password=ACCOUNT_PASSWORD, actor=TESTER)
    return username


def _token_of(db: Database, username: str) -> int:
    return accounts.create_token(db, username=_account(db, username), name="script",
                                 actor=TESTER).id


def _without_accounts(db: Database) -> None:
    from sqlalchemy import delete

    from carma_logistiek.db.models import Account, AccountRole, AccountToken

    with db.write() as session:
        for model in (AccountToken, AccountRole, Account):
            session.execute(delete(model))


ACCOUNTS_EXAMPLES: dict[str, Example] = {
    # TESTER changes its own password: its account is found by its user name.
    "accounts.change_password": lambda db, z, n: ((), dict(
        current=ACCOUNT_PASSWORD if _account(db, TESTER.user) else "",
        new="een-andere-lange-zin")),
    "accounts.create_account": lambda db, z, n: ((), dict(
        username="nieuw", full_name="Nieuwe Gebruiker", staff_number=None,
        roles=frozenset({Role.READER}), zone="CARMA", temporary_password=ACCOUNT_PASSWORD)),
    "accounts.create_first_admin": lambda db, z, n: _without_accounts(db) or ((), dict(
        username="eerste", password=ACCOUNT_PASSWORD, full_name="Eerste Beheerder",
        staff_number=None)),
    "accounts.create_token": lambda db, z, n: ((), dict(
        username=_account(db, "script"), name="nachtelijke import")),
    "accounts.reset_password": lambda db, z, n: ((), dict(
        username=_account(db, "vergeten"), temporary_password="nog-een-tijdelijk-1")),
    "accounts.revoke_token": lambda db, z, n: ((), dict(token_id=_token_of(db, "ingetrokken"))),
    "accounts.set_active": lambda db, z, n: ((), dict(username=_account(db, "weg"),
                                                      active=False)),
    "accounts.set_roles": lambda db, z, n: ((), dict(
        username=_account(db, "rollen"), zone="CARMA", roles=frozenset({Role.READER}))),
    # Public: anyone may try (and the attempt is recorded); no actor is refused.
    "accounts.sign_in": lambda db, z, n: ((), dict(
        method="password", username=_account(db, "aanmelder"), password=ACCOUNT_PASSWORD)),
}


def _with_photo(db: Database, product: str) -> str:
    masterdata.set_product_photo(db, code=product, data=tiny_photo(), actor=TESTER)
    return product


MASTERDATA_EXAMPLES: dict[str, Example] = {
    "masterdata.update_product": lambda db, z, n: ((), dict(
        code=z.gloves, values=masterdata.ProductValues("Handschoenen M", unit="doos"))),
    "masterdata.retire_product": lambda db, z, n: ((), dict(code=_product(db, "OUD"))),
    "masterdata.reactivate_product": lambda db, z, n: ((), dict(
        code=_product(db, "TERUG", retired=True))),
    "masterdata.set_product_photo": lambda db, z, n: ((), dict(
        code=z.gloves, data=tiny_photo())),
    "masterdata.remove_product_photo": lambda db, z, n: ((), dict(
        code=_with_photo(db, z.mouthpiece))),
    "masterdata.set_product_supplier": lambda db, z, n: ((), dict(
        product_code=z.gloves, supplier_code=_supplier(db, "SUP-P"), reference="H-M",
        pack_size=10)),
    "masterdata.remove_product_supplier": lambda db, z, n: ((), dict(
        product_code=z.mouthpiece, supplier_code=_linked(db, z.mouthpiece, "SUP-L"))),
    "masterdata.create_supplier": lambda db, z, n: ((), dict(
        code="SUP-NEW", values=masterdata.SupplierValues("Nieuw", lead_time_days=3))),
    "masterdata.update_supplier": lambda db, z, n: ((), dict(
        code=_supplier(db, "SUP-U"), values=masterdata.SupplierValues("Andere naam"))),
    "masterdata.retire_supplier": lambda db, z, n: ((), dict(code=_supplier(db, "SUP-R"))),
    "masterdata.reactivate_supplier": lambda db, z, n: ((), dict(
        code=_supplier(db, "SUP-A", retired=True))),
    "masterdata.rename_location": lambda db, z, n: ((), dict(code=z.cabinet2, name="Kast 2b")),
    "masterdata.move_location": lambda db, z, n: ((), dict(
        code=_location(db, "GENK-KAST7", z.storeroom), parent_code=z.other_storeroom)),
    "masterdata.retire_location": lambda db, z, n: ((), dict(
        code=_location(db, "GENK-KAST8", z.storeroom))),
    "masterdata.reactivate_location": lambda db, z, n: ((), dict(
        code=_location(db, "GENK-KAST6", z.storeroom, retired=True))),
    "masterdata.upsert_product": lambda db, z, n: ((), dict(request=import_kinds.ProductImport(
        "IMP-1", masterdata.ProductValues("Ingelezen"), frozenset({"code", "name"})))),
    "masterdata.upsert_supplier": lambda db, z, n: ((), dict(
        request=import_kinds.SupplierImport("SUP-IMP", masterdata.SupplierValues("Ingelezen"),
                                            frozenset({"code", "name"})))),
    "masterdata.upsert_location": lambda db, z, n: ((), dict(
        request=import_kinds.LocationImport("GENK-KAST5", "Kast 5", "cabinet", z.storeroom,
                                            frozenset({"code", "name", "kind", "parent"})))),
}


# The seeded zone has staff members 01001, 01209 and 01234 (in dienst since today).
PEOPLE_EXAMPLES: dict[str, Example] = {
    "people.view_staff_member": lambda db, z, n: ((), dict(number="01209")),
    "people.add_staff_member": lambda db, z, n: ((), dict(
        number="02001", values=people.StaffValues("Nieuw", "Personeelslid"))),
    "people.edit_staff_member": lambda db, z, n: ((), dict(
        number="01209", values=people.StaffValues("Jan", "Janssens", grade="hoofdinspecteur"))),
    "people.set_staff_state": lambda db, z, n: ((), dict(
        number="01234", state="loopbaanonderbreking", starts_on=TODAY + timedelta(days=30),
        ends_on=TODAY + timedelta(days=120))),
    "people.upsert_staff_member": lambda db, z, n: ((), dict(request=StaffImport(
        "02002", people.StaffValues("Ingelezen", "Uit HR"), frozenset({"number"})))),
}


EXAMPLES: dict[str, Example] = {
    "stock.record_delivery": lambda db, z, n: ((), dict(
        product_code=z.gloves, location_code=z.cabinet, quantity=3)),
    "stock.record_pickup": lambda db, z, n: ((), dict(
        product_code=z.gloves, location_code=z.storeroom, quantity=1)),
    "stock.record_consumption": lambda db, z, n: ((), dict(
        product_code=z.gloves, location_code=z.storeroom, quantity=1)),
    "stock.record_pickup_basket": lambda db, z, n: ((), dict(
        location_code=z.storeroom, lines=[stock.BasketLine(z.gloves, 2)])),
    "stock.record_transfer": lambda db, z, n: ((), dict(
        product_code=z.gloves, from_location=z.storeroom, to_location=z.cabinet2,
        quantity=2)),
    "stock.write_off_expired": lambda db, z, n: ((), dict(
        product_code=z.drug_test, location_code=z.storeroom)),
    "stock.record_count": lambda db, z, n: ((), dict(
        location_code=z.storeroom, lines=[stock.CountLine(z.gloves, 40)])),
    "stock.reverse_booking": lambda db, z, n: ((), dict(
        booking_id=_first_booking_of(db, z.mouthpiece), reason="verkeerd lot")),
    "orders.create_order": lambda db, z, n: ((), dict(
        supplier="Medi-Market", location_code=z.storeroom, lines=[(z.gloves, 1)])),
    "orders.update_order": lambda db, z, n: ((n["update"],), dict(
        supplier="Other", location_code=z.storeroom, lines=[(z.gloves, 9)])),
    "orders.mark_ordered": lambda db, z, n: ((n["mark"],), {}),
    "orders.cancel_order": lambda db, z, n: ((n["cancel"],), dict(reason="te duur")),
    "orders.receive_order_line": lambda db, z, n: ((), dict(
        order_line_id=_order_line(db, n["receive"]), quantity=2)),
    "orders.create_from_list": lambda db, z, n: ((), dict(lines=(reordering.OrderListChoice(
        z.gloves, z.storeroom, _supplier(db, "SUP-LIJST"), 6),))),
    "masterdata.create_location": lambda db, z, n: ((), dict(
        code="GENK-KAST9", name="Kast 9", kind="cabinet", parent_code=z.storeroom)),
    "masterdata.create_product": lambda db, z, n: ((), dict(code="NIEUW", name="Nieuw")),
    "masterdata.set_minimum": lambda db, z, n: ((), dict(
        product_code=z.gloves, location_code=z.storeroom, minimum=7)),
    **MASTERDATA_EXAMPLES,
    **ACCOUNTS_EXAMPLES,
    **PEOPLE_EXAMPLES,
    "imports.import_table": lambda db, z, n: ((), dict(
        rows=[(2, MinimumRequest(z.gloves, z.storeroom, 8))],
        writer=MINIMUMS.writer(TESTER), source="minima.xlsx", skip_refused=False)),
    "scans.link_gtin": lambda db, z, n: ((), dict(
        product_code=z.gloves, gtin="4006381333931")),
    "kits.create_kit_type": lambda db, z, n: ((), dict(
        code="BURN", name="Burn Kit", interval_months_building=12, interval_months_vehicle=6,
        items=[kits.TemplateItemInput(z.gloves, 2)])),
    "kits.register_kit": lambda db, z, n: ((), dict(
        code="K-NEW", kit_type_code="FAK", location_code=z.storeroom)),
    "kits.move_kit": lambda db, z, n: ((), dict(code="K-MOVE", location_code=z.cabinet)),
    "kits.retire_kit": lambda db, z, n: ((), dict(code="K-RETIRE", reason="weg")),
    "kits.replace_kit": lambda db, z, n: ((), dict(old_code="K-REPLACE", new_code="K-REPL2")),
    "kits.assign_checks": lambda db, z, n: ((), dict(kit_codes=["K-ASSIGN"], person="an")),
    "kits.add_kit_photo": lambda db, z, n: ((), dict(
        code="K-PHOTO", data=tiny_photo(), mime_type="image/png")),
    "kits.record_check": lambda db, z, n: ((), dict(
        code="K-CHECK", lines=_check_lines(db, "K-CHECK"), stock_location_code=z.storeroom)),
    "zones.create_zone": lambda db, z, n: ((), dict(code="VOEREN", name="PZ Voeren")),
}


def everything(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: a refused write must leave all of it as it was."""
    with db.read() as session:
        return {table.name: sorted((tuple(row) for row in session.execute(select(table))),
                                   key=repr)
                for table in Base.metadata.sorted_tables}


def test_every_write_service_is_declared_and_has_an_example() -> None:
    assert len(COMMANDS) >= 24
    assert set(EXAMPLES) == set(COMMANDS), (
        "a write service without an example here (add one), or an example without a service")


def test_every_write_refuses_an_actor_without_its_permission_and_changes_nothing(world) -> None:  # type: ignore[no-untyped-def]
    db, zone, numbers = world
    for name, command in sorted(COMMANDS.items()):
        args, kwargs = EXAMPLES[name](db, zone, numbers)
        refused_actors = ([] if command.permission in PUBLIC_PERMISSIONS
                          else [without(command.permission), Actor(user="niemand")])
        for actor in refused_actors:
            assert not actor.may(command.permission)
            before = everything(db)
            with pytest.raises(PermissionDenied) as refused:
                command(db, *args, actor=actor, **kwargs)
            assert command.permission.value in str(refused.value), name
            assert everything(db) == before, f"{name} changed something for {actor.user}"
        # The same request is a valid one: it goes through for an actor who may.
        before = everything(db)
        result = command(db, *args, actor=TESTER, **kwargs)
        # A consultation changes nothing but the audit trail (its entry is the log).
        assert result.changes or command.consultation, f"{name} reports no change"
        assert everything(db) != before, f"{name} succeeded without writing anything"


def test_every_public_service_that_takes_an_actor_is_a_registered_write() -> None:
    unregistered = []
    for module_name in _import_every_service_module():
        module = importlib.import_module(module_name)
        for attribute, value in vars(module).items():
            if attribute.startswith("_") or getattr(value, "__module__", None) != module_name:
                continue
            if inspect.isfunction(value):
                parameters = list(inspect.signature(value).parameters)
                # A service takes the database first; one that takes an actor is a write.
                # A declared sequence of writes (a booking file) writes only through commands.
                qualified = f"{module_name}.{attribute}"
                if (parameters[:1] == ["db"] and "actor" in parameters
                        and qualified not in SEQUENCES):
                    unregistered.append(qualified)
            if isinstance(value, WriteCommand):
                assert COMMANDS[value.name] is value
    assert unregistered == [], "writes that bypass @write (services/command.py)"


def test_no_service_opens_a_write_transaction_but_the_command_path() -> None:
    """``db.write()`` appears in services/command.py and nowhere else in services/."""
    offenders = []
    for path in sorted(SERVICES.rglob("*.py")):
        if path.name == "command.py" and path.parent == SERVICES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("write", "begin", "commit")):
                offenders.append(f"{path.relative_to(SERVICES)}:{node.lineno}")
    assert offenders == []


def test_a_write_without_an_actor_is_a_programming_error(world) -> None:  # type: ignore[no-untyped-def]
    db, zone, _numbers = world
    with pytest.raises(TypeError):
        stock.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                            quantity=1, actor=None)  # type: ignore[arg-type]


def test_every_write_service_writes_one_audit_entry(world) -> None:  # type: ignore[no-untyped-def]
    """Every registered write, run as an actor with every role, adds ONE audit entry in its
    own transaction, named after the command: the trail misses no write service (a service
    added later is in COMMANDS, so it is checked here as soon as it has its example)."""
    db, zone, numbers = world
    for name, command in sorted(COMMANDS.items()):
        args, kwargs = EXAMPLES[name](db, zone, numbers)  # may write set-up entries itself
        with db.read() as session:
            last = session.scalar(select(func.max(AuditEntry.id))) or 0
        command(db, *args, actor=TESTER, **kwargs)
        with db.read() as session:
            added = session.execute(select(AuditEntry.action, AuditEntry.kind, AuditEntry.zone)
                                    .where(AuditEntry.id > last)).all()
        kind = "read" if command.consultation else ("sign_in" if name == "accounts.sign_in"
                                                    else "write")
        assert [tuple(row) for row in added] == [(name, kind, TESTER.zone)], name
