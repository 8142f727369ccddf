"""The detail of one kit in the register: where it is and why, its contents with expiry, the
checks (result, by whom, lines), the history, and the photos of its placement."""

from __future__ import annotations

import html
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from carma_logistiek.domain.kits import shown_status
from carma_logistiek.i18n import N_, _, format_date, format_datetime
from ui.kits.checklist import expiry_state, expiry_text
from ui.kits.files import thumbnail
from ui.shell.theme import SEVERITY_COLOURS
from ui.widgets.formats import local_time

if TYPE_CHECKING:
    from carma_logistiek.services import kits


def _place_text(kit: kits.KitRow) -> str:
    from carma_logistiek.services.kit_labels import kit_place_text  # loaded with the db

    return kit_place_text(kit)


def next_check_text(detail: kits.KitDetail) -> str:
    """The next check's date and, when an item's expiry brought it forward, why:
    "21/01/2027 — vervaldatum Steriele kompressen (…)"."""
    from carma_logistiek.services.kit_views import next_check_why  # loaded with the db

    reason = next_check_why(detail)
    day = format_date(detail.kit.next_check_due)
    return f"{day} — {reason}" if reason else day

EVENT_WORDS = {"geplaatst": N_("geplaatst"), "verplaatst": N_("verplaatst"),
               "buiten_gebruik": N_("buiten gebruik"), "vervangt": N_("vervangt"),
               "toegewezen": N_("toegewezen")}


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class KitDetailPanel(QWidget):
    add_photo = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: kits.KitDetail | None = None
        self.heading = QLabel(_("Kies een kit in de lijst."))
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.contents = _table([_("Product"), _("Aantal"), _("Vervaldatum")])
        self.checks = QTreeWidget()
        self.checks.setHeaderLabels([_("Datum"), _("Resultaat"), _("Door"), _("Volgende")])
        self.events = _table([_("Wanneer"), _("Wat"), _("Door"), _("Van → naar"), _("Opmerking")])
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(160, 160))
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photo_button = QPushButton(_("Foto toevoegen…"))
        self.photo_button.clicked.connect(self.add_photo)
        photos = QWidget()
        photo_layout = QVBoxLayout(photos)
        photo_layout.addWidget(self.photos, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.photo_button)
        photo_layout.addLayout(row)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.contents, _("Inhoud"))
        self.tabs.addTab(self.checks, _("Controles"))
        self.tabs.addTab(self.events, _("Geschiedenis"))
        self.tabs.addTab(photos, _("Foto's"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

    def show_detail(self, detail: kits.KitDetail | None, today: date) -> None:
        self.detail = detail
        if detail is None:
            self.heading.setText(_("Kies een kit in de lijst."))
            for table in (self.contents, self.events):
                table.setRowCount(0)
            self.checks.clear()
            self.photos.clear()
            return
        kit = detail.kit
        status = shown_status(kit.status, kit.next_check_due, today)
        background, text = SEVERITY_COLOURS[status.severity]
        badge = (f"<span style='background:{background}; color:{text}; font-weight:700'>"
                 f"&nbsp;{html.escape(status.label)}&nbsp;</span>")
        self.heading.setText(_(
            "<b>{code}</b> — {kind} {badge}<br>{place}<br>Noodzaak: {need}<br>"
            "Verantwoordelijke: {responsible} · volgende controle: {next}",
            code=kit.code, kind=kit.kit_type_name, badge=badge, place=_place_text(kit),
            need=kit.need or "—", responsible=kit.responsible or "—",
            next=html.escape(next_check_text(detail))))
        self._fill_contents(detail, today)
        self._fill_checks(detail)
        self._fill_events(detail)
        self.photos.clear()

    def _fill_contents(self, detail: kits.KitDetail, today: date) -> None:
        self.contents.setRowCount(len(detail.contents))
        for row, content in enumerate(detail.contents):
            item = content.item
            state = expiry_state(content, item, today)
            cells = [item.product_name, f"{content.quantity} / {item.quantity} {item.unit}",
                     expiry_text(content, state)]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 2 and state in ("expired", "replace"):
                    back, fore = SEVERITY_COLOURS["problem" if state == "expired"
                                                  else "attention"]
                    cell.setBackground(QBrush(QColor(back)))
                    cell.setForeground(QBrush(QColor(fore)))
                self.contents.setItem(row, column, cell)
        self.contents.resizeColumnsToContents()

    def _fill_checks(self, detail: kits.KitDetail) -> None:
        self.checks.clear()
        for check in detail.checks:
            top = QTreeWidgetItem([format_date(check.checked_on), check.result.label,
                                   check.checked_by, format_date(check.next_due)])
            background, text = SEVERITY_COLOURS[check.result.severity]
            top.setBackground(1, QBrush(QColor(background)))
            top.setForeground(1, QBrush(QColor(text)))
            if check.note:
                top.setToolTip(0, check.note)
            for line in check.lines:
                extra = []
                if line.replaced_quantity:
                    extra.append(_("{n} vervangen", n=line.replaced_quantity))
                if line.short_quantity:
                    extra.append(_("{n} tekort", n=line.short_quantity))
                QTreeWidgetItem(top, [line.product_name, line.outcome.label, ", ".join(extra)])
            self.checks.addTopLevelItem(top)
        for column in range(4):
            self.checks.resizeColumnToContents(column)

    def _fill_events(self, detail: kits.KitDetail) -> None:
        events = list(reversed(detail.events))  # newest first
        self.events.setRowCount(len(events))
        for row, event in enumerate(events):
            moved = " → ".join(p for p in (event.from_location, event.to_location) if p)
            cells = [format_datetime(local_time(event.at)),  # stored in UTC; shown as lived
                     _(EVENT_WORDS.get(event.kind, event.kind)),
                     event.by, moved, event.note]
            for column, text in enumerate(cells):
                self.events.setItem(row, column, QTableWidgetItem(text))
        self.events.resizeColumnsToContents()

    def show_photos(self, photos: list[tuple[int, str, bytes]]) -> None:
        self.photos.clear()
        for photo_id, _mime, data in photos:
            item = QListWidgetItem(QIcon(thumbnail(data)), _("Foto {n}", n=photo_id))
            item.setData(Qt.ItemDataRole.UserRole, photo_id)
            self.photos.addItem(item)
