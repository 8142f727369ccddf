"""Our own label payloads: CL1:<zone>:<kind>:<code>[:<lot>]."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carma_logistiek.domain.errors import DamagedLabel, InvalidCode, UnsupportedLabelVersion
from carma_logistiek.scanning.payloads import (
    LabelKind,
    LabelPayload,
    encode_label,
    is_alphanumeric,
    parse_label,
)

codes = st.from_regex(r"[A-Z0-9][A-Z0-9.\-]{0,31}", fullmatch=True)
lots = st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=40)


@pytest.mark.parametrize(
    ("payload", "text"),
    [
        (LabelPayload(LabelKind.PRODUCT, "DT-SPK"), "CL1:CARMA:P:DT-SPK"),
        (LabelPayload(LabelKind.LOT, "DT-SPK", "L2024-07a"), "CL1:CARMA:B:DT-SPK:L2024-07a"),
        (LabelPayload(LabelKind.LOCATION, "GENK-KAST1"), "CL1:CARMA:L:GENK-KAST1"),
        (LabelPayload(LabelKind.KIT, "EHBO-12"), "CL1:CARMA:K:EHBO-12"),
        (LabelPayload(LabelKind.VEHICLE, "VITO-01", zone="LIMBURG"), "CL1:LIMBURG:V:VITO-01"),
        (LabelPayload(LabelKind.STAFF, "12345"), "CL1:CARMA:S:12345"),
        (LabelPayload(LabelKind.ORDER, "B2024-0007"), "CL1:CARMA:O:B2024-0007"),
    ],
)
def test_encode_and_parse(payload: LabelPayload, text: str) -> None:
    assert encode_label(payload) == text
    assert parse_label(text) == payload


def test_codes_are_upper_cased_and_lots_kept() -> None:
    text = encode_label(LabelPayload(LabelKind.LOT, "dt-spk", "ab-12", zone="carma"))
    assert text == "CL1:CARMA:B:DT-SPK:ab-12"
    # A wedge scanner with caps lock on inverts the case: codes still resolve.
    assert parse_label("cl1:carma:p:dt-spk") == LabelPayload(LabelKind.PRODUCT, "DT-SPK")


def test_lot_may_contain_the_separator() -> None:
    payload = LabelPayload(LabelKind.LOT, "DT-SPK", "A:B")
    assert parse_label(encode_label(payload)) == payload


def test_short_payloads_use_qr_alphanumeric_mode() -> None:
    assert is_alphanumeric(encode_label(LabelPayload(LabelKind.LOCATION, "GENK-KAST1")))
    assert not is_alphanumeric(encode_label(LabelPayload(LabelKind.PRODUCT, "HAND_M")))


@pytest.mark.parametrize(
    "payload",
    [
        LabelPayload(LabelKind.PRODUCT, "bad code"),
        LabelPayload(LabelKind.PRODUCT, ""),
        LabelPayload(LabelKind.PRODUCT, "X" * 33),
        LabelPayload(LabelKind.LOT, "DT-SPK"),  # a lot label needs its lot
        LabelPayload(LabelKind.PRODUCT, "DT-SPK", zone="ZONE:X"),
    ],
)
def test_encode_refuses_invalid_payloads(payload: LabelPayload) -> None:
    with pytest.raises(InvalidCode):
        encode_label(payload)


def test_only_lot_labels_carry_a_lot() -> None:
    with pytest.raises(ValueError):
        encode_label(LabelPayload(LabelKind.PRODUCT, "DT-SPK", "L1"))


@pytest.mark.parametrize(
    "text", ["", "DT-SPK", "5412345678908", "https://example.com/CL1", "CLX:CARMA:P:A", "CL",
             "CL12345X"],
)
def test_not_ours(text: str) -> None:
    assert parse_label(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "CL1", "CL1:", "CL1:CARMA", "CL1:CARMA:P", "CL1:CARMA:P:", "CL1:CARMA:X:DT-SPK",
        "CL1:CARMA:B:DT-SPK", "CL1:CARMA:B:DT-SPK:", "CL1:CARMA:P:DT-SPK:L1",
        "CL1:CARMA:P:DT SPK", "CL1::P:DT-SPK", "CL0:CARMA:P:A", "CL1:CARMA:B:A:" + "L" * 41,
    ],
)
def test_damaged_labels(text: str) -> None:
    with pytest.raises(DamagedLabel) as caught:
        parse_label(text)
    assert "beschadigd" in caught.value.message()


def test_newer_versions_are_not_damaged_but_unsupported() -> None:
    with pytest.raises(UnsupportedLabelVersion) as caught:
        parse_label("CL2:CARMA:P:DT-SPK")
    assert "versie 2" in caught.value.message()


@given(st.sampled_from(list(LabelKind)), codes, codes, lots)
def test_round_trip(kind: LabelKind, zone: str, code: str, lot: str) -> None:
    payload = LabelPayload(kind, code, lot if kind is LabelKind.LOT else None, zone)
    assert parse_label(encode_label(payload)) == payload


@given(st.text(max_size=120))
def test_no_input_crashes_the_parser(text: str) -> None:
    with contextlib.suppress(DamagedLabel, UnsupportedLabelVersion):
        parse_label(text)


@given(st.from_regex(r"CL[0-9]{1,6}(:[A-Za-z0-9 :_.\-]{0,50})?", fullmatch=True))
def test_no_label_like_input_crashes_the_parser(text: str) -> None:
    with contextlib.suppress(DamagedLabel, UnsupportedLabelVersion):
        parse_label(text)
