"""The table under the chart: one row per period, a column per series, the total (and the
expired write-offs when asked), on the shared RowTableModel so sorting and export work as on
every other list. The columns follow the series of the last answer."""

from __future__ import annotations

from typing import Any

from carma_logistiek.i18n import _
from ui.widgets.table_model import RIGHT, Column, RowTableModel


def belgian_number(value: int) -> str:
    """1.250 as Belgians write it, in both languages (the figures are the zone's)."""
    return f"{value:,}".replace(",", ".")


def _value_column(header: str, value: Any, *, stretch: bool = False) -> Column[Any]:
    return Column(header, lambda row: belgian_number(value(row)), lambda row: value(row), RIGHT,
                  stretch=stretch)


def figure_columns(result: Any) -> list[Column[Any]]:
    """Periode, each series, Totaal [, Afgeboekt (vervallen)] for a ConsumptionResult."""
    columns: list[Column[Any]] = [
        Column(_("Periode"), lambda row: row.label, lambda row: row.bucket.start)
    ]
    for index, series in enumerate(result.series):
        columns.append(_value_column(series.name, lambda row, i=index: row.values[i]))
    # The total takes the free width: the period column stays as narrow as its labels.
    columns.append(_value_column(_("Totaal"), lambda row: row.total, stretch=True))
    if result.written_off is not None:
        columns.append(_value_column(_("Afgeboekt (vervallen)"),
                                     lambda row: row.written_off or 0))
    return columns


class FiguresTableModel(RowTableModel[Any]):
    def __init__(self) -> None:
        super().__init__([Column(_("Periode"), lambda row: row.label),
                          Column(_("Totaal"), lambda row: str(row.total), align=RIGHT)])

    def show_result(self, result: Any) -> None:
        """New columns (the series of this answer) and rows in one reset."""
        self.beginResetModel()
        self.columns = figure_columns(result)
        self._sort = None
        self._rows = list(result.rows)
        self.endResetModel()
