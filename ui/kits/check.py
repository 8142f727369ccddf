"""Controle: the re-check of one kit. Scan its label (wedge scanner, webcam or typed code) or
pick it in the register; its checklist appears; mark every item, say how many to replace
from stock, add a photo and a note, and save with Ctrl+Enter. A check is never edited: a
correction is a new check."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.clock import local_today
from carma_logistiek.domain.kits import shown_status
from carma_logistiek.i18n import _, format_date
from ui.camera.controller import CameraController
from ui.camera.view import CameraView
from ui.camera.wedge import ScanTargetMixin, WedgeScanner
from ui.camera.worker import CameraSettings
from ui.kits.checklist import Checklist
from ui.kits.detail import next_check_text
from ui.kits.files import image_filter, image_to_jpeg, read_photo
from ui.ops import kits as kit_ops
from ui.ops.errors import error_sentence
from ui.ops.stock import new_request_key
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.shell.theme import SEVERITY_COLOURS
from ui.widgets import sounds
from ui.widgets.forms import ERROR_STYLE, LocationCombo

if TYPE_CHECKING:
    from carma_logistiek.services import kits
    from carma_logistiek.services.kit_views import CheckSheet
DEFAULT_STOCK_LOCATION = "GNK-MAG-K2"  # the EHBO cabinet of the Genk storeroom


def badge_style(severity: str) -> str:
    background, text = SEVERITY_COLOURS[severity]
    return (f"background: {background}; color: {text}; font-weight: 700; "
            "border-radius: 9px; padding: 2px 10px;")


class CheckPanel(ScanTargetMixin, QWidget):
    check_saved = Signal(object)  # CheckRow

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.sheet: CheckSheet | None = None
        self.key: str | None = None  # one idempotency key per opened check
        self.saved: kits.CheckRow | None = None
        self.dirty = False
        self.saving = False
        self.photo: tuple[bytes, str] | None = None
        self.last_frame: QImage | None = None
        self._build_widgets()
        # The scan screen's camera settings, but this panel's own "Camera" checkbox.
        self.camera = CameraController(context, self.camera_view, self, honour_enabled=False)
        self.camera.codes_seen.connect(self._on_camera_codes_seen)
        self.camera.frame_shown.connect(self._on_camera_frame_shown)
        self._build_layout()
        self.wedge = WedgeScanner(self.wedge_accepts, self)
        self.wedge.scanned.connect(self.scan_text)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.save,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Escape"), self, self.cancel,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.show_empty()

    # --- building ------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.scan_field = QLineEdit()
        self.scan_field.setPlaceholderText(
            _("Scan het etiket van de kit of typ de kitcode en druk Enter"))
        font = self.scan_field.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.scan_field.setFont(font)
        self.scan_field.returnPressed.connect(self._on_scan_field_return_pressed)
        self.camera_box = QCheckBox(_("Camera"))
        self.camera_box.setToolTip(_("Het etiket met de webcam scannen"))
        self.camera_box.setChecked(
            str(settings_keys.settings().value(settings_keys.KITS_CHECK_CAMERA, "false"))
            == "true")
        self.camera_box.toggled.connect(self._on_camera_box_toggled)
        self.camera_view = CameraView()
        self.camera_view.setMinimumSize(240, 180)
        self.camera_view.setVisible(self.camera_box.isChecked())
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.status_badge = QLabel()
        self.checklist = Checklist()
        self.checklist.changed.connect(self._on_checklist_changed)
        self.stock_location = LocationCombo(self.context.locations)
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("Opmerking (optioneel)"))
        self.photo_label = QLabel(_("Geen foto"))
        self.photo_file_button = QPushButton(_("Foto uit bestand…"))
        self.photo_file_button.clicked.connect(self.add_photo_from_file)
        self.photo_camera_button = QPushButton(_("Foto van camera"))
        self.photo_camera_button.clicked.connect(self.take_camera_photo)
        self.save_button = QPushButton(_("Controle opslaan (Ctrl+Enter)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("Annuleren (Esc)"))
        self.cancel_button.clicked.connect(self.cancel)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.result_badge = QLabel()
        self.result_text = QLabel()
        self.result_text.setWordWrap(True)
        self.result_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel(_("Een opgeslagen controle wordt nooit gewijzigd: een correctie is "
                             "een nieuwe controle."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5f6368;")

    def _build_layout(self) -> None:
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_field, 1)
        scan_row.addWidget(self.camera_box)
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.status_badge, 0, Qt.AlignmentFlag.AlignTop)
        options = QHBoxLayout()
        options.addWidget(QLabel(_("Vervangen uit:")))
        options.addWidget(self.stock_location, 2)
        options.addWidget(self.note, 3)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_label, 1)
        photo_row.addWidget(self.photo_file_button)
        photo_row.addWidget(self.photo_camera_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        result_row = QHBoxLayout()
        result_row.addWidget(self.result_badge, 0, Qt.AlignmentFlag.AlignTop)
        result_row.addWidget(self.result_text, 1)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(scan_row)
        column.addLayout(heading_row)
        column.addWidget(self.checklist, 1)
        column.addLayout(options)
        column.addLayout(photo_row)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addLayout(result_row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.camera_view)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 900])
        settings_keys.restore_splitter(settings_keys.KITS_CHECK_SPLITTER, self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def show_locations(self) -> None:
        """After the master data loaded: the stock locations, the remembered one selected
        (else the EHBO cabinet when the zone has it)."""
        self.stock_location.clear()
        for row in self.context.stock_locations():
            self.stock_location.addItem(f"{row.name} ({row.code})", row.code)
        stored = settings_keys.settings().value(settings_keys.KITS_CHECK_LOCATION)
        self.stock_location.set_code(str(stored) if stored else DEFAULT_STOCK_LOCATION)

    def set_kit_codes(self, codes: list[str]) -> None:
        completer = QCompleter(QStringListModel(codes, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.scan_field.setCompleter(completer)

    # --- showing -------------------------------------------------------------------------
    def camera_wanted(self) -> bool:
        return self.camera_box.isChecked()

    def show_empty(self) -> None:
        self.sheet = None
        self.key = None
        self.dirty = False
        self.heading.setText(_("<b>Nog geen kit gekozen.</b> Scan het QR-etiket op de kit, "
                               "typ de kitcode, of kies de kit in het register of de planning."))
        self.status_badge.clear()
        self.status_badge.setStyleSheet("")
        self.checklist.load((), (), local_today())
        self._set_editing(False)

    def _set_editing(self, editing: bool) -> None:
        for widget in (self.note, self.photo_file_button, self.save_button,
                       self.stock_location):
            widget.setEnabled(editing)
        self.photo_camera_button.setEnabled(editing and self.last_frame is not None)
        self.checklist.set_locked(not editing)

    # --- opening a kit -------------------------------------------------------------------
    def _on_scan_field_return_pressed(self) -> None:
        text = self.scan_field.text().strip()
        self.scan_field.clear()
        if text:
            self.scan_text(text)
        else:
            self.save()  # Enter on an empty scan field confirms, as on the scan screen

    def scan_text(self, text: str) -> None:
        """A scan from the camera, the wedge scanner or the keyboard: open that kit."""
        text = text.strip()
        if not text or self.saving:
            return
        if self.sheet is not None and self.saved is None and self.dirty:
            self.show_error(_("Kit {code} is nog niet opgeslagen: sla de controle op "
                              "(Ctrl+Enter) of annuleer ze (Esc) voor u een andere kit scant.",
                              code=self.sheet.detail.kit.code))
            return
        kit_ops.load_check(self.context, text=text).success(self._on_sheet).failure(
            self._on_open_failed
        ).latest_only(self, "sheet").run()

    def open_kit(self, code: str) -> None:
        self.scan_text(code)

    def _on_sheet(self, sheet: CheckSheet) -> None:
        self.sheet = sheet
        self.key = new_request_key()
        self.saved = None
        self.photo = None
        self.photo_label.setText(_("Geen foto"))
        self.note.clear()
        kit = sheet.detail.kit
        self.show_heading(sheet.detail)
        self.checklist.load(sheet.items, sheet.detail.contents, local_today())
        self.dirty = False
        self.result_badge.clear()
        self.result_badge.setStyleSheet("")
        self.result_text.clear()
        self._set_editing(True)
        self.show_info(_("Kit {code} geopend: duid elk item aan (1-5) en sla op met "
                         "Ctrl+Enter.", code=kit.code))
        self.context.services.sounds.play(sounds.SUCCESS)
        self.camera_view.mark(kit.code, True)
        self.checklist.setFocus()

    def show_heading(self, detail: kits.KitDetail) -> None:
        from carma_logistiek.services.kit_labels import kit_place_text  # loaded with the db

        kit = detail.kit
        last = format_date(kit.last_checked_on) or _("nog nooit")
        self.heading.setText(_(
            "<b>{code}</b> — {kind}<br>{place}<br>Laatste controle: {last} · volgende: {next}",
            code=kit.code, kind=kit.kit_type_name, place=kit_place_text(kit), last=last,
            next=html.escape(next_check_text(detail))))
        status = shown_status(kit.status, kit.next_check_due, local_today())
        self.status_badge.setText(status.label)
        self.status_badge.setStyleSheet(badge_style(status.severity))

    def _on_kit_after_save(self, detail: kits.KitDetail) -> None:
        if self.saved is not None and self.saved.kit_code == detail.kit.code:
            self.show_heading(detail)

    def _on_open_failed(self, error: BaseException) -> None:
        self.show_error(error_sentence(error))
        self.context.services.sounds.play(sounds.REFUSAL)
        self.refocus()

    def _on_checklist_changed(self) -> None:
        self.dirty = True

    def pending_work(self) -> str | None:
        """The open check, when something was marked and it is not saved yet."""
        if self.sheet is None or self.saved is not None or not self.dirty:
            return None
        return _("Controle van kit {code}: nog niet opgeslagen.",
                 code=self.sheet.detail.kit.code)

    def cancel(self) -> None:
        if self.scan_field.hasFocus() and self.scan_field.text():
            self.scan_field.clear()
            return
        self.show_empty()
        self.message.clear()
        self.refocus()

    # --- saving --------------------------------------------------------------------------
    def save(self) -> None:
        if self.saving:
            return
        if self.sheet is None or self.key is None or self.saved is not None:
            self.show_error(_("Er is geen controle open: scan eerst het etiket van een kit "
                              "(of kies de kit). Er werd niets opgeslagen."))
            return
        code = self.stock_location.code()
        settings_keys.settings().setValue(settings_keys.KITS_CHECK_LOCATION, code)
        self.saving = True
        self.save_button.setEnabled(False)
        kit_ops.record_check(
            self.context, code=self.sheet.detail.kit.code, lines=self.checklist.lines(),
            stock_location_code=code or None, note=self.note.text(), photo=self.photo,
            key=self.key,
        ).success(self._on_saved).failure(self._on_save_failed).run()

    def _on_saved(self, check: kits.CheckRow) -> None:
        self.saving = False
        self.saved = check
        self.dirty = False
        self._set_editing(False)
        self.show_result(check)
        # The replacements that left stock reach the status bar and the stock screen through
        # the write's changes, like any pickup.
        kit_ops.kit_detail(self.context, code=check.kit_code).success(
            self._on_kit_after_save
        ).failure(self._on_open_failed).run()
        self.context.services.sounds.play(sounds.SUCCESS)
        self.check_saved.emit(check)
        self.refocus()

    def _on_save_failed(self, error: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(True)
        self.show_error(error_sentence(error))
        self.context.services.sounds.play(sounds.REFUSAL)

    def show_result(self, check: kits.CheckRow) -> None:
        self.result_badge.setText(check.result.label)
        self.result_badge.setStyleSheet(badge_style(check.result.severity))
        self.result_text.setText(result_text(check, self.stock_location.currentText()))
        self.show_info(_("Controle van kit {code} opgeslagen. Scan de volgende kit.",
                         code=check.kit_code))

    # --- messages ------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    def show_info(self, text: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(text)

    # --- photo ---------------------------------------------------------------------------
    def add_photo_from_file(self) -> None:
        path = self.context.services.file_dialogs.ask_open_path(
            self, _("Foto van de kit"), image_filter())
        if path:
            self.set_photo(read_photo(path))

    def take_camera_photo(self) -> None:
        if self.last_frame is not None:
            self.set_photo((image_to_jpeg(self.last_frame), "image/jpeg"))

    def set_photo(self, photo: tuple[bytes, str] | None) -> None:
        if photo is None:
            self.show_error(_("Dat bestand is geen foto die het programma kan lezen (PNG of "
                              "JPEG)."))
            return
        self.photo = photo
        self.photo_label.setText(_("Foto toegevoegd ({size} kB)", size=len(photo[0]) // 1024))

    # --- camera --------------------------------------------------------------------------
    def _on_camera_box_toggled(self, on: bool) -> None:
        settings_keys.settings().setValue(settings_keys.KITS_CHECK_CAMERA,
                                          "true" if on else "false")
        self.camera_view.setVisible(on)
        (self.start_camera() if on and self.isVisible() else self.stop_camera())
        self.refocus()

    def start_camera(self, settings: CameraSettings | None = None) -> None:
        if settings is not None:
            self.camera.restart(settings, running=True)
        else:
            self.camera.start()

    def stop_camera(self) -> None:
        self.camera.stop()

    def _on_camera_frame_shown(self, image: QImage) -> None:
        self.last_frame = image
        self.photo_camera_button.setEnabled(self.save_button.isEnabled())

    def _on_camera_codes_seen(self, codes: list) -> None:  # type: ignore[type-arg]
        for code in codes:
            self.scan_text(code.text)

    def save_state(self) -> None:
        settings_keys.save_splitter(settings_keys.KITS_CHECK_SPLITTER, self.splitter)


def result_text(check: kits.CheckRow, stock_location: str) -> str:
    """What was taken from stock, what stock could not supply, and the next date."""
    parts = [_("Resultaat: {result} — volgende controle op {date}.",
               result=check.result.label, date=format_date(check.next_due))]
    taken = [f"{line.replaced_quantity} x {line.product_name}"
             for line in check.lines if line.replaced_quantity]
    if taken:
        parts.append(_("Uit voorraad genomen ({location}): {items}.", location=stock_location,
                       items=", ".join(taken)))
    short = [f"{line.short_quantity} x {line.product_name}"
             for line in check.lines if line.short_quantity]
    if short:
        parts.append(_("Tekort (de voorraad kon dit niet leveren; staat bij de tekorten): "
                       "{items}.", items=", ".join(short)))
    problems = [f"{line.product_name}: {line.outcome.label}"
                for line in check.lines if line.outcome.is_problem]
    if problems:
        parts.append(_("Niet in orde: {items}.", items="; ".join(problems)))
    if check.replayed:
        parts.append(_("Deze controle was al opgeslagen; ze werd niet dubbel geboekt."))
    return "\n".join(parts)

