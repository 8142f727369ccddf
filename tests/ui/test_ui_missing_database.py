"""The window on a database file that is not there: it says so and asks; it makes a new, empty
database only when the answer is yes."""

from __future__ import annotations

from pathlib import Path

from carma_logistiek.config import AppConfig, sqlite_url
from tests.support.actors import TESTER


def open_on(qtbot, fakes, path: Path):  # type: ignore[no-untyped-def]
    from ui.shell.app import build_window

    config = AppConfig(database_url=sqlite_url(path), actor=TESTER.user, create_database=False)
    window = build_window(config, fakes, actor=TESTER)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_missing_database_is_made_only_after_asking(qtbot, fakes, tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "carma.sqlite"
    fakes.prompts.answer = True
    window = open_on(qtbot, fakes, missing)
    qtbot.waitUntil(lambda: bool(fakes.prompts.questions), timeout=10_000)
    question = fakes.prompts.questions[0]
    assert question.title == "Databank bestaat niet"
    assert f"De databank {missing} bestaat niet." in question.text
    assert question.yes == "Nieuwe, lege databank maken"
    qtbot.waitUntil(window.rail.isEnabled, timeout=10_000)
    assert missing.is_file()
    assert fakes.prompts.errors == []
    window.close()


def test_saying_no_makes_nothing_and_the_window_says_why(qtbot, fakes, tmp_path: Path) -> None:
    missing = tmp_path / "typo" / "carma.sqlite"
    fakes.prompts.answer = False
    window = open_on(qtbot, fakes, missing)
    qtbot.waitUntil(lambda: bool(fakes.prompts.questions), timeout=10_000)
    qtbot.wait(200)
    assert not missing.parent.exists()
    assert not window.rail.isEnabled()
    assert "bestaat niet" in window.loading_label.text()
    assert fakes.prompts.errors == []  # one question, not a question and an error box
    window.close()
