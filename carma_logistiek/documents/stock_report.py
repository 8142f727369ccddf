"""The stock report: stock per location with status, as an A4 PDF to print beside the labels.

Header with the zone's name, the title, when it was printed and the filters; one table row per
product and location (the header row repeats on every page); "Pagina X van Y" at the bottom.
It draws the rows it is given: which rows go in the report (and the filters text) is the use
case carma_logistiek.services.documents.stock_report. reportlab is imported here, never at app
start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from reportlab.lib.colors import Color, HexColor, black, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)

from carma_logistiek.domain.stock import StockStatus
from carma_logistiek.i18n import _, format_date, format_datetime, ngettext

# The app's status palette (ui/theme.py), so paper and screen agree.
SEVERITY_COLOURS = {
    "ok": HexColor("#2e7d32"),
    "attention": HexColor("#f9a825"),
    "problem": HexColor("#c62828"),
    "info": HexColor("#1565c0"),
    "neutral": HexColor("#6b6b6b"),
}
PAGE = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 22 * mm  # room for the running header
MARGIN_BOTTOM = 16 * mm  # room for the footer
FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
BODY_SIZE = 8.5
GREY = Color(0.4, 0.4, 0.4)
RULE = Color(0.8, 0.8, 0.8)
HEADER_FILL = Color(0.92, 0.92, 0.92)
STRIPE_FILL = Color(0.975, 0.975, 0.975)
# Column widths in mm; they add up to the printable width of A4 portrait (210 - 2 x 14).
COLUMNS_MM = (32, 54, 22, 17, 10, 17, 30)
CELL_PADDING = 2.5  # points, left and right of every cell
SMALLEST_CODE_SIZE = 6.0  # a long code shrinks to this before it wraps



class ReportRow(Protocol):
    """What the report shows of one product at one location (the services' StockRow)."""

    @property
    def product_code(self) -> str: ...
    @property
    def product_name(self) -> str: ...
    @property
    def location_code(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def unit(self) -> str: ...
    @property
    def minimum(self) -> int: ...
    @property
    def earliest_expiry(self) -> date | None: ...
    @property
    def status(self) -> StockStatus: ...


@dataclass(frozen=True)
class ReportInfo:
    pages: int
    rows: int


class _StatusCell(Flowable):
    """A coloured dot and the status word: never colour alone."""

    def __init__(self, label: str, colour: Color) -> None:
        super().__init__()
        self.label = label
        self.colour = colour
        self.width = 4 * mm + stringWidth(label, FONT, BODY_SIZE)
        self.height = BODY_SIZE

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        # The table puts a plain string's baseline 0.4 x the font size below the middle of the
        # cell; this cell is centred on its height, so its baseline goes 0.1 x size up to match.
        baseline = BODY_SIZE * 0.1
        canvas.setFillColor(self.colour)
        canvas.circle(1.2 * mm, baseline + BODY_SIZE * 0.33, 1.1 * mm, stroke=0, fill=1)
        canvas.setFillColor(black)
        canvas.setFont(FONT, BODY_SIZE)
        canvas.drawString(3.4 * mm, baseline, self.label)


class _NumberedCanvas(Canvas):
    """Holds every page until the end so the footer can say "Pagina X van Y"."""

    def __init__(self, *args, header: _PageDecoration, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []  # type: ignore[type-arg]
        self._header = header

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's own reset, not in its stubs

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._header.draw(self, total)
            super().showPage()
        super().save()


@dataclass(frozen=True)
class _PageDecoration:
    zone_name: str
    title: str
    printed: str

    def draw(self, canvas: Canvas, total: int) -> None:
        width, height = PAGE
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        if canvas.getPageNumber() > 1:  # the first page has the full title block
            top = height - 12 * mm
            canvas.setFont(FONT_BOLD, 10)
            canvas.setFillColor(black)
            canvas.drawString(MARGIN_X, top, self.zone_name)
            canvas.setFont(FONT, 10)
            canvas.drawRightString(width - MARGIN_X, top, self.title)
            canvas.line(MARGIN_X, top - 2.5 * mm, width - MARGIN_X, top - 2.5 * mm)
        bottom = 9 * mm
        canvas.line(MARGIN_X, bottom + 4 * mm, width - MARGIN_X, bottom + 4 * mm)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN_X, bottom, _("Afgedrukt op {moment}", moment=self.printed))
        canvas.drawRightString(width - MARGIN_X, bottom,
                               _("Pagina {page} van {total}", page=canvas.getPageNumber(),
                                 total=total))
        canvas.restoreState()


def render_stock_report(
    rows: Sequence[ReportRow],
    out: Path | str | BinaryIO,
    *,
    zone_name: str,
    title: str,
    filters_text: str,
    generated_at: datetime,
) -> int:
    """Write the report as a PDF; returns the number of pages."""
    printed = format_datetime(generated_at)
    decoration = _PageDecoration(zone_name, title, printed)

    def make_canvas(*args, **kwargs) -> _NumberedCanvas:  # type: ignore[no-untyped-def]
        return _NumberedCanvas(*args, header=decoration, **kwargs)

    document = BaseDocTemplate(
        str(out) if isinstance(out, Path | str) else out, pagesize=PAGE,
        leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=f"{title} — {zone_name}", author=zone_name,
        creator="CARMA Logistiek")
    # No frame padding: the table uses exactly the width between the margins.
    frame = Frame(document.leftMargin, document.bottomMargin, document.width, document.height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    document.addPageTemplates([PageTemplate("report", frames=[frame])])
    story = [*_title_block(rows, zone_name, title, printed, filters_text), _table(rows)]
    document.build(story, canvasmaker=make_canvas)
    return document.page


def _title_block(rows: Sequence[ReportRow], zone_name: str, title: str, printed: str,
                 filters_text: str) -> list[Flowable]:
    big = ParagraphStyle("title", fontName=FONT_BOLD, fontSize=16, leading=20)
    subtitle = ParagraphStyle("subtitle", fontName=FONT, fontSize=10.5, leading=14)
    normal = ParagraphStyle("normal", fontName=FONT, fontSize=9, leading=12)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status.label] = counts.get(row.status.label, 0) + 1
    summary = ngettext("{n} regel", "{n} regels", len(rows))
    if counts:
        summary += ": " + ", ".join(f"{n} {label}" for label, n in counts.items())
    return [
        Paragraph(_escape(title), big),
        Paragraph("<b>" + _escape(zone_name) + "</b> · "
                  + _escape(_("afgedrukt op {moment}", moment=printed)), subtitle),
        Spacer(1, 2 * mm),
        Paragraph("<b>" + _escape(_("Filters:")) + "</b> " + _escape(filters_text), normal),
        Paragraph(_escape(summary), normal),
        Spacer(1, 4 * mm),
    ]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _table(rows: Sequence[ReportRow]) -> Flowable:
    widths = [w * mm for w in COLUMNS_MM]
    padding = 2 * CELL_PADDING
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.2)
    header = [_("Code"), _("Product"), _("Locatie"), _("Aantal"), _("Min."), _("Vervalt"),
              _("Status")]
    data: list[list[object]] = [[*header]]
    if not rows:
        data.append([_("Geen voorraad die aan de filters voldoet."), "", "", "", "", "", ""])
    shrunk: list[tuple[int, int, float]] = []
    for index, row in enumerate(rows, start=1):
        for column in (0, 2):
            code = row.product_code if column == 0 else row.location_code
            size = _shrunk_size(code, widths[column] - padding)
            if size < BODY_SIZE:
                shrunk.append((column, index, size))
        data.append([
            _code_cell(row.product_code, widths[0] - padding, cell),
            _fit(row.product_name, widths[1] - padding, cell),
            _code_cell(row.location_code, widths[2] - padding, cell),
            _fit(f"{row.quantity} {row.unit}", widths[3] - padding, cell),
            str(row.minimum) if row.minimum else "",
            format_date(row.earliest_expiry),
            _StatusCell(row.status.label,
                        SEVERITY_COLOURS.get(row.status.severity, SEVERITY_COLOURS["neutral"])),
        ])
    # TableStyle commands: (name, start cell, end cell, values...); the stubs type each name.
    style: list[Any] = [
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, BODY_SIZE),
        ("FONT", (0, 1), (-1, -1), FONT, BODY_SIZE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, black),
        ("ALIGN", (3, 0), (4, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, STRIPE_FILL]),
    ]
    if not rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    style += [("FONTSIZE", (column, index), (column, index), size)
              for column, index, size in shrunk]
    # A rule where the location changes, so each location reads as a block.
    for index in range(1, len(rows)):
        if rows[index].location_code != rows[index - 1].location_code:
            style.append(("LINEABOVE", (0, index + 1), (-1, index + 1), 0.6, GREY))
    table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table


def _fit(text: str, width: float, style: ParagraphStyle) -> object:
    """Plain text when it fits on one line (fast), a wrapping paragraph when it does not."""
    if stringWidth(text, FONT, BODY_SIZE) <= width:
        return text
    return Paragraph(_escape(text), style)


def _shrunk_size(code: str, width: float) -> float:
    """The font size at which a code fits on one line (a code reads best whole), but never
    below SMALLEST_CODE_SIZE."""
    natural = stringWidth(code, FONT, BODY_SIZE)
    if natural <= width:
        return BODY_SIZE
    return max(SMALLEST_CODE_SIZE, BODY_SIZE * width / natural - 0.05)


def _code_cell(code: str, width: float, style: ParagraphStyle) -> object:
    """The code as plain text; wrapped (at the smallest size) only when even that is too wide."""
    if stringWidth(code, FONT, SMALLEST_CODE_SIZE) <= width:
        return code
    small = ParagraphStyle("small-code", parent=style, fontSize=SMALLEST_CODE_SIZE,
                           leading=SMALLEST_CODE_SIZE * 1.2, splitLongWords=1)
    return Paragraph(_escape(code), small)
