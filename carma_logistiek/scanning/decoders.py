"""Getting codes off an image: the one decoder the app uses.

zxing-cpp, restricted to the four formats we meet (QR on our labels; Data Matrix, EAN-13 and
Code 128 on medical supplies). It was the fastest and most reliable of the decoders compared in
tests/benchmarks/bench_decoders.py (see docs/benchmarks.md); the others live in
tests/support/decoder_alternatives.py for that comparison. The reading itself is in harder.py:
its ``first_attempt`` is the easy path, and what that misses its harder attempts try to read
with prepared pictures and zbar.

Imports OpenCV, NumPy and zxing-cpp: import this module lazily (it is not imported by the
rest of the core), the app starts faster without them.
"""

from __future__ import annotations

import atexit
import contextlib
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import zxingcpp

from carma_logistiek.domain.errors import UnreadableImage

# Restricting the formats is what makes zxing-cpp fast: every extra format is another
# detector pass (all formats costs about 10x QR only).
FORMATS = "QRCode|DataMatrix|EAN13|Code128"
# What is reported of what zxing reads with FORMATS. Its "QRCode" is the whole QR family:
# Micro QR and rMQR too, which no label of ours or of a supplier uses, and a Micro QR's weak
# error correction made a short "4484" out of a sharpened blur (issue 12). Asking for
# "QRCodeModel2" alone would skip them but measured ~5 % slower, so they are dropped here.
OUR_SYMBOLOGIES = frozenset({"QRCode", "DataMatrix", "EAN13", "Code128"})


@dataclass(frozen=True)
class DecodedCode:
    symbology: str  # "QRCode", "DataMatrix", "EAN13", "Code128", ...
    text: str  # GS1 content in human-readable form: "(01)05412345678908(17)260630(10)A1"
    corners: tuple[tuple[int, int], ...]  # clockwise from the top-left of the code


def to_gray(frame: np.ndarray) -> np.ndarray:
    if frame.ndim == 2:
        return frame
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2GRAY)
    if frame.shape[2] == 1:
        return frame[:, :, 0]
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


_formats_cache: dict[str, zxingcpp.BarcodeFormats] = {}
# Release the cached zxing objects before the interpreter shuts down; otherwise nanobind
# reports them as leaked on every exit, which reads like an error in logs and CI output.
atexit.register(_formats_cache.clear)


def zxing_formats(names: str | None) -> zxingcpp.BarcodeFormats:
    """zxing-cpp's BarcodeFormats for "QRCode|DataMatrix|..." (None: every format)."""
    if names is None:
        names = "AllReadable"
    if names not in _formats_cache:
        _formats_cache[names] = zxingcpp.barcode_formats_from_str(names)
    return _formats_cache[names]


def decode_with_zxing(frame: np.ndarray, formats: str | None = FORMATS) -> list[DecodedCode]:
    gray = np.ascontiguousarray(to_gray(frame))
    found = zxingcpp.read_barcodes(gray, formats=zxing_formats(formats))
    return [
        DecodedCode(barcode.format.name, barcode.text, _corners(barcode.position))
        for barcode in found
        if barcode.valid
    ]


def _corners(position) -> tuple[tuple[int, int], ...]:  # type: ignore[no-untyped-def]
    return tuple((int(point.x), int(point.y)) for point in (
        position.top_left, position.top_right, position.bottom_right, position.bottom_left))


def decode_frame(frame: np.ndarray) -> list[DecodedCode]:
    """Every code found in a camera frame (BGR or grayscale): the easy path, the same one the
    camera takes (harder.first_attempt, which also counts the outlines it could not read)."""
    from carma_logistiek.scanning.harder import first_attempt

    return list(first_attempt(frame).codes)


def read_image(path: str | Path) -> np.ndarray:
    """An image file as a BGR array. Reads the bytes with NumPy and decodes them with OpenCV,
    because cv2.imread cannot open non-ASCII paths on Windows. Raises UnreadableImage."""
    from carma_logistiek.scanning.images import NotAnImage, check_pixels

    try:
        data = np.fromfile(str(path), dtype=np.uint8)
    except (OSError, ValueError) as error:
        raise UnreadableImage(file=str(path)) from error
    if not data.size:
        raise UnreadableImage(file=str(path))
    # The header first: a small file can claim 400 million pixels (ImageTooLarge). A format
    # OpenCV reads and Pillow does not is left to OpenCV below.
    with contextlib.suppress(NotAnImage):
        check_pixels(data.tobytes(), str(path))
    try:
        image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    except cv2.error as error:
        raise UnreadableImage(file=str(path)) from error
    if image is None:
        raise UnreadableImage(file=str(path))
    return np.asarray(image)


def decode_image_file(path: str | Path) -> list[DecodedCode]:
    """Every code in an image file (a photo, a scan, a rendered label sheet), read the hard way
    when the first attempt reads nothing (still.read_file, within its time budget)."""
    from carma_logistiek.scanning.still import read_file

    return list(read_file(path).codes)
