"""Look of the app: Fusion style, the shared status palette, the badge painter, icons.

One palette for statuses across every screen (UI.md): ok green, attention amber, problem red,
info blue, neutral grey. A badge always carries the word too, never colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

# (background, text) per severity; chosen to stay readable on light and dark palettes.
SEVERITY_COLOURS: dict[str, tuple[str, str]] = {
    "ok": ("#2e7d32", "#ffffff"),
    "attention": ("#f9a825", "#1a1a1a"),
    "problem": ("#c62828", "#ffffff"),
    "info": ("#1565c0", "#ffffff"),
    "neutral": ("#6b6b6b", "#ffffff"),
}

# The model returns (label, severity) for this role in badge columns.
BADGE_ROLE = Qt.ItemDataRole.UserRole + 1


def apply_style(app: QApplication) -> None:
    """Fusion follows the system light/dark scheme in Qt 6 and looks the same everywhere."""
    app.setStyle("Fusion")


def badge_colours(severity: str) -> tuple[QColor, QColor]:
    background, text = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["neutral"])
    return QColor(background), QColor(text)


class BadgeDelegate(QStyledItemDelegate):
    """Paints a status as a rounded coloured pill with its word inside."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        badge = index.data(BADGE_ROLE)
        if not badge:
            super().paint(painter, option, index)
            return
        label, severity = badge
        style = option.widget.style() if option.widget else QApplication.style()
        # Selection background first, so a selected row still looks selected.
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        width = min(metrics.horizontalAdvance(label) + 16, option.rect.width() - 8)
        height = min(metrics.height() + 4, option.rect.height() - 4)
        rect = QRect(
            option.rect.left() + 4, option.rect.center().y() - height // 2 + 1, width, height
        )
        background, text = badge_colours(severity)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, height / 2, height / 2)
        painter.setPen(text)
        elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, rect.width() - 12)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        badge = index.data(BADGE_ROLE)
        if badge:
            font = QFont(option.font)
            font.setBold(True)
            size.setWidth(max(size.width(), option.fontMetrics.horizontalAdvance(badge[0]) + 32))
        return size


def icon(widget: QWidget, name: str) -> QIcon:
    """Icons from the platform style, so nothing has to be shipped for them."""
    standard = {
        "stock": QStyle.StandardPixmap.SP_DirIcon,
        "scan": QStyle.StandardPixmap.SP_ComputerIcon,
        "labels": QStyle.StandardPixmap.SP_FileDialogNewFolder,
        "report": QStyle.StandardPixmap.SP_FileDialogDetailedView,
        "orders": QStyle.StandardPixmap.SP_FileDialogDetailedView,
        "delivery": QStyle.StandardPixmap.SP_ArrowDown,
        "pickup": QStyle.StandardPixmap.SP_ArrowUp,
        "consumption": QStyle.StandardPixmap.SP_DialogDiscardButton,
        "transfer": QStyle.StandardPixmap.SP_ArrowRight,
        "count": QStyle.StandardPixmap.SP_FileDialogListView,
        "write_off": QStyle.StandardPixmap.SP_TrashIcon,
        "refresh": QStyle.StandardPixmap.SP_BrowserReload,
        "detail": QStyle.StandardPixmap.SP_FileDialogInfoView,
        "new": QStyle.StandardPixmap.SP_FileIcon,
        "edit": QStyle.StandardPixmap.SP_FileDialogContentsView,
        "ordered": QStyle.StandardPixmap.SP_DialogApplyButton,
        "receive": QStyle.StandardPixmap.SP_DialogSaveButton,
        "cancel": QStyle.StandardPixmap.SP_DialogCancelButton,
        "quit": QStyle.StandardPixmap.SP_DialogCloseButton,
    }[name]
    return widget.style().standardIcon(standard)
