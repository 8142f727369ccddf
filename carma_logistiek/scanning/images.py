"""Image files from outside: limits before decoding, the type from the content, photos stored
clean.

A 439 KB PNG can say it is 20000 x 20000 pixels and take 2.5 GB to decode, so the header is
read first (Pillow reads only the header on open) and anything over :data:`MAX_PIXELS` is
refused. A kit photo is stored as a JPEG re-encoded from its pixels: the type is whatever the
content is, whatever the file was called, and the metadata (EXIF, GPS position included) stays
behind.
"""

from __future__ import annotations

import io
import threading
import warnings
from typing import TYPE_CHECKING

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_

if TYPE_CHECKING:
    from PIL.Image import Image

__all__ = ["MAX_PHOTO_BYTES", "MAX_PIXELS", "ImageTooLarge", "NotAnImage", "PhotoTooLarge",
           "check_pixels", "clean_photo"]

# 40 million pixels: more than any phone or document scanner makes (a 12 MP photo is 12).
MAX_PIXELS = 40_000_000
# A kit photo as the user picks it; what is stored is re-encoded and much smaller.
MAX_PHOTO_BYTES = 20 * 1024 * 1024
# Stored photos: long side in pixels and JPEG quality, enough to read a label on a shelf.
PHOTO_LONG_SIDE = 2048
PHOTO_QUALITY = 85


# Pillow's limit is a module global: set aside under a lock while a header is read.
_PILLOW_LIMIT = threading.Lock()


class ImageTooLarge(DomainError):
    code = "ImageTooLarge"
    template = N_("De afbeelding {file} is te groot ({width} x {height} pixels; hoogstens "
                  "{limit} miljoen pixels). Maak een kleinere foto of verklein ze eerst.")
    field = None


class NotAnImage(DomainError):
    code = "NotAnImage"
    template = N_("{file} is geen afbeelding die het programma kan lezen (PNG of JPEG).")
    field = None


class PhotoTooLarge(DomainError):
    code = "PhotoTooLarge"
    template = N_("De foto {file} is {size} MB; hoogstens {limit} MB. Kies een kleinere foto.")
    field = None


def check_pixels(data: bytes, name: str) -> tuple[str, int, int]:
    """The image's format and size from its header alone; refuses what is not an image and
    what is too large to decode."""
    from PIL import Image, UnidentifiedImageError

    try:
        with _PILLOW_LIMIT, warnings.catch_warnings():
            # Pillow's own bomb guard refuses on open without saying the size; the limit
            # here is ours (lower), checked from the header below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            guard, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
            try:
                with Image.open(io.BytesIO(data)) as image:
                    kind, (width, height) = image.format or "", image.size
            finally:
                Image.MAX_IMAGE_PIXELS = guard
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise NotAnImage(file=name) from None
    if width * height > MAX_PIXELS:
        raise ImageTooLarge(file=name, width=width, height=height,
                            limit=MAX_PIXELS // 1_000_000)
    return kind, width, height


def clean_photo(data: bytes, name: str = "") -> tuple[bytes, str]:
    """A photo as it is stored: checked, turned upright, at most PHOTO_LONG_SIDE pixels long,
    re-encoded as JPEG without any metadata. Returns (bytes, MIME type)."""
    from PIL import Image, ImageOps

    name = name or "foto"
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoTooLarge(file=name, size=round(len(data) / 1024 / 1024, 1),
                            limit=MAX_PHOTO_BYTES // 1024 // 1024)
    check_pixels(data, name)
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)  # upright, as the camera meant it
            image.thumbnail((PHOTO_LONG_SIDE, PHOTO_LONG_SIDE))
            clean = _on_white(image)
    except (OSError, ValueError, SyntaxError):
        raise NotAnImage(file=name) from None
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=True)  # no exif= : none is kept
    return out.getvalue(), "image/jpeg"


def _on_white(image: Image) -> Image:
    """RGB pixels; transparent parts of a PNG on white rather than black."""
    from PIL import Image as PILImage

    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = PILImage.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
