"""Exporteren…: a list goes to Excel or CSV exactly as the user sees it (the filter, the sort,
the columns shown and moved), from the table (Ctrl+Shift+E, its menus) and from Bestand >
Lijst exporteren…; a cancelled dialog writes nothing, a bad folder is a sentence."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from tests.ui.conftest import TODAY
from ui.widgets.file_dialogs import ScriptedFileDialogs

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SHOWN_HEADERS = ["Status", "Code", "Product", "Bruikbaar", "Vervallen", "Totaal", "Minimum",
                 "Eerste vervaldatum"]


class SuggestingFileDialogs(ScriptedFileDialogs):
    """Also records the file name the save dialog would suggest."""

    def __init__(self, save: str = "") -> None:
        super().__init__(save=save)
        self.suggested: list[str] = []

    def ask_save_path(self, parent, title, suggested, filters):  # type: ignore[no-untyped-def]
        self.suggested.append(suggested)
        return super().ask_save_path(parent, title, suggested, filters)


@pytest.fixture
def dialogs(fakes) -> SuggestingFileDialogs:  # type: ignore[no-untyped-def]
    fakes.file_dialogs = SuggestingFileDialogs()
    return fakes.file_dialogs


def arrange_stock(app) -> None:  # type: ignore[no-untyped-def]
    """Genk only (a filter), sorted by the total (descending), Locatie hidden, Totaal shown,
    Status dragged to the front."""
    app.go("stock")
    stock = app.stock
    stock.choose_location("GNK")
    app.qtbot.waitUntil(lambda: sorted(stock.rows()) == [("MOND", "GNK-MAG"), ("SPT", "GNK-MAG")],
                        timeout=3000)
    header = stock.screen.table.horizontalHeader()
    columns = [c.header for c in stock.model.columns]
    header.setSectionHidden(columns.index("Locatie"), True)
    header.setSectionHidden(columns.index("Totaal"), False)
    header.moveSection(header.visualIndex(columns.index("Status")), 0)
    stock.sort_by("Totaal", Qt.SortOrder.DescendingOrder)
    assert stock.rows() == [("MOND", "GNK-MAG"), ("SPT", "GNK-MAG")]


def activate(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Shortcuts work in the active window only (offscreen, activation takes a moment)."""
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow, timeout=3000)


def export_with_keys(app, qtbot, widget) -> str:  # type: ignore[no-untyped-def]
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_E, CTRL_SHIFT)
    return wait_message(app, qtbot)


def wait_message(app, qtbot) -> str:  # type: ignore[no-untyped-def]
    status = app.window.statusBar()
    qtbot.waitUntil(lambda: bool(status.currentMessage()), timeout=10_000)
    app.wait_idle()
    return status.currentMessage()


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""),
                           delimiter=";"))


def test_ctrl_shift_e_on_the_stock_table_writes_what_is_shown_to_excel(
        app, qtbot, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    arrange_stock(app)
    target = tmp_path / "voorraad.xlsx"
    dialogs.save = str(target)
    message = export_with_keys(app, qtbot, app.stock.screen.table)
    assert message == f"2 rijen geëxporteerd naar {target}"
    assert Path(dialogs.suggested[0]).name == f"Voorraad {TODAY.isoformat()}.xlsx"
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None and sheet.title == "Voorraad"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == SHOWN_HEADERS
    mouthpieces, saliva = rows[1:]
    assert mouthpieces == ["op voorraad", "MOND", "Mondstuk alcoholtest", 50, None, 50, None,
                           None]
    assert saliva[:6] == ["vervallen", "SPT", "Speekseltest", 10, 10, 20]
    assert saliva[6] is None and saliva[7].date() == TODAY - timedelta(days=30)
    # The numbers are numbers that show their unit, as in the app.
    assert sheet["D2"].number_format == '0 "stuk"'
    assert sheet["D2"].data_type == "n" and sheet["H3"].number_format == "dd/mm/yyyy"


def test_bestand_lijst_exporteren_writes_the_current_screens_list_as_csv(
        app, qtbot, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    arrange_stock(app)
    target = tmp_path / "voorraad.csv"
    dialogs.save = str(target)
    activate(app, qtbot)
    app.stock.screen.search.setFocus()  # the focus is not in the table: its screen's list
    app.press(Qt.Key.Key_E, CTRL_SHIFT)
    assert "2 rijen geëxporteerd" in wait_message(app, qtbot)
    rows = read_csv(target)
    assert rows[0] == SHOWN_HEADERS
    expired = (TODAY - timedelta(days=30)).strftime("%d/%m/%Y")
    assert [row[1] for row in rows[1:]] == ["MOND", "SPT"]
    assert rows[1][3:] == ["50 stuk", "", "50 stuk", "", ""]
    assert rows[2][3:] == ["10 stuk", "10 stuk", "20 stuk", "", expired]


def test_the_menu_entry_and_the_tables_menus_offer_it(app) -> None:  # type: ignore[no-untyped-def]
    file_menu = app.window.menuBar().actions()[0].menu()
    entry = next(a for a in file_menu.actions() if a.text() == "Lijst exporteren…")
    assert entry.shortcut().toString() == "Ctrl+Shift+E"
    table = app.stock.screen.table
    for menu in (table.header_menu(), table.row_menu(table.model().index(0, 0))):
        assert menu.actions()[-1].text() == "Exporteren…"


def test_a_cancelled_dialog_writes_nothing(app, qtbot, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app.go("stock")
    dialogs.save = ""  # the user pressed Annuleren
    folder = tmp_path / "leeg"
    folder.mkdir()
    table = app.stock.screen.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_E, CTRL_SHIFT)
    app.wait_idle()
    assert dialogs.asked == ["Lijst exporteren"]
    assert list(folder.iterdir()) == []
    assert app.window.statusBar().currentMessage() == ""


def test_a_folder_that_is_gone_is_a_sentence_and_no_file(
        app, qtbot, dialogs, tmp_path, recorded_errors) -> None:  # type: ignore[no-untyped-def]
    app.go("stock")
    dialogs.save = str(tmp_path / "verwijderd" / "voorraad.xlsx")
    message = export_with_keys(app, qtbot, app.stock.screen.table)
    assert message.startswith(f"De map {tmp_path / 'verwijderd'} bestaat niet")
    assert "Traceback" not in message and recorded_errors == []
    assert not (tmp_path / "verwijderd").exists()


def test_another_file_type_is_refused_in_a_sentence(app, qtbot, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app.go("stock")
    dialogs.save = str(tmp_path / "voorraad.pdf")
    message = export_with_keys(app, qtbot, app.stock.screen.table)
    assert ".xlsx (Excel) of .csv" in message
    assert list(tmp_path.glob("voorraad*")) == []


def test_a_screen_without_a_list_says_so_without_a_dialog(app, qtbot, dialogs) -> None:  # type: ignore[no-untyped-def]
    app.go("scan")
    activate(app, qtbot)
    app.press(Qt.Key.Key_E, CTRL_SHIFT)
    assert app.window.statusBar().currentMessage() == (
        "Op dit scherm staat geen lijst om te exporteren.")
    assert dialogs.asked == []


def test_a_table_in_a_dialog_exports_itself_under_the_dialogs_title(
        app, qtbot, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app.go("stock")
    stock = app.stock
    stock.type_search("SPT")
    stock.wait_rows([("SPT", "GNK-MAG")])
    dialog = stock.open_row(0)
    qtbot.waitUntil(lambda: dialog.movements.model().rowCount() == 2, timeout=3000)
    dialogs.save = str(tmp_path / "historiek")  # no suffix typed: Excel
    message = export_with_keys(app, qtbot, dialog.movements)
    assert message.startswith("2 rijen geëxporteerd")
    assert dialog.windowTitle() == "Product SPT"
    assert Path(dialogs.suggested[0]).name == f"Product SPT {TODAY.isoformat()}.xlsx"
    sheet = openpyxl.load_workbook(tmp_path / "historiek.xlsx").active
    assert sheet is not None
    headers = [cell.value for cell in sheet[1]]
    shown = dialog.movements.horizontalHeader()
    assert headers == [dialog.movements.model().headerData(shown.logicalIndex(v),
                                                           Qt.Orientation.Horizontal)
                       for v in range(shown.count()) if not shown.isSectionHidden(
                           shown.logicalIndex(v))]
    when, lot, quantity, booking = (headers.index(h) for h in ("Wanneer", "Lot", "Hoeveelheid",
                                                               "Boeking"))
    booked = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert sorted((row[lot], row[quantity], row[booking]) for row in booked) == [
        ("L-NEW", 10, 2), ("L-OLD", 10, 1)]
    assert all(row[when].date() == TODAY for row in booked)  # a real date and time
    dialog.reject()


def test_row_actions_join_the_right_click_menu_with_their_keys(app, qtbot) -> None:  # type: ignore[no-untyped-def]
    """The hook other features use (Boeking terugdraaien…): a fixed row action with its
    shortcut while the table has focus, and one added per row before the menu opens."""
    app.go("stock")
    app.stock.wait_count(3)
    table = app.stock.screen.table
    pressed: list[int] = []
    fixed = QAction("Vaste actie", table)
    fixed.setShortcut("Ctrl+Shift+T")
    fixed.triggered.connect(lambda: pressed.append(table.current_row()))
    table.add_row_action(fixed)

    def per_row(menu: QMenu, index: QModelIndex) -> None:
        if index.isValid():
            menu.addAction(f"Rij {index.row()}")

    table.context_menu_requested.connect(per_row)
    texts = [a.text() for a in table.row_menu(table.model().index(1, 0)).actions()]
    assert texts.index("Vaste actie") < texts.index("Rij 1") < len(texts) - 1
    assert texts[-1] == "Exporteren…"
    below = [a.text() for a in table.row_menu(QModelIndex()).actions()]
    assert "Vaste actie" not in below and "Rij 1" not in below and below[-1] == "Exporteren…"
    activate(app, qtbot)
    table.setFocus()
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_T, CTRL_SHIFT)
    assert pressed == [1]


def test_the_export_key_is_no_other_actions(app) -> None:  # type: ignore[no-untyped-def]
    """Two window-wide actions on one key make Qt run neither (Ctrl+E is Bestelling
    wijzigen…)."""
    for name in [d.name for d in app.window.declarations]:
        app.window.screen_named(name)
    keys = [action.shortcut().toString() for action in app.window.findChildren(QAction)
            if not action.shortcut().isEmpty()]
    assert keys.count("Ctrl+Shift+E") == 1


def test_cells_keep_their_type_where_the_text_agrees() -> None:
    """The typed value an export writes comes from the sort key only where it says what the
    cell shows; a rank behind a word, or a key that differs from the text, gives the text."""
    from datetime import date

    from carma_logistiek.documents.tables import Amount
    from ui.widgets.table_model import Column, typed_value

    row = {"qty": 12, "delta": -3, "day": date(2027, 1, 31), "rank": 2, "id": 7}
    cases = [
        (Column("a", lambda r: f"{r['qty']} doos", lambda r: r["qty"]), Amount(12, "doos")),
        (Column("b", lambda r: f"{r['delta']:+d}", lambda r: r["delta"]), -3),
        (Column("c", lambda r: "31/01/2027", lambda r: (r["day"], r["id"])), date(2027, 1, 31)),
        (Column("d", lambda r: "", lambda r: date.max), None),
        (Column("e", lambda r: "bijna op", lambda r: r["rank"]), "bijna op"),
        (Column("f", lambda r: "13", lambda r: r["qty"]), "13"),
        (Column("g", lambda r: "7", lambda r: r["id"], badge=lambda r: ("7", "ok")), "7"),
        (Column("h", lambda r: "ja", value=lambda r: True), True),
    ]
    assert [typed_value(column, row) for column, _ in cases] == [want for _, want in cases]
