"""Scannen: the scan field, the message line, the mode, the camera and the three panels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from ui.camera.worker import CameraSettings


class ScanPage:
    def __init__(self, app: Any, screen: Any) -> None:
        self.app = app
        self.screen = screen
        self.qtbot = app.qtbot

    # --- scanning ------------------------------------------------------------------------
    def scan(self, text: str) -> bool:
        """A scan (camera, wedge or typed); returns whether it was accepted (green)."""
        with self.qtbot.waitSignal(self.screen.scan_handled, timeout=3000) as signal:
            self.screen.scan_text(text)
        return bool(signal.args[0])

    def scan_without_waiting(self, text: str) -> None:
        self.screen.scan_text(text)

    def type_and_enter(self, text: str) -> None:
        """What a handheld scanner (or a person) types into the scan field, then Enter."""
        self.qtbot.keyClicks(self.screen.scan_field, text)
        self.qtbot.keyClick(self.screen.scan_field, Qt.Key.Key_Return)

    def press(self, key: Qt.Key) -> None:
        """A key in the scan field: Enter books, Escape drops the line."""
        self.qtbot.keyClick(self.screen.scan_field, key)

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.screen.scan_field, text)

    def field_text(self) -> str:
        return self.screen.scan_field.text()

    def field_has_focus(self) -> bool:
        return self.screen.scan_field.hasFocus()

    def refocus(self) -> None:
        self.screen.refocus()

    @property
    def wedge(self):  # type: ignore[no-untyped-def]
        return self.screen.wedge

    @property
    def handled(self):  # type: ignore[no-untyped-def]
        """The signal every answered scan emits (accepted: bool)."""
        return self.screen.scan_handled

    # --- what the screen shows -----------------------------------------------------------
    def message(self) -> str:
        return self.screen.message.text()

    def feedback(self) -> str:
        """"ok" (green), "refused" (red) or "neutral"."""
        return self.screen.feedback_state

    def location(self) -> str | None:
        return self.screen.location_code

    def mode(self, name: str) -> None:
        self.screen.set_mode(name)

    def link_offered(self) -> bool:
        return self.screen.link_button.isVisible()

    def open_link_dialog(self):  # type: ignore[no-untyped-def]
        return self.screen.open_link_dialog()

    # --- the panels ----------------------------------------------------------------------
    @property
    def pickup(self):  # type: ignore[no-untyped-def]
        return self.screen.pickup

    @property
    def delivery(self):  # type: ignore[no-untyped-def]
        return self.screen.delivery

    @property
    def count(self):  # type: ignore[no-untyped-def]
        return self.screen.count

    def basket(self) -> list[tuple[str, int]]:
        return [(e.product.code, e.quantity) for e in self.screen.pickup.entries]

    # --- camera --------------------------------------------------------------------------
    def play_video(self, path: Path, **options: object) -> None:
        """Point the camera at a video file, as the settings dialog would."""
        self.screen.camera.options = {"frame_interval": 0, **options}
        self.screen.restart_camera(CameraSettings(source=str(path)))

    def use_camera(self, settings: CameraSettings) -> None:
        self.screen.restart_camera(settings)

    def camera_state(self) -> str:
        return self.screen.camera.state

    def camera_message(self) -> str:
        return self.screen.camera_view.message
