"""The one camera controller of the app: the scan screen and the kit check each own one.

It starts and stops the camera worker with the screen, shows its frames and messages in a
``CameraView``, tells the status bar (``context.camera_status``) what the camera does, passes
the codes it reads on (``codes_seen``), and ignores what a stopped worker still had queued.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from carma_logistiek.i18n import _
from ui.camera.settings_dialog import load_camera_settings, load_muted
from ui.camera.view import CameraView, Outline
from ui.camera.worker import CameraSettings, CameraWorker, status_text

if TYPE_CHECKING:
    from ui.shell.context import AppContext

PROBLEM_STATES = ("missing", "busy", "unplugged", "off")


class CameraController(QObject):
    codes_seen = Signal(list)  # the codes read in one frame
    frame_shown = Signal(QImage)  # a frame the view now shows (the kit check keeps the last)

    def __init__(self, context: AppContext, view: CameraView, parent: QObject | None = None,
                 *, honour_enabled: bool = True) -> None:
        super().__init__(parent)
        self.context = context
        self.view = view
        self.worker: CameraWorker | None = None
        # None: the settings saved in the camera settings dialog, read at each start.
        self.settings: CameraSettings | None = None
        self.options: dict[str, object] = {}  # CameraWorker keywords (tests: pacing)
        self.state = "stopped"
        # The scan screen obeys "Camera gebruiken"; the kit check has its own checkbox.
        self.honour_enabled = honour_enabled
        context.services.sounds.muted = load_muted()

    def current_settings(self) -> CameraSettings:
        return self.settings or load_camera_settings()

    def start(self) -> None:
        if self.worker is not None:
            return
        settings = self.current_settings()
        if self.honour_enabled and not settings.enabled:
            self._on_worker_state_changed("off", _("De camera staat uit in de instellingen."))
            return
        self.worker = CameraWorker(settings, **self.options)  # type: ignore[arg-type]
        self.worker.frame_ready.connect(self._on_worker_frame_ready)
        self.worker.codes_seen.connect(self._on_worker_codes_seen)
        self.worker.state_changed.connect(self._on_worker_state_changed)
        self.worker.start()

    def stop(self) -> None:
        worker, self.worker = self.worker, None
        if worker is not None:
            worker.stop()
            worker.deleteLater()
        if worker is not None or self.state != "stopped":
            self.state = "stopped"
            self.context.camera_status.emit(status_text("stopped"))

    def restart(self, settings: CameraSettings, *, running: bool) -> None:
        """New settings (the dialog, or a test's video file); starts again when ``running``."""
        self.stop()
        self.settings = settings
        if running:
            self.start()

    def _from_old_worker(self) -> bool:
        """Signals already queued by a worker that was stopped (settings changed, screen
        hidden) may still arrive; they must not overwrite the current camera's state."""
        sender = self.sender()
        return sender is not None and sender is not self.worker

    def _on_worker_frame_ready(self, image: QImage, outlines: list[Outline]) -> None:
        if self._from_old_worker():
            return
        self.view.show_frame(image, outlines)
        self.frame_shown.emit(image)

    def _on_worker_codes_seen(self, codes: list) -> None:  # type: ignore[type-arg]
        if not self._from_old_worker():
            self.codes_seen.emit(codes)

    def _on_worker_state_changed(self, state: str, message: str) -> None:
        if self._from_old_worker():
            return
        worker = self.worker
        self.state = state
        self.context.camera_status.emit(status_text(state, worker.size if worker else None))
        if state in PROBLEM_STATES:
            self.view.show_message(message or status_text(state))
        elif state == "ended":
            self.view.message = _("De video is afgelopen.")
