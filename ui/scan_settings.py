"""Camera and sound settings of the scan screen, and the dialog that links an unknown
manufacturer barcode (GTIN) to a product."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import _
from carma_logistiek.services import masterdata
from carma_logistiek.services.scans import link_gtin
from ui import settings_keys, sounds
from ui.camera_worker import RESOLUTIONS, CameraSettings
from ui.context import PRODUCT_PICKER_LIMIT, AppContext
from ui.forms import Form, MissingInput, ProductPicker


def _truthy(value: object, default: bool) -> bool:
    if value is None:
        return default
    return str(value).lower() in ("1", "true", "yes")


def load_camera_settings() -> CameraSettings:
    store = settings_keys.settings()
    raw = str(store.value(settings_keys.CAMERA_SOURCE, "0") or "0")
    width, _x, height = str(store.value(settings_keys.CAMERA_RESOLUTION, "640x480")).partition("x")
    sounds.current().muted = _truthy(store.value(settings_keys.SOUND_MUTED), False)
    return CameraSettings(
        source=int(raw) if raw.isdigit() else raw,
        width=int(width) if width.isdigit() else 640,
        height=int(height) if height.isdigit() else 480,
        enabled=_truthy(store.value(settings_keys.CAMERA_ENABLED), True),
    )


def save_camera_settings(settings: CameraSettings, *, muted: bool) -> None:
    store = settings_keys.settings()
    store.setValue(settings_keys.CAMERA_SOURCE, str(settings.source))
    store.setValue(settings_keys.CAMERA_RESOLUTION, f"{settings.width}x{settings.height}")
    store.setValue(settings_keys.CAMERA_ENABLED, settings.enabled)
    store.setValue(settings_keys.SOUND_MUTED, muted)
    sounds.current().muted = muted


class CameraSettingsDialog(QDialog):
    saved = Signal(object)  # CameraSettings

    def __init__(self, current: CameraSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        self.muted.setChecked(sounds.current().muted)
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
        save_camera_settings(settings, muted=self.muted.isChecked())
        self.saved.emit(settings)
        super().accept()


class LinkGtinDialog(QDialog):
    """ "Koppelen aan product…": pick the product this barcode belongs to."""

    linked = Signal(str)  # product name

    def __init__(self, context: AppContext, gtin: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.gtin = gtin
        self.setWindowTitle(_("Streepjescode koppelen"))
        self.setMinimumWidth(520)
        self.product = ProductPicker(context.products)
        self.form = Form()
        self.form.add("gtin", _("Streepjescode"), QLabel(gtin))
        self.form.add("product", _("Product"), self.product)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Koppelen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _("Aan welk product hoort deze streepjescode? Typ de code of een deel van de naam.")
            )
        )
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.product.setFocus()

    def accept(self) -> None:
        self.form.clear_errors()
        try:
            code = self.product.required_code()
        except MissingInput as error:
            self.form.show_error(error)
            return
        self.context.runner.call(
            link_gtin,
            product_code=code,
            gtin=self.gtin,
            actor=self.context.actor,
            on_done=self._on_runner_done,
            on_error=self._on_runner_error,
        )

    def _on_runner_done(self, product: object) -> None:
        # The pickers learn the new GTIN (not load_masterdata: that re-inits the window).
        self.context.runner.call(
            masterdata.search_products,
            text="",
            limit=PRODUCT_PICKER_LIMIT,
            on_done=lambda rows: setattr(self.context, "products", rows),
        )
        self.linked.emit(getattr(product, "name", ""))
        super().accept()

    def _on_runner_error(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            self.form.show_error(error)
        else:
            raise error
