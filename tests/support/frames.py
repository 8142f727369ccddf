"""Synthetic webcam-like frames with a code in them, for tests, benchmarks and demos.

``make_qr_image`` draws a code (QR, Data Matrix, EAN-13, Code 128; GS1 content with
``gs1=True``); ``webcam_frame`` puts it on a cluttered background with rotation, perspective,
uneven light, blur, sensor noise and JPEG compression, like a cheap webcam would; and
``write_video`` writes frames to an MJPG .avi that CameraSource plays like a camera.
Everything is deterministic for a given ``seed``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import cv2
import numpy as np
import zxingcpp

SYMBOLOGIES = {
    "qr": "QRCode",
    "datamatrix": "DataMatrix",
    "ean13": "EAN13",
    "code128": "Code128",
}


def make_qr_image(text: str, symbology: str = "qr", *, scale: int = 8, gs1: bool = False,
                  ec_level: str = "M") -> np.ndarray:
    """A code as a grayscale image (black on white, with its quiet zone), ``scale`` pixels per
    module. ``gs1=True`` encodes "(01)...(10)..." as a GS1 element string (FNC1)."""
    fmt = getattr(zxingcpp.BarcodeFormat, SYMBOLOGIES.get(symbology, symbology))
    options: dict[str, object] = {}
    if gs1:
        options["gs1"] = True
    if fmt == zxingcpp.BarcodeFormat.QRCode:
        options["ec_level"] = ec_level
    barcode = zxingcpp.create_barcode(text, fmt, **options)
    image: np.ndarray = np.array(barcode.to_image(scale=scale), dtype=np.uint8)
    if fmt in (zxingcpp.BarcodeFormat.EAN13, zxingcpp.BarcodeFormat.Code128):
        # Linear codes come out flat; make them as tall as a printed barcode is.
        height = max(image.shape[0], image.shape[1] // 3)
        image = cv2.resize(image, (image.shape[1], height), interpolation=cv2.INTER_NEAREST)
        image = cv2.copyMakeBorder(image, scale * 4, scale * 4, 0, 0, cv2.BORDER_CONSTANT,
                                   value=255)
    return image


def placement(rng: np.random.Generator, code_size: tuple[int, int],
              out_size: tuple[float, float], centre: tuple[float, float], angle: float,
              perspective: float) -> np.ndarray:
    """The perspective matrix that puts a code of ``code_size`` pixels at ``centre``, ``out_size``
    big, turned by ``angle`` (radians), each corner moved at random by up to ``perspective``
    of its size (a label held at a slant)."""
    (w, h), (out_w, out_h), (cx, cy) = code_size, out_size, centre
    corners = []
    for dx, dy in ((-out_w / 2, -out_h / 2), (out_w / 2, -out_h / 2),
                   (out_w / 2, out_h / 2), (-out_w / 2, out_h / 2)):
        x = cx + dx * math.cos(angle) - dy * math.sin(angle)
        y = cy + dx * math.sin(angle) + dy * math.cos(angle)
        jitter = rng.uniform(-perspective, perspective, size=2) * max(out_w, out_h)
        corners.append((x + jitter[0], y + jitter[1]))
    src = np.array([(0, 0), (w, 0), (w, h), (0, h)], dtype=np.float32)
    return cv2.getPerspectiveTransform(src, np.array(corners, dtype=np.float32))


def _background(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    """A desk: a colour gradient with a few boxes, lines and some text."""
    base = rng.integers(60, 200, size=3).astype(np.float32)
    ramp = np.linspace(0.75, 1.15, width, dtype=np.float32)[:, None]
    row = np.clip(ramp * base, 0, 255).astype(np.uint8)
    image = np.ascontiguousarray(np.broadcast_to(row, (height, width, 3)))
    for _ in range(6):
        colour = tuple(int(c) for c in rng.integers(0, 255, size=3))
        x, y = int(rng.integers(0, width)), int(rng.integers(0, height))
        w, h = int(rng.integers(20, width // 3)), int(rng.integers(20, height // 3))
        cv2.rectangle(image, (x, y), (x + w, y + h), colour, -1)
    for _ in range(4):
        colour = tuple(int(c) for c in rng.integers(0, 255, size=3))
        p1 = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        p2 = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        cv2.line(image, p1, p2, colour, int(rng.integers(1, 4)))
    cv2.putText(image, "CARMA", (int(rng.integers(0, width // 2)), int(rng.integers(20, height))),
                cv2.FONT_HERSHEY_SIMPLEX, 1.0, (30, 30, 30), 2)
    return image


def webcam_frame(
    code_image: np.ndarray | None,
    size: tuple[int, int] = (640, 480),
    *,
    rotation: float = 0.0,
    perspective: float = 0.0,
    blur: float = 0.0,
    noise: float = 0.0,
    jpeg_quality: int | None = None,
    code_fraction: float = 0.18,
    seed: int = 0,
) -> np.ndarray:
    """A BGR frame of ``size`` (width, height) with ``code_image`` on a label somewhere in it.

    ``rotation`` in degrees; ``perspective`` 0..~0.2 moves each corner by that fraction of the
    code size; ``blur`` Gaussian sigma in pixels; ``noise`` standard deviation of Gaussian
    noise in grey levels; ``code_fraction`` the share of the frame's area the code covers.
    ``code_image=None`` gives a frame without a code.
    """
    rng = np.random.default_rng(seed)
    width, height = size
    frame = _background(rng, width, height)
    if code_image is not None:
        label = code_image if code_image.ndim == 2 else cv2.cvtColor(code_image, cv2.COLOR_BGR2GRAY)
        h, w = label.shape
        area = code_fraction * width * height
        factor = math.sqrt(area / (w * h))
        out_w, out_h = w * factor, h * factor
        angle = math.radians(rotation)
        radius = 0.5 * math.hypot(out_w, out_h)
        margin = radius * (1 + perspective) + 2
        cx = rng.uniform(margin, max(margin, width - margin)) if width > 2 * margin else width / 2
        cy = rng.uniform(margin, max(margin, height - margin)) if height > 2 * margin else height / 2
        matrix = placement(rng, (w, h), (out_w, out_h), (cx, cy), angle, perspective)
        paper = cv2.cvtColor(label, cv2.COLOR_GRAY2BGR)
        warped = cv2.warpPerspective(paper, matrix, (width, height), flags=cv2.INTER_LINEAR)
        mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), matrix, (width, height))
        cv2.copyTo(warped, mask, frame)
    # Uneven light: brighter on one side.
    light = np.linspace(rng.uniform(0.7, 0.9), rng.uniform(1.0, 1.1), width, dtype=np.float32)
    image: np.ndarray = frame.astype(np.float32)
    image *= light[None, :, None]
    if blur > 0:
        image = cv2.GaussianBlur(image, (0, 0), blur)
    if noise > 0:
        grain = np.empty_like(image)
        cv2.setRNGSeed(seed)  # OpenCV's generator is much faster than NumPy's here
        cv2.randn(grain, 0.0, float(noise))  # type: ignore[call-overload]  # scalars work
        image += grain
    # Clip to 0..255 and back to uint8 (the stubs do not know cv2.max takes a scalar).
    frame = cv2.convertScaleAbs(cv2.max(image, 0.0))  # type: ignore[call-overload]
    if jpeg_quality is not None:
        _ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, int(jpeg_quality)])
        decoded = cv2.imdecode(data, cv2.IMREAD_COLOR)
        if decoded is None:
            raise ValueError("OpenCV could not decode its own JPEG")
        frame = decoded
    return frame


def random_conditions(rng: np.random.Generator) -> dict[str, float | int]:
    """Conditions a handheld label in front of a webcam typically shows."""
    return {
        "rotation": float(rng.uniform(-35, 35)),
        "perspective": float(rng.uniform(0, 0.08)),
        "blur": float(rng.uniform(0, 1.2)),
        "noise": float(rng.uniform(2, 10)),
        "jpeg_quality": int(rng.integers(60, 95)),
        "code_fraction": float(rng.uniform(0.10, 0.20)),
    }


def write_video(path: str | Path, frames: Iterable[np.ndarray], fps: float = 30.0) -> Path:
    """Frames (all the same size) to an MJPG .avi; returns the path."""
    path = Path(path)
    writer = None
    try:
        for frame in frames:
            if frame.ndim == 2:
                frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
            if writer is None:
                height, width = frame.shape[:2]
                writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps,
                                         (width, height))
                if not writer.isOpened():
                    raise OSError(f"cannot write video {path}")
            writer.write(frame)
    finally:
        if writer is not None:
            writer.release()
    return path


def tiny_photo(shade: int = 0, size: tuple[int, int] = (8, 8)) -> bytes:
    """A small real PNG, one grey ``shade``: what the kit services store as a photo."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (shade, shade, shade)).save(out, "PNG")
    return out.getvalue()
