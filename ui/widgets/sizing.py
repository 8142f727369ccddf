"""Windows that fit the screen they open on: a dialog's wished size, or less where the
screen's free area (without task bar) is smaller. On a 1024x768 screen a 1100 px dialog had
its Close button off screen."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A window manager's frame: left, top (title bar), right, bottom. Before the first show Qt
# does not know the real one.
USUAL_FRAME = QMargins(4, 28, 4, 4)


def available_area(widget: QWidget) -> QRect:
    """The free area of the screen ``widget`` is on (or of the main screen)."""
    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted(preferred: QSize, available: QRect, frame: QMargins = USUAL_FRAME) -> QSize:
    """``preferred``, or less where ``available`` (less the frame) is smaller."""
    room = available.marginsRemoved(frame)
    return QSize(min(preferred.width(), room.width()), min(preferred.height(), room.height()))


def fit_on_screen(widget: QWidget, minimum: QSize, available: QRect | None = None) -> None:
    """Keep ``widget``'s minimum and size (its wish, or what was restored from a larger
    screen) within the screen's free area."""
    area = available if available is not None else available_area(widget)
    widget.setMinimumSize(fitted(minimum, area))
    widget.resize(fitted(widget.size(), area))
