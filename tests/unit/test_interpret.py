"""What a scanned text means, without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from carma_logistiek.domain.errors import DamagedLabel, UnsupportedLabelVersion
from carma_logistiek.scanning.gs1 import Gs1Data
from carma_logistiek.scanning.interpret import (
    ManufacturerCode,
    OwnLabel,
    Unrecognised,
    interpret,
)
from carma_logistiek.scanning.payloads import LabelKind, LabelPayload


@pytest.mark.parametrize("suffix", ["", "\r", "\n", "\r\n", "\t", "  "])
def test_own_label_with_wedge_suffixes(suffix: str) -> None:
    assert interpret("CL1:CARMA:L:GENK-KAST1" + suffix) == OwnLabel(
        LabelPayload(LabelKind.LOCATION, "GENK-KAST1"))


def test_manufacturer_code() -> None:
    assert interpret("5412345678908\r\n") == ManufacturerCode(Gs1Data("05412345678908"))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"), ("\r\n", "empty"), ("   ", "empty"),
        ("https://www.politie.be/5388", "url"), ("www.example.com", "url"),
        ("http://x", "url"), ("DT-SPK", "unknown"), ("5412345678901", "unknown"),
        ("Hallo wereld", "unknown"),
    ],
)
def test_unrecognised(text: str, reason: str) -> None:
    assert interpret(text) == Unrecognised(reason)


def test_damaged_and_newer_labels_raise() -> None:
    with pytest.raises(DamagedLabel):
        interpret("CL1:CARMA:Z:DT-SPK")
    with pytest.raises(UnsupportedLabelVersion):
        interpret("CL3:CARMA:P:DT-SPK")


@given(st.text(max_size=100))
def test_no_input_crashes(text: str) -> None:
    try:
        result = interpret(text)
    except (DamagedLabel, UnsupportedLabelVersion):
        return
    assert isinstance(result, OwnLabel | ManufacturerCode | Unrecognised)


def test_interpreting_and_resolving_do_not_load_opencv() -> None:
    """App start time: the meaning of a scan needs no OpenCV, NumPy or zxing-cpp."""
    import subprocess
    import sys

    code = ("import sys, carma_logistiek.scanning, carma_logistiek.scanning.interpret, "
            "carma_logistiek.services.scans; "
            "print(sorted(m for m in ('cv2', 'numpy', 'zxingcpp', 'biip') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
