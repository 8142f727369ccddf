"""'Voor wie': finding a recipient by part of its name or code, what a staff number is, the
candidates the picker gets from the registers, and the names the movement lists show."""

from __future__ import annotations

import pytest

from carma_logistiek.domain.people import UnknownStaffMember
from carma_logistiek.domain.recipients import (
    InvalidStaffNumber,
    find_candidate,
    is_staff_number,
    search_candidates,
)
from carma_logistiek.services import stock
from carma_logistiek.services.recipients import recipient_candidates
from carma_logistiek.services.results import Recipient, RecipientCandidate
from carma_logistiek.services.stock.overview import movement_history
from tests.support.actors import TESTER
from tests.support.builder import Builder, Zone

CANDIDATES = [
    RecipientCandidate("vehicle", "VITO-10", "Mercedes Vito 10 (interventie Bree)"),
    RecipientCandidate("vehicle", "VITO-02", "Mercedes Vito 2 (interventie Genk)"),
    RecipientCandidate("vehicle", "PASSAT-01", "Volkswagen Passat 1 (anoniem)"),
    RecipientCandidate("kit", "KIT-V-001", "First Aid Kit — Mercedes Vito 2, koffer"),
    RecipientCandidate("location", "GNK-MAG-K1", "Kast 1 — drug- en alcoholtesten"),
    RecipientCandidate("staff", "01209"),
    RecipientCandidate("staff", "11209"),
]


def codes(found: list[RecipientCandidate]) -> list[str]:
    return [candidate.code for candidate in found]


def test_search_finds_any_part_of_name_or_code_whatever_the_case() -> None:
    assert codes(search_candidates(CANDIDATES, "vito")) == ["VITO-02", "VITO-10", "KIT-V-001"]
    assert codes(search_candidates(CANDIDATES, "ANONIEM")) == ["PASSAT-01"]
    assert codes(search_candidates(CANDIDATES, "drug")) == ["GNK-MAG-K1"]
    assert codes(search_candidates(CANDIDATES, "1209")) == ["01209", "11209"]
    # Every word must be there, in any order.
    assert codes(search_candidates(CANDIDATES, "genk vito")) == ["VITO-02"]
    assert search_candidates(CANDIDATES, "boxer") == []


def test_search_puts_the_exact_code_first_then_what_starts_so_in_natural_order() -> None:
    # "Mercedes Vito 2" before "Mercedes Vito 10": people count, they do not sort text; the
    # kit whose name only holds "Mercedes" comes after the names that start with it.
    assert codes(search_candidates(CANDIDATES, "mercedes")) == ["VITO-02", "VITO-10", "KIT-V-001"]
    assert codes(search_candidates(CANDIDATES, "kit-v-001")) == ["KIT-V-001"]
    assert codes(search_candidates(CANDIDATES, "01209")) == ["01209"]
    # Both start with "k" (one by its code, one by its name): then by name, and the ones that
    # merely hold a "k" after them.
    assert codes(search_candidates(CANDIDATES, "k")) == [
        "KIT-V-001",
        "GNK-MAG-K1",
        "VITO-02",
        "PASSAT-01",
    ]


def test_search_of_one_kind_and_a_limit() -> None:
    assert codes(search_candidates(CANDIDATES, "vito", kind="kit")) == ["KIT-V-001"]
    assert codes(search_candidates(CANDIDATES, "", kind="staff")) == ["01209", "11209"]
    assert len(search_candidates(CANDIDATES, "", limit=3)) == 3


def test_find_candidate_by_whole_code_or_name_only() -> None:
    assert find_candidate(CANDIDATES, "vito-02") == CANDIDATES[1]
    assert find_candidate(CANDIDATES, "volkswagen passat 1 (anoniem)") == CANDIDATES[2]
    assert find_candidate(CANDIDATES, "vito") is None  # a part names nobody
    assert find_candidate(CANDIDATES, "VITO-02", kind="kit") is None


@pytest.mark.parametrize("code", ["01209", "12345", "7"])
def test_a_staff_number_is_digits(code: str) -> None:
    assert is_staff_number(code)


@pytest.mark.parametrize("code", ["zzz", "", "0120A", "01 209", "CL1:CARMA:S:01209", "١٢٣"])
def test_anything_else_is_no_staff_number(code: str) -> None:
    assert not is_staff_number(code)


def test_staff_zzz_is_refused_with_a_sentence_and_books_nothing(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    Builder(db).delivery(zone.gloves, zone.storeroom, 5)
    with pytest.raises(InvalidStaffNumber) as refused:
        stock.record_pickup(
            db,
            product_code=zone.gloves,
            location_code=zone.storeroom,
            quantity=1,
            actor=TESTER,
            recipient=Recipient.parse("staff:zzz"),
        )
    assert refused.value.message() == (
        "'zzz' is geen personeelsnummer: een personeelsnummer bestaat enkel uit cijfers "
        "(bv. 01209). Scan de personeelskaart of kies de persoon uit de lijst."
    )
    assert refused.value.field == "recipient"
    assert [m.kind.value for m in movement_history(db, product_code=zone.gloves)] == ["delivery"]
    # A staff number that is not in the staff register is refused with its own sentence.
    with pytest.raises(UnknownStaffMember) as unknown:
        stock.record_pickup(
            db,
            product_code=zone.gloves,
            location_code=zone.storeroom,
            quantity=1,
            actor=TESTER,
            recipient=Recipient("staff", "01555"),
        )
    assert unknown.value.message().startswith(
        "Personeelslid 01555 staat niet in het personeelsregister")
    Builder(db).staff_member("01555", "Lotte", "Claes")
    stock.record_pickup(
        db,
        product_code=zone.gloves,
        location_code=zone.storeroom,
        quantity=1,
        actor=TESTER,
        recipient=Recipient("staff", "01555"),
    )
    assert movement_history(db, product_code=zone.gloves)[0].recipient == "staff:01555"


def test_candidates_come_from_the_registers_and_the_staff_numbers_used(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    builder = Builder(db)
    builder.location("VITO-01", "Mercedes Vito 1", "vehicle", parent=zone.site)
    builder.delivery(zone.gloves, zone.storeroom, 5)
    for recipient in (
        Recipient("staff", "01209"),
        Recipient("staff", "01209"),
        Recipient("vehicle", "VITO-01"),
        Recipient("other", "opleiding"),
    ):
        stock.record_pickup(
            db,
            product_code=zone.gloves,
            location_code=zone.storeroom,
            quantity=1,
            actor=TESTER,
            recipient=recipient,
        )
    found = recipient_candidates(db)
    assert RecipientCandidate("vehicle", "VITO-01", "Mercedes Vito 1") in found
    assert RecipientCandidate("location", zone.cabinet, "Kast 1") in found
    # Staff members come from the staff register, with their names.
    assert RecipientCandidate("staff", "01209", "Janssens Jan") in found
    # Sites and the zone only group places: nothing is taken for them.
    assert {zone.zone, zone.site} & {c.code for c in found} == set()
    assert "opleiding" not in {c.code for c in found}  # free text is nobody's register


def test_movements_carry_the_register_name_of_their_recipient(db, zone: Zone) -> None:  # type: ignore[no-untyped-def]
    builder = Builder(db)
    builder.location("VITO-01", "Mercedes Vito 1", "vehicle", parent=zone.site)
    builder.delivery(zone.gloves, zone.storeroom, 5)
    for recipient in (
        Recipient("vehicle", "VITO-01"),
        Recipient("location", zone.cabinet),
        Recipient("staff", "01209"),
        Recipient("vehicle", "VITO-01"),
    ):
        stock.record_pickup(
            db,
            product_code=zone.gloves,
            location_code=zone.storeroom,
            quantity=1,
            actor=TESTER,
            recipient=recipient,
        )
    shown = [
        (m.recipient, m.recipient_name) for m in movement_history(db, product_code=zone.gloves)
    ][:4]
    assert shown == [
        ("vehicle:VITO-01", "Mercedes Vito 1"),
        ("staff:01209", "Janssens Jan"),
        (f"location:{zone.cabinet}", "Kast 1"),
        ("vehicle:VITO-01", "Mercedes Vito 1"),
    ]
