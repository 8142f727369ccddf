"""Images from outside: a decompression bomb is refused from its header, one bad file does not
stop the others, and kit photos are stored re-encoded, typed by their content, without EXIF."""

from __future__ import annotations

import io
import json
import struct
import zlib
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from carma_logistiek.cli import main
from carma_logistiek.scanning.images import (
    MAX_PHOTO_BYTES,
    ImageTooLarge,
    NotAnImage,
    PhotoTooLarge,
    check_pixels,
    clean_photo,
)
from carma_logistiek.services import kits
from carma_logistiek.services.kit_views import load_photos
from tests.support.actors import TESTER
from tests.support.builder import Builder
from tests.support.frames import make_qr_image


def png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes whose header says width x height (the pixels never follow)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


def jpeg_with_exif(size: tuple[int, int] = (3000, 1000)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"          # Make
    exif[0x0132] = "2026:12:01 10:00:00"  # DateTime
    out = io.BytesIO()
    Image.new("RGB", size, "steelblue").save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_a_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    with pytest.raises(ImageTooLarge) as refused:
        check_pixels(png_claiming(20000, 20000), "bom.png")
    assert "20000 x 20000" in refused.value.message()


def test_scan_image_reports_a_bad_file_and_goes_on_with_the_next(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bomb = tmp_path / "bom.png"
    bomb.write_bytes(png_claiming(20000, 20000))
    broken = tmp_path / "kapot.png"
    broken.write_bytes(png_claiming(100, 100)[:40])
    good = tmp_path / "etiket.png"
    Image.fromarray(make_qr_image("CL1:CARMA:L:GNK-MAG")).save(good)
    assert main(["scan-image", str(bomb), str(broken), str(good)]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["file"] for line in lines] == [str(bomb), str(broken), str(good)]
    assert "te groot" in lines[0]["error"] and "error" in lines[1]
    assert lines[2]["text"] == "CL1:CARMA:L:GNK-MAG"


def test_a_photo_is_stored_as_jpeg_without_exif_whatever_it_was_called() -> None:
    data, mime = clean_photo(jpeg_with_exif(), "foto.png")  # a JPEG named .png
    assert mime == "image/jpeg"
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG" and max(stored.size) == 2048
        assert not stored.getexif()
    assert b"Telefoonmerk" not in data


def test_what_is_not_a_photo_is_refused() -> None:
    with pytest.raises(NotAnImage):
        clean_photo(b"#!/bin/sh\nrm -rf /\n", "foto.png")
    with pytest.raises(PhotoTooLarge):
        clean_photo(b"\x89PNG" + bytes(MAX_PHOTO_BYTES), "groot.png")
    with pytest.raises(ImageTooLarge):
        clean_photo(png_claiming(20000, 20000), "bom.png")


def test_the_kit_service_stores_the_cleaned_photo(db, zone) -> None:  # type: ignore[no-untyped-def]
    Builder(db).kit_type("FAK", "First Aid Kit", items=[]).kit(
        "K-1", "FAK", zone.storeroom, placed_on=date(2026, 1, 10), responsible="An Peeters")
    added = kits.add_kit_photo(db, code="K-1", data=jpeg_with_exif(), mime_type="image/png",
                               actor=TESTER)
    [(_photo_id, mime, data)] = load_photos(db, photo_ids=(added.photo_id,))
    assert mime == "image/jpeg" and b"Telefoonmerk" not in data
    with pytest.raises(NotAnImage):
        kits.add_kit_photo(db, code="K-1", data=b"#!/bin/sh\n", mime_type="image/png",
                           actor=TESTER)
