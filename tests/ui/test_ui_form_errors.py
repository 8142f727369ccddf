"""A sentence next to a field is shown whole: the dialog grows for two or three lines."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from ui.widgets.forms import Form, MissingInput

LONG = (
    "Het lotnummer is te lang: 41 tekens, hoogstens 40. Kort het in of scan het etiket "
    "opnieuw; een lotnummer van de leverancier staat meestal naast de vervaldatum op de "
    "doos, en de GS1-code op de doos bevat het ook."
)


def test_a_long_error_wraps_and_the_dialog_grows_to_show_it(qtbot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    form = Form()
    layout.addLayout(form)
    form.add("product", "Product:", QLineEdit())
    form.add("lot", "Lot:", QLineEdit())
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    form.show_error(MissingInput("lot", LONG))
    label = dialog.findChild(type(form.general_error), "error_lot")
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()), timeout=2000)
    assert label.heightForWidth(label.width()) > 2 * label.fontMetrics().height()  # wrapped
    assert dialog.height() > before
    assert dialog.width() < 800  # it grew down, not sideways
