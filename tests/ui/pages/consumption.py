"""The Verbruik screen: filters, the chart's bars as pyqtgraph holds them, and the table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt


class ConsumptionPage:
    def __init__(self, window: Any, qtbot: Any) -> None:
        self.window = window
        self.qtbot = qtbot
        self.screen = window.screen_named("consumption")

    def open(self) -> ConsumptionPage:
        """Ctrl+5, as a clerk would."""
        self.window.activateWindow()
        self.qtbot.wait(50)  # the other screens are built one per turn of the event loop
        self.qtbot.keyClick(self.window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
        self.qtbot.waitUntil(lambda: self.window.current_screen() is self.screen, timeout=5000)
        return self

    def ask(self, *, product: str = "", period: str | None = None) -> Any:
        """Type the product, press Enter in the field and wait for the answer."""
        screen = self.screen
        if period is not None:
            screen.period.setCurrentIndex(screen.period.findData(period))
        screen.product.setFocus()
        screen.product.setText(product)
        with self.qtbot.waitSignal(screen.figures_loaded, timeout=10_000) as answer:
            self.qtbot.keyClick(screen.product, Qt.Key.Key_Return)
        return answer.args[0]

    def bars(self) -> dict[str, list[float]]:
        """{series name: bar heights per period}, read from the chart's BarGraphItems."""
        chart = self.screen.chart
        return {bar.series_name: [float(h) for h in bar.opts["height"]] for bar in chart.bars}

    def bar_bottoms(self) -> dict[str, list[float]]:
        chart = self.screen.chart
        return {bar.series_name: [float(y) for y in bar.opts["y0"]] for bar in chart.bars}

    def axis_labels(self) -> list[str]:
        return list(self.screen.chart._labels)

    def table(self) -> list[list[str]]:
        model = self.screen.table.model()
        return [[model.index(r, c).data() for c in range(model.columnCount())]
                for r in range(model.rowCount())]

    def headers(self) -> list[str]:
        model = self.screen.table.model()
        return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
