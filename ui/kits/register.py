"""Register: every first-aid kit with search-as-you-type, a building/vehicle filter and the
retired ones on request; the detail of the selected kit beside it; new, move, replace,
retire, photos and kit labels."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.clock import local_today
from carma_logistiek.domain.kits import KitStatus
from carma_logistiek.i18n import _, ngettext
from ui.kits.detail import KitDetailPanel
from ui.kits.dialogs import (
    KitDialog,
    MoveKitDialog,
    NewKitDialog,
    ReplaceKitDialog,
    RetireKitDialog,
)
from ui.kits.files import KitLabelsDialog, image_filter, read_photo
from ui.kits.models import KitTableModel
from ui.ops import kits as kit_ops
from ui.ops.errors import error_sentence
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from carma_logistiek.services import kits

SEARCH_DELAY_MS = 150


class RegisterPanel(QWidget):
    start_check = Signal(str)  # kit code
    kit_codes_loaded = Signal(list)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.today: date | None = None
        self.dialog: KitDialog | None = None
        self.kit_types: list[kits.KitTypeRow] = []
        self.names: list[str] = []
        self.labels_dialog: QDialog | None = None
        self._select_after: str | None = None  # a kit just saved: select it when listed
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Zoek op kitcode, gebouw, voertuig of plaats"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.kind = QComboBox()
        for label, value in ((_("Gebouwen en voertuigen"), "all"), (_("Gebouwen"), "building"),
                             (_("Voertuigen"), "vehicle")):
            self.kind.addItem(label, value)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.retired = QCheckBox(_("Ook buiten gebruik"))
        self.retired.toggled.connect(self.refresh)
        self.count_label = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.table = DataTable(KitTableModel(), settings_keys.KITS_REGISTER_HEADER)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.activated_row.connect(self._on_table_activated_row)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.detail = KitDetailPanel()
        self.detail.add_photo.connect(self.add_photo)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self._build_layout()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.retired)
        filters.addWidget(self.count_label)
        actions = QHBoxLayout()
        for text, slot in ((_("Nieuwe kit…"), self.new_kit), (_("Verplaatsen…"), self.move_kit),
                           (_("Vervangen…"), self.replace_kit),
                           (_("Buiten gebruik…"), self.retire_kit),
                           (_("Etiketten afdrukken…"), self.print_labels),
                           (_("Controle starten"), self.start_selected)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.message)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([900, 440])
        settings_keys.restore_splitter(settings_keys.KITS_REGISTER_SPLITTER, self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)

    # --- querying ------------------------------------------------------------------------
    def _on_search_text_changed(self, _text: str) -> None:
        self._timer.start()

    def refresh(self) -> None:
        """Ask for the kits; an answer overtaken by a newer question (typing on) is dropped."""
        if not self.context.database_open:
            return
        kit_ops.list_kits(
            self.context, search=self.search.text(), include_retired=self.retired.isChecked()
        ).success(self._on_rows).failure(self.show_message).latest_only(self, "rows").run()

    def load_form_data(self) -> None:
        if self.context.database_open:
            kit_ops.register_data(self.context).success(self._on_form_data).failure(
                self.show_message
            ).latest_only(self, "form data").run()

    def _on_form_data(self, data: tuple[list[kits.KitTypeRow], list[str]]) -> None:
        self.kit_types, self.names = data

    def _on_rows(self, rows: list[kits.KitRow]) -> None:
        kind = self.kind.currentData()
        if kind != "all":
            rows = [row for row in rows if row.in_vehicle == (kind == "vehicle")]
        selected = self.selected_kit()
        wanted = self._select_after or (selected.code if selected else None)
        self._select_after = None
        self.table.table_model().set_rows(rows)
        self.table.fit_columns_once()
        self.count_label.setText(ngettext("{n} kit", "{n} kits", len(rows)))
        if not self.search.text() and kind == "all":
            self.kit_codes_loaded.emit([row.code for row in rows])
        self.select_kit(wanted)

    def show_message(self, error: BaseException) -> None:
        self.message.setText(error_sentence(error))

    # --- selection and detail ------------------------------------------------------------
    def selected_kit(self) -> kits.KitRow | None:
        return self.table.table_model().row_at(self.table.current_row())

    def selected_kits(self) -> list[kits.KitRow]:
        model = self.table.table_model()
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        chosen = [k for k in (model.row_at(r) for r in rows) if k is not None]
        current = self.selected_kit()
        return chosen or ([current] if current else [])

    def select_kit(self, code: str | None) -> None:
        rows = self.table.table_model().rows()
        index = next((i for i, row in enumerate(rows) if row.code == code), 0 if rows else -1)
        if index >= 0:
            self.table.selectRow(index)
        self._show_detail()

    def _on_table_current_row_changed(self, *_indexes: object) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        kit = self.selected_kit()
        if kit is None:
            self.detail.show_detail(None, self.today or local_today())
            return
        kit_ops.kit_detail(self.context, code=kit.code).success(self._on_detail).failure(
            self.show_message
        ).latest_only(self, "detail").run()

    def _on_detail(self, detail: kits.KitDetail) -> None:
        current = self.selected_kit()
        if current is None or current.code != detail.kit.code:
            return  # the selection moved on meanwhile
        self.detail.show_detail(detail, self.today or local_today())
        if detail.photo_ids:
            kit_ops.kit_photos(self.context, photo_ids=detail.photo_ids).success(
                self.detail.show_photos
            ).failure(self.show_message).latest_only(self, "photos").run()

    def _on_table_activated_row(self, row: int) -> None:
        kit = self.table.table_model().row_at(row)
        if kit is not None and kit.status is not KitStatus.OUT_OF_USE:
            self.start_check.emit(kit.code)

    def start_selected(self) -> None:
        kit = self.selected_kit()
        if kit is not None:
            self._on_table_activated_row(self.table.current_row())

    # --- actions -------------------------------------------------------------------------
    def _open(self, dialog: KitDialog) -> KitDialog:
        self.dialog = dialog
        dialog.accepted.connect(self._on_dialog_accepted)
        dialog.open()
        return dialog

    def _on_dialog_accepted(self) -> None:
        result = self.dialog.result_row if self.dialog else None
        code = getattr(result, "code", None)
        if code:
            self.message.setText(_("Kit {code} bewaard.", code=code))
        # The write announced the changed kit: the EHBO screen refreshes the list, and the
        # list selects this kit when it arrives.
        self._select_after = code

    def _need_kit(self) -> kits.KitRow | None:
        kit = self.selected_kit()
        if kit is None:
            self.message.setText(_("Kies eerst een kit in de lijst."))
        elif kit.status is KitStatus.OUT_OF_USE:
            self.message.setText(_("Kit {code} is buiten gebruik.", code=kit.code))
            return None
        return kit

    def new_kit(self) -> KitDialog:
        return self._open(NewKitDialog(self.context, self.kit_types, self.names, self))

    def move_kit(self) -> KitDialog | None:
        kit = self._need_kit()
        return self._open(MoveKitDialog(self.context, kit, self)) if kit else None

    def replace_kit(self) -> KitDialog | None:
        kit = self._need_kit()
        return self._open(ReplaceKitDialog(self.context, kit, self)) if kit else None

    def retire_kit(self) -> KitDialog | None:
        kit = self._need_kit()
        return self._open(RetireKitDialog(self.context, kit, self)) if kit else None

    def add_photo(self) -> None:
        kit = self.selected_kit()
        if kit is None:
            return
        path = self.context.services.file_dialogs.ask_open_path(
            self, _("Foto van de plaatsing"), image_filter())
        photo = read_photo(path) if path else None
        if path and photo is None:
            self.message.setText(_("Dat bestand is geen foto die het programma kan lezen (PNG "
                                   "of JPEG)."))
        if photo is None:
            return
        kit_ops.add_kit_photo(self.context, code=kit.code, data=photo[0],
                              mime_type=photo[1]).failure(self.show_message).run()

    def print_labels(self) -> None:
        codes = [kit.code for kit in self.selected_kits()]
        if not codes:
            self.message.setText(_("Kies eerst één of meer kits in de lijst."))
            return
        # The product labels' dialog: offset, copies, preview, save or print.
        self.labels_dialog = KitLabelsDialog(self.context, codes, self)
        self.context.open_dialog(self.labels_dialog)

    def save_state(self) -> None:
        settings_keys.save_splitter(settings_keys.KITS_REGISTER_SPLITTER, self.splitter)
        self.table.save_state()
