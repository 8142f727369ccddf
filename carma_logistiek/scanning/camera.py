"""Frames from a camera, or from anything else OpenCV opens (a video file, a stream URL).

No Qt here: the UI runs ``CameraSource.read`` on a worker thread. Tests and demos pass a video
file through the same path as a real camera, since no webcam exists on the build machines.

Failures are DomainErrors with a Dutch message (CameraUnavailable): "missing" when the source
cannot be opened, "busy" when it opens but no frame arrives (another program holds the camera),
"unplugged" when frames stop after it worked. The UI shows the message, closes the source and
calls ``open()`` again every few seconds: that is how it recovers when the camera comes back.
A video file that ends is not an error: ``read`` returns None and ``ended`` becomes True (or it
starts again with ``loop=True``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from carma_logistiek.domain.errors import CameraUnavailable

# A camera may need a few reads to deliver its first frame after opening; after that a few
# failed reads in a row mean it is gone.
# OpenCV prints a warning on stderr for every failed open; the app retries a missing camera
# every few seconds and reports it in Dutch itself, so only real errors may reach the console.
cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)

FIRST_FRAME_ATTEMPTS = 10
MISSED_READS_BEFORE_UNPLUGGED = 3


def _is_file(source: int | str) -> bool:
    return isinstance(source, str) and "://" not in source and Path(source).is_file()


class CameraSource:
    def __init__(
        self,
        source: int | str = 0,
        *,
        resolution: tuple[int, int] | None = None,
        loop: bool = False,
        capture_factory: Callable[..., Any] | None = None,
    ) -> None:
        """``source``: a camera index (0, 1, ...), a video file or a stream URL.
        ``resolution``: asked of a camera (it may give another one; see ``resolution``).
        ``loop``: start a video file again at its end. ``capture_factory`` replaces
        cv2.VideoCapture (tests)."""
        self.source = source
        self.requested_resolution = resolution
        self.loop = loop
        self.is_file = _is_file(source)
        self.ended = False
        self._factory = capture_factory or cv2.VideoCapture
        self._capture: Any = None
        self._frames_read = 0

    # -- life cycle --------------------------------------------------------------------------

    def open(self) -> CameraSource:
        self.close()
        self.ended = False
        self._frames_read = 0
        if isinstance(self.source, str) and not self.is_file and "://" not in self.source:
            raise CameraUnavailable("missing", source=self.source)  # a file that is not there
        capture = self._factory(self.source)
        if capture is None or not capture.isOpened():
            if capture is not None:
                capture.release()
            raise CameraUnavailable("missing", source=self.source)
        if self.requested_resolution and not self.is_file:
            width, height = self.requested_resolution
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        self._capture = capture
        return self

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

    def __enter__(self) -> CameraSource:
        return self.open() if self._capture is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._capture is not None

    @property
    def resolution(self) -> tuple[int, int] | None:
        """(width, height) the source really delivers; None while closed."""
        if self._capture is None:
            return None
        return (int(self._capture.get(cv2.CAP_PROP_FRAME_WIDTH)),
                int(self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT)))

    @property
    def fps(self) -> float:
        return float(self._capture.get(cv2.CAP_PROP_FPS)) if self._capture is not None else 0.0

    # -- frames ------------------------------------------------------------------------------

    def read(self) -> np.ndarray | None:
        """The next frame (BGR). None only at the end of a video file (``ended`` is then
        True). Raises CameraUnavailable when a camera is busy or was unplugged."""
        if self._capture is None:
            if self.ended:
                return None
            self.open()
        capture = self._capture
        if self.is_file:
            ok, frame = capture.read()
            if not ok and self.loop and self._frames_read:
                capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
                ok, frame = capture.read()
            if not ok:
                if self._frames_read == 0:
                    raise CameraUnavailable("busy", source=self.source)
                self.ended = True
                return None
            self._frames_read += 1
            return np.asarray(frame)
        attempts = MISSED_READS_BEFORE_UNPLUGGED if self._frames_read else FIRST_FRAME_ATTEMPTS
        for _attempt in range(attempts):
            ok, frame = capture.read()
            if ok and frame is not None:
                self._frames_read += 1
                return np.asarray(frame)
        reason = "unplugged" if self._frames_read else "busy"
        self.close()
        raise CameraUnavailable(reason, source=self.source)


def list_cameras(max_index: int = 4) -> list[int]:
    """Camera indexes 0 .. max_index-1 that open and give a frame."""
    found = []
    for index in range(max_index):
        capture = cv2.VideoCapture(index)
        try:
            if capture.isOpened() and capture.read()[0]:
                found.append(index)
        finally:
            capture.release()
    return found
