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

Two readers, because the machines have two cores. Every frame gets the easy path
(``harder.first_attempt``: zxing with its defaults, a few milliseconds), on the capture thread,
so a clean label is read at the camera's full frame rate. A worn, blurred or inverted code that
it misses gets the harder attempts (``harder.read_harder``, up to ``hard_budget_s`` a go) on a
second thread, the *harder reader*, using the time the other core has to spare. The capture
loop never waits for it:

- it is asked only when the easy path read nothing on a frame, and either zxing saw the outline
  of a code it could not read (``outlines > 0``) or nothing was read for ``hard_after_s``;
- it gets a copy of the latest such frame, and only when it is idle: one attempt at a time, a
  newer frame replaces one still waiting, there is never a queue of old frames;
- with no outline in view (an empty desk, for hours), an attempt of t seconds is followed by at
  least t seconds of rest, so it takes at most half a core; with an outline it goes on at once;
- what it reads comes back to the capture thread and goes the way of any code: ``SeenCodes``,
  ``codes_seen``, and its outline in the next ``frame_ready``.

A code read the hard way counts once. The attempt answers for a frame a few frames back, and the
next answer comes only after the next attempt, so the code is *held*: fed to ``SeenCodes`` as in
view on every frame until an attempt on a frame without any outline no longer finds it. A hard
reading of a code that counted as in view when its frame was taken (say the easy path read it
a moment before) is not a new scan either. A held code that leaves the view (the next attempts
find nothing) and comes back counts again, like any code. ``easy_frames``, ``hard_attempts``
and ``hard_reads`` count what the two readers did (tests, a status line).

When the camera is missing, busy or unplugged the worker tries again every ``retry_seconds``
and carries on when it is back. The GUI thread never waits on the camera. ``stop`` ends the
harder reader too: no thread of the camera is left running, and nothing is emitted, after it.
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


@dataclass(frozen=True)
class _HardJob:
    """A frame for the harder reader, and what the capture loop knew when it was taken."""

    frame: np.ndarray
    session: int  # which opening of the camera it came from
    outlined: bool  # the easy path saw the outline of a code it could not read
    in_view: frozenset[str]  # the codes that counted as in view at that frame


@dataclass(frozen=True)
class _HardResult:
    job: _HardJob
    codes: tuple[Any, ...]  # DecodedCode


class HarderReader:
    """The harder attempts on a thread of their own: one at a time, on the latest frame offered.

    The capture thread ``offer``s a job and ``collect``s results; neither ever waits for an
    attempt. Not a QThread and no signals: it hands its results to the capture thread, which
    emits (so nothing is emitted once the capture thread has stopped)."""

    def __init__(self, budget_s: float) -> None:
        self.budget_s = budget_s
        self._lock = threading.Condition()
        self._pending: _HardJob | None = None
        self._busy = False
        self._stopping = False
        self._results: list[_HardResult] = []
        self._thread: threading.Thread | None = None
        # With no outline in view, no attempt starts before this (time.monotonic()).
        self.ready_at = 0.0
        self.attempts = 0
        self.reads = 0
        self.seconds = 0.0  # spent reading, in all

    def start(self) -> None:
        with self._lock:
            self._stopping = False
        self._thread = threading.Thread(target=self._run, name="camera-harder", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float | None = None) -> None:
        """Ends the thread: the attempt running finishes (at most ``budget_s`` and a bit)."""
        with self._lock:
            self._stopping = True
            self._pending = None
            self._results.clear()
            self._lock.notify_all()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout_s if timeout_s is not None else 10 + 4 * self.budget_s)
            if thread.is_alive():
                log.warning("the harder camera reader did not stop in time")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def idle(self) -> bool:
        with self._lock:
            return not self._busy

    def offer(self, job: _HardJob) -> bool:
        """Gives ``job`` to the reader when it is idle (replacing a job still waiting)."""
        with self._lock:
            if self._busy or self._stopping:
                return False
            self._pending = job
            self._lock.notify_all()
            return True

    def collect(self) -> list[_HardResult]:
        with self._lock:
            results, self._results = self._results, []
        return results

    def discard(self) -> None:
        """Forget what is waiting and what came back (the camera was opened again)."""
        with self._lock:
            self._pending = None
            self._results.clear()

    def _run(self) -> None:
        from carma_logistiek.scanning import harder

        while True:
            with self._lock:
                while self._pending is None and not self._stopping:
                    self._lock.wait()
                if self._stopping:
                    return
                job = self._pending
                if job is None:
                    continue
                self._pending = None
                self._busy = True
                self.attempts += 1
            started = time.monotonic()
            codes: tuple[Any, ...] = ()
            try:
                codes = harder.read_harder(job.frame, budget_s=self.budget_s).codes
            except Exception:  # a bad frame must not end the reader
                log.exception("harder camera reading failed")
            seconds = time.monotonic() - started
            with self._lock:
                self.seconds += seconds
                self.reads += bool(codes)
                self.ready_at = time.monotonic() + seconds
                if not self._stopping:
                    self._results.append(_HardResult(job, codes))
                self._busy = False


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
        hard_after_s: float = 1.0,
        hard_budget_s: float = 0.3,
        hard_reading: bool = True,
    ) -> None:
        """``hard_after_s``: with no outline in view, the harder reader starts after this long
        without a reading; ``hard_budget_s``: what one of its attempts may take;
        ``hard_reading=False``: the easy path only."""
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
        self.hard_after_s = hard_after_s
        self.hard_reader = HarderReader(hard_budget_s) if hard_reading else None
        self.easy_frames = 0  # frames read by the easy path
        # Codes read the hard way, held in view between the harder reader's answers (text ->
        # DecodedCode, with the corners of its last reading).
        self._held: dict[str, Any] = {}
        self._session = 0

    @property
    def hard_attempts(self) -> int:
        return self.hard_reader.attempts if self.hard_reader else 0

    @property
    def hard_reads(self) -> int:
        """Attempts of the harder reader that read a code."""
        return self.hard_reader.reads if self.hard_reader else 0

    @property
    def hard_seconds(self) -> float:
        return self.hard_reader.seconds if self.hard_reader else 0.0

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
        if self.hard_reader is not None:
            self.hard_reader.start()
        try:
            self._run()
        finally:
            if self.hard_reader is not None:
                self.hard_reader.stop()

    def _run(self) -> None:
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
        from carma_logistiek.scanning import harder

        last_display = 0.0
        running = False
        self._session += 1
        self._held.clear()
        if self.hard_reader is not None:
            self.hard_reader.discard()
        last_read = time.monotonic()  # the harder reader waits hard_after_s from the start too
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
            reading = harder.first_attempt(frame)
            self.easy_frames += 1
            codes = list(reading.codes)
            outlined = reading.outlines > 0
            now = time.monotonic()
            if codes:
                last_read = now
            fresh, answered = self._take_hard_results()
            in_frame = {code.text for code in codes} | set(self._held)
            new = self.seen.update(in_frame)
            if new:
                unique = {code.text: code for code in fresh if code.text in new}
                unique.update({code.text: code for code in codes if code.text in new})
                if unique:
                    self.codes_seen.emit(list(unique.values()))
            reader = self.hard_reader
            # Nothing read, and a code in view or nothing read for a while; the reader idle,
            # and rested (with no outline) as long as its last attempt took.
            if (not codes and reader is not None
                    and (outlined or now - last_read >= self.hard_after_s)
                    and (outlined or now >= reader.ready_at) and reader.idle()):
                reader.offer(_HardJob(frame.copy(), self._session, outlined,
                                      self.seen.in_view()))
            if codes or answered or now - last_display >= self.display_interval:
                last_display = now
                outlines = [(code.text, code.corners) for code in codes]
                easy = {code.text for code in codes}
                outlines += [(text, code.corners) for text, code in self._held.items()
                             if text not in easy]
                self.frame_ready.emit(to_qimage(frame), outlines)
            if self.frame_interval:
                self._stop.wait(max(0.0, self.frame_interval - (time.monotonic() - started)))
        return False

    def _take_hard_results(self) -> tuple[list[Any], bool]:
        """The harder reader's answers since the last frame: updates the held codes; returns
        the codes it read that may count as new (not in view when their frame was taken), and
        whether any answer came."""
        if self.hard_reader is None:
            return [], False
        fresh: list[Any] = []
        answered = False
        for result in self.hard_reader.collect():
            if result.job.session != self._session:
                continue
            answered = True
            found = {code.text: code for code in result.codes}
            for text in list(self._held):
                # Gone: the reader no longer finds it and nothing code-like is in view.
                if text not in found and not result.job.outlined:
                    del self._held[text]
            for text, code in found.items():
                if text not in self._held and text not in result.job.in_view:
                    fresh.append(code)
                self._held[text] = code
        return fresh, answered
