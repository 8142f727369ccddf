"""Tekorten: what kit checks needed and stock could not supply — the kits' demand on stock.
Shown in the EHBO plan and, as a dialog, from the Voorraad menu."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from carma_logistiek.i18n import _, ngettext
from ui.kits.models import ShortageTableModel
from ui.ops import kits as kit_ops
from ui.ops.errors import error_sentence
from ui.shell import settings_keys
from ui.shell.context import AppContext
from ui.widgets.table_view import DataTable

if TYPE_CHECKING:
    from carma_logistiek.services import kits


class ShortagesPanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.title = QLabel()
        self.table = DataTable(ShortageTableModel(), settings_keys.KITS_SHORTAGES_HEADER)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)  # keeps the title on top while the table is hidden
        self._show([])

    def refresh(self) -> None:
        if self.context.database_open:
            kit_ops.kit_shortages(self.context).success(self._show).failure(
                self._on_failed
            ).latest_only(self, "rows").run()

    def _show(self, rows: list[kits.Shortage]) -> None:
        self.table.table_model().set_rows(rows)
        self.table.setVisible(bool(rows))  # "geen" says it all; no empty table
        self.table.fit_columns_once()
        self.title.setText(
            ngettext("<b>Tekorten EHBO-kits</b> — {n} product dat de voorraad niet kon leveren "
                     "bij een controle", "<b>Tekorten EHBO-kits</b> — {n} producten die de voorraad "
                     "niet kon leveren bij een controle", len(rows)) if rows else
            _("<b>Tekorten EHBO-kits</b> — geen: elke controle kon aanvullen uit voorraad."))

    def _on_failed(self, error: BaseException) -> None:
        self.title.setText(error_sentence(error))

    def rows(self) -> list[kits.Shortage]:
        return self.table.table_model().rows()


class ShortagesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Tekorten EHBO-kits"))
        self.panel = ShortagesPanel(context, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(720, 420)
        self.panel.refresh()
