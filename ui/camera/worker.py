"""The webcam on its own thread: capture, decode, debounce, and hand the GUI what it needs.

``CameraWorker`` reads frames from a ``CameraSource`` (a device index, or a video file, which is
how tests and demos stand in for a webcam), decodes every frame (zxing releases the GIL, so
this is real parallelism), and emits:

- ``frame_ready(QImage, list)``: the picture for the preview, at most ``display_fps`` a second,
  with ``[(text, corners), ...]`` of the codes in it, so the view can outline them;
- ``codes_seen(list)``: the ``DecodedCode`` objects that count as a new scan (a code held in
  view counts once; it must leave the view first, see ``SeenCodes``);
- ``state_changed(state, message)``: running, missing, busy, unplugged, stopped, ended, with a
  Dutch sentence that says what to do.

When the camera is missing, busy or unplugged the worker tries again every ``retry_seconds``
and carries on when it is back. The GUI thread never waits on the camera.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QThread, Signal
from PySide6.QtGui import QImage

from carma_logistiek.domain.errors import CameraUnavailable
from carma_logistiek.i18n import _
from carma_logistiek.scanning.debounce import SeenCodes

if TYPE_CHECKING:
    import numpy as np

# OpenCV, NumPy and zxing-cpp are imported when a camera actually starts (in the worker
# thread), not when the window is built: they cost ~300 ms of start-up otherwise.

log = logging.getLogger(__name__)

RESOLUTIONS = ((640, 480), (1280, 720))


@dataclass(frozen=True)
class CameraSettings:
    """Which camera (a device index, or a video file path) and at what resolution."""

    source: int | str = 0
    width: int = 640
    height: int = 480
    enabled: bool = True

    @property
    def is_file(self) -> bool:
        return isinstance(self.source, str)


def status_text(state: str, size: tuple[int, int] | None = None) -> str:
    """The short text of the status bar."""
    resolution = f"{size[0]}x{size[1]}" if size else ""
    return {
        "starting": _("Camera: wordt gestart…"),
        "running": _("Camera: actief ({resolution})", resolution=resolution),
        "missing": _("Camera: niet gevonden"),
        "busy": _("Camera: bezet door een ander programma"),
        "unplugged": _("Camera: losgekoppeld"),
        "ended": _("Camera: video afgelopen"),
        "stopped": _("Camera: niet in gebruik"),
        "off": _("Camera: uitgeschakeld"),
    }.get(state, _("Camera: niet in gebruik"))


def to_qimage(frame: np.ndarray) -> QImage:
    """A deep copy, so the numpy buffer may be reused at once."""
    import numpy as np

    frame = np.ascontiguousarray(frame)
    height, width = frame.shape[:2]
    if frame.ndim == 2:
        image = QImage(frame.data, width, height, width, QImage.Format.Format_Grayscale8)
    else:
        image = QImage(frame.data, width, height, 3 * width, QImage.Format.Format_BGR888)
    return image.copy()


def _decode(frame: np.ndarray) -> list:  # type: ignore[type-arg]
    from carma_logistiek.scanning.decoders import decode_frame

    return decode_frame(frame)


def _open_camera_source(settings: CameraSettings) -> Any:
    from carma_logistiek.scanning.camera import CameraSource

    return CameraSource(settings.source, resolution=(settings.width, settings.height))


class CameraWorker(QThread):
    frame_ready = Signal(QImage, list)
    codes_seen = Signal(list)
    state_changed = Signal(str, str)

    def __init__(
        self,
        settings: CameraSettings,
        *,
        source_factory: Callable[[CameraSettings], Any] | None = None,
        display_fps: float = 18.0,
        frame_interval: float | None = None,
        retry_seconds: float = 2.0,
        absent_frames: int = 5,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.source_factory = source_factory or _open_camera_source
        self.display_interval = 1.0 / display_fps
        # A camera paces itself (read() waits for the next frame); a video file is read as
        # fast as the disk allows, so it is paced like a camera unless told otherwise (tests).
        self.frame_interval = (
            frame_interval if frame_interval is not None else (1 / 20 if settings.is_file else 0)
        )
        self.retry_seconds = retry_seconds
        self.seen = SeenCodes(absent_frames=absent_frames)
        self.state = "stopped"
        self.size: tuple[int, int] | None = None
        self._stop = threading.Event()

    # --- GUI side ------------------------------------------------------------------------
    def stop(self, timeout_ms: int = 5000) -> None:
        self._stop.set()
        self.wait(timeout_ms)

    # --- worker side ---------------------------------------------------------------------
    def _set_state(self, state: str, message: str = "") -> None:
        if state != self.state or message:
            self.state = state
            self.state_changed.emit(state, message)

    def run(self) -> None:
        self._set_state("starting")
        while not self._stop.is_set():
            try:
                source = self.source_factory(self.settings)
                source.open()
            except CameraUnavailable as error:
                self._set_state(error.reason, error.message())
                self._stop.wait(self.retry_seconds)
                continue
            try:
                ended = self._capture(source)
            except CameraUnavailable as error:
                ended = False
                self._set_state(error.reason, error.message())
            except Exception:  # a driver error must not kill the thread silently
                log.exception("camera failed")  # the driver's own text goes to the log only
                ended = False
                unplugged = CameraUnavailable("unplugged", source=self.settings.source)
                self._set_state("unplugged", unplugged.message())
            finally:
                source.close()
            if ended:
                self._set_state("ended")
                return
            self._stop.wait(self.retry_seconds)
        self._set_state("stopped")

    def _capture(self, source: Any) -> bool:
        """Read until stopped (False) or until a video file ends (True)."""
        last_display = 0.0
        running = False
        while not self._stop.is_set():
            started = time.monotonic()
            frame = source.read()
            if frame is None:
                if getattr(source, "ended", False):
                    return True
                raise CameraUnavailable("unplugged", source=self.settings.source)
            if not running:
                running = True
                self.size = (frame.shape[1], frame.shape[0])
                self._set_state("running")
            codes = _decode(frame)
            new = self.seen.update({code.text for code in codes})
            if new:
                unique = {code.text: code for code in codes if code.text in new}
                self.codes_seen.emit(list(unique.values()))
            now = time.monotonic()
            if codes or now - last_display >= self.display_interval:
                last_display = now
                outlines = [(code.text, code.corners) for code in codes]
                self.frame_ready.emit(to_qimage(frame), outlines)
            if self.frame_interval:
                self._stop.wait(max(0.0, self.frame_interval - (time.monotonic() - started)))
        return False
