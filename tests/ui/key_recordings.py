"""Replay recorded scanner bursts (tests/data/scanner/*.keys) into the focused widget, on the
wedge's injectable clock, with the gaps, modifier presses and suffixes that were recorded."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

FOLDER = Path(__file__).resolve().parents[1] / "data" / "scanner"
_LINE = re.compile(
    r"^(?P<text>'(?:[^'\\]|\\.)*')\s+key=\s*(?P<key>\d+)(?:\s+mods=(?P<mods>0x[0-9a-f]+))?"
    r"\s+gap=\s*(?P<gap>[\d.]+)ms$"
)
TERMINATORS = {"\r", "\t"}


@dataclass(frozen=True)
class Press:
    text: str
    key: int
    modifiers: int
    gap: float  # seconds since the previous press

    @property
    def is_modifier(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class Recording:
    name: str
    presses: tuple[Press, ...]

    @property
    def code(self) -> str:
        """What the scanner meant: every character but the suffix."""
        return "".join(p.text for p in self.presses if p.text not in TERMINATORS)

    @property
    def suffix(self) -> str:
        return self.name.rsplit("-", 1)[-1]


def load(name: str) -> Recording:
    presses: list[Press] = []
    shift_held = False
    for line in (FOLDER / f"{name}.keys").read_text(encoding="utf-8").splitlines():
        match = _LINE.match(line.strip())
        if not match:
            continue
        text = ast.literal_eval(match["text"])
        key = int(match["key"])
        if match["mods"] is not None:
            modifiers = int(match["mods"], 16)
        else:  # the handheld's log has no modifiers: a Shift press shifts the next character
            modifiers = Qt.KeyboardModifier.ShiftModifier.value if shift_held else 0
        shift_held = key == Qt.Key.Key_Shift.value
        gap = 0.0 if not presses else float(match["gap"]) / 1000
        presses.append(Press(text, key, modifiers, gap))
    assert presses, f"no key presses in {name}.keys"
    return Recording(name, tuple(presses))


def recordings(prefix: str = "") -> list[str]:
    return sorted(path.stem for path in FOLDER.glob(f"{prefix}*.keys"))


class Replayer:
    """Sends key presses (and their releases) to the focused widget as the wedge sees them,
    advancing the wedge's clock by each recorded gap."""

    def __init__(self, wedge: Any, start: float = 1_000.0) -> None:
        self.now = start
        wedge.clock = lambda: self.now

    def play(self, recording: Recording, *, slower: float = 1.0) -> None:
        for press in recording.presses:
            self.now += press.gap * slower
            self.send(press)

    def wait(self, seconds: float) -> None:
        self.now += seconds

    def send(self, press: Press) -> None:
        widget = QApplication.focusWidget()
        assert isinstance(widget, QWidget), "no widget has the focus"
        modifiers = Qt.KeyboardModifier(press.modifiers)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, press.key, modifiers, press.text))

    def type_slowly(self, text: str, pause: float = 0.15) -> None:
        """A person: Shift pressed for capitals, 150 ms between keys."""
        for char in text:
            self.now += pause
            if char.isupper():
                self.send(Press("", Qt.Key.Key_Shift.value, 0, 0))
            shift = Qt.KeyboardModifier.ShiftModifier.value if char.isupper() else 0
            self.send(Press(char, ord(char.upper()), shift, 0))
