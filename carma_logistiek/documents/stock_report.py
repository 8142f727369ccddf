"""The stock report: stock per location with status, as an A4 PDF to print beside the labels.

Header with the zone's name, the title, when it was printed and the filters; one table row per
product and location (the header row repeats on every page); "Pagina X van Y" at the bottom.
reportlab is imported here, never at app start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

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

from carma_logistiek.domain.stock import DEFAULT_EXPIRY_HORIZON_DAYS, StockStatus
from carma_logistiek.i18n import _, format_date, format_datetime, ngettext
from carma_logistiek.services.results import StockRow

if TYPE_CHECKING:
    from carma_logistiek.db.uow import Database

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

# "--only" choices: the same sets as the stock screen's status filter.
ONLY_CHOICES = ("all", "under_minimum", "expiring")
ONLY_STATUSES: dict[str, frozenset[StockStatus] | None] = {
    "all": None,
    "under_minimum": frozenset({StockStatus.RUNNING_LOW, StockStatus.OUT_OF_STOCK,
                                StockStatus.ORDERED}),
    "expiring": frozenset({StockStatus.EXPIRING_SOON, StockStatus.EXPIRED}),
}


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
        self._startPage()

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
    rows: Sequence[StockRow],
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


def _title_block(rows: Sequence[StockRow], zone_name: str, title: str, printed: str,
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


def _table(rows: Sequence[StockRow]) -> Flowable:
    widths = [w * mm for w in COLUMNS_MM]
    padding = 2 * CELL_PADDING
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.2)
    header = [_("Code"), _("Product"), _("Locatie"), _("Aantal"), _("Min."), _("Vervalt"),
              _("Status")]
    data: list[list[object]] = [header]
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
    style = [
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


# --- from the database ----------------------------------------------------------------------

def filters_description(*, location: str | None, only: str) -> str:
    parts = [location or _("alle locaties")]
    if only == "under_minimum":
        parts.append(_("enkel onder minimum (bijna op, uit stock, besteld)"))
    elif only == "expiring":
        parts.append(_("enkel vervallen of vervalt binnenkort"))
    else:
        parts.append(_("alle statussen"))
    return " · ".join(parts)


def stock_report(
    db: Database,
    *,
    out: Path | str | BinaryIO,
    zone_name: str,
    location_code: str | None = None,
    only: str = "all",
    horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS,
    generated_at: datetime | None = None,
) -> ReportInfo:
    """The stock report of a location and everything under it (or the whole zone), optionally
    only what is under minimum or expiring, written to ``out``."""
    from carma_logistiek.clock import to_local, utc_now
    from carma_logistiek.services.lookups import normalise_code
    from carma_logistiek.services.masterdata import list_locations
    from carma_logistiek.services.overview import stock_overview

    if only not in ONLY_STATUSES:
        raise ValueError(f"unknown report filter {only!r}; use one of {ONLY_CHOICES}")
    rows = stock_overview(db, location_code=location_code, statuses=ONLY_STATUSES[only],
                          horizon_days=horizon_days)
    location_text = None
    if location_code:
        code = normalise_code(location_code)
        name = next((row.name for row in list_locations(db) if row.code == code), code)
        location_text = _("locatie {name} ({code}) en alles eronder", name=name, code=code)
    pages = render_stock_report(
        rows, out, zone_name=zone_name, title=_("Voorraadrapport"),
        filters_text=filters_description(location=location_text, only=only),
        generated_at=generated_at or to_local(utc_now()))
    return ReportInfo(pages, len(rows))
