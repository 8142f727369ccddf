"""The consumption chart: stacked bars per period with pyqtgraph, a legend beside it, and the
figures of the period under the mouse.

pyqtgraph (and with it NumPy) is imported here only: the screen builds this widget the first
time it is shown, so the app's start-up never pays for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QToolTip, QVBoxLayout, QWidget

from carma_logistiek.documents.consumption_report import axis_labels, series_colour
from carma_logistiek.i18n import _
from ui.consumption.figures import belgian_number

BAR_WIDTH = 0.72
MAX_TICKS = 14


class BelgianAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph has no type hints
    """Values as Belgians write them: 1.250, never 1250.0 or 1.25e3."""

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        return [belgian_number(round(value * scale)) if float(value).is_integer() else ""
                for value in values]


class ConsumptionChart(QWidget):
    """Stacked bars: one BarGraphItem per series, each stacked on the ones before it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True)
        self.plot = pg.PlotWidget(axisItems={"left": BelgianAxis("left")})
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setMinimumHeight(160)
        # Room for the period labels under the axis (the default height cuts their bottom).
        self.plot.getAxis("bottom").setHeight(self.fontMetrics().height() + 14)
        self.bars: list[pg.BarGraphItem] = []
        self.line: Any = None
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.legend.setWordWrap(True)
        legend_area = QScrollArea()
        legend_area.setWidget(self.legend)
        legend_area.setWidgetResizable(True)
        legend_area.setFrameShape(QScrollArea.Shape.NoFrame)
        legend_area.setFixedWidth(230)
        self.hover_label = QLabel(" ")
        self.hover_label.setObjectName("consumption_hover")
        self._labels: list[str] = []
        self._series: list[tuple[str, tuple[int, ...]]] = []
        self._written_off: tuple[int, ...] | None = None
        self._apply_palette()
        self.plot.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.plot, 1)
        row.addWidget(legend_area)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hover_label)
        layout.addLayout(row, 1)

    def _apply_palette(self) -> None:
        """Follow the window's light or dark palette."""
        palette = self.palette()
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.Text)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(text)
            axis.setTextPen(text)

    def show_figures(self, labels: Sequence[str], series: Sequence[Any],
                     written_off: tuple[int, ...] | None, unit: str = "") -> None:
        """``series``: objects with key, name and values (services' ConsumptionSeries)."""
        for item in self.bars:
            self.plot.removeItem(item)
        if self.line is not None:
            self.plot.removeItem(self.line)
            self.line = None
        self.bars = []
        self._labels = list(labels)
        self._series = [(s.name, tuple(s.values)) for s in series]
        self._written_off = written_off
        x = list(range(len(labels)))
        base = [0] * len(labels)
        for index, one in enumerate(series):
            colour = QColor(series_colour(index, one.key))
            bar = pg.BarGraphItem(x=x, height=list(one.values), y0=list(base), width=BAR_WIDTH,
                                  brush=colour, pen=pg.mkPen(colour.darker(115)))
            bar.series_name = one.name  # for the tests and hover
            self.plot.addItem(bar)
            self.bars.append(bar)
            base = [b + v for b, v in zip(base, one.values, strict=True)]
        if written_off is not None and any(written_off):
            self.line = pg.PlotDataItem(x, list(written_off), pen=pg.mkPen("#c62828", width=2),
                                        symbol="o", symbolSize=6, symbolBrush="#c62828")
            self.plot.addItem(self.line)
        self._update_ticks()
        top = max([*base, *(written_off or ())], default=0)
        self.plot.setXRange(-0.6, max(0, len(labels) - 1) + 0.6, padding=0)
        self.plot.setYRange(0, max(1, top) * 1.08, padding=0)
        self.plot.getAxis("left").setLabel(unit or _("aantal"))
        self.legend.setText(self._legend_html(series, written_off))
        self.hover_label.setText(_("Wijs een balk aan voor de cijfers van die periode.")
                                 if labels else " ")

    def _update_ticks(self) -> None:
        """As many period labels as fit side by side (every n-th one when they do not)."""
        if not self._labels:
            self.plot.getAxis("bottom").setTicks([[], []])
            return
        widest = max(self.fontMetrics().horizontalAdvance(text) for text in self._labels) + 14
        room = max(1, int(self.plot.width() * 0.9) // widest)
        shown = axis_labels(self._labels, min(MAX_TICKS, room))
        self.plot.getAxis("bottom").setTicks([[(i, t) for i, t in enumerate(shown) if t], []])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_ticks()

    @staticmethod
    def _legend_html(series: Sequence[Any], written_off: tuple[int, ...] | None) -> str:
        lines = [
            f'<span style="color:{series_colour(i, s.key)}; font-size:14pt">■</span> '
            f"{_escape(s.name)} <b>{belgian_number(sum(s.values))}</b>"
            for i, s in enumerate(series)
        ]
        if written_off is not None:
            lines.append(f'<span style="color:#c62828; font-size:14pt">●</span> '
                         f"{_escape(_('Afgeboekt (vervallen)'))} "
                         f"<b>{belgian_number(sum(written_off))}</b>")
        if not lines:
            return _escape(_("Geen verbruik in deze periode."))
        return "<br>".join(lines)

    # --- hover -----------------------------------------------------------------------------
    def bucket_at(self, scene_position: QPointF) -> int | None:
        if not self.plot.sceneBoundingRect().contains(scene_position):
            return None
        point = self.plot.plotItem.vb.mapSceneToView(scene_position)
        index = round(float(point.x()))
        if 0 <= index < len(self._labels) and abs(point.x() - index) <= BAR_WIDTH / 2:
            return index
        return None

    def describe(self, index: int) -> str:
        """"mrt 2026 — Genk: 20 · Bree: 5 · totaal 25 stuk"."""
        parts = [f"{name}: {belgian_number(values[index])}" for name, values in self._series
                 if values[index]]
        total = sum(values[index] for _name, values in self._series)
        parts.append(_("totaal {total}", total=belgian_number(total)))
        if self._written_off is not None:
            parts.append(_("afgeboekt (vervallen) {total}",
                           total=belgian_number(self._written_off[index])))
        return f"{self._labels[index]} — " + " · ".join(parts)

    def _on_scene_mouse_moved(self, position: QPointF) -> None:
        index = self.bucket_at(position)
        if index is None:
            QToolTip.hideText()
            return
        text = self.describe(index)
        self.hover_label.setText(text)
        view = self.plot.mapFromScene(position)
        QToolTip.showText(self.plot.mapToGlobal(view), text.replace(" · ", "\n"), self.plot)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
