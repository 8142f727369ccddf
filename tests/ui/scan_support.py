"""Helpers of the scan-screen tests: labels, a video stand-in for the webcam, more products
at the Genk storeroom, and a window on the scan screen with fakes for sound and questions."""

from __future__ import annotations

from pathlib import Path

from carma_logistiek.db.uow import Database
from carma_logistiek.scanning.payloads import LabelKind, LabelPayload, encode_label
from tests.support.builder import Builder
from tests.support.frames import make_qr_image, webcam_frame, write_video

EXTRA_PRODUCTS = (
    ("HND", "Handschoenen nitril", "EHBO"),
    ("GAZ", "Steriel gaas", "EHBO"),
    ("BND", "Windel 8 cm", "EHBO"),
)
FIVE_PRODUCTS = ("SPT", "MOND", "HND", "GAZ", "BND")


def label(kind: str, code: str, lot: str | None = None) -> str:
    return encode_label(LabelPayload(LabelKind[kind], code, lot))


def add_genk_products(url: str) -> None:
    """Three more products at GNK-MAG, so five different products can be picked up there."""
    db = Database(url)
    try:
        builder = Builder(db)
        for code, name, category in EXTRA_PRODUCTS:
            builder.product(code, name, category=category).delivery(code, "GNK-MAG", 20)
    finally:
        db.dispose()


def label_video(
    path: Path, texts: list[str], *, frames_each: int = 6, gap: int = 6, size=(640, 480)
) -> Path:
    """Each label in view for ``frames_each`` frames, with empty frames between (the label
    leaves the view), like a clerk holding things up to the webcam one by one."""
    frames = [webcam_frame(None, size, seed=1)] * gap
    for number, text in enumerate(texts):
        code = make_qr_image(text)
        frames += [webcam_frame(code, size, seed=number * 10 + i) for i in range(frames_each)]
        frames += [webcam_frame(None, size, seed=500 + number * 10 + i) for i in range(gap)]
    return write_video(path, frames, fps=20)
