"""One card of the stuurbord: title, a big count, up to a few lines, "Bekijken". The whole
card is one click (or Enter/Space when it has the focus) to where its count is shown; a line
that names its own target (a product, an order) opens that instead."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from carma_logistiek.i18n import N_, _
from carma_logistiek.services.attention import AttentionLine, AttentionSummary
from ui.shell.cards import CardDeclaration
from ui.shell.theme import SEVERITY_COLOURS
from ui.widgets.elided_label import ElidedLabel

MAX_LINES = 8  # the last bookings show eight; the other cards five
CARD_WIDTH = 300  # the narrowest a card gets; the grid wraps to fewer columns below it
LOADING = "…"
NOTHING_TO_DO = N_("Niets te doen")
ARROWS = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
          Qt.Key.Key_Down: (0, 1)}


class CardLine(ElidedLabel):
    """A line of a card; one that names a target is a link (hand cursor, underlined on
    hover) and opens it on a click."""

    clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.line: AttentionLine | None = None

    def set_line(self, line: AttentionLine | None) -> None:
        self.line = line
        self.setText(line.text if line else "")
        self.setVisible(line is not None)
        link = line is not None and bool(line.focus)
        self.setCursor(Qt.CursorShape.PointingHandCursor if link else Qt.CursorShape.ArrowCursor)

    def enterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._underline(self.line is not None and bool(self.line.focus))
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._underline(False)
        super().leaveEvent(event)

    def _underline(self, on: bool) -> None:
        font = self.font()
        font.setUnderline(on)
        self.setFont(font)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (event.button() is Qt.MouseButton.LeftButton and self.line is not None
                and self.line.focus):
            self.clicked.emit(self.line.focus)
            event.accept()
            return
        super().mouseReleaseEvent(event)


class CardWidget(QFrame):
    activated = Signal(str)  # the focus request to open ("" = the card's own)
    step = Signal(int, int)  # an arrow key: to the card that many columns, rows away

    def __init__(self, declaration: CardDeclaration, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.declaration = declaration
        self.summary: AttentionSummary | None = None
        self.stale = True  # read again when next shown
        self.setObjectName("dashboardCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(_(declaration.title))
        self.title = QLabel(_(declaration.title))
        bold = QFont(self.title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.title.setFont(bold)
        self.title.setWordWrap(True)
        self.count = QLabel(LOADING)
        big = QFont(self.count.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        big.setBold(True)
        self.count.setFont(big)
        self.note = ElidedLabel()
        self.lines = [CardLine() for _line in range(MAX_LINES)]
        for line in self.lines:
            line.clicked.connect(self.activated)
            line.set_line(None)
        self.open_button = QPushButton(_("Bekijken"))
        self.open_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes card to card
        self.open_button.clicked.connect(lambda: self.activated.emit(self.open_focus()))
        self._build_layout()
        self._set_severity("neutral")

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.count)
        top.addWidget(self.note, 1, Qt.AlignmentFlag.AlignBottom)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 12, 10)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addLayout(top)
        for line in self.lines:
            layout.addWidget(line)
        layout.addStretch(1)
        layout.addLayout(bottom)

    def minimumSizeHint(self) -> QSize:
        return QSize(CARD_WIDTH, super().minimumSizeHint().height())

    # --- what it shows -------------------------------------------------------------------
    def show_loading(self) -> None:
        if self.summary is None:  # a reload keeps the old figures until the new ones come
            self.count.setText(LOADING)

    def show_summary(self, summary: AttentionSummary) -> None:
        self.summary = summary
        self.count.setText(str(summary.count))
        self.note.setText(summary.note)
        shown = list(summary.lines[:MAX_LINES])
        if not shown:
            shown = [AttentionLine("✓ " + _(self.declaration.empty or NOTHING_TO_DO))]
        for index, line in enumerate(self.lines):
            line.set_line(shown[index] if index < len(shown) else None)
        self._set_severity(summary.severity)
        self.setToolTip(_("{title}: {count} (Enter of klik: bekijken)",
                          title=_(self.declaration.title), count=summary.count))

    def show_error(self, text: str) -> None:
        self.summary = None
        self.count.setText("?")
        self.note.setText("")
        for index, line in enumerate(self.lines):
            line.set_line(AttentionLine(_("Niet gelezen: {reason}", reason=text))
                          if index == 0 else None)
        self._set_severity("neutral")

    def _set_severity(self, severity: str) -> None:
        colour = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["neutral"])[0]
        self.setProperty("severity", severity)
        self.setStyleSheet(
            "QFrame#dashboardCard { border: 1px solid palette(mid); border-radius: 0;"
            f" border-left: 6px solid {colour}; background: palette(base); }}"
            "QFrame#dashboardCard:focus { border: 2px solid palette(highlight);"
            f" border-left: 6px solid {colour}; }}")
        self.count.setStyleSheet(f"color: {colour};" if severity in ("problem", "info") else "")

    def shown_lines(self) -> list[str]:
        return [line.text() for line in self.lines if line.line is not None]

    def open_focus(self) -> str:
        """The focus request a click on the card sends: the summary's, else the card's own."""
        if self.summary is not None and self.summary.focus:
            return self.summary.focus
        return self.declaration.open[1]

    # --- clicks and keys -----------------------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.activated.emit(self.open_focus())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.open_focus())
            event.accept()
            return
        arrow = ARROWS.get(Qt.Key(event.key()))
        if arrow is not None and not event.modifiers():
            self.step.emit(*arrow)
            event.accept()
            return
        super().keyPressEvent(event)
