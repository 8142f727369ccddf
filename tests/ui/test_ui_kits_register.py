"""Register: create, move and retire a kit through the dialogs, and the history keeps it all;
kit labels as a PDF; a photo of the placement."""

from __future__ import annotations

from kit_support import kit_database
from PySide6.QtGui import QColor, QImage

from carma_logistiek.services import kits
from carma_logistiek.services.kit_labels import kit_labels


def register_of(app, qtbot):  # type: ignore[no-untyped-def]
    register = app.kits.register()
    register.load_form_data()
    register.refresh()
    app.wait_idle()
    return register


def codes(register) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.code for row in register.table.table_model().rows()]


def test_create_move_retire_keep_the_history(app, qtbot, db) -> None:
    kit_database(db)
    register = register_of(app, qtbot)
    assert codes(register) == ["KIT-001"]
    dialog = register.new_kit()
    dialog.code.setText("kit-002")
    dialog.place.set_code("GNK-MAG")
    dialog.spot.setText("bij de uitgang")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=3000)
    qtbot.waitUntil(lambda: codes(register) == ["KIT-001", "KIT-002"], timeout=3000)
    qtbot.waitUntil(lambda: register.selected_kit().code == "KIT-002", timeout=3000)

    move = register.move_kit()
    move.place.set_code("BRE")
    move.spot.setText("onthaal Bree")
    move.submit()
    qtbot.waitUntil(lambda: move.result() == move.DialogCode.Accepted, timeout=3000)
    app.wait_idle()
    assert kits.kit_detail(db, "KIT-002").kit.location_code == "BRE"

    retire = register.retire_kit()
    assert "niet ongedaan" in retire.intro.text()  # the confirmation says so
    retire.submit()  # no reason
    app.wait_idle()
    assert retire.form.error_text("reason") == "Geef een reden op."
    retire.reason.setText("verwijderd bij verbouwing")
    retire.submit()
    qtbot.waitUntil(lambda: retire.result() == retire.DialogCode.Accepted, timeout=3000)
    qtbot.waitUntil(lambda: codes(register) == ["KIT-001"], timeout=3000)

    detail = kits.kit_detail(db, "KIT-002")
    assert [(e.kind, e.from_location, e.to_location) for e in detail.events] == [
        ("geplaatst", None, "GNK-MAG"), ("verplaatst", "GNK-MAG", "BRE"),
        ("buiten_gebruik", "BRE", None)]
    register.retired.setChecked(True)
    qtbot.waitUntil(lambda: codes(register) == ["KIT-001", "KIT-002"], timeout=3000)
    register.select_kit("KIT-002")
    qtbot.waitUntil(lambda: register.detail.events.rowCount() == 3, timeout=3000)
    assert register.detail.events.item(0, 1).text() == "buiten gebruik"
    model = register.table.table_model()
    status = [c.header for c in model.columns].index("Status")
    assert model.index(1, status).data() == "buiten gebruik"
    assert register.move_kit() is None  # a retired kit stays where it was


def test_labels_and_photo(app, qtbot, db, tmp_path, fakes) -> None:
    kit_database(db)
    register = register_of(app, qtbot)
    spec = kit_labels(db, ["KIT-001"])[0]
    assert (spec.payload, spec.title, spec.code) == (
        "CL1:CARMA:K:KIT-001", "First Aid Kit", "KIT-001")
    assert spec.detail == "Genk · gelijkvloers · onthaal"
    register.table.selectRow(0)
    register.print_labels()  # the product labels' dialog: offset, copies, preview, print
    dialog = register.labels_dialog
    dialog.sheet.offset.setValue(2)
    dialog.make("save")
    target = tmp_path / "saved.pdf"  # where the (fake) print service saves
    qtbot.waitUntil(lambda: "Opgeslagen als" in dialog.status.text(), timeout=5000)
    assert target.read_bytes().startswith(b"%PDF")
    dialog.close()

    picture = tmp_path / "plaatsing.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    image.save(str(picture))
    fakes.file_dialogs.open = str(picture)
    register.add_photo()
    qtbot.waitUntil(lambda: register.detail.photos.count() == 1, timeout=3000)
    assert len(kits.kit_detail(db, "KIT-001").photo_ids) == 1


def test_replace_retires_the_old_kit_and_links_the_new_one(app, qtbot, db) -> None:
    kit_database(db)
    register = register_of(app, qtbot)
    register.select_kit("KIT-001")
    dialog = register.replace_kit()
    assert "niet ongedaan" in dialog.intro.text()
    dialog.new_code.setText("KIT-001B")
    dialog.submit()
    qtbot.waitUntil(lambda: codes(register) == ["KIT-001B"], timeout=3000)
    old, new = kits.kit_detail(db, "KIT-001"), kits.kit_detail(db, "KIT-001B")
    assert old.events[-1].note == "vervangen door KIT-001B"
    assert new.events[-1].kind == "vervangt" and new.events[-1].note == "KIT-001"
    assert (new.kit.location_code, new.kit.spot) == ("GNK", "onthaal")
