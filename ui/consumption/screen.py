"""Verbruik: consumption per product, location and period, as a chart and a table, with the
report as PDF or Excel.

Keyboard first: Enter in any filter shows the figures. The chart (pyqtgraph) is built the
first time the screen is shown, not when the window starts. A booking that changes stock
refreshes the figures while the screen is shown; a hidden screen reads them again when it
comes back.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.clock import local_today
from carma_logistiek.domain.changes import Changes
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import _, format_date
from ui.consumption.figures import FiguresTableModel, belgian_number
from ui.ops import consumption as consumption_ops
from ui.ops.errors import error_sentence
from ui.shell.context import AppContext
from ui.shell.screens import Screen
from ui.widgets.forms import DateEdit, LocationCombo, ProductPicker
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from carma_logistiek.services.consumption import ConsumptionResult
    from ui.consumption.chart import ConsumptionChart

# The table's columns follow the series of each answer, so its header is not remembered.
TABLE_KEY = "consumption/figures_table"


def year_back(today: date) -> date:
    """The first day of the month eleven months ago: with this month, twelve months."""
    months = today.year * 12 + today.month - 1 - 11
    return date(months // 12, months % 12 + 1, 1)


def periods() -> list[tuple[str, str]]:
    return [(_("Maand"), "month"), (_("Week"), "week"), (_("Jaar"), "year")]


def groupings() -> list[tuple[str, str]]:
    return [(_("Per locatie"), "location"), (_("Per product"), "product"),
            (_("Per ontvanger"), "recipient")]


def _slot(widget: QWidget) -> QWidget:
    slot = QWidget()
    layout = QHBoxLayout(slot)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    return slot


class _EnterRuns(QObject):
    """Enter in a filter shows the figures (a completer that is open takes its Enter first)."""

    def __init__(self, run: Any, parent: QObject) -> None:
        super().__init__(parent)
        self._run = run

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            completer = getattr(watched, "completer", lambda: None)()
            if completer is not None and completer.popup().isVisible():
                return False
            self._run()
            return True
        return False


class ConsumptionScreen(Screen):
    figures_loaded = Signal(object)  # ConsumptionResult
    report_written = Signal(str)  # the file

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: ConsumptionResult | None = None
        self.chart: ConsumptionChart | None = None
        self._stale = True  # read again when shown
        self.product = ProductPicker([])
        self.product.setPlaceholderText(_("Alle producten (of typ code, GTIN, naam)"))
        self.location = QComboBox()
        today = local_today()
        self.date_from = DateEdit()
        self.date_from.setText(format_date(year_back(today)))
        self.date_to = DateEdit()
        self.date_to.setText(format_date(today))
        self.period = QComboBox()
        for label, value in periods():
            self.period.addItem(label, value)
        self.group_by = QComboBox()
        for label, value in groupings():
            self.group_by.addItem(label, value)
        self.written_off = QCheckBox(_("Afgeboekt (vervallen)"))
        self.written_off.setToolTip(_("Toon ook wat vervallen afgeboekt werd, als lijn"))
        self.show_button = QPushButton(_("Tonen"))
        self.show_button.setToolTip(_("Enter in een filter"))
        self.show_button.clicked.connect(self.refresh)
        self.pdf_button = QPushButton(_("&PDF…"))
        self.pdf_button.clicked.connect(partial(self.export_report, "pdf"))
        self.xlsx_button = QPushButton(_("E&xcel…"))
        self.xlsx_button.clicked.connect(partial(self.export_report, "xlsx"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart_area = QWidget()
        self.chart_layout = QVBoxLayout(self.chart_area)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.model = FiguresTableModel()
        self.table = DataTable(self.model, TABLE_KEY)
        self._enter = _EnterRuns(self.refresh, self)
        for widget in (self.product, self.location, self.date_from, self.date_to, self.period,
                       self.group_by, self.written_off):
            widget.installEventFilter(self._enter)
        self._build_layout()
        self._set_report_buttons()
        context.when_masterdata_loaded(self._on_masterdata)
        context.changed.connect(self._on_context_changed)

    def _build_layout(self) -> None:
        grid = self.grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(_("Product:")), 0, 0)
        grid.addWidget(_slot(self.product), 0, 1, 1, 3)
        grid.addWidget(QLabel(_("Locatie:")), 0, 4)
        grid.addWidget(_slot(self.location), 0, 5, 1, 3)
        grid.addWidget(QLabel(_("Van:")), 1, 0)
        grid.addWidget(self.date_from, 1, 1)
        grid.addWidget(QLabel(_("Tot:")), 1, 2)
        grid.addWidget(self.date_to, 1, 3)
        grid.addWidget(QLabel(_("Per:")), 1, 4)
        grid.addWidget(self.period, 1, 5)
        grid.addWidget(self.group_by, 1, 6)
        grid.addWidget(self.written_off, 1, 7)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)
        grid.setColumnStretch(6, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart_area)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([330, 250])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.splitter, 1)

    # --- filters -------------------------------------------------------------------------
    def _on_masterdata(self) -> None:
        """The pickers get the zone's products and locations (every level: a site, a room)."""
        keep = self.location.currentData()
        picked = self.product.text()
        replacement = ProductPicker(self.context.products)
        replacement.setPlaceholderText(self.product.placeholderText())
        replacement.installEventFilter(self._enter)
        self.layout_replace(self.product, replacement)
        self.product = replacement
        self.product.setText(picked)
        combo = LocationCombo(self.context.locations, stock_only=False,
                              choose_text=_("Alle locaties"))
        for index in range(combo.count()):
            depth = next((row.depth for row in self.context.locations
                          if row.code == combo.itemData(index)), 0)
            combo.setItemText(index, "   " * depth + combo.itemText(index))
        combo.installEventFilter(self._enter)
        self.layout_replace(self.location, combo)
        self.location = combo
        roots = [row for row in self.context.locations if row.parent_code is None]
        self.location.set_code(keep or (roots[0].code if len(roots) == 1 else None))

    def layout_replace(self, old: QWidget, new: QWidget) -> None:
        """Swap a picker in its slot (the pickers take their lists when built)."""
        slot = old.parentWidget()
        assert slot is not None
        layout = slot.layout()
        assert layout is not None
        layout.removeWidget(old)
        old.hide()
        old.deleteLater()
        layout.addWidget(new)
        QWidget.setTabOrder(self.product, self.location)

    def filters(self) -> dict[str, Any]:
        """What the filters ask, or a DomainError naming the field that is wrong."""
        date_from = self.date_from.value() or date(local_today().year, 1, 1)
        date_to = self.date_to.value() or local_today()
        code = self.product.code()
        return {
            "product_codes": [code] if code else [],
            "location_code": self.location.currentData() or None,
            "date_from": date_from,
            "date_to": date_to,
            "period": self.period.currentData(),
            "group_by": self.group_by.currentData(),
            "include_written_off": self.written_off.isChecked(),
        }

    # --- figures -------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.context.database_open:
            return
        try:
            filters = self.filters()
        except DomainError as error:
            self._on_query_failed(error)
            return
        self._stale = False
        self.summary.setText(_("Verbruik wordt geteld…"))
        consumption_ops.consumption(self.context, **filters).success(
            self._on_figures).failure(self._on_query_failed).latest_only(self, "figures").run()

    def _on_figures(self, result: ConsumptionResult) -> None:
        self.result = result
        self.say("")
        self.ensure_chart().show_figures([b.label for b in result.buckets], result.series,
                                         result.written_off, result.unit)
        self.model.show_result(result)
        self.table.fit_columns_once()
        unit = f" {result.unit}" if result.unit else ""
        self.summary.setText(_("Totaal {total}{unit} · {filters}",
                               total=belgian_number(result.total), unit=unit,
                               filters=result.filters_text))
        self.summary.setToolTip(result.filters_text)
        self._set_report_buttons()
        self.figures_loaded.emit(result)

    def _on_query_failed(self, error: BaseException) -> None:
        self.say(error_sentence(error), problem=True)

    def say(self, text: str, *, problem: bool = False) -> None:
        """A sentence above the chart (an error in red); an empty one hides the line."""
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828; font-weight: 600;" if problem else "")
        self.message.setVisible(bool(text))

    def ensure_chart(self) -> ConsumptionChart:
        if self.chart is None:
            from ui.consumption.chart import ConsumptionChart  # pyqtgraph: on first show

            self.chart = ConsumptionChart()
            self.chart_layout.addWidget(self.chart)
        return self.chart

    def _on_context_changed(self, changes: Changes) -> None:
        if not (changes.stock or changes.products or changes.locations):
            return
        if changes.products or changes.locations:
            self._stale = True
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def _set_report_buttons(self) -> None:
        has = self.result is not None
        self.pdf_button.setEnabled(has)
        self.xlsx_button.setEnabled(has)

    # --- the report ----------------------------------------------------------------------
    def export_report(self, kind: str) -> None:
        result = self.result
        if result is None:
            return
        suffix, filters = (("pdf", _("PDF (*.pdf)")) if kind == "pdf"
                           else ("xlsx", _("Excel (*.xlsx)")))
        stem = _("verbruik")
        suggested = f"{stem}-{result.date_from:%Y%m%d}-{result.date_to:%Y%m%d}.{suffix}"
        path = self.context.services.file_dialogs.ask_save_path(
            self, _("Verbruiksrapport bewaren"), suggested, filters)
        if not path:
            return
        out = Path(path)
        if not out.suffix:
            out = out.with_suffix(f".{suffix}")
        consumption_ops.consumption_report(self.context, result, out).success(
            self._on_report_written).failure(self._on_query_failed).run()

    def _on_report_written(self, path: Path) -> None:
        self.say(_("Verbruiksrapport bewaard in {path}", path=path))
        self.report_written.emit(str(path))

    # --- the shell's questions -----------------------------------------------------------
    def shown(self) -> None:
        self.ensure_chart()
        if self._stale or self.result is None:
            self.refresh()
        self.product.setFocus()
