"""The "voor wie" field as a picker: type part of a name or code, the matches drop down,
arrows and Enter pick one, and the field then shows who it is ("Voertuig VITO-01 — Mercedes
Vito 1").

The list is a child of the field's own window, not a popup window: the keyboard focus stays in
the field, so a handheld scanner's keys still reach the scan screen's wedge filter (which only
listens to its own window) and a scanned label is a scan, not a recipient.

What a clerk may type besides a name: a code (``VITO-01``), a staff number (``01209``, also
one never used before), the old syntax for power users (``vehicle:VITO-01``), or free text
(``opleiding EHBO``): Recipient.parse has kept free text as kind "other" on purpose for the
recipients that have no register (a course, an outside firm); the list offers it as its last
line, marked as free text, so it is never taken by accident for a vehicle nobody has.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QHideEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListWidget, QListWidgetItem, QWidget

from carma_logistiek.domain.recipients import find_candidate, is_staff_number, search_candidates
from carma_logistiek.i18n import N_, _
from carma_logistiek.services.results import Recipient, RecipientCandidate

if TYPE_CHECKING:
    from ui.shell.context import AppContext

MAX_MATCHES = 50
VISIBLE_ROWS = 10
_STEPS: dict[int, int] = {
    Qt.Key.Key_Down.value: 1,
    Qt.Key.Key_Up.value: -1,
    Qt.Key.Key_PageDown.value: VISIBLE_ROWS,
    Qt.Key.Key_PageUp.value: -VISIBLE_ROWS,
}
# What each kind is called in the list ("Mercedes Vito 1 (voertuig, VITO-01)") and at the
# start of the field once chosen ("Voertuig VITO-01 — Mercedes Vito 1").
KIND_WORDS = {
    "staff": N_("personeelslid"),
    "vehicle": N_("voertuig"),
    "kit": N_("EHBO-kit"),
    "location": N_("locatie"),
    "order": N_("bestelling"),
}


def kind_word(kind: str, *, first: bool = False) -> str:
    """ "voertuig"; with ``first`` the word that opens a text: "Voertuig", "EHBO-kit" (the
    first letter raised, as "first-aid kit" needs in English)."""
    word = _(KIND_WORDS[kind]) if kind in KIND_WORDS else kind
    return word[:1].upper() + word[1:] if first else word


def describe_recipient(kind: str | None, code: str, name: str = "") -> str:
    """How a recipient is shown: "Voertuig VITO-01 — Mercedes Vito 1", "Personeelslid 01209";
    free text as it was typed."""
    if not code:
        return ""
    if kind not in KIND_WORDS:
        return code
    shown = f"{kind_word(kind, first=True)} {code}"
    return f"{shown} — {name}" if name else shown


def describe_text(recipient_text: str, name: str = "") -> str:
    """A movement's "voor wie" ("vehicle:VITO-01", as the ledger keeps it) as shown."""
    recipient = Recipient.parse(recipient_text)
    return describe_recipient(recipient.kind, recipient.code, name) if recipient else ""


@dataclass(frozen=True)
class _Line:
    text: str  # what the list shows
    recipient: Recipient
    shown: str  # what the field shows once this line is picked


class _MatchList(QListWidget):
    """The matches under the field; never takes the focus (the field keeps it)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("recipient_matches")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Too long for a narrow dialog: keep both ends, the code and kind are at the end.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setAutoFillBackground(True)
        self.hide()


class RecipientPicker(QLineEdit):
    """A line edit that finds people, vehicles, kits and locations by name or code.

    ``set_candidates`` gives it what to offer (``load`` asks ui/ops for them); it never touches
    the database itself. ``recipient()`` is what was chosen or typed."""

    # The Recipient picked from the list, or typed and confirmed with Enter (not when the
    # field is merely left: the scan screen then gives the focus back to its scan field).
    recipient_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("Naam of code: persoon, voertuig, EHBO-kit of locatie"))
        self._candidates: list[RecipientCandidate] = []
        self._lines: list[_Line] = []
        self._picked: tuple[str, Recipient] | None = None  # (text shown, what it stands for)
        # Its parent becomes the window the field is in once it is first shown.
        self.matches = _MatchList(self)
        self.matches.itemClicked.connect(self._on_matches_item_clicked)
        self.textEdited.connect(self._on_self_text_edited)
        self.textChanged.connect(self._on_self_text_changed)
        self.editingFinished.connect(self._on_self_editing_finished)
        self.returnPressed.connect(self._on_self_return_pressed)

    # --- what it offers ------------------------------------------------------------------
    def load(self, context: AppContext, failure: Callable[[BaseException], object]) -> None:
        """Ask for the candidates on the database worker; they arrive in ``set_candidates``."""
        from ui.ops import recipients as recipient_ops

        recipient_ops.recipient_candidates(context).success(self.set_candidates).failure(
            failure
        ).latest_only(self, "candidates").run()

    def set_candidates(self, candidates: Sequence[RecipientCandidate]) -> None:
        self._candidates = list(candidates)
        if self._picked is not None and self._picked[0] == self.text():
            self.set_recipient(self._picked[1])  # a label scanned before they came: its name

    def remember(self, recipient: Recipient | None) -> None:
        """A staff number just booked for is offered from now on, without asking the database
        again (reloading every candidate after each booking read all movements each time)."""
        if recipient is None or recipient.kind != "staff":
            return
        if not any(c.kind == "staff" and c.code == recipient.code for c in self._candidates):
            self._candidates.append(RecipientCandidate("staff", recipient.code))

    def candidates(self) -> list[RecipientCandidate]:
        return list(self._candidates)

    # --- what was chosen -----------------------------------------------------------------
    def recipient(self) -> Recipient | None:
        """The recipient picked, or what the typed text names: a code or whole name from the
        list, ``kind:code``, a staff number, else the text itself as free text."""
        text = self.text().strip()
        if not text:
            return None
        if self._picked is not None and self._picked[0] == self.text():
            return self._picked[1]
        parsed = Recipient.parse(text)
        assert parsed is not None
        if parsed.kind != "other":
            found = find_candidate(self._candidates, parsed.code, kind=parsed.kind)
            return found.recipient if found else parsed
        found = find_candidate(self._candidates, text)
        if found is not None:
            return found.recipient
        if is_staff_number(text):
            return Recipient("staff", text)
        return parsed

    def set_recipient(self, recipient: Recipient | None) -> None:
        """Show ``recipient`` by its name (a scanned label, a recipient resolved from text)."""
        if recipient is None:
            self.clear()
            return
        self._show_picked(self._line_for(recipient))

    def clear(self) -> None:
        self._picked = None
        super().clear()
        self.setToolTip("")
        self.hide_matches()

    # --- the list ------------------------------------------------------------------------
    def matches_visible(self) -> bool:
        return self.matches.isVisible()

    def match_texts(self) -> list[str]:
        return [line.text for line in self._lines]

    def current_match(self) -> str:
        row = self.matches.currentRow()
        return self._lines[row].text if 0 <= row < len(self._lines) else ""

    def hide_matches(self) -> None:
        self.matches.hide()

    def show_matches(self) -> None:
        self._lines = self._lines_for(self.text())
        self.matches.clear()
        for line in self._lines:
            item = QListWidgetItem(line.text)
            item.setToolTip(line.text)
            self.matches.addItem(item)
        if not self._lines:
            self.hide_matches()
            return
        self.matches.setCurrentRow(0)
        self._place_matches()

    def _lines_for(self, text: str) -> list[_Line]:
        parsed = Recipient.parse(text)
        syntax = parsed is not None and parsed.kind != "other"
        kind = parsed.kind if parsed is not None and syntax else None
        wanted = parsed.code if parsed is not None and syntax else text
        found = search_candidates(self._candidates, wanted, kind=kind, limit=MAX_MATCHES)
        lines = [self._line_for(c.recipient, c.name) for c in found]
        cleaned = wanted.strip()
        if not cleaned:
            return lines
        exact = any(c.code.casefold() == cleaned.casefold() for c in found)
        if kind in (None, "staff") and not exact and is_staff_number(cleaned):
            recipient = Recipient("staff", cleaned)
            lines.append(
                _Line(
                    _("{who} (nog niet gebruikt)", who=describe_recipient("staff", cleaned)),
                    recipient,
                    describe_recipient("staff", cleaned),
                )
            )
        elif kind == "order" and not exact:
            lines.append(self._line_for(Recipient("order", cleaned)))
        if kind is None and not is_staff_number(cleaned):
            lines.append(
                _Line(
                    _("«{typed}» als vrije tekst (niet uit een register)", typed=cleaned),
                    Recipient("other", cleaned),
                    cleaned,
                )
            )
        return lines

    def _line_for(self, recipient: Recipient, name: str | None = None) -> _Line:
        if recipient.kind == "other":
            return _Line(recipient.code, recipient, recipient.code)
        if name is None:
            found = find_candidate(self._candidates, recipient.code, kind=recipient.kind)
            recipient = found.recipient if found else recipient
            name = found.name if found else ""
        word = kind_word(recipient.kind)
        listed = (
            f"{name} ({word}, {recipient.code})"
            if name
            else f"{describe_recipient(recipient.kind, recipient.code)}"
        )
        return _Line(listed, recipient, describe_recipient(recipient.kind, recipient.code, name))

    def _place_matches(self) -> None:
        window = self.window()
        if window is self:
            return  # not in a window yet: nowhere to show a list
        if self.matches.parent() is not window:
            self.matches.setParent(window)
            window.installEventFilter(self)  # a resized window would leave it misplaced
        self.matches.setFont(self.font())
        frame = 2 * self.matches.frameWidth()
        row_height = max(self.matches.sizeHintForRow(0), self.fontMetrics().height())
        rows = min(len(self._lines), VISIBLE_ROWS)
        scroll = self.matches.verticalScrollBar().sizeHint().width()
        width = max(self.width(), self.matches.sizeHintForColumn(0) + frame + scroll + 8)
        width = min(width, window.width() - 8)
        top = self.mapTo(window, QPoint(0, 0))
        below = window.height() - (top.y() + self.height())
        height = rows * row_height + frame
        if height > below and top.y() > below:  # no room under the field: open upwards
            height = min(height, top.y() - 4)
            y = top.y() - height
        else:
            height = min(height, max(below - 4, row_height + frame))
            y = top.y() + self.height()
        x = max(4, min(top.x(), window.width() - width - 4))
        self.matches.setGeometry(x, y, width, height)
        self.matches.show()
        self.matches.raise_()

    def _pick_current(self) -> bool:
        row = self.matches.currentRow()
        if not self.matches.isVisible() or not 0 <= row < len(self._lines):
            return False
        self._pick(self._lines[row])
        return True

    def _pick(self, line: _Line) -> None:
        self._show_picked(line)
        self.recipient_chosen.emit(line.recipient)

    def _show_picked(self, line: _Line) -> None:
        self.hide_matches()
        self._picked = (line.shown, line.recipient)
        self.setText(line.shown)
        self.setCursorPosition(0)  # a long name: its start (kind and code) stays in view
        self.setToolTip(line.shown)

    def _move(self, delta: int) -> None:
        count = self.matches.count()
        row = min(max(self.matches.currentRow() + delta, 0), count - 1)
        self.matches.setCurrentRow(row)

    # --- keys and focus ------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.matches.isVisible():
            step = _STEPS.get(int(key))
            if step is not None:
                self._move(step)
                event.accept()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._pick_current():
                event.accept()  # Enter picks; it does not book as well
                return
            if key == Qt.Key.Key_Escape:
                self.hide_matches()  # closes the list, keeps what was typed
                event.accept()
                return
        elif key == Qt.Key.Key_Down and self._candidates:
            self.show_matches()  # the whole list (or the matches of what is there)
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Tab moves on (Qt handles it before keyPressEvent): with the list open, it takes the
        # highlighted line first, as a completer does.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and self.matches.isVisible()
        ):
            self._pick_current()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.matches.parent():
            self.hide_matches()
        return super().eventFilter(watched, event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.hide_matches()
        super().focusOutEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.hide_matches()
        super().hideEvent(event)

    # --- slots ---------------------------------------------------------------------------
    def _on_self_text_edited(self, text: str) -> None:
        if text.strip():
            self.show_matches()
        else:
            self.hide_matches()

    def _on_self_text_changed(self, text: str) -> None:
        if not text:
            self.hide_matches()

    def _on_self_editing_finished(self) -> None:
        """Leaving the field (or Enter with the list closed): typed text that names someone
        in the list shows that one's name."""
        recipient = self.recipient()
        if recipient is None:
            return
        if recipient.kind != "other" and (self._picked is None or self._picked[0] != self.text()):
            self.set_recipient(recipient)

    def _on_self_return_pressed(self) -> None:
        recipient = self.recipient()
        if recipient is not None:
            self.recipient_chosen.emit(recipient)

    def _on_matches_item_clicked(self, item: QListWidgetItem) -> None:
        row = self.matches.row(item)
        if 0 <= row < len(self._lines):
            self._pick(self._lines[row])
