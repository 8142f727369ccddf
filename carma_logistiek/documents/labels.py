"""QR label sheets: A4, 3 x 8 labels of 70 x 37 mm, vector QR codes.

The sheet is the common one without gaps between labels (Avery Zweckform 3474, Herma 4453 and
their clones): 3 x 70 mm fill the 210 mm width, 8 x 37 mm = 296 mm leave 0.5 mm at the top and
the bottom. Every measure of the layout is in ``SHEET``, so another sheet is one change.

Labels reach the edges of the paper, where office printers cannot print (about 4 mm). The
content therefore keeps ``content_padding`` from every label edge; the QR code's own quiet zone
(4 modules) lies inside that padding's share of the QR block.

reportlab is imported here and only here (with the stock report), never at app start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import Color, black
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from carma_logistiek.documents.specs import LabelSpec, NothingToPrint
from carma_logistiek.domain.errors import DomainError
from carma_logistiek.i18n import N_, _

__all__ = ["SHEET", "InvalidCopies", "InvalidOffset", "LabelSpec", "NothingToPrint",
           "SheetInfo", "SheetLayout", "check_sheet_options", "render_label_sheet"]


@dataclass(frozen=True)
class SheetLayout:
    """Where the labels are on the page, in points (reportlab's unit; origin bottom left)."""

    page_width: float
    page_height: float
    columns: int
    rows: int
    label_width: float
    label_height: float
    left_margin: float
    top_margin: float
    # Gaps between labels (0 on this sheet; kept so a sheet with gaps is a constants change).
    column_gap: float
    row_gap: float
    # Blank border inside every label: keeps ink off the die cut and the paper edge.
    content_padding: float
    # Side of the square QR block, quiet zone included, and its distance from the label's left.
    qr_size: float
    qr_left: float
    # The text starts this far right of the QR block: never inside the quiet zone, and at the
    # same place on every label whatever the size of the code.
    text_gap: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def position(self, index: int) -> tuple[float, float]:
        """Bottom-left corner of label ``index`` (0 = top left, row by row, left to right)."""
        row, column = divmod(index, self.columns)
        x = self.left_margin + column * (self.label_width + self.column_gap)
        top = self.page_height - self.top_margin - row * (self.label_height + self.row_gap)
        return x, top - self.label_height


# Avery Zweckform 3474 / Herma 4453: A4, 3 x 8, 70 x 37 mm, 0.5 mm top and bottom, no gaps.
SHEET = SheetLayout(
    page_width=210 * mm,
    page_height=297 * mm,
    columns=3,
    rows=8,
    label_width=70 * mm,
    label_height=37 * mm,
    left_margin=0,
    top_margin=0.5 * mm,
    column_gap=0,
    row_gap=0,
    content_padding=4 * mm,
    qr_size=30 * mm,
    qr_left=1.5 * mm,
    text_gap=0.8 * mm,
)
QR_QUIET_ZONE_MODULES = 4
QR_ERROR_CORRECTION = "M"
FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
GREY = Color(0.35, 0.35, 0.35)
CUT_LINE = Color(0.8, 0.8, 0.8)


@dataclass(frozen=True)
class SheetInfo:
    pages: int
    labels_printed: int


class InvalidOffset(DomainError):
    code = "InvalidOffset"
    template = N_("De startpositie moet tussen 0 en {last} liggen (0 = linksboven, per rij van "
                   "links naar rechts); {offset} kan niet.")
    field = "offset"


class InvalidCopies(DomainError):
    code = "InvalidCopies"
    template = N_("Het aantal exemplaren moet minstens 1 zijn; {copies} kan niet.")
    field = "copies"


def check_sheet_options(*, offset: int, copies: int, layout: SheetLayout = SHEET) -> None:
    """Refuse a start position that is not on the sheet, or fewer than one copy."""
    if isinstance(offset, bool) or not isinstance(offset, int) \
            or not 0 <= offset < layout.per_sheet:
        raise InvalidOffset(offset=offset, last=layout.per_sheet - 1)
    if isinstance(copies, bool) or not isinstance(copies, int) or copies < 1:
        raise InvalidCopies(copies=copies)


def render_label_sheet(
    labels: Sequence[LabelSpec],
    out: Path | str | BinaryIO,
    *,
    offset: int = 0,
    copies: int = 1,
    zone_name: str,
    cut_lines: bool = False,
    layout: SheetLayout = SHEET,
) -> SheetInfo:
    """Write the labels as a PDF of label sheets.

    ``offset`` skips the first positions of the first sheet (a half-used sheet goes back in
    the printer); every label is printed ``copies`` times, the copies side by side.
    ``cut_lines`` draws the label outlines in light grey, for plain paper.
    """
    check_sheet_options(offset=offset, copies=copies, layout=layout)
    if not labels:
        raise NothingToPrint(what=_("geen etiketten gekozen."))
    canvas = Canvas(str(out) if isinstance(out, Path | str) else out,
                    pagesize=(layout.page_width, layout.page_height), pageCompression=1)
    canvas.setTitle(_("Etiketten — {zone}", zone=zone_name))
    canvas.setAuthor(zone_name)
    canvas.setCreator("CARMA Logistiek")
    qr_cache: dict[str, list[tuple[int, int, int]]] = {}
    slot = offset
    pages = 1
    printed = 0
    for spec in labels:
        for _copy in range(copies):
            if slot == layout.per_sheet:
                canvas.showPage()
                pages += 1
                slot = 0
            x, y = layout.position(slot)
            _draw_label(canvas, spec, x, y, layout, zone_name, qr_cache, cut_lines)
            slot += 1
            printed += 1
    canvas.showPage()
    canvas.save()
    return SheetInfo(pages, printed)


def _draw_label(canvas: Canvas, spec: LabelSpec, x: float, y: float, layout: SheetLayout,
                zone_name: str, qr_cache: dict[str, list[tuple[int, int, int]]],
                cut_lines: bool) -> None:
    if cut_lines:
        canvas.setStrokeColor(CUT_LINE)
        canvas.setLineWidth(0.3)
        canvas.rect(x, y, layout.label_width, layout.label_height, stroke=1, fill=0)
    qr_y = y + (layout.label_height - layout.qr_size) / 2
    _draw_qr(canvas, spec.payload, x + layout.qr_left, qr_y, layout.qr_size, qr_cache)
    text_left = x + layout.qr_left + layout.qr_size + layout.text_gap
    text_right = x + layout.label_width - layout.content_padding
    _draw_text(canvas, spec, zone_name, text_left, text_right - text_left,
               y + layout.content_padding, y + layout.label_height - layout.content_padding)


def _qr_runs(payload: str) -> list[tuple[int, int, int]]:
    """The dark modules of the payload's QR code as (row, first column, length) runs, and the
    module count in the first entry (-1, count, 0)."""
    widget = QrCodeWidget(payload, barLevel=QR_ERROR_CORRECTION,
                          barBorder=QR_QUIET_ZONE_MODULES)
    qr = widget.qr  # type: ignore[attr-defined]  # made in __init__, missing from the stubs
    qr.make()
    runs = [(-1, qr.getModuleCount(), 0)]
    for row_index, row in enumerate(qr.modules):
        start = None
        for column, dark in enumerate([*row, False]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((row_index, start, column - start))
                start = None
    return runs


def _draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float,
             cache: dict[str, list[tuple[int, int, int]]]) -> float:
    """Draw the code (quiet zone included in ``size``) as one filled vector path; returns the
    size of one module."""
    runs = cache.get(payload)
    if runs is None:
        runs = cache[payload] = _qr_runs(payload)
    count = runs[0][1]
    module = size / (count + 2 * QR_QUIET_ZONE_MODULES)
    top = y + size - QR_QUIET_ZONE_MODULES * module
    left = x + QR_QUIET_ZONE_MODULES * module
    path = canvas.beginPath()
    for row, column, length in runs[1:]:
        path.rect(left + column * module, top - (row + 1) * module, length * module, module)
    canvas.setFillColor(black)
    canvas.drawPath(path, stroke=0, fill=1)
    return module


# Text beside the code: (font, largest size, smallest size, most lines).
TextStyle = tuple[str, float, float, int, bool]
# (font, largest size, smallest size, most lines, shrink on one line before wrapping).
# A code is never cut off: it shrinks first, then wraps (codes have at most 32 characters).
TITLE_STYLE: TextStyle = (FONT, 10.0, 7.0, 2, False)
CODE_STYLE: TextStyle = (FONT_BOLD, 12.0, 6.5, 3, True)
DETAIL_STYLE: TextStyle = (FONT, 8.0, 6.0, 3, False)
ZONE_STYLE: TextStyle = (FONT, 6.0, 4.5, 1, True)
# When title, code and detail together are too tall, all three shrink by these steps.
SHRINK_STEPS = (1.0, 0.9, 0.8, 0.7, 0.6)
LINE_SPACING = 1.18
BLOCK_GAP = 1.2 * mm


def fit_text(text: str, width: float, style: TextStyle,
             scale: float = 1.0) -> tuple[list[str], float]:
    """Wrap ``text`` to at most the style's number of lines within ``width``, shrinking the font
    down to the style's smallest size (both times ``scale``); what still does not fit ends in
    an ellipsis."""
    font, largest, smallest, max_lines, one_line_first = style
    largest, smallest = largest * scale, smallest * scale
    text = " ".join(text.split())
    if not text:
        return [], largest
    for allowed in ((1, max_lines) if one_line_first and max_lines > 1 else (max_lines,)):
        size = largest
        while True:
            lines = _wrap(text, font, size, width)
            if len(lines) <= allowed and all(stringWidth(line, font, size) <= width
                                             for line in lines):
                return lines, size
            if size <= smallest:
                break
            size = max(smallest, size - 0.5)
    lines = _wrap(text, font, size, width)[:max_lines]
    lines[-1] = _ellipsize(lines[-1] + ("…" if len(_wrap(text, font, size, width)) > max_lines
                                        else ""), font, size, width)
    return lines, size


PART_SEPARATOR = " · "


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of ``text`` within ``width``. A text made of parts ("Vervalt 30/06/2027 · lot
    L2604005") that does not fit on one line breaks between the parts first."""
    if PART_SEPARATOR in text and stringWidth(text, font, size) > width:
        return [line for part in text.split(PART_SEPARATOR)
                for line in _wrap(part, font, size, width)]
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width):
        # simpleSplit leaves a word longer than the width whole: cut it by characters.
        while stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line)
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


def _ellipsize(line: str, font: str, size: float, width: float) -> str:
    if stringWidth(line, font, size) <= width:
        return line
    line = line.rstrip("…")
    while line and stringWidth(line + "…", font, size) > width:
        line = line[:-1]
    return line.rstrip() + "…"


def _draw_text(canvas: Canvas, spec: LabelSpec, zone_name: str, left: float, width: float,
               bottom: float, top: float) -> None:
    """Title, code and detail as one block centred in the height; the zone's name at the
    bottom in small grey type."""
    zone_lines, zone_size = fit_text(zone_name, width, ZONE_STYLE)
    zone_height = zone_size * LINE_SPACING if zone_lines else 0
    available_top = top
    available_bottom = bottom + zone_height + (BLOCK_GAP if zone_lines else 0)
    for scale in SHRINK_STEPS:
        blocks = [
            (fit_text(spec.title, width, TITLE_STYLE, scale), TITLE_STYLE[0], black),
            (fit_text(spec.code, width, CODE_STYLE, scale), CODE_STYLE[0], black),
            (fit_text(spec.detail, width, DETAIL_STYLE, scale), DETAIL_STYLE[0], black),
        ]
        blocks = [block for block in blocks if block[0][0]]
        heights = [len(lines) * size * LINE_SPACING for (lines, size), _f, _c in blocks]
        block_height = sum(heights) + BLOCK_GAP * (len(blocks) - 1)
        if block_height <= available_top - available_bottom:
            break
    # Centred in the label's height, but never into the zone line or above the padding.
    cursor = min(available_top,
                 (available_top + available_bottom) / 2 + block_height / 2)
    for ((lines, size), font, colour), _height in zip(blocks, heights, strict=True):
        canvas.setFillColor(colour)
        canvas.setFont(font, size)
        for line in lines:
            cursor -= size * LINE_SPACING
            # Baseline: leave the descender room below it inside the line box.
            canvas.drawString(left, cursor + size * 0.22, line)
        cursor -= BLOCK_GAP
    if zone_lines:
        canvas.setFillColor(GREY)
        canvas.setFont(ZONE_STYLE[0], zone_size)
        canvas.drawString(left, bottom + zone_size * 0.22, zone_lines[0])
