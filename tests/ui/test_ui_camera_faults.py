"""A camera driver that raises something unexpected: the worker keeps running, logs the fault and
tells the user the camera stopped, in their language, never in the driver's words."""

from __future__ import annotations

import logging

from carma_logistiek.i18n import set_language
from ui.camera.worker import CameraSettings, CameraWorker


class BrokenDriver:
    """Opens, then fails on the first frame with a message only a developer should read."""

    ended = False

    def open(self) -> None:
        pass

    def read(self) -> None:
        raise RuntimeError("VIDIOC_DQBUF: Input/output error (errno 5)")

    def close(self) -> None:
        pass


def test_a_driver_fault_reaches_the_user_as_a_sentence_and_the_log_as_a_traceback(
        qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    worker = CameraWorker(CameraSettings(source=3), source_factory=lambda _s: BrokenDriver(),
                          retry_seconds=30)
    states: list[tuple[str, str]] = []
    worker.state_changed.connect(lambda state, text: states.append((state, text)))
    with caplog.at_level(logging.ERROR):
        worker.start()
        qtbot.waitUntil(lambda: any(state == "unplugged" for state, _ in states), timeout=5000)
        worker.stop()
    unplugged = next(text for state, text in states if state == "unplugged")
    assert unplugged.startswith("The camera (3)"), unplugged
    assert "VIDIOC" not in unplugged and "errno" not in unplugged
    assert "VIDIOC_DQBUF" in caplog.text  # the fault is in the log, with its traceback
