"""CameraSource over a video file (the stand-in for a webcam), and its failures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from carma_logistiek.domain.errors import CameraUnavailable
from carma_logistiek.scanning.camera import CameraSource, list_cameras
from carma_logistiek.scanning.debounce import SeenCodes
from carma_logistiek.scanning.decoders import decode_frame
from tests.support.frames import make_qr_image, webcam_frame, write_video

TEXT = "CL1:CARMA:P:DT-SPK"


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6 frames: 2 empty, 3 with a label, 1 empty."""
    code = make_qr_image(TEXT)
    frames = [webcam_frame(code if 2 <= i <= 4 else None, (640, 480), noise=3, seed=i)
              for i in range(6)]
    return write_video(tmp_path_factory.mktemp("video") / "scan.avi", frames, fps=15)


def test_plays_every_frame_then_ends(video: Path) -> None:
    with CameraSource(str(video)) as camera:
        assert camera.resolution == (640, 480)
        frames = []
        while (frame := camera.read()) is not None:
            frames.append(frame)
        assert camera.ended
        assert camera.read() is None  # ended is not an error, and stays ended
    assert len(frames) == 6 and frames[0].shape == (480, 640, 3)
    assert not camera.is_open


def test_video_through_decoder_and_debounce_counts_once(video: Path) -> None:
    seen = SeenCodes(absent_frames=2)
    counted = []
    with CameraSource(str(video)) as camera:
        while (frame := camera.read()) is not None:
            counted += sorted(seen.update({c.text for c in decode_frame(frame)}))
    assert counted == [TEXT]


def test_loop_starts_again(video: Path) -> None:
    with CameraSource(str(video), loop=True) as camera:
        frames = [camera.read() for _ in range(14)]
    assert all(isinstance(f, np.ndarray) for f in frames) and not camera.ended


def test_missing_device_and_file(tmp_path: Path) -> None:
    with pytest.raises(CameraUnavailable) as caught:
        CameraSource(9).open()
    assert caught.value.reason == "missing"
    assert "Geen camera gevonden (9)" in caught.value.message()
    with pytest.raises(CameraUnavailable) as caught:
        CameraSource(str(tmp_path / "none.avi")).open()
    assert caught.value.reason == "missing"


class FakeCapture:
    """A camera that opens and gives ``frames`` frames, then nothing."""

    def __init__(self, frames: int) -> None:
        self.frames = frames
        self.released = False

    def isOpened(self) -> bool:
        return True

    def read(self) -> tuple[bool, np.ndarray | None]:
        if self.frames <= 0:
            return False, None
        self.frames -= 1
        return True, np.zeros((480, 640, 3), np.uint8)

    def set(self, prop: int, value: float) -> bool:
        return True

    def get(self, prop: int) -> float:
        return 0.0

    def release(self) -> None:
        self.released = True


def test_busy_camera_opens_but_gives_no_frames() -> None:
    fake = FakeCapture(0)
    camera = CameraSource(0, capture_factory=lambda source: fake).open()
    with pytest.raises(CameraUnavailable) as caught:
        camera.read()
    assert caught.value.reason == "busy"
    assert "ander programma" in caught.value.message()
    assert fake.released and not camera.is_open


def test_unplugged_mid_scan_then_back() -> None:
    captures = [FakeCapture(3), FakeCapture(100)]
    camera = CameraSource(0, resolution=(1280, 720),
                          capture_factory=lambda source: captures.pop(0)).open()
    for _ in range(3):
        assert camera.read() is not None
    with pytest.raises(CameraUnavailable) as caught:
        camera.read()
    assert caught.value.reason == "unplugged"
    assert "losgekoppeld" in caught.value.message()
    # The camera is back: opening again is how the UI recovers.
    camera.open()
    assert camera.read() is not None


def test_messages_in_english() -> None:
    from carma_logistiek.i18n import set_language

    set_language("en")
    assert "unplugged" in CameraUnavailable("unplugged", source=0).message()
    assert "No camera found" in CameraUnavailable("missing", source=0).message()


def test_list_cameras_finds_none_here() -> None:
    assert list_cameras(max_index=2) == [] or all(isinstance(i, int) for i in list_cameras(2))
