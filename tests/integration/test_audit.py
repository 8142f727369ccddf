"""The audit trail, on SQLite and PostgreSQL: every write leaves one entry with its records
before and after; the database itself refuses to change or delete an entry or a record; no
password or token ever reaches the trail; a refused write leaves no entry; and the search a DPO
uses finds entries by person, record and period."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from carma_logistiek.clock import local_today
from carma_logistiek.db.append_only import REFUSAL
from carma_logistiek.db.models import AuditEntry, AuditRecord
from carma_logistiek.db.uow import Database
from carma_logistiek.domain.access import Actor, Role
from carma_logistiek.domain.audit import InvalidPeriod, InvalidRecordReference
from carma_logistiek.domain.errors import DomainError, PermissionDenied
from carma_logistiek.services import accounts, audit, imports, masterdata, people, stock
from carma_logistiek.services.command import SECRET_REQUEST_KEYS
from carma_logistiek.services.import_specs import MINIMUMS, MinimumRequest
from tests.support.actors import TESTER
from tests.support.frames import tiny_photo

ADMIN_PASSWORD = "paard-batterij-nietje"
NEW_PASSWORD = "kurk-olifant-spiegel"
TEMPORARY = "tijdelijk-wachtwoord-1"


def entries(db: Database) -> list[AuditEntry]:
    with db.read() as session:
        found = list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        for entry in found:
            session.expunge(entry)
        return found


def entry_count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def last_detail(db: Database) -> audit.AuditDetail:
    return audit.audit_detail(db, entries(db)[-1].id)


def trail_text(db: Database) -> str:
    """Every value of every audit row, as one text to search for secrets."""
    with db.engine.connect() as connection:
        rows = [*connection.execute(select(AuditEntry.__table__)),
                *connection.execute(select(AuditRecord.__table__))]
    return "\n".join(repr(tuple(row)) for row in rows)


# --- append-only, enforced by the database ------------------------------------------------


def _refused(db: Database, sql: str) -> None:
    with pytest.raises(DBAPIError) as refused, db.engine.begin() as connection:
        connection.execute(text(sql))
    assert REFUSAL in str(refused.value)


def test_the_database_refuses_to_change_or_delete_audit_rows(db, zone) -> None:  # type: ignore[no-untyped-def]
    masterdata.update_product(db, code=zone.gloves,
                              values=masterdata.ProductValues("Handschoenen L", unit="doos"),
                              actor=TESTER)
    entry = entries(db)[-1]
    with db.engine.connect() as connection:
        record_id = connection.execute(text(
            "SELECT min(id) FROM audit_records WHERE entry_id = :entry"),
            {"entry": entry.id}).scalar_one()
        before = (list(connection.execute(text("SELECT * FROM audit_entries ORDER BY id"))),
                  list(connection.execute(text("SELECT * FROM audit_records ORDER BY id"))))
    assert record_id is not None

    _refused(db, f"UPDATE audit_entries SET actor = 'iemand-anders' WHERE id = {entry.id}")
    _refused(db, f"DELETE FROM audit_entries WHERE id = {entry.id}")
    _refused(db, f"UPDATE audit_records SET after = NULL WHERE id = {record_id}")
    _refused(db, f"DELETE FROM audit_records WHERE id = {record_id}")
    _refused(db, "DELETE FROM audit_records")
    if db.dialect == "postgresql":
        _refused(db, "TRUNCATE audit_records")

    with db.engine.connect() as connection:
        after = (list(connection.execute(text("SELECT * FROM audit_entries ORDER BY id"))),
                 list(connection.execute(text("SELECT * FROM audit_records ORDER BY id"))))
    assert after == before


def test_new_audit_rows_are_still_accepted_after_a_refusal(db, zone) -> None:  # type: ignore[no-untyped-def]
    count = entry_count(db)
    _refused(db, "DELETE FROM audit_entries")
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=4, actor=TESTER)
    assert entry_count(db) == count + 1


# --- what an entry holds ------------------------------------------------------------------


def test_a_product_edit_records_who_when_and_each_field_before_and_after(db, zone) -> None:  # type: ignore[no-untyped-def]
    clerk = Actor.with_every_role("els.maes")
    masterdata.update_product(db, code=zone.gloves,
                              values=masterdata.ProductValues("Handschoenen L", unit="doos",
                                                              category="Beschermmiddelen"),
                              actor=clerk)
    detail = last_detail(db)
    assert detail.row.actor == "els.maes"
    assert detail.row.action == "masterdata.update_product"
    assert detail.row.kind == "write"
    assert detail.row.zone == "CARMA"
    assert abs(detail.row.at - entries(db)[-1].at) < timedelta(seconds=1)
    assert detail.request["code"] == zone.gloves
    product = {record.reference: record for record in detail.records}[f"product:{zone.gloves}"]
    changed = {change.field: (change.before, change.after) for change in product.fields}
    # Only what changed: the category stayed, so it is not in the record.
    assert changed == {"name": ("Wegwerphandschoenen M", "Handschoenen L")}


def test_a_new_record_has_only_after_and_a_stock_level_is_named(db, zone) -> None:  # type: ignore[no-untyped-def]
    masterdata.create_product(db, code="VERBAND", name="Verband", actor=TESTER)
    created = {r.reference: r for r in last_detail(db).records}["product:VERBAND"]
    assert created.before is None
    assert created.after is not None and created.after["name"] == "Verband"

    stock.record_delivery(db, product_code="VERBAND", location_code=zone.storeroom,
                          quantity=7, actor=TESTER)
    references = [r.reference for r in last_detail(db).records]
    assert f"stock:VERBAND@{zone.storeroom}" in references


def test_a_deleted_record_has_only_before_and_bytes_are_their_hash(db, zone) -> None:  # type: ignore[no-untyped-def]
    masterdata.set_product_photo(db, code=zone.gloves, data=tiny_photo(), actor=TESTER)
    stored = masterdata.product_photo(db, zone.gloves)
    assert stored is not None
    photo = stored[1]
    masterdata.remove_product_photo(db, code=zone.gloves, actor=TESTER)
    removed = [r for r in last_detail(db).records if r.kind == "product_photos"]
    assert len(removed) == 1 and removed[0].after is None
    assert removed[0].before is not None
    assert removed[0].before["data"] == {"sha256": hashlib.sha256(photo).hexdigest()}
    # The request that set it holds the uploaded bytes as their hash too, never the bytes.
    uploaded = audit.audit_detail(db, entries(db)[-2].id).request["data"]
    assert uploaded == {"sha256": hashlib.sha256(tiny_photo()).hexdigest()}


def test_each_write_adds_exactly_one_entry(db, zone) -> None:  # type: ignore[no-untyped-def]
    count = entry_count(db)
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=10, actor=TESTER)
    stock.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                        quantity=2, actor=TESTER)
    assert entry_count(db) == count + 2
    assert [e.action for e in entries(db)[-2:]] == ["stock.record_delivery",
                                                     "stock.record_pickup"]


def test_an_import_is_one_entry_holding_the_records_of_its_rows(db, zone) -> None:  # type: ignore[no-untyped-def]
    count = entry_count(db)
    imports.import_table(db, rows=[(2, MinimumRequest(zone.gloves, zone.storeroom, 8)),
                                   (3, MinimumRequest(zone.gloves, zone.cabinet, 4))],
                         writer=MINIMUMS.writer(TESTER), source="minima.xlsx",
                         skip_refused=False, actor=TESTER)
    assert entry_count(db) == count + 1  # the rows' own commands ran inside it
    detail = last_detail(db)
    assert detail.row.action == "imports.import_table"
    assert detail.request["source"] == "minima.xlsx"
    minimums = [r for r in detail.records if r.kind == "product_minimums"]
    assert sorted(r.after["minimum"] for r in minimums if r.after) == [4, 8]


def test_reading_a_staff_members_details_is_logged_as_a_consultation(db, zone) -> None:  # type: ignore[no-untyped-def]
    reader = Actor.with_every_role("dpo.jansen")
    people.view_staff_member(db, number="01209", actor=reader)
    detail = last_detail(db)
    assert (detail.row.action, detail.row.kind, detail.row.actor) == (
        "people.view_staff_member", "read", "dpo.jansen")
    assert [r.reference for r in detail.records] == ["staff:01209"]


# --- secrets ------------------------------------------------------------------------------


def test_no_password_hash_or_token_ever_reaches_the_trail(db, zone) -> None:  # type: ignore[no-untyped-def]
    admin = accounts.create_first_admin(db, username="beheerder", password=ADMIN_PASSWORD,
                                        full_name="Bea Heerder", staff_number=None,
                                        actor=TESTER)
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(db, username="beheerder", password="fout-wachtwoord-123")
    signed = accounts.sign_in(db, username="beheerder", password=ADMIN_PASSWORD)
    accounts.change_password(db, current=ADMIN_PASSWORD, new=NEW_PASSWORD, actor=signed.actor)
    accounts.create_account(db, username="jan", full_name="Jan Janssens", staff_number=None,
                            roles=frozenset({Role.LOGISTICS}), zone="CARMA",
                            temporary_password=TEMPORARY, actor=signed.actor)
    accounts.reset_password(db, username="jan", temporary_password=TEMPORARY + "x",
                            actor=signed.actor)
    token = accounts.create_token(db, username="beheerder", name="script", actor=signed.actor)
    accounts.sign_in_with_token(db, token=token.token)
    assert admin.username == "beheerder"

    trail = trail_text(db)
    for secret in (ADMIN_PASSWORD, NEW_PASSWORD, TEMPORARY, "fout-wachtwoord-123",
                   token.token, "$argon2"):
        assert secret not in trail
    with db.read() as session:
        hashes = session.execute(text("SELECT password_hash FROM accounts")).scalars().all()
        token_hashes = session.execute(text("SELECT token_hash FROM account_tokens")).scalars()
        for value in [*hashes, *token_hashes]:
            assert value is None or value not in trail
    for entry in entries(db):
        assert not set(json.loads(entry.request)) & SECRET_REQUEST_KEYS, entry.action
    # The password change is there, without its values: it says the hash changed.
    change = next(e for e in reversed(entries(db)) if e.action == "accounts.change_password")
    record = {r.reference: r for r in audit.audit_detail(db, change.id).records}
    assert record["account:beheerder"].after is not None
    assert record["account:beheerder"].after["password_hash"] == "***"


def test_a_failed_sign_in_is_in_the_trail_as_a_sign_in(db, zone) -> None:  # type: ignore[no-untyped-def]
    accounts.create_first_admin(db, username="beheerder", password=ADMIN_PASSWORD,
                                full_name="Bea Heerder", staff_number=None, actor=TESTER)
    with pytest.raises(accounts.SignInRefused):
        accounts.sign_in(db, username="beheerder", password="fout-wachtwoord-123")
    detail = last_detail(db)
    assert (detail.row.action, detail.row.kind, detail.row.actor, detail.row.outcome) == (
        "accounts.sign_in", "sign_in", "beheerder", "WrongCredentials")
    counted = {r.reference: r for r in detail.records}["account:beheerder"]
    assert counted.before == {"failed_attempts": 0}
    assert counted.after == {"failed_attempts": 1}

    accounts.sign_in(db, username="beheerder", password=ADMIN_PASSWORD)
    assert last_detail(db).row.outcome == ""  # signed in


# --- refused writes -----------------------------------------------------------------------


def test_a_refused_write_adds_no_entry(db, zone) -> None:  # type: ignore[no-untyped-def]
    count = entry_count(db)
    with pytest.raises(PermissionDenied):
        stock.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                            quantity=1, actor=Actor(user="niemand"))
    with pytest.raises(DomainError):  # no stock: the rule refuses it
        stock.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                            quantity=1, actor=TESTER)
    with pytest.raises(DomainError):
        masterdata.update_product(db, code="BESTAAT-NIET",
                                  values=masterdata.ProductValues("X"), actor=TESTER)
    assert entry_count(db) == count


# --- searching ----------------------------------------------------------------------------


def test_search_by_person_record_period_and_action(db, zone) -> None:  # type: ignore[no-untyped-def]
    clerk = Actor.with_every_role("els.maes")
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=10, actor=clerk)
    masterdata.update_product(db, code=zone.mouthpiece,
                              values=masterdata.ProductValues("Mondstuk", unit="stuk",
                                                              tracks_lots=True,
                                                              tracks_expiry=True),
                              actor=TESTER)

    by_clerk = audit.search_audit(db, who="MAES")
    assert [row.action for row in by_clerk] == ["stock.record_delivery"]
    # A product finds its own entries and its stock's; newest first.
    gloves = audit.search_audit(db, record=f"product:{zone.gloves}")
    assert [row.action for row in gloves][:2] == ["stock.record_delivery",
                                                  "masterdata.create_product"]
    assert audit.search_audit(db, record=f"stock:{zone.gloves}@{zone.storeroom}")[0].actor == (
        "els.maes")
    assert audit.search_audit(db, record=f"location:{zone.storeroom}")[0].action == (
        "stock.record_delivery")
    today = local_today()
    assert len(audit.search_audit(db, since=today, until=today)) == entry_count(db)
    assert audit.search_audit(db, until=today - timedelta(days=1)) == []
    assert audit.search_audit(db, since=today + timedelta(days=1)) == []
    assert {row.action for row in audit.search_audit(db, action="stock")} == {
        "stock.record_delivery"}
    assert len(audit.search_audit(db, limit=2)) == 2

    with pytest.raises(InvalidRecordReference):
        audit.search_audit(db, record="product:")
    with pytest.raises(InvalidPeriod):
        audit.search_audit(db, since=today, until=today - timedelta(days=2))


def test_only_who_may_read_the_trail_reads_it(db, zone) -> None:  # type: ignore[no-untyped-def]
    dpo = db.as_actor(Actor(user="dpo", roles=frozenset({Role.DPO})))
    assert audit.search_audit(dpo)  # the seeding wrote entries
    clerk = db.as_actor(Actor(user="jan", roles=frozenset({Role.LOGISTICS})))
    with pytest.raises(PermissionDenied):
        audit.search_audit(clerk)
    with pytest.raises(PermissionDenied):
        audit.audit_detail(clerk, entries(db)[-1].id)

