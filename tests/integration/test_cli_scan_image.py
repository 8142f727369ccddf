"""scan-image reads still pictures the hard way: a blurred EAN-13 the first attempt misses is
read (and says which attempt read it), a picture without a code or with a code that cannot be
read says so in a sentence, a broken file gives its own sentence; every line is JSON, exit 1
when a file gave no code."""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import pytest

from carma_logistiek.cli import main
from carma_logistiek.scanning.decoders import read_image
from carma_logistiek.scanning.harder import first_attempt
from tests.support.hard_images import damaged_label_picture, make_image


def _write(path: Path, symbology: str | None, condition: str, index: int) -> tuple[Path, str | None]:
    """A hard image, or with symbology "damaged" a code decoded but failing its checks."""
    if symbology == "damaged":
        assert cv2.imwrite(str(path), damaged_label_picture())
        return path, None
    hard = make_image(symbology, condition, index, seed=1)
    assert cv2.imwrite(str(path), hard.image)
    return path, hard.expected


def _lines(capsys: pytest.CaptureFixture[str]) -> list[dict]:
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return [json.loads(line) for line in captured.out.splitlines() if line]


def test_a_blurred_code_the_first_attempt_misses_is_read_the_hard_way(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, expected = _write(tmp_path / "wazig.png", "ean13", "blurred", 0)
    assert not first_attempt(read_image(path)).codes  # the easy path reads nothing here
    assert main(["scan-image", str(path)]) == 0
    (line,) = _lines(capsys)
    assert line["file"] == str(path) and line["symbology"] == "EAN13"
    assert line["text"] == expected
    assert line["strategy"] not in (None, "first")
    assert line["kind"] == "manufacturer"  # described as before


def test_a_clean_code_says_the_first_attempt_read_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, expected = _write(tmp_path / "licht.png", "qr", "inverted", 3)
    assert first_attempt(read_image(path)).texts == [expected]
    assert main(["scan-image", str(path)]) == 0
    (line,) = _lines(capsys)
    assert line["text"] == expected and line["strategy"] == "first"


def test_no_code_a_code_that_cannot_be_read_and_a_broken_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    empty, _ = _write(tmp_path / "leeg.png", None, "blurred", 0)
    unreadable, _ = _write(tmp_path / "onleesbaar.png", "damaged", "blurred", 0)
    broken = tmp_path / "kapot.png"
    broken.write_bytes(b"dit is geen afbeelding\n")
    good, expected = _write(tmp_path / "goed.png", "ean13", "blurred", 1)
    assert main(["scan-image", str(empty), str(unreadable), str(broken), str(good)]) == 1
    lines = _lines(capsys)
    assert [line["file"] for line in lines] == [str(empty), str(unreadable), str(broken),
                                                str(good)]
    assert set(lines[0]) == {"file", "error"}
    assert lines[0]["error"].startswith("Op de afbeelding is geen leesbare code gevonden.")
    assert set(lines[1]) == {"file", "error"}
    assert "niet betrouwbaar te lezen" in lines[1]["error"] and "typ de code" in lines[1]["error"]
    assert set(lines[2]) == {"file", "error"}
    assert "kan niet als afbeelding gelezen worden" in lines[2]["error"]
    assert lines[3]["text"] == expected  # the bad files did not stop the good one


def test_only_a_picture_without_a_code_exits_1(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    empty, _ = _write(tmp_path / "leeg.png", None, "blurred", 0)
    assert main(["scan-image", str(empty)]) == 1
    (line,) = _lines(capsys)
    assert "geen leesbare code" in line["error"]

