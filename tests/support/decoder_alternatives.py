"""The decoders the app does *not* use, kept for the comparison in the decode tests and
tests/benchmarks/bench_decoders.py. Same signature as decoders.decode_frame."""

from __future__ import annotations

import cv2
import numpy as np

from carma_logistiek.scanning.decoders import DecodedCode, decode_with_zxing, to_gray

__all__ = ["decode_with_opencv", "decode_with_opencv_barcode", "decode_with_opencv_qr",
           "decode_with_pyzbar", "decode_with_zxing"]

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


_barcode_detector: list[object] = []


def decode_with_opencv_barcode(frame: np.ndarray) -> list[DecodedCode]:
    """OpenCV's linear-code reader (cv2.barcode: EAN-8/13, UPC-A/E; no Code 128)."""
    if not _barcode_detector:
        _barcode_detector.append(cv2.barcode.BarcodeDetector())
    detector = _barcode_detector[0]
    image = frame if frame.ndim == 3 else cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    ok, texts, kinds, points = detector.detectAndDecodeWithType(image)  # type: ignore[attr-defined]
    if not ok or points is None:
        return []
    names = {"EAN_13": "EAN13", "EAN_8": "EAN8", "UPC_A": "UPCA", "UPC_E": "UPCE"}
    return [DecodedCode(names.get(kind, kind), text, tuple((int(x), int(y)) for x, y in quad))
            for text, kind, quad in zip(texts, kinds, points, strict=False) if text]


def decode_with_opencv(frame: np.ndarray) -> list[DecodedCode]:
    """Everything OpenCV reads: QR (QRCodeDetectorAruco) and EAN/UPC (cv2.barcode)."""
    return decode_with_opencv_qr(frame) + decode_with_opencv_barcode(frame)
