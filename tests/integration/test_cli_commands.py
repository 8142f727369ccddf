"""The command word: an unknown one is a sentence listing the known ones and exit code 2, with
no window; --help lists every command with what it does, in the user's language."""

from __future__ import annotations

import subprocess
import sys

import pytest

from carma_logistiek.cli import SUBCOMMANDS, first_word, main
from carma_logistiek.cli.run import options_after_command
from ui.shell.launcher import main as launch

DESCRIPTIONS_NL = {
    "demo": "maak een demodatabank",
    "stock": "toon de voorraad",
    "kits": "EHBO-kits: geplande hercontroles",
}
DESCRIPTIONS_EN = {
    "demo": "create a demo database",
    "stock": "show the stock",
    "book": "book a movement",
}


def test_an_unknown_command_is_refused_with_the_known_ones(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["foo", "--db", "sqlite:///nergens.sqlite"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Onbekende opdracht 'foo'. Bekende opdrachten: demo, migrate,")
    assert all(command in err for command in SUBCOMMANDS)
    assert "Traceback" not in err


def test_the_launcher_refuses_an_unknown_command_without_a_window() -> None:
    # A window would block until closed (or abort offscreen); the refusal returns at once.
    probe = (
        "import sys; from ui.shell.launcher import main; code = main(['foo']); "
        "print(code, 'PySide6.QtWidgets' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["2", "False"]
    assert "Onbekende opdracht 'foo'" in done.stderr


def test_launcher_with_a_db_value_only_is_no_command(capsys) -> None:  # type: ignore[no-untyped-def]
    assert first_word(["--db", "sqlite:///x.sqlite", "--lang", "en"]) is None
    assert first_word(["--db", "sqlite:///x.sqlite", "stock"]) == "stock"
    assert launch(["--lang", "nl", "bogus"]) == 2
    assert "Onbekende opdracht 'bogus'" in capsys.readouterr().err


def test_options_before_the_command_move_after_it() -> None:
    assert options_after_command(["--lang", "en", "stock", "--csv"], "stock") == [
        "stock",
        "--lang",
        "en",
        "--csv",
    ]
    assert options_after_command(["--db", "x", "--help"], None) == ["--help"]


def test_help_lists_every_command_with_a_line_in_dutch(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("gebruik: carma-logistiek")
    assert "opdrachten:" in out and "toon deze hulp en stop" in out
    for command in SUBCOMMANDS:
        assert f"    {command} " in out or f"    {command}\n" in out
    for command, line in DESCRIPTIONS_NL.items():
        assert f"{command} " in out and line in out
    assert "usage:" not in out and "show this help" not in out


def test_help_in_english_lists_every_command(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    out = capsys.readouterr().out
    for line in DESCRIPTIONS_EN.values():
        assert line in out
    for command in SUBCOMMANDS:
        assert command in out


def test_wrong_usage_is_said_in_dutch(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as stopped:
        main(["stock", "--no-such-option"])
    assert stopped.value.code == 2
    assert "fout: onbekende argumenten: --no-such-option" in capsys.readouterr().err
