"""The decoders the app does *not* use, kept for the comparison in the decode tests and
tests/benchmarks/bench_decoders.py. Same signature as decoders.decode_frame."""

from __future__ import annotations

import cv2
import numpy as np

from carma_logistiek.scanning.decoders import DecodedCode, decode_with_zxing, to_gray

__all__ = ["decode_with_opencv_qr", "decode_with_pyzbar", "decode_with_zxing"]

_PYZBAR_NAMES = {"QRCODE": "QRCode", "EAN13": "EAN13", "CODE128": "Code128"}


def decode_with_pyzbar(frame: np.ndarray, qr_only: bool = False) -> list[DecodedCode]:
    """zbar: QR, EAN-13 and Code 128 (zbar cannot read Data Matrix). Needs libzbar0."""
    from pyzbar import pyzbar  # type: ignore[import-untyped]

    symbols = [pyzbar.ZBarSymbol.QRCODE]
    if not qr_only:
        symbols += [pyzbar.ZBarSymbol.EAN13, pyzbar.ZBarSymbol.CODE128]
    gray = np.ascontiguousarray(to_gray(frame))
    found = []
    for symbol in pyzbar.decode(gray, symbols=symbols):
        corners = tuple((int(p.x), int(p.y)) for p in symbol.polygon)
        text = symbol.data.decode("utf-8", errors="replace")
        found.append(DecodedCode(_PYZBAR_NAMES.get(symbol.type, symbol.type), text, corners))
    return found


_detectors: dict[bool, object] = {}


def decode_with_opencv_qr(frame: np.ndarray, aruco: bool = True) -> list[DecodedCode]:
    """OpenCV's QR detector (QR only): cv2.QRCodeDetectorAruco, or the classic
    cv2.QRCodeDetector with ``aruco=False``."""
    if aruco not in _detectors:
        _detectors[aruco] = cv2.QRCodeDetectorAruco() if aruco else cv2.QRCodeDetector()
    detector = _detectors[aruco]
    gray = to_gray(frame)
    ok, texts, points, _straight = detector.detectAndDecodeMulti(gray)  # type: ignore[attr-defined]
    if not ok or points is None:
        return []
    return [
        DecodedCode("QRCode", text, tuple((int(x), int(y)) for x, y in quad))
        for text, quad in zip(texts, points, strict=False)
        if text
    ]


def zxing_all_formats(frame: np.ndarray) -> list[DecodedCode]:
    return decode_with_zxing(frame, None)


def zxing_qr_only(frame: np.ndarray) -> list[DecodedCode]:
    return decode_with_zxing(frame, "QRCode")
