"""The staff register through the services, on SQLite and PostgreSQL: find, view, add, edit
and the dated states; HR's list through the validated import (a preview keeps nothing); and
pickups "for staff:NUMBER" that resolve to a real staff member and show their name."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import take_snapshot
from sqlalchemy import func, select

from carma_logistiek.clock import local_today
from carma_logistiek.db.models import StaffMember, StaffState
from carma_logistiek.domain.access import Actor, Permission, Role
from carma_logistiek.domain.errors import PermissionDenied, UnknownRecipient
from carma_logistiek.domain.people import (
    DuplicateStaffNumber,
    StatePeriodsOverlap,
    UnknownStaffMember,
)
from carma_logistiek.domain.recipients import InvalidStaffNumber
from carma_logistiek.services import people, stock
from carma_logistiek.services.booking_import import import_bookings
from carma_logistiek.services.import_specs import run_import, spec_named
from carma_logistiek.services.recipients import recipient_candidates
from carma_logistiek.services.results import Recipient
from carma_logistiek.services.stock.overview import movement_history
from tests.support.actors import TESTER, without
from tests.support.builder import Builder

TODAY = local_today()


def count(db, model) -> int:  # type: ignore[no-untyped-def]
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_search_by_any_part_of_number_name_or_team_and_by_state(db) -> None:  # type: ignore[no-untyped-def]
    b = Builder(db).staff_member("01209", "Jan", "Peeters", team="Verkeer",
                                 since=date(2015, 3, 1))
    b.staff_member("00417", "Els", "Maes", kind="calog", team="Logistiek",
                   since=date(2001, 1, 1))
    b.staff_member("01300", "An", "Van den Broeck", team="Interventie Genk")
    people.set_staff_state(db, number="00417", state="napa", starts_on=TODAY, actor=TESTER)
    assert [r.number for r in people.search_staff(db)] == ["00417", "01209", "01300"]
    assert [r.name for r in people.search_staff(db, text="verk")] == ["Peeters Jan"]
    assert [r.number for r in people.search_staff(db, text="broeck genk")] == ["01300"]
    assert [r.number for r in people.search_staff(db, text="041")] == ["00417"]
    assert [r.number for r in people.search_staff(db, state="napa")] == ["00417"]
    assert {r.number for r in people.search_staff(db, state="in_dienst")} == {"01209", "01300"}


def test_a_person_has_a_dated_history_of_states(db) -> None:  # type: ignore[no-untyped-def]
    Builder(db).staff_member("01209", "Jan", "Peeters", since=date(2010, 9, 1))
    later = TODAY + timedelta(days=10)
    details = people.set_staff_state(db, number="01209", state="uit_dienst", starts_on=later,
                                     note="pensioen", actor=TESTER)
    assert details.changes.staff == {"01209"}
    assert [(s.state, s.starts_on, s.ends_on) for s in details.states] == [
        ("in_dienst", date(2010, 9, 1), later - timedelta(days=1)), ("uit_dienst", later, None)]
    assert details.state == "in_dienst"  # still in service today
    assert people.search_staff(db, state="uit_dienst", on=later)[0].number == "01209"


def test_an_overlapping_state_is_refused_and_changes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    Builder(db).staff_member("01209", since=date(2010, 9, 1))
    people.set_staff_state(db, number="01209", state="napa", starts_on=date(2024, 1, 1),
                           actor=TESTER)
    before = count(db, StaffState)
    with pytest.raises(StatePeriodsOverlap) as refused:
        people.set_staff_state(db, number="01209", state="loopbaanonderbreking",
                               starts_on=date(2020, 1, 1), ends_on=date(2020, 6, 30),
                               actor=TESTER)
    assert "31/12/2023" in refused.value.message()
    assert count(db, StaffState) == before


def test_add_edit_and_refusals(db) -> None:  # type: ignore[no-untyped-def]
    added = people.add_staff_member(
        db, number="01209", values=people.StaffValues("Jan", "Peeters", "inspecteur", "CALog",
                                                      "Logistiek", "Jan.Peeters@carma.example"),
        actor=TESTER)
    assert (added.kind, added.email, added.state) == ("calog", "jan.peeters@carma.example",
                                                      "in_dienst")
    with pytest.raises(DuplicateStaffNumber):
        people.add_staff_member(db, number="01209", values=people.StaffValues("X", "Y"),
                                actor=TESTER)
    with pytest.raises(InvalidStaffNumber):
        people.add_staff_member(db, number="12a", values=people.StaffValues("X", "Y"),
                                actor=TESTER)
    edited = people.edit_staff_member(db, number="01209", values=people.StaffValues(
        "Jan", "Peeters-Claes", team="Verkeer"), actor=TESTER)
    assert (edited.last_name, edited.kind, edited.team) == ("Peeters-Claes", "operationeel",
                                                            "Verkeer")
    with pytest.raises(UnknownStaffMember) as refused:
        people.view_staff_member(db, number="1209", actor=TESTER)
    assert "1209" in refused.value.message()
    assert count(db, StaffMember) == 1


def test_only_who_may_read_staff_sees_them(db) -> None:  # type: ignore[no-untyped-def]
    Builder(db).staff_member("01209")
    reader = Actor("lezer", frozenset({Role.READER}))
    with pytest.raises(PermissionDenied):
        people.search_staff(db.as_actor(reader))
    with pytest.raises(PermissionDenied):
        people.view_staff_member(db, number="01209", actor=reader)
    dpo = Actor("dpo", frozenset({Role.DPO}))
    assert people.view_staff_member(db, number="01209", actor=dpo).number == "01209"
    with pytest.raises(PermissionDenied):
        people.edit_staff_member(db, number="01209", values=people.StaffValues("A", "B"),
                                 actor=without(Permission.STAFF_EDIT))


HR_LIST = ("Stamnummer;Naam;Voornaam;Graad;Operationeel/CALog;Dienst;E-mail;Statut;Vanaf\r\n"
           "01209;Peeters;Jan;inspecteur;operationeel;Verkeer;jan.peeters@carma.example;"
           "in dienst;01/09/2010\r\n"
           "00417;Maes;Els;consulent;CALog;Logistiek;els.maes@carma.example;NAPA;"
           "01/01/2024\r\n")


def test_hr_list_preview_keeps_nothing_then_import_and_reimport(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "personeel.csv"
    path.write_bytes(HR_LIST.encode("cp1252"))
    spec = spec_named("staff")
    preview = run_import(db, spec, path, preview=True, actor=TESTER)
    assert preview.preview and not preview.refused and count(db, StaffMember) == 0
    kept = run_import(db, spec, path, preview=False, actor=TESTER)
    assert kept.changes.staff == {"01209", "00417"}
    maes = people.view_staff_member(db, number="00417", actor=TESTER)
    assert (maes.kind, maes.state, maes.states[0].starts_on) == ("calog", "napa",
                                                                  date(2024, 1, 1))
    again = run_import(db, spec, path, preview=False, actor=TESTER)
    assert again.unchanged == 2


def test_a_refused_row_keeps_nothing_of_the_list(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "personeel.csv"
    path.write_text(HR_LIST + "12a;Fout;Nummer;;;;;;\r\n", encoding="utf-8")
    report = run_import(db, spec_named("staff"), path, preview=False, actor=TESTER)
    assert report.abandoned and len(report.refused) == 1
    assert count(db, StaffMember) == 0


def test_a_pickup_for_staff_shows_the_name_and_an_unknown_number_is_refused(db, zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=10, actor=TESTER)
    stock.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                        quantity=1, recipient=Recipient("staff", "01209"), actor=TESTER)
    row = movement_history(db, product_code=zone.gloves)[0]
    assert row.recipient_name == "Janssens Jan"
    before = take_snapshot(db)
    with pytest.raises(UnknownStaffMember) as refused:
        stock.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                            quantity=1, recipient=Recipient("staff", "09999"), actor=TESTER)
    assert refused.value.message().startswith(
        "Personeelslid 09999 staat niet in het personeelsregister")
    for recipient in (Recipient("kit", "K-NOPE"), Recipient("vehicle", zone.storeroom)):
        with pytest.raises(UnknownRecipient):
            stock.record_pickup(db, product_code=zone.gloves, location_code=zone.storeroom,
                                quantity=1, recipient=recipient, actor=TESTER)
    assert take_snapshot(db) == before


def test_who_left_is_not_offered_as_a_recipient(db, zone) -> None:  # type: ignore[no-untyped-def]
    Builder(db).staff_member("03000", "Oud", "Gediende", state="uit_dienst")
    offered = {c.code: c.name for c in recipient_candidates(db) if c.kind == "staff"}
    assert offered["01209"] == "Janssens Jan"
    assert "03000" not in offered


def test_a_booking_file_for_an_unknown_staff_number_refuses_that_row(db, zone, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.gloves, location_code=zone.storeroom,
                          quantity=10, actor=TESTER)
    path = tmp_path / "boekingen.csv"
    path.write_text("Kind;Product;Location;Qty;Lot;Expiry;For\r\n"
                    f"afhaling;{zone.gloves};{zone.storeroom};1;;;staff:01209\r\n"
                    f"afhaling;{zone.gloves};{zone.storeroom};1;;;staff:01299\r\n",
                    encoding="utf-8")
    report = import_bookings(db, path, actor=TESTER)
    refused = [o for o in report.outcomes if o.outcome.value == "refused"]
    assert len(refused) == 1 and "Personeelslid 01299" in refused[0].text
