"""The camera's harder reader: a code the easy path misses is read on a second thread, counted
once, counted again after it left the view and came back; clean codes never wake it; an empty
view gets at most half a core; and the capture loop never waits for it.

The hard frames are real: images of tests/support/hard_images.py cut to 1280x720 and played
through an MJPG video like a webcam, checked here (on the frames as read back from the video)
to be missed by ``first_attempt`` and read by ``read_harder``. No assertion is on a duration:
the runs wait for counts (frames, attempts, readings), with generous timeouts.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from carma_logistiek.scanning import harder
from carma_logistiek.scanning.camera import CameraSource
from carma_logistiek.scanning.decoders import DecodedCode
from tests.support.frames import make_qr_image, webcam_frame, write_video
from tests.support.hard_images import make_image, same_reading
from ui.camera.worker import CameraSettings, CameraWorker

WAIT_MS = 60_000  # generous: two cores shared with other work
# (symbology, condition, index, seed) to look for a hard frame among, in this order.
CANDIDATES = (("ean13", "blurred", 0, 1), ("qr", "inverted", 1, 1), ("ean13", "blurred", 1, 1),
              ("qr", "inverted", 0, 1), ("qr", "inverted", 2, 1), ("ean13", "blurred", 2, 1))


def _forms(image: np.ndarray) -> list[np.ndarray]:
    """1280x720 versions of a 1280x960 picture: its middle cut out, or the whole picture made
    smaller and widened with its own edges."""
    height = image.shape[0]
    top = (height - 720) // 2
    cut = image[top:top + 720, :1280]
    small = cv2.resize(image, (960, 720), interpolation=cv2.INTER_AREA)
    padded = cv2.copyMakeBorder(small, 0, 0, 160, 160, cv2.BORDER_REPLICATE)
    return [np.ascontiguousarray(cut), np.ascontiguousarray(padded)]


def _as_played(frame: np.ndarray, folder: Path) -> np.ndarray:
    """The frame as the camera worker gets it: through an MJPG video."""
    path = write_video(folder / "probe.avi", [frame] * 2, fps=20)
    with CameraSource(str(path)) as source:
        played = source.read()
    assert played is not None
    return played


@cache
def hard_frame(outlined: bool, folder: str) -> tuple[np.ndarray, str, str]:
    """A frame (as played from a video) that ``first_attempt`` does not read and
    ``read_harder`` does, with (``outlined``) or without the outline of a code it saw; the
    text read and the symbology."""
    tried = []
    for symbology, condition, index, seed in CANDIDATES:
        item = make_image(symbology, condition, index, seed=seed)
        assert item.expected is not None
        for form in _forms(item.image):
            frame = _as_played(form, Path(folder))
            easy = harder.first_attempt(frame)
            if easy.codes or (easy.outlines > 0) != outlined:
                tried.append(f"{item.name}: easy {easy.texts} outlines {easy.outlines}")
                continue
            hard = harder.read_harder(frame, budget_s=1.0)  # the worker gives it 2.0
            if len(hard.codes) == 1 and same_reading(item.expected, hard.codes[0].text):
                return frame, hard.codes[0].text, symbology
            tried.append(f"{item.name}: hard {hard.texts}")
    pytest.fail(f"no hard frame (outlined={outlined}) among the candidates: {tried}")


def empty_frame(size: tuple[int, int] = (1280, 720)) -> np.ndarray:
    """A desk without a code, on which zxing sees no outline either (checked)."""
    for seed in range(3, 20):
        frame = webcam_frame(None, size, seed=seed)
        reading = harder.first_attempt(frame)
        if not reading.codes and reading.outlines == 0:
            return frame
    pytest.fail("no code-free frame without an outline")


def looping(path: Path) -> Callable[[CameraSettings], CameraSource]:
    return lambda _settings: CameraSource(str(path), loop=True)


class Recorder:
    """What a worker emitted."""

    def __init__(self, worker: CameraWorker) -> None:
        self.codes: list[list[DecodedCode]] = []
        self.outlines: list[list[Any]] = []
        self.states: list[str] = []
        worker.codes_seen.connect(self.codes.append)
        worker.frame_ready.connect(lambda _image, outlines: self.outlines.append(outlines))
        worker.state_changed.connect(lambda state, _text: self.states.append(state))

    @property
    def texts(self) -> list[list[str]]:
        return [[code.text for code in codes] for codes in self.codes]


def stop_cleanly(qtbot, worker: CameraWorker, recorder: Recorder) -> None:  # type: ignore[no-untyped-def]
    worker.stop()
    assert worker.isFinished()
    assert worker.hard_reader is not None and not worker.hard_reader.running
    assert not [t for t in threading.enumerate() if t.name == "camera-harder" and t.is_alive()]
    qtbot.wait(100)  # what was queued before the stop arrives
    emitted = (len(recorder.codes), len(recorder.outlines), len(recorder.states))
    qtbot.wait(400)
    assert (len(recorder.codes), len(recorder.outlines), len(recorder.states)) == emitted


class SlowAttempts:
    """``read_harder`` that does not end before the capture loop read ``frames`` more frames
    (were the loop waiting for the attempt, it would give up after 20 s with no progress)."""

    def __init__(self, worker: CameraWorker, frames: int) -> None:
        self.worker, self.frames = worker, frames
        self.real = harder.read_harder
        self.progress: list[tuple[int, int]] = []  # easy_frames when an attempt began, ended
        self.done = threading.Event()  # the test has seen enough: attempts end at once

    def __call__(self, image: np.ndarray, *, budget_s: float) -> harder.Reading:
        before = self.worker.easy_frames
        reading = self.real(image, budget_s=budget_s)
        give_up = time.monotonic() + 20
        while (self.worker.easy_frames < before + self.frames and time.monotonic() < give_up
               and not self.done.is_set()):
            time.sleep(0.005)
        self.progress.append((before, self.worker.easy_frames))
        return reading


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    return str(tmp_path_factory.mktemp("harder"))


@pytest.mark.parametrize("outlined", [True, False], ids=["outline-seen", "no-outline"])
def test_a_code_the_easy_path_misses_is_read_the_hard_way_and_counts_once(
        qtbot: Any, folder: str, outlined: bool) -> None:
    frame, expected, _symbology = hard_frame(outlined, folder)
    video = write_video(Path(folder) / f"hard-{outlined}.avi", [frame] * 6, fps=20)
    worker = CameraWorker(CameraSettings(source=str(video)), source_factory=looping(video),
                          frame_interval=0.01, hard_after_s=0.2, hard_budget_s=2.0)
    recorder = Recorder(worker)
    worker.start()
    # Read again and again while it stays in view: still one scan.
    qtbot.waitUntil(lambda: worker.hard_reads >= 4, timeout=WAIT_MS)
    qtbot.wait(300)
    stop_cleanly(qtbot, worker, recorder)
    assert recorder.texts == [[expected]]
    assert isinstance(recorder.codes[0][0], DecodedCode)
    assert any(text == expected for outlines in recorder.outlines for text, _corners in outlines)
    assert worker.easy_frames > worker.hard_attempts >= worker.hard_reads >= 4


class ScriptedCamera:
    """Frames chosen by what the worker has done so far (not by time): the hard code until it
    was read twice, an empty desk until three more attempts were made there, then the hard code
    again until it was read, then the end."""

    ended = False

    def __init__(self, hard: np.ndarray, empty: np.ndarray) -> None:
        self.hard, self.empty = hard, empty
        self.worker: CameraWorker | None = None
        self.phase = "held"
        self.mark = 0
        self.after = 0  # frames since the phase's condition was met
        self.frames = 0

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def read(self) -> np.ndarray | None:
        worker = self.worker
        assert worker is not None
        self.frames += 1
        if self.frames > 200_000:  # a safety net; the test fails on its phase then
            self.ended = True
            return None
        if self.phase == "held" and worker.hard_reads >= 2:
            self.phase, self.mark = "away", worker.hard_attempts
        elif self.phase == "away" and worker.hard_attempts >= self.mark + 3:
            self.after += 1
            if self.after > 12:  # the last answer applied, and more than absent_frames after
                self.phase, self.mark, self.after = "back", worker.hard_reads, 0
        elif self.phase == "back" and worker.hard_reads >= self.mark + 1:
            self.after += 1
            if self.after > 12:
                self.phase = "done"
                self.ended = True
                return None
        return (self.empty if self.phase == "away" else self.hard).copy()


@pytest.mark.parametrize("outlined", [True, False], ids=["outline-seen", "no-outline"])
def test_a_hard_code_that_leaves_the_view_and_comes_back_counts_again(
        qtbot: Any, folder: str, outlined: bool) -> None:
    frame, expected, _symbology = hard_frame(outlined, folder)
    empty = empty_frame()
    assert not harder.read_harder(empty, budget_s=1.0).codes
    camera = ScriptedCamera(frame, empty)
    worker = CameraWorker(CameraSettings(source=9), source_factory=lambda _s: camera,
                          frame_interval=0.005, hard_after_s=0.2, hard_budget_s=2.0)
    camera.worker = worker
    recorder = Recorder(worker)
    worker.start()
    qtbot.waitUntil(lambda: "ended" in recorder.states, timeout=2 * WAIT_MS)
    stop_cleanly(qtbot, worker, recorder)
    assert camera.phase == "done"
    assert recorder.texts == [[expected], [expected]]


def test_clean_codes_are_read_by_the_easy_path_and_never_wake_the_harder_reader(
        qtbot: Any, tmp_path: Path) -> None:
    text = "CARMA-TEST-0042"
    code = make_qr_image(text)
    frames = [webcam_frame(code, (640, 480), seed=seed) for seed in range(8)]
    video = write_video(tmp_path / "clean.avi", frames, fps=20)
    with CameraSource(str(video)) as source:
        for _ in frames:  # every frame, as played, is read the easy way
            played = source.read()
            assert played is not None and harder.first_attempt(played).texts == [text]
    worker = CameraWorker(CameraSettings(source=str(video)), source_factory=looping(video),
                          frame_interval=0.01, hard_after_s=0.2)
    recorder = Recorder(worker)
    worker.start()
    # 150 frames at 10 ms or more: well past hard_after_s, the code read all along.
    qtbot.waitUntil(lambda: worker.easy_frames >= 150, timeout=WAIT_MS)
    stop_cleanly(qtbot, worker, recorder)
    assert worker.hard_attempts == 0
    assert recorder.texts == [[text]]


def test_an_empty_view_gets_throttled_attempts_and_no_codes(
        qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    frames = [empty_frame((640, 480))] * 4
    video = write_video(tmp_path / "empty.avi", frames, fps=20)
    with CameraSource(str(video)) as source:
        played = source.read()
        assert played is not None and harder.first_attempt(played).outlines == 0
    spans: list[tuple[float, float]] = []
    real = harder.read_harder

    def timed(image: np.ndarray, *, budget_s: float) -> harder.Reading:
        start = time.monotonic()
        try:
            return real(image, budget_s=budget_s)
        finally:
            spans.append((start, time.monotonic()))

    monkeypatch.setattr(harder, "read_harder", timed)
    worker = CameraWorker(CameraSettings(source=str(video)), source_factory=looping(video),
                          frame_interval=0.01, hard_after_s=0.2, hard_budget_s=0.3)
    recorder = Recorder(worker)
    worker.start()
    qtbot.waitUntil(lambda: len(spans) >= 5, timeout=WAIT_MS)
    stop_cleanly(qtbot, worker, recorder)
    assert recorder.codes == []
    assert worker.hard_reads == 0
    assert worker.hard_attempts == len(spans)
    # No outline: after an attempt of t seconds, at least t seconds of rest (at most half a core).
    for (start, end), (next_start, _next_end) in itertools.pairwise(spans):
        assert next_start - end >= end - start
    busy = sum(end - start for start, end in spans)
    assert busy <= (spans[-1][1] - spans[0][0] + spans[-1][1] - spans[-1][0]) / 2


def test_the_capture_loop_goes_on_while_the_harder_reader_works(
        qtbot: Any, folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    frame, expected, _symbology = hard_frame(True, folder)
    video = write_video(Path(folder) / "busy.avi", [frame] * 6, fps=20)
    worker = CameraWorker(CameraSettings(source=str(video)), source_factory=looping(video),
                          frame_interval=0.01, hard_after_s=0.2, hard_budget_s=2.0)
    slow = SlowAttempts(worker, frames=20)
    monkeypatch.setattr(harder, "read_harder", slow)
    recorder = Recorder(worker)
    worker.start()
    qtbot.waitUntil(lambda: len(slow.progress) >= 2, timeout=WAIT_MS)
    slow.done.set()
    stop_cleanly(qtbot, worker, recorder)
    assert all(after - before >= 20 for before, after in slow.progress[:2]), slow.progress
    assert recorder.texts == [[expected]]


class EasyThenHard:
    """A code read the easy way for 30 frames, then only the hard way (a label tilted away
    from the light): frames chosen by what the worker did, until it was read hard twice."""

    ended = False

    def __init__(self, easy: np.ndarray, hard: np.ndarray) -> None:
        self.easy, self.hard = easy, hard
        self.worker: CameraWorker | None = None
        self.frames = 0
        self.after = 0

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def read(self) -> np.ndarray | None:
        assert self.worker is not None
        self.frames += 1
        if self.frames <= 30:
            return self.easy.copy()
        if self.worker.hard_reads >= 2 or self.frames > 200_000:
            self.after += 1
            if self.after > 12:
                self.ended = True
                return None
        return self.hard.copy()


def test_a_code_read_the_easy_way_and_then_only_the_hard_way_counts_once(
        qtbot: Any, folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # The first hard attempt starts on the first hard frame (an outline is in view) and answers
    # 20 frames later, when SeenCodes alone would have let the code go (after 5).
    frame, expected, symbology = hard_frame(True, folder)
    easy = webcam_frame(make_qr_image(expected, symbology), (1280, 720), seed=4)
    assert harder.first_attempt(easy).texts == [expected]
    camera = EasyThenHard(easy, frame)
    worker = CameraWorker(CameraSettings(source=9), source_factory=lambda _s: camera,
                          frame_interval=0.005, hard_after_s=0.2, hard_budget_s=2.0)
    camera.worker = worker
    slow = SlowAttempts(worker, frames=20)
    monkeypatch.setattr(harder, "read_harder", slow)
    recorder = Recorder(worker)
    worker.start()
    qtbot.waitUntil(lambda: "ended" in recorder.states, timeout=WAIT_MS)
    slow.done.set()  # the attempt running when the video ended waits for no more frames
    stop_cleanly(qtbot, worker, recorder)
    assert worker.hard_reads >= 2
    assert slow.progress[0][1] - slow.progress[0][0] >= 20 > worker.seen.absent_frames
    assert recorder.texts == [[expected]]
