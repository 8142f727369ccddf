"""The live camera picture with the detected codes outlined (green: accepted, red: refused)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from carma_logistiek.i18n import _

OK_COLOUR = QColor("#2e7d32")
REFUSED_COLOUR = QColor("#c62828")
SEEN_COLOUR = QColor("#f9a825")  # decoded, answer not back yet


# A decoded code in the picture: its text and its corners, in the frame's pixels.
Outline = tuple[str, tuple[tuple[int, int], ...]]


class CameraView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.outlines: list[Outline] = []
        self.verdicts: dict[str, bool] = {}  # code text -> accepted?
        self.message = _("Geen camerabeeld")
        self.setMinimumSize(QSize(320, 240))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        return QSize(640, 480)

    def show_frame(self, image: QImage, outlines: list[Outline]) -> None:
        self.image = image
        self.outlines = outlines
        self.update()

    def show_message(self, text: str) -> None:
        """Shown instead of a picture (no camera, camera busy...)."""
        self.message = text
        self.image = None
        self.outlines = []
        self.update()

    def mark(self, text: str, accepted: bool) -> None:
        self.verdicts[text] = accepted
        if len(self.verdicts) > 50:
            self.verdicts.pop(next(iter(self.verdicts)))
        self.update()

    def _target(self) -> QRectF:
        assert self.image is not None
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - size.width()) / 2
        y = (self.height() - size.height()) / 2
        return QRectF(x, y, size.width(), size.height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#202124"))
        if self.image is None:
            painter.setPen(QColor("#e8eaed"))
            rect = self.rect().adjusted(24, 24, -24, -24)
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            painter.drawText(rect, flags, self.message)
            return
        target = self._target()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self.image)
        scale = target.width() / max(1, self.image.width())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for text, corners in self.outlines:
            verdict = self.verdicts.get(text)
            colour = SEEN_COLOUR if verdict is None else OK_COLOUR if verdict else REFUSED_COLOUR
            painter.setPen(QPen(colour, 4))
            polygon = QPolygonF(
                [QPointF(target.x() + x * scale, target.y() + y * scale) for x, y in corners]
            )
            painter.drawPolygon(polygon)
