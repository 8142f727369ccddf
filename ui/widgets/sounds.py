"""Feedback sounds for scanning, without QtMultimedia (not in PySide6-Essentials).

Two short WAV files are generated once into the cache folder with the standard library: a
high double "bip" for a good scan, a low buzz for a refused one. They play with winsound on
Windows, with paplay/aplay elsewhere (a non-blocking subprocess), else QApplication.beep().
The app context holds the player (``context.services.sounds``); tests give it a
``RecordingPlayer``.
"""

from __future__ import annotations

import math
import shutil
import struct
import subprocess
import sys
import wave
from pathlib import Path

from PySide6.QtWidgets import QApplication

from carma_logistiek import config as app_config

RATE = 22_050
SUCCESS = "success"
REFUSAL = "refusal"

# (frequency Hz, milliseconds) per tone; a frequency of 0 is silence.
PATTERNS: dict[str, list[tuple[int, int]]] = {
    SUCCESS: [(1760, 70), (0, 30), (2350, 90)],
    REFUSAL: [(330, 180), (0, 40), (262, 260)],
}


def sounds_dir() -> Path:
    # Generated, so a cache; kept beside the data so CARMA_HOME (tests) moves it too.
    return app_config.data_dir() / "cache" / "sounds"


def write_tone_file(path: Path, pattern: list[tuple[int, int]]) -> Path:
    """A 16-bit mono WAV of the tones, with a short fade so nothing clicks."""
    frames = bytearray()
    for frequency, millis in pattern:
        count = RATE * millis // 1000
        fade = max(1, min(count // 2, RATE // 200))
        for i in range(count):
            envelope = min(1.0, i / fade, (count - i) / fade)
            value = math.sin(2 * math.pi * frequency * i / RATE) if frequency else 0.0
            frames += struct.pack("<h", int(value * envelope * 0.5 * 32767))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    return path


def sound_file(name: str) -> Path:
    path = sounds_dir() / f"{name}.wav"
    if not path.exists():
        write_tone_file(path, PATTERNS[name])
    return path


class SoundPlayer:
    """Plays a named sound without ever blocking the GUI thread."""

    def __init__(self) -> None:
        self.muted = False
        self._command = next((tool for tool in ("paplay", "aplay") if shutil.which(tool)), None)

    def play(self, name: str) -> None:
        if self.muted:
            return
        try:
            self._play_file(sound_file(name))
        except OSError:
            QApplication.beep()

    def _play_file(self, path: Path) -> None:
        if sys.platform == "win32":
            import winsound

            flags = winsound.SND_FILENAME | winsound.SND_ASYNC | winsound.SND_NODEFAULT
            winsound.PlaySound(str(path), flags)
        elif self._command:
            args = [self._command, str(path)] + (["-q"] if self._command == "aplay" else [])
            subprocess.Popen(
                args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, close_fds=True
            )
        else:
            QApplication.beep()


class RecordingPlayer(SoundPlayer):
    """For tests: remembers what would have sounded."""

    def __init__(self) -> None:
        super().__init__()
        self.played: list[str] = []

    def play(self, name: str) -> None:
        if not self.muted:
            self.played.append(name)
