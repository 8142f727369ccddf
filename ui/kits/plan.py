"""Planning: the re-checks of every kit, by bucket (achterstallig, deze week, deze maand,
later) and by building or vehicle, with counts per bucket; assign checks to a person, export
the visible ones to an agenda (.ics), and see what stock could not supply (Tekorten)."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.clock import local_today
from carma_logistiek.domain.kits import PlanBucket
from carma_logistiek.i18n import _, format_date, ngettext
from ui.kits.dialogs import AssignDialog
from ui.kits.models import PlanTableModel, place_text
from ui.kits.shortages import ShortagesPanel
from ui.ops import kits as kit_ops
from ui.ops.errors import error_sentence
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.shell.theme import SEVERITY_COLOURS
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from carma_logistiek.services import kits

ALL = "all"


def bucket_button_style(severity: str) -> str:
    background, text = SEVERITY_COLOURS[severity]
    return (f"QPushButton {{ padding: 6px 12px; border-radius: 4px; font-weight: 600; "
            f"border: 2px solid {background}; }}"
            f"QPushButton:checked {{ background: {background}; color: {text}; }}")


class PlanPanel(QWidget):
    start_check = Signal(str)  # kit code

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.today: date | None = None  # None: the real today (tests and demos inject one)
        self.all_rows: list[kits.PlanRow] = []
        self.dialog: AssignDialog | None = None
        self.last_export: str | None = None
        self.buckets = QButtonGroup(self)
        self.buckets.setExclusive(True)
        self.bucket_buttons: dict[str, QPushButton] = {}
        for key, severity in ((ALL, "neutral"), *((b.value, b.severity) for b in PlanBucket)):
            button = QPushButton()
            button.setCheckable(True)
            button.setStyleSheet(bucket_button_style(severity))
            self.buckets.addButton(button)
            self.bucket_buttons[key] = button
        self.bucket_buttons[ALL].setChecked(True)
        self.buckets.buttonToggled.connect(self._on_buckets_button_toggled)
        self.kind = QComboBox()
        for label, value in ((_("Gebouwen en voertuigen"), ALL), (_("Gebouwen"), "building"),
                             (_("Voertuigen"), "vehicle")):
            self.kind.addItem(label, value)
        self.kind.currentIndexChanged.connect(self._on_kind_current_index_changed)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Zoek op kit, plaats of persoon"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.plan_model = PlanTableModel()
        self.table = DataTable(self.plan_model, settings_keys.KITS_PLAN_HEADER)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.activated_row.connect(self._on_table_activated_row)
        self.summary = QLabel()
        self.shortages = ShortagesPanel(context)
        self._build_layout()
        self._update_counts()

    def _build_layout(self) -> None:
        counts = QHBoxLayout()
        for button in self.bucket_buttons.values():
            counts.addWidget(button)
        counts.addStretch(1)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.summary)
        actions = QHBoxLayout()
        for text, slot, tip in (
            (_("Controle starten"), self.start_selected, _("De controle van de gekozen kit (Enter)")),
            (_("Toewijzen…"), self.assign_selected, _("De gekozen controles aan iemand geven")),
            (_("Exporteren naar agenda (.ics)…"), self.export_ics,
             _("De zichtbare controles als iCalendar-bestand bewaren")),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(counts)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.table, 1)
        top_layout.addLayout(actions)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.shortages)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([480, 160])
        settings_keys.restore_splitter(settings_keys.KITS_PLAN_SPLITTER, self.splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    # --- data ----------------------------------------------------------------------------
    def current_day(self) -> date:
        return self.today or local_today()

    def refresh(self) -> None:
        if not self.context.database_open:
            return
        kit_ops.kit_plan(self.context, today=self.current_day()).success(self._on_plan).failure(
            self._on_failed
        ).latest_only(self, "plan").run()
        kit_ops.next_check_reasons(self.context).success(self._on_reasons).failure(
            self._on_failed
        ).latest_only(self, "reasons").run()
        self.shortages.refresh()

    def _on_plan(self, rows: list[kits.PlanRow]) -> None:
        self.all_rows = rows
        self._update_counts()
        self.apply_filters()

    def _on_reasons(self, reasons: dict[str, str]) -> None:
        """Why a check falls on its date (an expiring item), next to the date."""
        self.plan_model.reasons.clear()
        self.plan_model.reasons.update(reasons)
        self.apply_filters()

    def _on_failed(self, error: BaseException) -> None:
        self.summary.setText(error_sentence(error))

    def _kind_rows(self) -> list[kits.PlanRow]:
        kind = self.kind.currentData()
        if kind == ALL:
            return self.all_rows
        return [row for row in self.all_rows if row.kit.in_vehicle == (kind == "vehicle")]

    def _update_counts(self) -> None:
        rows = self._kind_rows()
        self.bucket_buttons[ALL].setText(_("Alle ({count})", count=len(rows)))
        for bucket in PlanBucket:
            count = sum(1 for row in rows if row.bucket is bucket)
            self.bucket_buttons[bucket.value].setText(f"{bucket.label.capitalize()} ({count})")

    def bucket(self) -> str:
        return next(key for key, button in self.bucket_buttons.items() if button.isChecked())

    def set_bucket(self, key: str) -> None:
        self.bucket_buttons[key].setChecked(True)

    def apply_filters(self) -> None:
        bucket, words = self.bucket(), self.search.text().casefold().split()
        rows = [row for row in self._kind_rows()
                if (bucket == ALL or row.bucket.value == bucket)
                and all(word in _haystack(row) for word in words)]
        self.table.table_model().set_rows(rows)
        self.table.fit_columns_once()
        self.summary.setText(ngettext("{n} kit · vandaag {today}", "{n} kits · vandaag {today}",
                                      len(rows), today=format_date(self.current_day())))

    def visible_rows(self) -> list[kits.PlanRow]:
        return self.table.table_model().rows()

    def selected_rows(self) -> list[kits.PlanRow]:
        model = self.table.table_model()
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [r for r in (model.row_at(i) for i in rows) if r is not None]

    def _on_buckets_button_toggled(self, _button: QPushButton, checked: bool) -> None:
        if checked:
            self.apply_filters()

    def _on_kind_current_index_changed(self, _index: int) -> None:
        self._update_counts()
        self.apply_filters()

    def _on_search_text_changed(self, _text: str) -> None:
        self.apply_filters()

    # --- actions -------------------------------------------------------------------------
    def _on_table_activated_row(self, row: int) -> None:
        plan_row = self.table.table_model().row_at(row)
        if plan_row is not None:
            self.start_check.emit(plan_row.kit.code)

    def start_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.start_check.emit(rows[0].kit.code)

    def assign_selected(self) -> AssignDialog | None:
        codes = [row.kit.code for row in self.selected_rows()]
        if not codes:
            self.summary.setText(_("Kies eerst één of meer kits in de lijst."))
            return None
        self.dialog = AssignDialog(self.context, codes, self)
        # The assignment announces the kits it changed; the EHBO screen refreshes from that.
        self.dialog.open()
        return self.dialog

    def export_ics(self) -> None:
        rows = self.visible_rows()
        if not rows:
            self.summary.setText(_("Er zijn geen controles om te exporteren."))
            return
        path = self.context.services.file_dialogs.ask_save_path(
            self, _("Exporteren naar agenda"),
            f"hercontroles-ehbo-{self.current_day():%Y%m%d}.ics", _("iCalendar (*.ics)"))
        if not path:
            return
        kit_ops.export_plan(self.context, rows=rows, path=path).success(
            partial(self._on_exported, path)
        ).failure(self._on_failed).run()

    def _on_exported(self, path: str, count: int) -> None:
        self.last_export = path
        self.summary.setText(ngettext("{n} controle bewaard in {path}",
                                      "{n} controles bewaard in {path}", count, path=path))

    def save_state(self) -> None:
        settings_keys.save_splitter(settings_keys.KITS_PLAN_SPLITTER, self.splitter)
        self.table.save_state()
        self.shortages.table.save_state()


def _haystack(row: kits.PlanRow) -> str:
    kit = row.kit
    return " ".join((kit.code, kit.kit_type_name, place_text(kit), kit.location_name,
                     kit.floor, kit.spot, kit.assigned_to or "")).casefold()
