"""Stuurbord: what needs attention today, as a grid of cards the features declare.

It is the first screen, so it must not slow the start: it is built while the database opens
and asks nothing until the master data is loaded (as every screen waits); then one query per
card, so a slow card holds up none of the others, each card showing "…" until its answer is
there. While shown, a write reloads the cards whose ``refresh_on`` it touches; while hidden,
such cards are marked stale and read again when the stuurbord comes back."""

from __future__ import annotations

import math
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from carma_logistiek.clock import local_today
from carma_logistiek.domain.changes import Changes
from carma_logistiek.i18n import _, format_date
from carma_logistiek.services.attention import AttentionSummary
from ui.dashboard.card import CARD_WIDTH, CardWidget
from ui.ops.errors import error_sentence
from ui.shell.cards import CardDeclaration, declared_cards, navigation_target
from ui.shell.context import AppContext
from ui.shell.screens import Screen

SPACING = 12


class DashboardScreen(Screen):
    filled = Signal()  # every card has its answer (after the first load, and after a reload)

    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 *, cards: list[CardDeclaration] | None = None) -> None:
        super().__init__(parent)
        self.context = context
        chosen = cards if cards is not None else declared_cards()
        self.cards = [CardWidget(card) for card in chosen if context.may(card.permission)]
        self._waiting: set[str] = set()
        self._columns = 0
        for card in self.cards:
            card.activated.connect(partial(self._on_card_activated, card))
            card.step.connect(partial(self._on_card_step, card))
        self.heading = QLabel(_("Wat vandaag aandacht vraagt"))
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.today_label = QLabel()
        self.hint = QLabel(_("Klik op een kaart of kies ze met Tab en druk Enter."))
        self.hint.setEnabled(False)  # greyed: a hint, not content
        self.grid = QGridLayout()
        self.grid.setSpacing(SPACING)
        self._build_layout()
        # No query of its own at the master data: the window shows the first screen then, and
        # ``shown`` reads every card (all stale at first); a hidden stuurbord asks nothing.
        context.changed.connect(self._on_context_changed)

    def _build_layout(self) -> None:
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addLayout(self.grid)
        inner_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(inner)
        self.outer = layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.today_label)
        layout.addSpacing(6)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.hint)
        self._arrange(self._fitting_columns(1280))

    # --- the grid ------------------------------------------------------------------------
    def _fitting_columns(self, width: int) -> int:
        """As many columns as fit, spread evenly over the rows (6 cards: 3 + 3, not 5 + 1)."""
        fits = max(1, (width + SPACING) // (CARD_WIDTH + SPACING))
        count = max(1, len(self.cards))
        rows = math.ceil(count / min(fits, count))
        return math.ceil(count / rows)

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for index, card in enumerate(self.cards):
            self.grid.addWidget(card, index // columns, index % columns)
        for column in range(self.grid.columnCount()):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The room inside the margins and the scroll bar (the viewport is resized later).
        margins = self.outer.contentsMargins()
        room = (event.size().width() - margins.left() - margins.right()
                - self.scroll_area.verticalScrollBar().sizeHint().width())
        self._arrange(self._fitting_columns(room))

    def columns(self) -> int:
        return self._columns

    # --- loading -------------------------------------------------------------------------
    def reload_all(self) -> None:
        """Every card reads again: now when shown, else when next shown."""
        for card in self.cards:
            card.stale = True
        if self.isVisible():
            self._load_stale()

    def _load_stale(self) -> None:
        if not self.context.masterdata_ready:
            return
        self.today_label.setText(_("Vandaag {date}", date=format_date(local_today())))
        for card in self.cards:
            if card.stale:
                self._load(card)

    def _load(self, card: CardWidget) -> None:
        if not self.context.database_open:
            card.stale = True
            return
        card.stale = False
        card.show_loading()
        self._waiting.add(card.declaration.id)
        card.declaration.query(self.context).success(
            partial(self._on_card_summary, card)
        ).failure(partial(self._on_card_failed, card)).latest_only(card, "card").run()

    def _on_card_summary(self, card: CardWidget, summary: AttentionSummary) -> None:
        card.show_summary(summary)
        self._answered(card)

    def _on_card_failed(self, card: CardWidget, error: BaseException) -> None:
        card.show_error(error_sentence(error))
        self._answered(card)

    def _answered(self, card: CardWidget) -> None:
        self._waiting.discard(card.declaration.id)
        if not self._waiting:
            self.filled.emit()

    def _on_context_changed(self, changes: Changes) -> None:
        for card in self.cards:
            if any(getattr(changes, name, None) for name in card.declaration.refresh_on):
                if self.isVisible():
                    self._load(card)
                else:
                    card.stale = True

    def card(self, card_id: str) -> CardWidget:
        return next(card for card in self.cards if card.declaration.id == card_id)

    # --- going there ---------------------------------------------------------------------
    def _on_card_activated(self, card: CardWidget, focus: str) -> None:
        screen, own_focus = card.declaration.open
        self.context.navigate.emit(navigation_target(screen, focus or own_focus))

    def _on_card_step(self, card: CardWidget, columns: int, rows: int) -> None:
        index = self.cards.index(card) + columns + rows * max(1, self._columns)
        if 0 <= index < len(self.cards):
            self.cards[index].setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the shell's questions -----------------------------------------------------------
    def shown(self) -> None:
        self._load_stale()
        if self.cards and not any(card.hasFocus() for card in self.cards):
            self.cards[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """Ctrl+R (and a database opened again): every card reads again."""
        self.reload_all()
