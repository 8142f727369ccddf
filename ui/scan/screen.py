"""Scannen: the screen the counter works from, with a webcam, a handheld scanner or the keyboard.

Left the live camera picture (codes outlined), right the scan field (it always has the focus),
a big message line that flashes green or red, and the current mode: Afhaling (F3), Levering
(F2) or Telling (F6). Every scan is resolved on the database worker; the mode decides what it
does. A location label scanned first sets the location for the whole session.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.errors import UnknownGtin
from carma_logistiek.i18n import _
from ui.camera.controller import CameraController
from ui.camera.settings_dialog import CameraSettingsDialog
from ui.camera.view import CameraView
from ui.camera.wedge import ScanTargetMixin, WedgeScanner
from ui.camera.worker import CameraSettings
from ui.ops import stock as stock_ops
from ui.ops.errors import error_sentence
from ui.scan.count import CountPanel
from ui.scan.delivery import DeliveryPanel
from ui.scan.link_gtin import LinkGtinDialog
from ui.scan.panel import ScanPanel, big_font
from ui.scan.photo import SHORTCUT as PHOTO_SHORTCUT
from ui.scan.photo import PhotoReader
from ui.scan.pickup import PickupPanel
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.shell.screens import Screen
from ui.widgets import sounds

if TYPE_CHECKING:
    from carma_logistiek.services.scans import ScanResult

FLASH_MS = 1200
CAMERA_MINIMUM_WIDTH = 240
# The stock screen's booking shortcuts that switch the scan mode while this screen is shown.
MODE_KEYS = {"stock.pickup": "pickup", "stock.delivery": "delivery", "stock.count": "count"}
STYLES = {
    "neutral": "background: palette(base); border-radius: 6px; padding: 10px;",
    "ok": "background: #2e7d32; color: white; border-radius: 6px; padding: 10px;",
    "refused": "background: #c62828; color: white; border-radius: 6px; padding: 10px;",
}


class ScanField(QLineEdit):
    """The scan field: typed or wedge-scanned codes; on an empty field Enter confirms,
    Escape cancels the current line, + and - change its quantity."""

    confirm = Signal()
    cancel = Signal()
    adjust = Signal(int)
    scanned = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self.text().strip()
            self.clear()
            (self.scanned.emit(text) if text else self.confirm.emit())
            return
        if key == Qt.Key.Key_Escape:
            (self.clear() if self.text() else self.cancel.emit())
            return
        if not self.text() and event.text() in ("+", "-"):
            self.adjust.emit(1 if event.text() == "+" else -1)
            return
        super().keyPressEvent(event)


class _PanelContext:
    """The scan context the panels answer through (ui/scan/panel.py's ``ScanContext``)."""

    def __init__(self, screen: ScanScreen) -> None:
        self._screen = screen
        self.app = screen.context

    @property
    def location_code(self) -> str | None:
        return self._screen.location_code

    def location_name(self, code: str | None = None) -> str:
        return self._screen.location_name(code)

    def set_location(self, code: str | None) -> None:
        self._screen.set_location(code)

    def accept(self, message: str) -> None:
        self._screen.accept_scan(message)

    def refuse(self, message: str) -> None:
        self._screen.refuse_scan(message)

    def refocus(self) -> None:
        self._screen.refocus()

    def dialog_parent(self) -> QWidget:
        return self._screen


class ScanScreen(ScanTargetMixin, Screen):
    scan_handled = Signal(bool)  # after every scan: accepted?

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.location_code: str | None = None
        self._current_text: str | None = None  # the scan being answered (its outline flashes)
        self.last_gtin: str | None = None
        self._link_dialog: LinkGtinDialog | None = None
        self.camera_view = CameraView()
        self.camera = CameraController(context, self.camera_view, self)
        self.camera.codes_seen.connect(self._on_camera_codes_seen)
        self.scan_field = ScanField()
        self.scan_field.setFont(big_font(self, 1.2))
        self.scan_field.setPlaceholderText(_("Scan een etiket of typ een code en druk Enter"))
        self.message = QLabel(_("Scan het etiket van de locatie of kies ze bovenaan."))
        self.message.setWordWrap(True)
        self.message.setFont(big_font(self, 1.0, bold=True))
        self.message.setMinimumHeight(64)
        self.keyboard_hint = QLabel(
            _(
                "Deze scan was pas leesbaar na het omzetten van het toetsenbord: de scanner "
                "staat op een andere toetsenbordindeling dan deze pc (bv. QWERTY tegenover "
                "AZERTY). Stel de scanner in op de indeling van deze pc met de instelcodes uit zijn "
                "handleiding; tot dan zet CARMA Logistiek zijn scans om."
            )
        )
        self.keyboard_hint.setWordWrap(True)
        self.keyboard_hint.setVisible(False)
        self.link_button = QPushButton(_("Koppelen aan product…"))
        self.link_button.setVisible(False)
        self.link_button.clicked.connect(self._on_link_button_clicked)
        self.location_picker = QComboBox()
        self.location_picker.setFont(big_font(self, 1.0, bold=True))
        # Narrow enough for 1024 px beside the camera; the list that opens shows names whole.
        self.location_picker.setMinimumContentsLength(12)
        self.location_picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.location_picker.activated.connect(self._on_location_picker_activated)
        self.modes = QTabBar()
        self.modes.setFont(big_font(self, 0.9, bold=True))
        self.modes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.panels = QStackedWidget()
        panel_context = _PanelContext(self)
        self.pickup = PickupPanel(panel_context)
        self.delivery = DeliveryPanel(panel_context)
        self.count = CountPanel(panel_context)
        for panel, key in ((self.pickup, "F3"), (self.delivery, "F2"), (self.count, "F6")):
            self.modes.addTab(f"{panel.title} ({key})")
            self.panels.addWidget(panel)
        self.modes.currentChanged.connect(self._on_modes_current_changed)
        self.wedge = WedgeScanner(self.wedge_accepts, self)
        self.photo = PhotoReader(self, self)  # Code uit foto lezen… (Ctrl+Shift+O)
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._on_flash_timer_timeout)
        self._connect_field()
        self._build_layout()
        self._shortcuts()
        self._set_style("neutral")
        context.when_masterdata_loaded(self.show_locations)

    # --- building ------------------------------------------------------------------------
    def _connect_field(self) -> None:
        field = self.scan_field
        field.scanned.connect(self.scan_text)
        field.confirm.connect(self._on_scan_field_confirm)
        field.cancel.connect(self._on_scan_field_cancel)
        field.adjust.connect(self._on_scan_field_adjust)
        self.wedge.scanned.connect(self.scan_text)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        location_label = QLabel(_("&Locatie:"))
        location_label.setBuddy(self.location_picker)  # Alt+L
        top.addWidget(location_label)
        top.addWidget(self.location_picker, 1)
        top.addSpacing(16)
        top.addWidget(self.modes)
        settings_button = QPushButton(_("Camera…"))
        settings_button.setToolTip(_("Camera en geluid instellen"))
        settings_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        settings_button.clicked.connect(self.open_settings)
        top.addWidget(settings_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.scan_field)
        message_row = QHBoxLayout()
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.link_button)
        right_layout.addLayout(message_row)
        right_layout.addWidget(self.keyboard_hint)
        right_layout.addWidget(self.panels, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        # Beside the basket on a 1024 px screen the picture may be narrower than its usual 320.
        self.camera_view.setMinimumWidth(CAMERA_MINIMUM_WIDTH)
        left = QWidget()  # the picture sources: the live camera, below it a photo file
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.camera_view, 1)
        left_layout.addWidget(self.photo.button)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setSizes([420, 820])  # the basket's side first on a small screen
        settings_keys.restore_splitter(settings_keys.SCAN_SPLITTER, self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for sequence, slot in (("Ctrl+Delete", lambda: self.current_panel().clear_all()),
                               (PHOTO_SHORTCUT, self.photo.choose_and_read)):
            shortcut = QShortcut(QKeySequence(sequence), self, context=context)
            shortcut.activated.connect(slot)

    # --- showing -------------------------------------------------------------------------
    def show_locations(self) -> None:
        self.location_picker.clear()
        self.location_picker.addItem(_("— kies of scan een locatie —"), None)
        for row in self.context.stock_locations():
            self.location_picker.addItem(f"{row.name} ({row.code})", row.code)

    def current_panel(self) -> ScanPanel:
        return self.panels.currentWidget()  # type: ignore[return-value]

    def set_mode(self, mode: str) -> None:
        index = {"pickup": 0, "delivery": 1, "count": 2}[mode]
        self.modes.setCurrentIndex(index)

    def _on_modes_current_changed(self, index: int) -> None:
        self.panels.setCurrentIndex(index)
        self.current_panel().location_changed(self.location_code)
        self.refocus()

    # --- location ------------------------------------------------------------------------
    def set_location(self, code: str | None) -> None:
        self.location_code = code
        index = self.location_picker.findData(code)
        self.location_picker.setCurrentIndex(max(0, index))
        for panel in (self.pickup, self.delivery, self.count):
            panel.location_changed(code)

    def location_name(self, code: str | None = None) -> str:
        location = self.context.location(code or self.location_code or "")
        return location.name if location else (code or "")

    def _on_location_picker_activated(self, _index: int) -> None:
        code = self.location_picker.currentData()
        if self.current_panel().busy() and code != self.location_code:
            self.set_location(self.location_code)
            self.refuse_scan(self.current_panel().busy_text())
            return
        self.set_location(code)
        self.refocus()

    # --- scanning ------------------------------------------------------------------------
    def scan_text(self, text: str) -> None:
        """A scan from the camera, a wedge scanner or the keyboard: resolve it, then the
        current mode decides what it means."""
        text = text.strip()
        if not text:
            return
        self.link_button.setVisible(False)
        stock_ops.resolve_scan(self.context, text=text).success(
            partial(self._on_scan_resolved, text)
        ).failure(partial(self._on_scan_failed, text)).run()

    def _on_scan_resolved(self, text: str, result: ScanResult) -> None:
        self._current_text = text
        self.keyboard_hint.setVisible(result.keyboard_mixup)
        self.current_panel().handle(result)

    def _on_scan_failed(self, text: str, error: BaseException) -> None:
        self._current_text = text
        self.refuse_scan(error_sentence(error))
        if isinstance(error, UnknownGtin):
            self.last_gtin = str(error.fields.get("gtin", ""))
            self.last_gtin_text = text
            self.link_button.setVisible(True)

    def _on_camera_codes_seen(self, codes: list) -> None:  # type: ignore[type-arg]
        for code in codes:
            self.scan_text(code.text)

    # --- feedback ------------------------------------------------------------------------
    def accept_scan(self, text: str) -> None:
        self._feedback("ok", text, sounds.SUCCESS, True)

    def refuse_scan(self, text: str) -> None:
        self._feedback("refused", text, sounds.REFUSAL, False)

    def _feedback(self, style: str, text: str, sound: str, accepted: bool) -> None:
        self.message.setText(text)
        self._set_style(style)
        self._flash_timer.start()
        self.context.services.sounds.play(sound)
        scanned = self._current_text
        if scanned:
            self.camera_view.mark(scanned, accepted)
            self._current_text = None
        self.refocus()
        self.scan_handled.emit(accepted)

    def _set_style(self, style: str) -> None:
        self.feedback_state = style
        self.message.setStyleSheet(STYLES[style])

    def _on_flash_timer_timeout(self) -> None:
        # The colour fades, the sentence stays until the next scan.
        self._set_style("neutral")

    # --- keys ------------------------------------------------------------------------------
    def _on_scan_field_confirm(self) -> None:
        self.current_panel().confirm()

    def _on_scan_field_cancel(self) -> None:
        self.link_button.setVisible(False)
        self.current_panel().escape()  # asks before the line goes

    def _on_scan_field_adjust(self, delta: int) -> None:
        self.current_panel().adjust(delta)

    # --- unknown GTIN --------------------------------------------------------------------
    def _on_link_button_clicked(self) -> None:
        self.open_link_dialog()

    def open_link_dialog(self) -> LinkGtinDialog:
        dialog = LinkGtinDialog(self.context, self.last_gtin or "", self)
        dialog.linked.connect(self._on_link_dialog_linked)
        dialog.finished.connect(lambda _r: self.refocus())
        self._link_dialog = dialog
        dialog.open()
        return dialog

    def _on_link_dialog_linked(self, product_name: str) -> None:
        self.link_button.setVisible(False)
        self.accept_scan(_("Streepjescode gekoppeld aan {product}.", product=product_name))
        self.scan_text(self.last_gtin_text)

    # --- camera --------------------------------------------------------------------------
    def start_camera(self) -> None:
        self.camera.start()

    def stop_camera(self) -> None:
        self.camera.stop()

    def restart_camera(self, settings: CameraSettings) -> None:
        self.camera.restart(settings, running=self.isVisible())

    def open_settings(self) -> CameraSettingsDialog:
        dialog = CameraSettingsDialog(self.camera.current_settings(),
                                      self.context.services.sounds, self)
        dialog.saved.connect(self.restart_camera)
        dialog.finished.connect(lambda _r: self.refocus())
        dialog.open()
        return dialog

    def save_state(self) -> None:
        settings_keys.save_splitter(settings_keys.SCAN_SPLITTER, self.splitter)

    # --- the shell's questions -----------------------------------------------------------
    def intercept(self, action_id: str) -> bool:
        """F3/F2/F6 switch the scan mode here instead of opening a booking dialog."""
        mode = MODE_KEYS.get(action_id)
        if mode is None:
            return False
        self.set_mode(mode)
        return True

    def shown(self) -> None:
        self.refocus()

    def pending_work(self) -> str | None:
        texts = [text for panel in (self.pickup, self.delivery, self.count)
                 if (text := panel.pending_work())]
        return "\n".join(texts) or None

    def stop(self) -> None:
        self.stop_camera()
