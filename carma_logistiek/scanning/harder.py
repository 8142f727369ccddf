"""Reading codes that the first attempt misses: worn labels, phone photos, glare, tiny codes.

The first attempt (:func:`decoders.decode_frame`, zxing-cpp with its defaults on the four
formats we meet) reads a clean label in a millisecond or two. When it reads nothing, the
attempts below each prepare the picture differently and read it again, cheapest and most
often useful first (the order was measured on a generated set of hard images,
tests/support/hard_images.py, see docs/benchmarks.md), until one reads a code or the time
budget is spent:

- other binarizers (a global histogram instead of zxing's local average), for glare and veils;
- contrast equalisation (CLAHE) and flat-field correction, for dim photos and reflections;
- sharpening and noise reduction, for soft and grainy photos;
- opening and closing, for scratched and rubbed labels;
- the regions that look like a code, cut out and scaled up, for tiny codes in big photos;
  the whole picture scaled down, for big soft ones;
- turning the picture by 45 degrees, for a linear code held diagonally;
- inverting it, for a linear code white on dark (zxing's own ``try_invert`` reads 2D codes
  white on dark, not linear ones; ``try_rotate`` covers 90-degree turns);
- thinning and thickening dark bars, for ink spread and faded print;
- zbar (pyzbar), a second decoder (when libzbar is there).

Never a false reading: only our four symbologies count; a text read by any attempt but the
first must pass its own checks (our label's format, the GTIN check digit, GS1's rules), and a
linear code needs a second opinion that agrees (``CONFIRMED_BY_TWO``). One that fails is
counted as *unreadable*, so the caller can say "a code is there but it cannot be read" instead
of naming a different product. A code-free picture gives nothing.

Imports OpenCV, NumPy and zxing-cpp, like decoders.py: import lazily.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import cv2
import numpy as np
import zxingcpp

from carma_logistiek.scanning.decoders import (
    FORMATS,
    OUR_SYMBOLOGIES,
    DecodedCode,
    _corners,
    to_gray,
    zxing_formats,
)

log = logging.getLogger(__name__)

# A still image (scan-image, a photo) may take this long before the reader gives up.
STILL_BUDGET_S = 2.0
# Nothing smaller than this (in pixels, either side) can hold a code worth preparing.
SMALLEST_SIDE = 16
# Images larger than this (in pixels) are read at a reduced size by the prepared attempts;
# zxing's own first attempt sees the full picture.
WORKING_PIXELS = 3_000_000


@dataclass(frozen=True)
class Reading:
    """What the reader made of one picture."""

    codes: tuple[DecodedCode, ...]  # read and passing their own checks
    # Codes decoded but not trusted: a text failing its own checks, a linear code only one
    # attempt read. "There is a code, but it cannot be read" is said on these alone.
    unreadable: int = 0
    # Outlines the first attempt found without decoding them. A hint, not a code: a box or a
    # corner in the background makes one too (a Data Matrix "checksum error" on an empty desk),
    # so it only tells the camera to try harder sooner.
    outlines: int = 0
    strategy: str | None = None  # the attempt that read them; None when nothing was read
    attempts: tuple[str, ...] = ()  # the attempts made, in order
    seconds: float = 0.0

    @property
    def texts(self) -> list[str]:
        return [code.text for code in self.codes]


@dataclass
class _Picture:
    """The picture in the forms the attempts share, each computed once."""

    gray: np.ndarray
    cache: dict[str, np.ndarray] = field(default_factory=dict)

    def get(self, name: str, make: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        if name not in self.cache:
            self.cache[name] = np.ascontiguousarray(make(self.working))
        return self.cache[name]

    @property
    def working(self) -> np.ndarray:
        if "working" not in self.cache:
            self.cache["working"] = _at_most(self.gray, WORKING_PIXELS)
        return self.cache["working"]

    @property
    def factor(self) -> float:
        """Working size over full size (1.0 for pictures up to WORKING_PIXELS)."""
        return float(self.working.shape[1] / self.gray.shape[1])


def _at_most(gray: np.ndarray, pixels: int) -> np.ndarray:
    height, width = gray.shape
    if width * height <= pixels:
        return gray
    factor = (pixels / (width * height)) ** 0.5
    return cv2.resize(gray, (int(width * factor), int(height * factor)),
                      interpolation=cv2.INTER_AREA)


# -- preparing the picture ----------------------------------------------------------------------

def _clahe(gray: np.ndarray) -> np.ndarray:
    return cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8)).apply(gray)


def _flat_field(gray: np.ndarray) -> np.ndarray:
    """Divide out the slow changes of light (a reflection, a dark corner), then stretch. The
    light is estimated on a copy 8 times smaller: it changes slowly, and that is 60x cheaper."""
    height, width = gray.shape
    small = cv2.resize(gray, (max(1, width // 8), max(1, height // 8)),
                       interpolation=cv2.INTER_AREA).astype(np.float32)
    light = cv2.GaussianBlur(small, (0, 0), max(small.shape) / 24)
    background = cv2.resize(light, (width, height), interpolation=cv2.INTER_LINEAR) + 1.0
    flat = cv2.divide(gray.astype(np.float32), background)
    return cv2.normalize(flat, None, 0, 255, cv2.NORM_MINMAX).astype(np.uint8)


def _inverted(gray: np.ndarray) -> np.ndarray:
    """White on dark made dark on white: zxing's own try_invert helps 2D codes, not linear ones."""
    return cv2.bitwise_not(gray)


def _sharpened(gray: np.ndarray) -> np.ndarray:
    soft = cv2.GaussianBlur(gray, (0, 0), 2.0)
    return cv2.addWeighted(gray, 2.0, soft, -1.0, 0)


def _denoised(gray: np.ndarray) -> np.ndarray:
    return cv2.medianBlur(gray, 5)


def _opened(gray: np.ndarray) -> np.ndarray:
    """Thin bright scratches through dark modules removed."""
    return cv2.morphologyEx(gray, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))


def _closed(gray: np.ndarray) -> np.ndarray:
    """Thin dark scratches and specks through light modules removed."""
    return cv2.morphologyEx(gray, cv2.MORPH_CLOSE, np.ones((3, 3), np.uint8))


def _thinned(gray: np.ndarray) -> np.ndarray:
    """Dark bars and modules a pixel thinner on each side: undoes ink spread (a thermal
    printer's bars too wide), which makes zbar, and sometimes zxing, read another number."""
    return cv2.dilate(gray, np.ones((3, 3), np.uint8))


def _thickened(gray: np.ndarray) -> np.ndarray:
    """Dark bars a pixel wider on each side: for faded, too thin print."""
    return cv2.erode(gray, np.ones((3, 3), np.uint8))


def _halved(gray: np.ndarray) -> np.ndarray:
    return cv2.resize(gray, (gray.shape[1] // 2, gray.shape[0] // 2), interpolation=cv2.INTER_AREA)


def _rotation_45(width: int, height: int) -> tuple[np.ndarray, int]:
    """The matrix that turns a picture by 45 degrees into a square of ``side`` that holds it."""
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), 45, 1.0)
    side = int((width + height) / 2 ** 0.5) + 2
    matrix[0, 2] += side / 2 - width / 2
    matrix[1, 2] += side / 2 - height / 2
    return matrix, side


def _rotated_45(gray: np.ndarray) -> np.ndarray:
    """A linear code held diagonally is read by neither zxing's rows nor its columns."""
    matrix, side = _rotation_45(gray.shape[1], gray.shape[0])
    return cv2.warpAffine(gray, matrix, (side, side), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_REPLICATE)


# -- regions that look like a code ----------------------------------------------------------------

def code_like_regions(gray: np.ndarray, limit: int = 4) -> list[tuple[int, int, int, int]]:
    """(x, y, width, height) of up to ``limit`` regions dense in sharp edges, the most code-like
    first: where a small code may be in a big photo. Found on a reduced copy, so cheap."""
    height, width = gray.shape
    factor = min(1.0, 800 / max(width, height))
    small: np.ndarray = cv2.resize(gray, (int(width * factor), int(height * factor)),
                                   interpolation=cv2.INTER_AREA) if factor < 1 else gray
    gx = cv2.Sobel(small, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(small, cv2.CV_32F, 0, 1, ksize=3)
    energy = cv2.blur(cv2.magnitude(gx, gy), (9, 9))
    threshold = max(float(np.percentile(energy, 97)), 4 * float(np.median(energy)) + 1)
    edges = (energy >= threshold).astype(np.uint8)
    mask = cv2.morphologyEx(edges, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    count, _labels, stats, _centroids = cv2.connectedComponentsWithStats(mask)
    found = []
    for index in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[index])
        if area < 40 or w < 6 or h < 6:
            continue
        score = float(energy[y:y + h, x:x + w].mean()) * area ** 0.5
        margin = max(w, h) // 3 + 4
        box = (max(0, x - margin), max(0, y - margin), w + 2 * margin, h + 2 * margin)
        found.append((score, tuple(int(v / factor) for v in box)))
    found.sort(key=lambda item: -item[0])
    return [box for _score, box in found[:limit]]  # type: ignore[misc]


def _crops_scaled_up(gray: np.ndarray, factor: float,
                     limit: int = 4) -> list[tuple[np.ndarray, tuple[int, int], float]]:
    """The code-like regions cut out and scaled up by ``factor`` (at most 1.5 MP each), with
    where each was cut and by how much it grew."""
    crops = []
    for x, y, w, h in code_like_regions(gray, limit):
        crop = gray[y:y + h, x:x + w]
        if crop.size == 0:
            continue
        grow = max(1.0, min(factor, (1_500_000 / crop.size) ** 0.5))
        if grow > 1:
            crop = cv2.resize(crop, None, fx=grow, fy=grow, interpolation=cv2.INTER_CUBIC)
        crops.append((np.ascontiguousarray(crop), (x, y), grow))
    return crops


# -- reading --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Found:
    code: DecodedCode
    valid: bool  # the decoder's own verdict (checksum, error correction)


def _zxing(gray: np.ndarray, binarizer: str = "LocalAverage") -> list[_Found]:
    barcodes = zxingcpp.read_barcodes(
        gray, formats=zxing_formats(FORMATS), return_errors=True,
        binarizer=getattr(zxingcpp.Binarizer, binarizer))
    return [_Found(DecodedCode(b.format.name, b.text, _corners(b.position)), b.valid)
            for b in barcodes]


def _zbar(gray: np.ndarray) -> list[_Found]:
    """zbar, the second decoder (EAN-13, Code 128, QR; no Data Matrix); nothing when the
    library is missing (scanning/zbar.py says where it comes from, in and out of the bundle)."""
    from carma_logistiek.scanning.zbar import zbar_decode

    return [_Found(code, True) for code in zbar_decode(gray)]


Attempt = Callable[["_Picture"], list[_Found]]
Reader = Callable[[np.ndarray], list[_Found]]
Points = Callable[[tuple[tuple[int, int], ...]], tuple[tuple[int, int], ...]]


def _moved(found: list[_Found], points: Points) -> list[_Found]:
    """Corners taken back to the picture's own coordinates."""
    return [_Found(DecodedCode(item.code.symbology, item.code.text, points(item.code.corners)),
                   item.valid) for item in found]


def _scaled(factor: float, dx: float = 0.0, dy: float = 0.0) -> Points:
    return lambda corners: tuple((int(x / factor + dx), int(y / factor + dy)) for x, y in corners)


def _whole(form: str, make: Callable[[np.ndarray], np.ndarray],
           binarizer: str = "LocalAverage", reader: Reader | None = None) -> Attempt:
    """An attempt on the whole picture, prepared by ``make`` (computed once, shared by name)."""
    def attempt(picture: _Picture) -> list[_Found]:
        image = picture.get(form, make)
        found = reader(image) if reader is not None else _zxing(image, binarizer)
        back = image.shape[1] / picture.working.shape[1]  # halved: 0.5
        return _moved(found, _scaled(back * picture.factor))
    return attempt


def _rotated(picture: _Picture) -> list[_Found]:
    image = picture.get("r45", _rotated_45)
    height, width = picture.working.shape
    matrix = cv2.invertAffineTransform(_rotation_45(width, height)[0])

    def back(corners: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
        moved = []
        for x, y in corners:
            wx = matrix[0, 0] * x + matrix[0, 1] * y + matrix[0, 2]
            wy = matrix[1, 0] * x + matrix[1, 1] * y + matrix[1, 2]
            moved.append((int(wx / picture.factor), int(wy / picture.factor)))
        return tuple(moved)
    return _moved(_zxing(image), back)


def _regions(factor: float, reader: Reader = _zxing) -> Attempt:
    """Each code-like region of the full-size picture, scaled up, until one reads."""
    def attempt(picture: _Picture) -> list[_Found]:
        found: list[_Found] = []
        for crop, (x, y), grow in _crops_scaled_up(picture.gray, factor):
            found += _moved(reader(crop), _scaled(grow, x, y))
            if any(item.valid for item in found):
                break
        return found
    return attempt


def _identity(gray: np.ndarray) -> np.ndarray:
    return gray


def _inverted_equalised(gray: np.ndarray) -> np.ndarray:
    return _clahe(_inverted(gray))


def _equalised_zxing(crop: np.ndarray) -> list[_Found]:
    return _zxing(_clahe(crop))


# The order was measured on the tuning set (tests/support/hard_images.py, seed 1: each attempt
# alone on every image the first attempt missed, then a greedy pick of the attempt that adds
# most reads per millisecond, confirmation of linear codes included): a short budget (the
# camera's 0.3 s) gets the likeliest ones, a still picture (2 s) all of them, ~0.8 s in all
# on a 1-3 MP picture.
ATTEMPTS: dict[str, Attempt] = {
    "halved": _whole("half", _halved),
    "closed": _whole("closed", _closed),
    "opened": _whole("opened", _opened),
    "regions x2": _regions(2.0),
    "regions x3": _regions(3.0),
    "flat-field+fixed": _whole("flat", _flat_field, "FixedThreshold"),
    "denoised": _whole("median", _denoised),
    "equalised": _whole("clahe", _clahe),
    "equalised+global": _whole("clahe", _clahe, "GlobalHistogram"),
    "flat-field": _whole("flat", _flat_field),
    "sharpened": _whole("sharp", _sharpened),
    "zbar equalised": _whole("clahe", _clahe, reader=_zbar),
    "zbar": _whole("working", _identity, reader=_zbar),
    "global-histogram": _whole("working", _identity, "GlobalHistogram"),
    "inverted": _whole("inverted", _inverted),
    "inverted+equalised": _whole("inverted-clahe", _inverted_equalised),
    "regions x3 equalised": _regions(3.0, _equalised_zxing),
    "rotated 45": _rotated,
    "zbar regions x2": _regions(2.0, _zbar),
    "thinned": _whole("thinned", _thinned),
    "thickened": _whole("thickened", _thickened),
}
ORDER: tuple[str, ...] = tuple(ATTEMPTS)
# Linear codes have a weak check (EAN-13: one digit in ten), and an attempt that reshapes the
# picture can turn a smudge into another valid number. A linear code read the hard way counts
# only when a second, different attempt reads the same text, and one of the two is zxing's:
# zbar's misreadings repeat (bars a module too wide read as the same wrong GTIN with and
# without equalisation), so two zbar attempts agreeing prove nothing. 2D codes carry
# Reed-Solomon error correction and count at once.
CONFIRMED_BY_TWO = frozenset({"EAN13", "Code128"})  # the linear ones of OUR_SYMBOLOGIES


def first_attempt(frame: np.ndarray) -> Reading:
    """The easy path (what :func:`decoders.decode_frame` does, at the same cost), and also how
    many codes it saw but could not read: zxing found their outline, the content failed."""
    start = time.perf_counter()
    found = _zxing(np.ascontiguousarray(to_gray(frame)))
    codes = tuple(item.code for item in found
                  if item.valid and item.code.symbology in OUR_SYMBOLOGIES)
    return Reading(codes, outlines=sum(not item.valid for item in found),
                   strategy="first" if codes else None, attempts=("first",),
                   seconds=time.perf_counter() - start)


def read_still(image: np.ndarray, *, budget_s: float = STILL_BUDGET_S,
               order: Iterable[str] = ORDER) -> Reading:
    """Every code in a still picture: the first attempt, then the harder ones until one reads
    or ``budget_s`` is spent."""
    start = time.perf_counter()
    gray = np.ascontiguousarray(to_gray(image))
    first = first_attempt(gray)
    if first.codes:
        return first
    return read_harder(gray, budget_s=budget_s - (time.perf_counter() - start), order=order,
                       _outlines=first.outlines, _start=start)


def read_harder(image: np.ndarray, *, budget_s: float, order: Iterable[str] = ORDER,
                _outlines: int = 0, _start: float | None = None) -> Reading:
    """The harder attempts only (the caller's first attempt read nothing), until one reads a
    code that passes its checks or ``budget_s`` is spent. The attempt under way when the
    budget runs out is finished: ~0.1 s on a 3 MP photo, up to ~0.8 s on one that is all
    fine texture (gravel, noise), where zxing finds edges everywhere."""
    start = time.perf_counter() if _start is None else _start
    deadline = time.perf_counter() + max(0.0, budget_s)
    picture = _Picture(np.ascontiguousarray(to_gray(image)))
    unreadable = 0
    if min(picture.gray.shape) < SMALLEST_SIDE:
        return Reading((), outlines=_outlines, seconds=time.perf_counter() - start)
    made = ["first"] if _start is not None else []
    pending: dict[str, set[str]] = {}  # linear text -> the attempts that read it
    for name in order:
        if time.perf_counter() >= deadline:
            break
        made.append(name)
        try:
            found = ATTEMPTS[name](picture)
        except cv2.error:  # an odd picture for one preparation: that attempt reads nothing
            log.warning("attempt %s failed on a %s picture", name, picture.gray.shape, exc_info=True)
            continue
        decoded = [item.code for item in found if item.valid]
        good = [code for code in decoded if passes_checks(code)]
        unreadable = max(unreadable, len(decoded) - len(good))
        accepted = []
        for code in good:
            readers = pending.setdefault(code.text, set()) | {name}
            pending[code.text] = readers
            if code.symbology in CONFIRMED_BY_TWO and not _confirmed(readers):
                confirmer = _second_opinion(picture, code, name, deadline)
                if confirmer is None:
                    continue
                readers.add(confirmer)
            accepted.append(code)
        if accepted:
            return Reading(tuple(_unique(accepted)), strategy=name, attempts=tuple(made),
                           outlines=_outlines, seconds=time.perf_counter() - start)
    # Linear codes read once and never confirmed: decoded, but not trusted.
    unreadable = max(unreadable, len(pending))
    return Reading((), unreadable=unreadable, outlines=_outlines, attempts=tuple(made),
                   seconds=time.perf_counter() - start)


def _around(gray: np.ndarray, corners: tuple[tuple[int, int], ...]) -> np.ndarray | None:
    """The part of the picture a code's corners enclose, with room for its quiet zones."""
    xs, ys = [x for x, _y in corners], [y for _x, y in corners]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    margin = int(max(width, height) * 0.25) + 16
    left, top = max(0, min(xs) - margin), max(0, min(ys) - margin)
    right, bottom = min(gray.shape[1], max(xs) + margin), min(gray.shape[0], max(ys) + margin)
    if right - left < SMALLEST_SIDE or bottom - top < SMALLEST_SIDE:
        return None
    return np.ascontiguousarray(gray[top:bottom, left:right])


def _doubled(gray: np.ndarray) -> np.ndarray:
    return cv2.resize(gray, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)


# Second opinions on a linear code one attempt read: the same place of the picture read again,
# differently, by zxing (and zbar). Small crops, so a few milliseconds each.
CONFIRMERS: dict[str, Reader] = {
    "crop": _zxing,
    "crop, global-histogram": lambda crop: _zxing(crop, "GlobalHistogram"),
    "crop x2": lambda crop: _zxing(_doubled(crop)),
    "crop, equalised": lambda crop: _zxing(_clahe(crop)),
    "crop, sharpened": lambda crop: _zxing(_sharpened(crop)),
    "crop, thinned": lambda crop: _zxing(_thinned(crop)),
    "crop, zbar": _zbar,
}
# What an attempt did that any reading of the place needs too: white on dark stays inverted,
# a diagonal code stays turned (zxing reads no linear code at 45 degrees).
_KEPT = {"inverted": _inverted, "rotated 45": _rotated_45}


def _second_opinion(picture: _Picture, code: DecodedCode, read_by: str,
                    deadline: float) -> str | None:
    """The confirmer that reads the same text where ``code`` was read, or None (also when one
    reads another valid code there: two readings disagree, neither is trusted). A confirmer
    that prepares the picture as ``read_by`` did is no second opinion and is skipped; zbar
    confirms only what zxing read (its misreadings repeat)."""
    crop = _around(picture.gray, code.corners)
    if crop is None:
        return None
    kept = [name for name in _KEPT if name in read_by]
    for name in kept:
        crop = np.ascontiguousarray(_KEPT[name](crop))
    own = read_by
    for name in kept:
        own = own.replace(name, "")
    for name, reader in CONFIRMERS.items():
        if time.perf_counter() >= deadline:
            return None
        how = name.removeprefix("crop").strip(", ")
        if (how and how in read_by) or (not how and not own.strip("+ ")):
            continue  # the same preparation again
        if how == "zbar" and read_by.startswith("zbar"):
            continue
        texts = {item.code.text for item in reader(crop)
                 if item.valid and item.code.symbology in CONFIRMED_BY_TWO}
        if code.text in texts:
            return name
        if texts:
            return None
    return None


def _confirmed(attempts: set[str]) -> bool:
    """Whether the attempts that read the same linear code are enough to trust it."""
    return len(attempts) >= 2 and any(not name.startswith("zbar") for name in attempts)


def _unique(codes: list[DecodedCode]) -> list[DecodedCode]:
    seen: dict[str, DecodedCode] = {}
    for code in codes:
        seen.setdefault(code.text, code)
    return list(seen.values())


def passes_checks(code: DecodedCode) -> bool:
    """Whether a text read the hard way is something a label of ours or a supplier's code can
    be: our label's format, a GTIN with its check digit, a GS1 message by GS1's rules. A text
    that is none of these (a Code 128 with a plain serial, say) passes when it is printable."""
    from carma_logistiek.domain.errors import DomainError
    from carma_logistiek.scanning.interpret import ManufacturerCode, OwnLabel, interpret

    if code.symbology not in OUR_SYMBOLOGIES:  # a Micro QR made out of a blur, say
        return False
    text = code.text
    try:
        meaning = interpret(text)
    except DomainError:  # one of our labels, damaged
        return False
    if isinstance(meaning, OwnLabel | ManufacturerCode):
        return not meaning.keyboard_mixup  # a picture has no keyboard to mix up
    if code.symbology == "EAN13":
        return False  # a retail code that is not a valid GTIN
    if text.startswith(("(", "]C1", "]d2", "]Q3")):
        return False  # claims to be GS1 but does not follow its rules
    return text.isprintable() and bool(text.strip())
