"""The scan screens' tables show a long name whole (wrapped onto a taller row), never
shortened in the middle: variants differ at the end of their names."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.scan.panel import BigTable

NAMES = ["Speekseltest drugs (DrugWipe 6S)", "Speekseltest drugs (DrugTest 5000)"]


def test_long_names_wrap_in_a_narrow_table_and_stay_whole(qtbot) -> None:
    table = BigTable(["Product", "Lot", "Vervaldatum", "Aantal"])
    qtbot.addWidget(table)
    table.resize(460, 300)
    table.show()
    qtbot.waitExposed(table)
    table.setRowCount(len(NAMES))
    for row, name in enumerate(NAMES):
        table.set_row(row, [name, "L2501001 (FEFO)", "03/07/2027", "1"])
    qtbot.waitUntil(lambda: table.rowHeight(0) > table.verticalHeader().minimumSectionSize(),
                    timeout=2000)
    assert table.textElideMode() != Qt.TextElideMode.ElideMiddle
    assert table.columnWidth(0) >= 0.35 * table.viewport().width() - 1  # names keep room
    metrics = table.fontMetrics()
    width = table.columnWidth(0) - 8
    assert metrics.horizontalAdvance(NAMES[0]) > width  # it does not fit on one line
    for row, name in enumerate(NAMES):
        needed = metrics.boundingRect(0, 0, width, 10_000, Qt.TextFlag.TextWordWrap, name)
        assert table.rowHeight(row) >= needed.height(), name
