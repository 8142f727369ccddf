"""Decoding labels from webcam-like frames: each decoder's success rate on the same frames,
GS1 and 1D codes, and image files (including unreadable ones)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import cv2
import numpy as np
import pytest

from carma_logistiek.domain.errors import UnreadableImage
from carma_logistiek.scanning.decoders import DecodedCode, decode_frame, decode_image_file
from carma_logistiek.scanning.interpret import ManufacturerCode, interpret
from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
from tests.support import decoder_alternatives as alt
from tests.support.frames import make_qr_image, random_conditions, webcam_frame

FRAMES = 40
KINDS = (LabelKind.PRODUCT, LabelKind.LOCATION, LabelKind.LOT)


def labelled_frames(size: tuple[int, int], count: int = FRAMES) -> list[tuple[str, np.ndarray]]:
    rng = np.random.default_rng(size[0])
    frames = []
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        payload = LabelPayload(kind, f"PROD-{i:03d}", f"L{i}" if kind is LabelKind.LOT else None)
        text = encode_label(payload)
        frames.append((text, webcam_frame(make_qr_image(text), size, seed=i,
                                          **random_conditions(rng))))
    return frames


def _pyzbar_available() -> bool:
    try:
        from pyzbar import pyzbar  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


DECODERS: dict[str, tuple[Callable[[np.ndarray], list[DecodedCode]], float]] = {
    # name: (decoder, the lowest success rate we accept on these frames)
    "zxing (app)": (decode_frame, 0.95),
    "opencv aruco": (alt.decode_with_opencv_qr, 0.80),
    "opencv qr": (lambda f: alt.decode_with_opencv_qr(f, aruco=False), 0.75),
    "pyzbar": (alt.decode_with_pyzbar, 0.60),
}


@pytest.fixture(scope="module", params=[(640, 480), (1280, 720)], ids=["640x480", "1280x720"])
def frames(request: pytest.FixtureRequest) -> list[tuple[str, np.ndarray]]:
    return labelled_frames(request.param)


@pytest.mark.parametrize("name", list(DECODERS))
def test_success_rate_per_decoder(frames, name: str) -> None:  # type: ignore[no-untyped-def]
    if name == "pyzbar" and not _pyzbar_available():
        pytest.skip("pyzbar needs the system library libzbar0")
    decoder, floor = DECODERS[name]
    hits = wrong = 0
    for text, frame in frames:
        found = [code.text for code in decoder(frame)]
        hits += text in found
        wrong += any(t != text for t in found)
    assert wrong == 0, "a decoder must never report a code that is not there"
    assert hits / len(frames) >= floor, f"{name}: {hits}/{len(frames)}"


def test_no_phantom_codes_on_empty_frames() -> None:
    for seed in range(10):
        assert decode_frame(webcam_frame(None, (640, 480), noise=8, seed=seed)) == []


def test_corners_outline_the_code() -> None:
    frame = webcam_frame(make_qr_image("CL1:CARMA:P:DT-SPK"), (640, 480), seed=3)
    (code,) = decode_frame(frame)
    assert code.symbology == "QRCode" and len(code.corners) == 4
    xs, ys = [x for x, _ in code.corners], [y for _, y in code.corners]
    assert 0 <= min(xs) < max(xs) <= 640 and 0 <= min(ys) < max(ys) <= 480
    assert (max(xs) - min(xs)) * (max(ys) - min(ys)) > 0.05 * 640 * 480


@pytest.mark.parametrize(
    ("symbology", "text", "gs1"),
    [
        ("datamatrix", "(01)05412345678908(17)270600(10)LOT-9", True),
        ("code128", "(01)05412345678908(17)270600(10)LOT-9", True),
        ("qr", "(01)05412345678908(17)270600(10)LOT-9", True),
        ("ean13", "5412345678908", False),
        ("code128", "DT-SPK", False),
        ("datamatrix", "CL1:CARMA:P:DT-SPK", False),
    ],
)
def test_manufacturer_symbologies(symbology: str, text: str, gs1: bool) -> None:
    image = make_qr_image(text, symbology, scale=4, gs1=gs1)
    frame = webcam_frame(image, (1280, 720), rotation=8, blur=0.6, noise=4, jpeg_quality=85,
                         code_fraction=0.12, seed=7)
    found = decode_frame(frame)
    assert [code.text for code in found] == [text]
    if gs1:
        meaning = interpret(found[0].text)
        assert isinstance(meaning, ManufacturerCode)
        assert (meaning.gs1.lot, meaning.gs1.expiry) == ("LOT-9", date(2027, 6, 30))


def test_image_files(tmp_path: Path) -> None:
    path = tmp_path / "foto étiquette.png"  # non-ASCII name on purpose
    frame = webcam_frame(make_qr_image("CL1:CARMA:L:GENK-KAST1"), (640, 480), seed=1)
    assert cv2.imencode(".png", frame)[1].tofile(str(path)) is None
    assert [c.text for c in decode_image_file(path)] == ["CL1:CARMA:L:GENK-KAST1"]


@pytest.mark.parametrize("content", [None, b"", b"not an image at all", b"\x89PNG\r\n\x1a\n\0\0"])
def test_unreadable_image_files(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "broken.png"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UnreadableImage) as caught:
        decode_image_file(path)
    assert "kan niet als afbeelding gelezen worden" in caught.value.message()


def test_a_folder_is_not_an_image(tmp_path: Path) -> None:
    with pytest.raises(UnreadableImage):
        decode_image_file(tmp_path)


def test_grayscale_and_bgra_frames() -> None:
    frame = webcam_frame(make_qr_image("CL1:CARMA:K:EHBO-1"), (640, 480), seed=2)
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    bgra = cv2.cvtColor(frame, cv2.COLOR_BGR2BGRA)
    for image in (frame, gray, bgra):
        assert [c.text for c in decode_frame(image)] == ["CL1:CARMA:K:EHBO-1"]
