"""Picture helpers of the EHBO screens (the file choosers are ``context.services.file_dialogs``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap

from carma_logistiek.i18n import _

IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
MAX_PHOTO_SIDE = 1600  # a placement photo does not need the full 12 megapixels


def image_filter() -> str:
    return _("Afbeeldingen (*.png *.jpg *.jpeg)")


def read_photo(path: str) -> tuple[bytes, str] | None:
    """The photo as stored (PNG or JPEG), scaled down when it is very large; None when the
    file is not a picture Qt can read."""
    image = QImage(path)
    if image.isNull():
        return None
    if max(image.width(), image.height()) <= MAX_PHOTO_SIDE:
        mime = IMAGE_TYPES.get(Path(path).suffix.lower())
        if mime:
            return Path(path).read_bytes(), mime
    return image_to_jpeg(image), "image/jpeg"


def image_to_jpeg(image: QImage) -> bytes:
    if max(image.width(), image.height()) > MAX_PHOTO_SIDE:
        image = image.scaled(MAX_PHOTO_SIDE, MAX_PHOTO_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG", 88)  # type: ignore[call-overload]  # the stubs miss QIODevice
    buffer.close()
    return bytes(data.data())


def thumbnail(data: bytes, size: int = 160) -> QPixmap:
    image = QImage.fromData(data)
    if image.isNull():
        return QPixmap()
    return QPixmap.fromImage(image.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
