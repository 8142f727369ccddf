"""resolve_scan and link_gtin against a seeded zone (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest

from carma_logistiek.domain.errors import (
    DamagedLabel,
    DuplicateCode,
    ForeignZoneLabel,
    InvalidGtin,
    LotOfOtherProduct,
    UnknownGtin,
    UnknownLocation,
    UnknownLot,
    UnknownProduct,
    UnknownScan,
    UnsupportedLabelVersion,
)
from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
from carma_logistiek.services import masterdata, stock
from carma_logistiek.services.scans import link_gtin, resolve_scan
from tests.support.actors import person


def label(kind: LabelKind, code: str, lot: str | None = None, zone: str = "CARMA") -> str:
    return encode_label(LabelPayload(kind, code, lot, zone))


def test_product_label(db, zone) -> None:  # type: ignore[no-untyped-def]
    result = resolve_scan(db, label(LabelKind.PRODUCT, zone.gloves) + "\r\n")
    assert (result.kind, result.code) == ("product", zone.gloves)
    assert result.product is not None and result.product.name == "Wegwerphandschoenen M"
    assert result.raw_text.startswith("CL1:")


def test_lot_label(db, zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.drug_test, location_code=zone.cabinet,
                          quantity=5, actor=zone.actor, lot_number="L-77",
                          expiry=date(2027, 3, 31))
    result = resolve_scan(db, label(LabelKind.LOT, zone.drug_test, "L-77"))
    assert (result.kind, result.code, result.lot_number) == ("lot", zone.drug_test, "L-77")
    assert result.expiry == date(2027, 3, 31)


def test_lot_label_of_unknown_lot(db, zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownLot) as caught:
        resolve_scan(db, label(LabelKind.LOT, zone.drug_test, "NOPE"))
    assert "bestaat niet" in caught.value.message()


def test_lot_label_with_lot_of_another_product(db, zone) -> None:  # type: ignore[no-untyped-def]
    stock.record_delivery(db, product_code=zone.mouthpiece, location_code=zone.cabinet,
                          quantity=5, actor=zone.actor, lot_number="M-1",
                          expiry=date(2027, 3, 31))
    with pytest.raises(LotOfOtherProduct):
        resolve_scan(db, label(LabelKind.LOT, zone.drug_test, "M-1"))


def test_location_label(db, zone) -> None:  # type: ignore[no-untyped-def]
    result = resolve_scan(db, label(LabelKind.LOCATION, zone.cabinet))
    assert (result.kind, result.code) == ("location", zone.cabinet)
    assert result.location is not None
    assert (result.location.name, result.location.parent_code) == ("Kast 1", zone.storeroom)
    assert result.location.holds_stock


@pytest.mark.parametrize(
    ("kind", "name"),
    [(LabelKind.KIT, "kit"), (LabelKind.VEHICLE, "vehicle"), (LabelKind.STAFF, "staff"),
     (LabelKind.ORDER, "boutique_order")],
)
def test_labels_of_registers_to_come(db, zone, kind: LabelKind, name: str) -> None:  # type: ignore[no-untyped-def]
    result = resolve_scan(db, label(kind, "X-1"))
    assert (result.kind, result.code, result.product, result.location) == (name, "X-1", None, None)


@pytest.mark.parametrize("text", ["5412345678908", "05412345678908"])
def test_plain_gtin_13_or_14(db, zone, text: str) -> None:  # type: ignore[no-untyped-def]
    result = resolve_scan(db, text)
    assert (result.kind, result.code, result.gtin) == ("product", zone.drug_test, "05412345678908")


def test_gs1_fills_product_lot_and_expiry(db, zone) -> None:  # type: ignore[no-untyped-def]
    result = resolve_scan(db, "]d20105412345678908172712001" "0NEW-LOT")
    assert result.product is not None and result.product.code == zone.drug_test
    assert (result.lot_number, result.expiry) == ("NEW-LOT", date(2027, 12, 31))


def test_a_code_typed_by_hand_resolves_like_its_label(db, zone) -> None:  # type: ignore[no-untyped-def]
    # A damaged or missing label: the clerk types the code into the scan field.
    product = resolve_scan(db, zone.gloves.lower())
    assert (product.kind, product.code) == ("product", zone.gloves)
    location = resolve_scan(db, zone.storeroom)
    assert (location.kind, location.code) == ("location", zone.storeroom)
    with pytest.raises(UnknownScan):
        resolve_scan(db, "GEEN-CODE-HIER")


@pytest.mark.parametrize(
    ("text", "error", "words"),
    [
        ("https://www.politie.be/", UnknownScan, "geen etiket van CARMA Logistiek"),
        ("random text", UnknownScan, "geen productcode"),
        ("", UnknownScan, "geen etiket"),
        ("CL1:CARMA:Q:DT-SPK", DamagedLabel, "beschadigd"),
        ("CL2:CARMA:P:DT-SPK", UnsupportedLabelVersion, "versie 2"),
        ("CL1:MAASLAND:P:DT-SPK", ForeignZoneLabel, "zone MAASLAND; u werkt in zone CARMA"),
        ("4006381333931", UnknownGtin, "4006381333931 is aan geen enkel product gekoppeld"),
        ("CL1:CARMA:P:NOPE", UnknownProduct, "Onbekend product"),
        ("CL1:CARMA:L:NOPE", UnknownLocation, "Onbekende locatie"),
    ],
)
def test_refused_scans_say_why_in_dutch(db, zone, text, error, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error) as caught:
        resolve_scan(db, text)
    assert words in caught.value.message()


def test_other_zone_resolves_with_its_own_zone(db, zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ForeignZoneLabel):
        resolve_scan(db, label(LabelKind.PRODUCT, zone.gloves), zone="MAASLAND")


def test_link_gtin_then_scan(db, zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UnknownGtin):
        resolve_scan(db, "(01)04006381333931(10)A1")
    row = link_gtin(db, product_code=zone.gloves, gtin="04006381333931", actor=zone.actor)
    assert row.gtin == "4006381333931"  # stored in its shortest form
    assert resolve_scan(db, "(01)04006381333931(10)A1").code == zone.gloves
    assert resolve_scan(db, "4006381333931").code == zone.gloves
    assert masterdata.get_product(db, zone.gloves).gtin == "4006381333931"
    # Linking it again to the same product is harmless.
    assert link_gtin(db, product_code=zone.gloves, gtin="4006381333931", actor=person("x")).gtin


def test_link_gtin_refuses_duplicates_and_bad_check_digits(db, zone) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DuplicateCode):
        link_gtin(db, product_code=zone.gloves, gtin="05412345678908", actor=zone.actor)
    with pytest.raises(InvalidGtin) as caught:
        link_gtin(db, product_code=zone.gloves, gtin="4006381333932", actor=zone.actor)
    assert "controlecijfer" in caught.value.message()
    with pytest.raises(InvalidGtin):
        link_gtin(db, product_code=zone.gloves, gtin="", actor=zone.actor)
    with pytest.raises(UnknownProduct):
        link_gtin(db, product_code="NOPE", gtin="4006381333931", actor=zone.actor)
    assert masterdata.get_product(db, zone.gloves).gtin is None
