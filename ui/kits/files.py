"""Files of the EHBO screens: the kit label sheet's dialog (the same sheet options, preview
and printing as the product labels) and the picture helpers (the file choosers are
``context.services.file_dialogs``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from carma_logistiek.i18n import _, ngettext
from ui.ops import kits as kit_ops
from ui.widgets.document_dialog import DocumentDialog, SheetOptions

if TYPE_CHECKING:
    from ui.ops.core import DocumentOp
    from ui.shell.context import AppContext

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


class KitLabelsDialog(DocumentDialog):
    """Etiketten van EHBO-kits: the chosen kits' labels on the A4 sheet, with the offset and
    copies of the product labels, previewed, saved or printed."""

    def __init__(self, context: AppContext, codes: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(context, _("Etiketten van EHBO-kits"), parent)
        self.file_name = _("etiketten-ehbo-kits.pdf")
        self.codes = list(codes)
        shown = ", ".join(self.codes[:6]) + (" …" if len(self.codes) > 6 else "")
        chosen = QLabel(ngettext("{n} kit: {codes}", "{n} kits: {codes}", len(self.codes),
                                 codes=shown))
        chosen.setWordWrap(True)
        self.form.add("kits", _("Etiketten"), chosen)
        self.sheet = SheetOptions(self.form)

    def document(self, out: Path) -> DocumentOp[Any]:
        self.sheet.remember()
        return kit_ops.kit_label_sheet(self.context, codes=self.codes, path=str(out),
                                       offset=self.sheet.offset.value(),
                                       copies=self.sheet.copies.value())
