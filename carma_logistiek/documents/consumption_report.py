"""The consumption report: a chart and the figures per period, as an A4 PDF or an XLSX file.

PDF (reportlab): the zone's name, the title, the filters and when it was printed; a stacked
bar chart (vector, reportlab.graphics.charts) with its legend; the table of every period with
one column per series, the total and, when asked, the expired write-offs; the totals row.
XLSX (openpyxl): the same table on a data sheet with real numbers, and a native Excel chart
over it, so the clerk can restyle or extend it. Draws what it is given (the service's
ConsumptionResult); which lines count is the use case services.consumption.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from carma_logistiek.domain.consumption import report_format
from carma_logistiek.i18n import _, format_datetime, ngettext

# The chart's colours: distinguishable, and distinct from the status palette (a red bar is
# not a problem); "overige" is grey.
SERIES_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
                  "#17becf", "#bcbd22", "#d62728", "#393b79", "#637939", "#8c6d31")
OTHERS_COLOUR = "#9e9e9e"
OTHERS_KEY = "__others__"
MAX_AXIS_LABELS = 16  # more periods than this: every n-th label, so they never overlap


class _Bucket(Protocol):
    @property
    def label(self) -> str: ...


class _Series(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def values(self) -> tuple[int, ...]: ...
    @property
    def total(self) -> int: ...


class ConsumptionFigures(Protocol):
    """What the report draws (the services' ConsumptionResult)."""

    @property
    def buckets(self) -> Sequence[_Bucket]: ...
    @property
    def series(self) -> Sequence[_Series]: ...
    @property
    def totals(self) -> tuple[int, ...]: ...
    @property
    def total(self) -> int: ...
    @property
    def written_off(self) -> tuple[int, ...] | None: ...
    @property
    def filters_text(self) -> str: ...
    @property
    def unit(self) -> str: ...


def series_colour(index: int, key: str) -> str:
    return OTHERS_COLOUR if key == OTHERS_KEY else SERIES_COLOURS[index % len(SERIES_COLOURS)]


def axis_labels(labels: Sequence[str], limit: int = MAX_AXIS_LABELS) -> list[str]:
    """Every label when they fit, else every n-th (the first and then evenly) and blanks."""
    step = max(1, -(-len(labels) // limit))
    return [label if index % step == 0 else "" for index, label in enumerate(labels)]


def table_header(figures: ConsumptionFigures) -> list[str]:
    header = [_("Periode"), *(s.name for s in figures.series), _("Totaal")]
    if figures.written_off is not None:
        header.append(_("Afgeboekt (vervallen)"))
    return header


def table_rows(figures: ConsumptionFigures) -> list[list[Any]]:
    """One row per period, then the totals row; numbers stay numbers."""
    rows: list[list[Any]] = []
    for index, bucket in enumerate(figures.buckets):
        row: list[Any] = [bucket.label, *(s.values[index] for s in figures.series),
                          figures.totals[index]]
        if figures.written_off is not None:
            row.append(figures.written_off[index])
        rows.append(row)
    last: list[Any] = [_("Totaal"), *(s.total for s in figures.series), figures.total]
    if figures.written_off is not None:
        last.append(sum(figures.written_off))
    rows.append(last)
    return rows


def write_consumption_report(figures: ConsumptionFigures, out: Path | str, *, zone_name: str,
                             title: str, generated_at: datetime) -> Path:
    """Write the report as PDF or XLSX, by the file's suffix. Written to a temporary file
    beside it first, so a failure leaves no half report."""
    path = Path(out)
    kind = report_format(path)
    handle, temporary = tempfile.mkstemp(prefix=".carma-", suffix=path.suffix,
                                         dir=path.parent if str(path.parent) else ".")
    os.close(handle)
    try:
        if kind == "pdf":
            render_pdf(figures, temporary, zone_name=zone_name, title=title,
                       generated_at=generated_at)
        else:
            render_xlsx(figures, temporary, zone_name=zone_name, title=title,
                        generated_at=generated_at)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


# --- PDF ------------------------------------------------------------------------------------


def render_pdf(figures: ConsumptionFigures, out: Path | str, *, zone_name: str, title: str,
               generated_at: datetime) -> int:
    """The PDF report; returns the number of pages."""
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

    from carma_logistiek.documents.stock_report import (
        MARGIN_BOTTOM,
        MARGIN_TOP,
        MARGIN_X,
        PAGE,
        _NumberedCanvas,
        _PageDecoration,
    )

    printed = format_datetime(generated_at)
    decoration = _PageDecoration(zone_name, title, printed)

    def make_canvas(*args, **kwargs) -> _NumberedCanvas:  # type: ignore[no-untyped-def]
        return _NumberedCanvas(*args, header=decoration, **kwargs)

    document = BaseDocTemplate(
        str(out), pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=f"{title} — {zone_name}",
        author=zone_name, creator="CARMA Logistiek")
    frame = Frame(document.leftMargin, document.bottomMargin, document.width, document.height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate("report", frames=[frame])])
    summary = _summary(figures)
    story = [*_title_block(zone_name, title, printed, figures.filters_text, summary),
             _chart(figures, document.width), Spacer(1, 5 * mm), _table(figures, document.width)]
    document.build(story, canvasmaker=make_canvas)
    return int(document.page)


def _title_block(zone_name: str, title: str, printed: str, filters_text: str,
                 summary: str) -> list[Any]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from carma_logistiek.documents.stock_report import FONT, FONT_BOLD, _escape

    big = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20)
    subtitle = ParagraphStyle("subtitle", fontName=FONT, fontSize=10.5, leading=14)
    normal = ParagraphStyle("normal", fontName=FONT, fontSize=9, leading=12)
    return [
        Paragraph(_escape(title), big),
        Paragraph("<b>" + _escape(zone_name) + "</b> · "
                  + _escape(_("afgedrukt op {moment}", moment=printed)), subtitle),
        Spacer(1, 2 * mm),
        Paragraph("<b>" + _escape(_("Filters:")) + "</b> " + _escape(filters_text), normal),
        Paragraph(_escape(summary), normal),
        Spacer(1, 4 * mm),
    ]


def _summary(figures: ConsumptionFigures) -> str:
    unit = f" {figures.unit}" if figures.unit else ""
    text = _("Totaal verbruikt: {total}{unit}", total=_number(figures.total), unit=unit)
    text += " · " + ngettext("{n} periode", "{n} perioden", len(figures.buckets))
    if figures.written_off is not None:
        text += " · " + _("afgeboekt (vervallen): {total}", total=_number(sum(figures.written_off)))
    return text


def _number(value: int) -> str:
    """1.234 as Belgians write it (both languages: the zone reads Belgian figures)."""
    return f"{value:,}".replace(",", ".")


def _chart(figures: ConsumptionFigures, width: float) -> Any:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing, String
    from reportlab.lib.colors import HexColor
    from reportlab.lib.units import mm

    height = 88 * mm
    drawing = Drawing(width, height)
    series = list(figures.series)
    if not series or figures.total == 0:
        drawing.add(String(width / 2, height / 2, _("Geen verbruik in deze periode."),
                           textAnchor="middle", fontName="Helvetica", fontSize=11))
        return drawing
    legend_width = 52 * mm
    chart = VerticalBarChart()
    # reportlab's stubs type these as int; points are floats.
    chart.x, chart.y = int(12 * mm), int(14 * mm)
    chart.width, chart.height = int(width - legend_width - 16 * mm), int(height - 20 * mm)
    chart.data = [list(s.values) for s in series]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = axis_labels([b.label for b in figures.buckets])
    chart.categoryAxis.labels.angle = 45 if len(figures.buckets) > 6 else 0
    chart.categoryAxis.labels.boxAnchor = "ne" if len(figures.buckets) > 6 else "n"
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.dy = -2
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda value: _number(int(value))
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = HexColor("#dddddd")
    chart.barSpacing = 0
    chart.groupSpacing = 3 if len(figures.buckets) > 30 else 6
    for index, one in enumerate(series):
        chart.bars[index].fillColor = HexColor(series_colour(index, one.key))
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = int(width - legend_width + 4 * mm), int(height - 4 * mm)
    legend.alignment = "right"
    legend.fontSize = 7
    legend.columnMaximum = 14
    legend.dxTextSpace = 3
    legend.colorNamePairs = [(HexColor(series_colour(i, s.key)), _clip(s.name, 34))
                             for i, s in enumerate(series)]
    drawing.add(legend)
    return drawing


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _table(figures: ConsumptionFigures, width: float) -> Any:
    from reportlab.lib.colors import HexColor, black, white
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import LongTable, Paragraph, TableStyle

    from carma_logistiek.documents.stock_report import (
        BODY_SIZE,
        CELL_PADDING,
        FONT,
        FONT_BOLD,
        HEADER_FILL,
        STRIPE_FILL,
        _escape,
    )

    header_style = ParagraphStyle("head", fontName=FONT_BOLD, fontSize=BODY_SIZE - 1,
                                  leading=(BODY_SIZE - 1) * 1.2, alignment=2)
    header = table_header(figures)
    data: list[list[Any]] = [[header[0]] + [Paragraph(_escape(text), header_style)
                                            for text in header[1:]]]
    for row in table_rows(figures):
        data.append([row[0], *(_number(value) for value in row[1:])])
    columns = len(header)
    first = min(34.0, width / columns * 1.4) if columns > 1 else width
    rest = (width - first) / max(1, columns - 1)
    table = LongTable(data, colWidths=[first] + [rest] * (columns - 1), repeatRows=1,
                      hAlign="LEFT")
    total_column = len(figures.series) + 1
    style: list[Any] = [
        ("FONT", (0, 0), (-1, -1), FONT, BODY_SIZE),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, BODY_SIZE),
        ("FONT", (0, -1), (-1, -1), FONT_BOLD, BODY_SIZE),
        ("FONT", (total_column, 1), (total_column, -1), FONT_BOLD, BODY_SIZE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, black),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.0),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [white, STRIPE_FILL]),
    ]
    for index, one in enumerate(figures.series):  # the header's colour key, as on the chart
        style.append(("LINEABOVE", (index + 1, 0), (index + 1, 0), 3,
                      HexColor(series_colour(index, one.key))))
    table.setStyle(TableStyle(style))
    return table


# --- XLSX -----------------------------------------------------------------------------------


def render_xlsx(figures: ConsumptionFigures, out: Path | str, *, zone_name: str, title: str,
                generated_at: datetime) -> None:
    """A data sheet (title, filters, the table with numbers) and a native stacked bar chart."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _clip(_("Verbruik"), 31)
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = zone_name
    sheet["A3"] = _("Filters:") + " " + figures.filters_text
    sheet["A4"] = _("Afgedrukt op {moment}", moment=format_datetime(generated_at))
    top = 6
    header = table_header(figures)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="EBEBEB")
    for column, text in enumerate(header, start=1):
        cell = sheet.cell(row=top, column=column, value=text)
        cell.font, cell.fill = bold, fill
    rows = table_rows(figures)
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=top + offset, column=column, value=value)
            if offset == len(rows) or column == len(figures.series) + 2:
                cell.font = bold
    sheet.freeze_panes = sheet.cell(row=top + 1, column=2)
    sheet.column_dimensions["A"].width = 16
    for column in range(2, len(header) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = min(
            40, max(10, len(str(header[column - 1])) + 2))
    if figures.series:
        last_bucket = top + len(figures.buckets)
        chart = BarChart()
        chart.type = "col"
        chart.grouping = "stacked"
        chart.overlap = 100
        chart.title = title
        chart.y_axis.title = figures.unit or _("Aantal")
        chart.height, chart.width = 10, 24
        data = Reference(sheet, min_col=2, max_col=len(figures.series) + 1, min_row=top,
                         max_row=last_bucket)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=top + 1, max_row=last_bucket))
        for index, one in enumerate(figures.series):
            chart.series[index].graphicalProperties.solidFill = \
                series_colour(index, one.key).lstrip("#")
            chart.series[index].graphicalProperties.line.noFill = True
        sheet.add_chart(chart, sheet.cell(row=top + len(rows) + 2, column=1).coordinate)
    book.save(str(out))
