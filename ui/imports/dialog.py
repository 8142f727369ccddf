"""The import dialog: a kind of file and the file, its columns, the preview, the result.

1. Kind and file: the kinds the services declare (services/import_specs.py), the file chosen
   with the file dialog; choosing it reads it at once.
2. Columns: one list per field, filled in from the header's names; the first rows under it.
3. Preview: the rehearsal, every row's fate (refused rows first), counts on top. With refused
   rows the default button is "Opnieuw lezen" (fix the file in Excel, read it again);
   importing anyway is an explicit choice that names how many rows will not be imported.
4. Result: what the real run did; the whole app hears what changed.

Enter is each step's default button, Esc cancels (not while the real import runs).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.i18n import N_, _, ngettext
from ui.ops import imports as ops
from ui.ops.errors import error_sentence
from ui.shell.theme import BADGE_ROLE, BadgeDelegate

if TYPE_CHECKING:
    from carma_logistiek.services.import_specs import ImportSpec
    from carma_logistiek.services.imports import ImportReport, RowOutcome
    from ui.shell.context import AppContext

UNUSED = ""  # the combo's data for "(niet gebruikt)"
SAMPLE_ROWS = 5
FILE_FILTERS = N_("Excel of CSV (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)")
# A progress bar only for work that takes longer than a moment (Anki: ~600 ms).
PROGRESS_DELAY_MS = 600

BADGES = {"written": (N_("Goed"), "ok"), "replayed": (N_("Al gedaan"), "neutral"),
          "refused": (N_("Geweigerd"), "problem"), "unchanged": (N_("Ongewijzigd"), "neutral")}


class _Progress(QObject):
    """Rows done, from the worker thread to the GUI thread (a queued signal)."""

    advanced = Signal(int)


class ImportDialog(QDialog):
    """Import a CSV or XLSX file of one of the declared kinds; see the module's docstring."""

    CHOOSE, COLUMNS, PREVIEW, RESULT = range(4)

    def __init__(self, context: AppContext, parent: QWidget | None = None, *,
                 kind: str | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Importeren"))
        self.setObjectName("importDialog")
        self.specs: list[ImportSpec[Any, Any]] = []
        self.path: Path | None = None
        self.file: ops.FileRead | None = None
        self.report: ImportReport | None = None
        self.busy = False
        self.importing = False  # the real run: the dialog stays until it has ended
        self._wanted_kind = kind
        self._progress = _Progress(self)
        self._progress.advanced.connect(self._on_progress_advanced)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._preview_page())
        self.pages.addWidget(self._result_page())
        layout = QVBoxLayout(self)
        self.step_label = QLabel()
        self.step_label.setObjectName("importStep")
        font = self.step_label.font()
        font.setBold(True)
        self.step_label.setFont(font)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages, 1)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.progress_bar = QProgressBar()
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        layout.addLayout(self._buttons())
        self._progress_timer = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self._on_progress_timer_timeout)
        self.resize(860, 600)
        self._show_step(self.CHOOSE)
        ops.import_kinds(context).success(self._on_kinds_loaded).failure(self._failed).run()

    # --- pages -----------------------------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(_("Wat staat er in het bestand?")))
        self.kind_list = QListWidget()
        self.kind_list.setObjectName("importKinds")
        self.kind_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        layout.addWidget(self.kind_list, 1)
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(_("Nog geen bestand gekozen"))
        row.addWidget(self.path_edit, 1)
        self.choose_button = QPushButton(_("Bestand kiezen…"))
        self.choose_button.clicked.connect(self._choose_file)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        hint = QLabel(_("Een Excel-werkmap (.xlsx) of een CSV-bestand; de eerste ingevulde "
                        "regel geeft de kolomnamen. Er wordt niets bewaard voor u het "
                        "voorbeeld gezien en bevestigd hebt."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.columns_intro = QLabel()
        self.columns_intro.setWordWrap(True)
        layout.addWidget(self.columns_intro)
        self.columns_form = QFormLayout()
        self.columns_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.columns_form)
        self.combos: dict[str, QComboBox] = {}
        self.sample_label = QLabel()
        layout.addWidget(self.sample_label)
        self.sample_table = _read_only_table()
        self.sample_table.setObjectName("importSample")
        layout.addWidget(self.sample_table, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("importCounts")
        font = self.counts_label.font()
        font.setBold(True)
        self.counts_label.setFont(font)
        top.addWidget(self.counts_label, 1)
        self.only_refused = QCheckBox(_("Alleen geweigerde rijen"))
        top.addWidget(self.only_refused)
        layout.addLayout(top)
        self.preview_hint = QLabel()
        self.preview_hint.setWordWrap(True)
        layout.addWidget(self.preview_hint)
        self.preview_table = _outcome_table()
        self.preview_table.setObjectName("importPreview")
        self.only_refused.toggled.connect(lambda _on: self._fill_outcomes(self.preview_table))
        layout.addWidget(self.preview_table, 1)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.result_label = QLabel()
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)
        font = self.result_label.font()
        font.setBold(True)
        self.result_label.setFont(font)
        layout.addWidget(self.result_label)
        self.result_table = _outcome_table()
        layout.addWidget(self.result_table, 1)
        return page

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(_("Terug"))
        self.back_button.clicked.connect(self._go_back)
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.reread_button = QPushButton(_("Opnieuw lezen"))
        self.reread_button.setToolTip(_("Het bestand opnieuw lezen, nadat u het verbeterd hebt"))
        self.reread_button.clicked.connect(self._reread)
        self.next_button = QPushButton(_("Volgende"))
        self.next_button.clicked.connect(self._read_file)
        self.preview_button = QPushButton(_("Voorbeeld tonen"))
        self.preview_button.clicked.connect(self._start_preview)
        self.import_button = QPushButton(_("Importeren"))
        self.import_button.clicked.connect(self._confirm_import)
        self.close_button = QPushButton(_("Sluiten"))
        self.close_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton(_("Annuleren"))
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.reread_button, self.next_button, self.preview_button,
                       self.import_button, self.close_button, self.cancel_button):
            row.addWidget(button)
        return row

    # --- steps -----------------------------------------------------------------------------
    def _show_step(self, step: int) -> None:
        self.pages.setCurrentIndex(step)
        titles = {self.CHOOSE: _("Stap 1 van 4: soort en bestand"),
                  self.COLUMNS: _("Stap 2 van 4: kolommen"),
                  self.PREVIEW: _("Stap 3 van 4: voorbeeld (er werd nog niets bewaard)"),
                  self.RESULT: _("Stap 4 van 4: resultaat")}
        self.step_label.setText(titles[step])
        self.error_label.hide()
        self._update_buttons()

    def _update_buttons(self) -> None:
        step = self.pages.currentIndex()
        visible = {
            self.back_button: step in (self.COLUMNS, self.PREVIEW),
            self.reread_button: step in (self.COLUMNS, self.PREVIEW),
            self.next_button: step == self.CHOOSE,
            self.preview_button: step == self.COLUMNS,
            self.import_button: step == self.PREVIEW,
            self.close_button: step == self.RESULT,
            self.cancel_button: step != self.RESULT,
        }
        for button, shown in visible.items():
            button.setVisible(shown)
            button.setEnabled(not self.busy)
            button.setAutoDefault(False)
            button.setDefault(False)
        self.cancel_button.setEnabled(not self.importing)
        self.next_button.setEnabled(not self.busy and self.spec is not None
                                    and self.path is not None)
        refused = bool(self.report and self.report.refused)
        good = self.report.written if self.report else 0
        self.import_button.setEnabled(not self.busy and good > 0)
        default = {self.CHOOSE: self.next_button if self.path else self.choose_button,
                   self.COLUMNS: self.preview_button,
                   self.PREVIEW: self.reread_button if refused or not good
                   else self.import_button,
                   self.RESULT: self.close_button}[step]
        default.setDefault(True)

    @property
    def spec(self) -> ImportSpec[Any, Any] | None:
        row = self.kind_list.currentRow()
        return self.specs[row] if 0 <= row < len(self.specs) else None

    def _on_kinds_loaded(self, specs: list[ImportSpec[Any, Any]]) -> None:
        self.specs = specs
        for spec in specs:
            self.kind_list.addItem(_(spec.label))
        wanted = next((i for i, s in enumerate(specs) if s.kind == self._wanted_kind), 0)
        self.kind_list.setCurrentRow(wanted)
        self.kind_list.setFocus()

    def _choose_file(self) -> None:
        chosen = self.context.services.file_dialogs.ask_open_path(
            self, _("Bestand om in te lezen"), _(FILE_FILTERS))
        if not chosen:
            return
        self.path = Path(chosen)
        self.path_edit.setText(str(self.path))
        self._read_file()

    def _read_file(self) -> None:
        spec = self.spec
        if spec is None or self.path is None:
            return
        self._set_busy(True)
        ops.read_file(self.context, spec, self.path).success(self._on_file_read).failure(
            self._failed).run()

    def _on_file_read(self, file: ops.FileRead) -> None:
        self._set_busy(False)
        self.file = file
        self._fill_columns(file)
        self._show_step(self.COLUMNS)
        first = next(iter(self.combos.values()), None)
        if first is not None:
            first.setFocus()

    def _fill_columns(self, file: ops.FileRead, keep: dict[str, str | None] | None = None
                      ) -> None:
        spec = self.spec
        assert spec is not None
        while self.columns_form.rowCount():
            self.columns_form.removeRow(0)
        self.combos = {}
        self.columns_intro.setText(_(
            "Welke kolom van {file} hoort bij elk veld? De kolommen met een * zijn nodig.",
            file=file.table.file))
        for column in spec.columns:
            combo = QComboBox()
            combo.setMinimumWidth(240)
            combo.setObjectName(f"importColumn_{column.key}")
            combo.addItem(_("(niet gebruikt)"), UNUSED)
            for header in file.table.headers:
                if header:
                    combo.addItem(header, header)
            chosen = file.mapping.get(column.key)
            if keep is not None and column.key in keep:
                kept = keep[column.key]
                chosen = kept if kept in file.table.headers else chosen
            combo.setCurrentIndex(max(0, combo.findData(chosen or UNUSED)))
            label = _(column.label) + (" *" if column.required else "")
            self.columns_form.addRow(label, combo)
            self.combos[column.key] = combo
        self._fill_sample(file)

    def _fill_sample(self, file: ops.FileRead) -> None:
        table = file.table
        headers = [h for h in table.headers if h]
        rows = table.rows[:SAMPLE_ROWS]
        self.sample_label.setText(ngettext(
            "De enige rij in het bestand:", "De eerste {shown} rijen van {n} in het "
            "bestand:", len(table.rows), shown=len(rows)) if table.rows else _(
            "Het bestand heeft geen rijen onder de kolomnamen."))
        self.sample_table.clear()
        self.sample_table.setColumnCount(len(headers))
        self.sample_table.setRowCount(len(rows))
        self.sample_table.setHorizontalHeaderLabels(headers)
        self.sample_table.setVerticalHeaderLabels([str(row.line) for row in rows])
        for r, row in enumerate(rows):
            for c, header in enumerate(headers):
                self.sample_table.setItem(r, c, QTableWidgetItem(row.values.get(header.lower(),
                                                                                "")))
        self.sample_table.resizeColumnsToContents()

    def chosen_mapping(self) -> dict[str, str | None]:
        return {key: combo.currentData() or None for key, combo in self.combos.items()}

    def _start_preview(self) -> None:
        spec = self.spec
        if spec is None or self.path is None:
            return
        self._set_busy(True, rows=len(self.file.table.rows) if self.file else 0)
        ops.preview_import(self.context, spec, self.path, self.chosen_mapping(),
                           progress=self._advance).success(self._on_previewed).failure(
            self._failed).run()

    def _on_previewed(self, report: ImportReport) -> None:
        self._set_busy(False)
        self.report = report
        self._show_step(self.PREVIEW)
        self.counts_label.setText(counts_text(report))
        refused = len(report.refused)
        self.only_refused.setVisible(bool(refused))
        self.preview_hint.setText(_(
            "Verbeter de geweigerde rijen in het bestand, bewaar het en kies Opnieuw lezen.")
            if refused else _("Alles in orde: kies Importeren om het te bewaren."))
        self.import_button.setText(ngettext(
            "Importeer de {n} goede rij…", "Importeer de {n} goede rijen…", report.written)
            if refused else _("Importeren"))
        self._fill_outcomes(self.preview_table)
        self._update_buttons()
        self.preview_table.setFocus()

    def _reread(self) -> None:
        """The user fixed the file: read it again and, on the preview, rehearse it again."""
        spec = self.spec
        if spec is None or self.path is None:
            return
        keep = self.chosen_mapping()
        again = self.pages.currentIndex() == self.PREVIEW
        self._set_busy(True)

        def read(file: ops.FileRead) -> None:
            self._set_busy(False)
            self.file = file
            self._fill_columns(file, keep)
            if again:
                self._start_preview()
            else:
                self._show_step(self.COLUMNS)

        ops.read_file(self.context, spec, self.path).success(read).failure(self._failed).run()

    def _confirm_import(self) -> None:
        report = self.report
        if report is None or not report.written:
            return
        refused = len(report.refused)
        if refused:
            text = ngettext(
                "{n} rij werd geweigerd en wordt NIET ingelezen; {good} goede rijen wel. "
                "Verbeter liever het bestand en kies Opnieuw lezen.",
                "{n} rijen werden geweigerd en worden NIET ingelezen; {good} goede rijen wel. "
                "Verbeter liever het bestand en kies Opnieuw lezen.", refused,
                good=report.written)
            yes = ngettext("Importeer de {n} goede rij", "Importeer de {n} goede rijen",
                           report.written)
            if not self.context.services.prompts.confirm(
                    self, _("Importeren met geweigerde rijen"), text, yes, _("Terug"),
                    destructive=True):
                return
        spec = self.spec
        assert spec is not None and self.path is not None
        self._set_busy(True, rows=report.total)
        self.importing = True
        ops.import_file(self.context, spec, self.path, self.chosen_mapping(),
                        skip_refused=bool(refused), progress=self._advance).success(
            self._on_imported).failure(self._failed).run()

    def _on_imported(self, report: ImportReport) -> None:
        self.importing = False
        self._set_busy(False)
        self.report = report
        self._show_step(self.RESULT)
        self.result_label.setText(result_text(report))
        self._fill_outcomes(self.result_table)
        self.close_button.setFocus()

    def _go_back(self) -> None:
        step = self.pages.currentIndex()
        self._show_step(self.CHOOSE if step == self.COLUMNS else self.COLUMNS)

    # --- shared ----------------------------------------------------------------------------
    def _fill_outcomes(self, table: QTableWidget) -> None:
        report = self.report
        outcomes: list[RowOutcome] = list(report.outcomes) if report else []
        if table is self.preview_table and self.only_refused.isChecked():
            outcomes = [row for row in outcomes if row.outcome.value == "refused"]
        outcomes.sort(key=lambda row: (row.outcome.value != "refused", row.line))
        table.setRowCount(len(outcomes))
        for r, row in enumerate(outcomes):
            line = QTableWidgetItem(str(row.line))
            line.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label, severity = BADGES[row.outcome.value]
            badge = QTableWidgetItem(_(label))
            badge.setData(BADGE_ROLE, (_(label), severity))
            text = QTableWidgetItem(row.text)
            text.setToolTip(row.text)
            for c, item in enumerate((line, badge, text)):
                table.setItem(r, c, item)
        table.resizeColumnToContents(0)
        table.resizeColumnToContents(1)

    def _set_busy(self, busy: bool, *, rows: int = 0) -> None:
        self.busy = busy
        self.progress_bar.setRange(0, max(rows, 0))
        self.progress_bar.setValue(0)
        if busy:
            self._progress_timer.start()
        else:
            self._progress_timer.stop()
            self.progress_bar.hide()
        self._update_buttons()

    def _advance(self, done: int) -> None:
        """On the worker thread: hand the count to the GUI thread."""
        if done % 10 == 0:
            self._progress.advanced.emit(done)

    def _on_progress_advanced(self, done: int) -> None:
        self.progress_bar.setValue(min(done, self.progress_bar.maximum()))

    def _on_progress_timer_timeout(self) -> None:
        if self.busy:
            self.progress_bar.show()

    def _failed(self, error: BaseException) -> None:
        self.importing = False
        self._set_busy(False)
        self.error_label.setText(error_sentence(error))
        self.error_label.show()

    def reject(self) -> None:
        if self.importing:
            return  # the real import is running: it ends on its own and shows its result
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.importing:
            event.ignore()
            return
        super().closeEvent(event)


def counts_text(report: ImportReport) -> str:
    """'12 rijen: 11 goed, 1 geweigerd' (and how many were done before, for bookings)."""
    text = ngettext("{n} rij: {good} goed, {refused} geweigerd",
                    "{n} rijen: {good} goed, {refused} geweigerd", report.total,
                    good=report.written, refused=len(report.refused))
    if report.replayed:
        text += ", " + _("{replayed} al gedaan", replayed=report.replayed)
    return text


def result_text(report: ImportReport) -> str:
    if report.abandoned:
        return ngettext(
            "Er werd niets ingelezen: {n} rij werd geweigerd (iemand wijzigde intussen de "
            "gegevens?). Verbeter het bestand en importeer opnieuw.",
            "Er werd niets ingelezen: {n} rijen werden geweigerd (iemand wijzigde intussen de "
            "gegevens?). Verbeter het bestand en importeer opnieuw.", len(report.refused))
    text = ngettext("{n} rij ingelezen.", "{n} rijen ingelezen.", report.written)
    if report.refused:
        text += " " + ngettext("{n} rij niet (geweigerd).", "{n} rijen niet (geweigerd).",
                               len(report.refused))
    if report.replayed:
        text += " " + _("{replayed} waren al ingelezen.", replayed=report.replayed)
    return text


def _read_only_table() -> QTableWidget:
    table = QTableWidget()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    return table


def _outcome_table() -> QTableWidget:
    table = _read_only_table()
    table.setColumnCount(3)
    table.setHorizontalHeaderLabels([_("Regel"), _("Resultaat"), _("Uitleg")])
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.setItemDelegateForColumn(1, BadgeDelegate(table))
    table.setWordWrap(False)
    return table
