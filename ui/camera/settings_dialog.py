"""Camera and sound settings, shared by the scan screen and the kit check."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.i18n import _
from ui.camera.worker import RESOLUTIONS, CameraSettings
from ui.shell import settings_keys
from ui.widgets.forms import FieldFirstDialog, Form
from ui.widgets.sounds import SoundPlayer


def _truthy(value: object, default: bool) -> bool:
    if value is None:
        return default
    return str(value).lower() in ("1", "true", "yes")


def load_muted() -> bool:
    return _truthy(settings_keys.settings().value(settings_keys.SOUND_MUTED), False)


def load_camera_settings() -> CameraSettings:
    store = settings_keys.settings()
    raw = str(store.value(settings_keys.CAMERA_SOURCE, "0") or "0")
    width, _x, height = str(store.value(settings_keys.CAMERA_RESOLUTION, "640x480")).partition("x")
    return CameraSettings(
        source=int(raw) if raw.isdigit() else raw,
        width=int(width) if width.isdigit() else 640,
        height=int(height) if height.isdigit() else 480,
        enabled=_truthy(store.value(settings_keys.CAMERA_ENABLED), True),
    )


def save_camera_settings(settings: CameraSettings, *, muted: bool,
                         player: SoundPlayer) -> None:
    store = settings_keys.settings()
    store.setValue(settings_keys.CAMERA_SOURCE, str(settings.source))
    store.setValue(settings_keys.CAMERA_RESOLUTION, f"{settings.width}x{settings.height}")
    store.setValue(settings_keys.CAMERA_ENABLED, settings.enabled)
    store.setValue(settings_keys.SOUND_MUTED, muted)
    player.muted = muted


class CameraSettingsDialog(FieldFirstDialog):
    saved = Signal(object)  # CameraSettings

    def __init__(self, current: CameraSettings, player: SoundPlayer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.setWindowTitle(_("Camera-instellingen"))
        self.setMinimumWidth(480)
        self.enabled = QCheckBox(_("Camera gebruiken"))
        self.enabled.setChecked(current.enabled)
        self.source = QComboBox()
        self.source.setEditable(True)
        for index in range(4):
            self.source.addItem(_("Camera {number}", number=index), str(index))
        if current.is_file:
            self.source.addItem(str(current.source), str(current.source))
        self.source.setCurrentIndex(max(0, self.source.findData(str(current.source))))
        browse = QPushButton(_("Videobestand…"))
        browse.setToolTip(_("Een videobestand in plaats van een camera (demo, test)"))
        browse.clicked.connect(self._on_browse_clicked)
        self.resolution = QComboBox()
        for width, height in RESOLUTIONS:
            self.resolution.addItem(f"{width} x {height}", (width, height))
        self.resolution.setCurrentIndex(
            max(0, self.resolution.findData((current.width, current.height)))
        )
        self.muted = QCheckBox(_("Geen geluid bij het scannen"))
        self.muted.setChecked(player.muted)
        source_row_widget = QWidget()
        source_row = QHBoxLayout(source_row_widget)
        source_row.setContentsMargins(0, 0, 0, 0)
        source_row.addWidget(self.source, 1)
        source_row.addWidget(browse)
        form = Form()
        form.add("enabled", "", self.enabled)
        form.add("source", _("Camera"), source_row_widget)
        form.add("resolution", _("Resolutie"), self.resolution)
        form.add("muted", _("Geluid"), self.muted)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Opslaan"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _on_browse_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Videobestand kiezen"), "", _("Video (*.avi *.mp4 *.mkv);;Alle bestanden (*)")
        )
        if path:
            self.source.addItem(path, path)
            self.source.setCurrentIndex(self.source.count() - 1)

    def chosen(self) -> CameraSettings:
        data = self.source.currentData()
        text = self.source.currentText().strip()
        raw = (
            str(data)
            if data is not None and self.source.itemText(self.source.currentIndex()) == text
            else text
        )
        width, height = self.resolution.currentData()
        return CameraSettings(
            source=int(raw) if raw.isdigit() else raw,
            width=width,
            height=height,
            enabled=self.enabled.isChecked(),
        )

    def accept(self) -> None:
        settings = self.chosen()
        save_camera_settings(settings, muted=self.muted.isChecked(), player=self.player)
        self.saved.emit(settings)
        super().accept()
