"""A code held in front of the camera counts once.

The decoder sees the same code in frame after frame; a scan counts when the code *appears*. It
counts again only after it has been out of view for ``absent_frames`` frames in a row (a few
missed decodes while it is still held there must not count as leaving), or when the user
presses "+" (``forget``).
"""

from __future__ import annotations


class SeenCodes:
    def __init__(self, absent_frames: int = 5) -> None:
        if absent_frames < 1:
            raise ValueError("absent_frames must be at least 1")
        self.absent_frames = absent_frames
        self._missing: dict[str, int] = {}  # code in view (or recently) -> frames since seen

    def update(self, codes_in_frame: set[str] | frozenset[str]) -> set[str]:
        """Feed the codes decoded in one frame; returns those that count as new scans."""
        new = {code for code in codes_in_frame if code not in self._missing}
        for code in list(self._missing):
            if code in codes_in_frame:
                continue
            self._missing[code] += 1
            if self._missing[code] >= self.absent_frames:
                del self._missing[code]
        for code in codes_in_frame:
            self._missing[code] = 0
        return new

    def forget(self, code: str) -> None:
        """The next frame showing ``code`` counts it again (the "+" key)."""
        self._missing.pop(code, None)

    def clear(self) -> None:
        self._missing.clear()

    def __contains__(self, code: object) -> bool:
        return code in self._missing

    def in_view(self) -> frozenset[str]:
        """The codes that count as in view: seen, and not yet gone for ``absent_frames``."""
        return frozenset(self._missing)
