"""Experiment 5: the bad-input table, on SQLite and PostgreSQL.

Each bad input goes through the real command line against the demo database on both backends
(``carma-logistiek demo --db URL`` fills each). Recorded per backend: the exit code and what
the command printed, whether there was a traceback and whether anything changed (levels,
ledger, bookings, lots, orders; the test suite's own snapshot). The sentences must be the
same on both backends apart from the description of the database, which is replaced by
``<databank>`` before they are compared.
"""

from __future__ import annotations

import struct
import time
import zlib
from pathlib import Path
from typing import Any

from tests.reliability.common import (
    cli_env,
    copy_sqlite,
    demo_template,
    fresh_folder,
    postgres_server,
    run_cli,
    sqlite_url,
    write_log,
    write_results,
)

STORE = "GNK-MAG"
UNTRACKED = "EHBO-BEAD"
TRACKED = "DT-SPK"
HEADER = "kind,product,location,qty,lot,expiry,for,key,to,reason,note\n"


def png_header_bomb(path: Path, side: int = 20000) -> None:
    """A real, valid 20000 x 20000 grayscale PNG (400 megapixels of black), ~400 KiB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    compressor = zlib.compressobj(9)
    row = b"\0" * (side + 1)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body)
                     + chunk(b"IEND", b""))


def input_files(folder: Path) -> dict[str, Path]:
    files = {}
    note = "geleverd door Café Crème — 3 dozen"
    row = f"levering,{UNTRACKED},{STORE},2,,,,,,,{note}\n"
    files["cp1252"] = folder / "excel-cp1252.csv"
    files["cp1252"].write_bytes((HEADER + row).replace(",", ";").encode("cp1252",
                                                                         "replace"))
    files["utf16"] = folder / "excel-utf16.csv"
    files["utf16"].write_bytes((HEADER + row.replace("2,", "3,", 1)).replace(",", "\t")
                               .encode("utf-16"))
    files["nul"] = folder / "nul-byte.csv"
    files["nul"].write_text(HEADER + f"levering,{UNTRACKED},{STORE},1,,,,,,,goed\x00kapot\n",
                            encoding="utf-8")
    files["one_column"] = folder / "een-kolom.csv"
    files["one_column"].write_text("product\nEHBO-BEAD\n", encoding="utf-8")
    files["binary"] = folder / "willekeurig.csv"
    files["binary"].write_bytes(bytes(range(256)) * 64)
    files["too_many"] = folder / "te-veel-waarden.csv"
    files["too_many"].write_text(HEADER + f"levering,{UNTRACKED},{STORE},1,,,,,,,a,b,c\n",
                                 encoding="utf-8")
    files["folder"] = folder / "een-map"
    files["folder"].mkdir()
    files["missing"] = folder / "bestaat-niet.csv"
    files["png"] = folder / "20000x20000.png"
    png_header_bomb(files["png"])
    files["script_jpg"] = folder / "foto.jpg"
    files["script_jpg"].write_text("#!/bin/sh\necho 'ik ben geen foto'\nrm -rf \"$HOME\"\n")
    files["script_jpg"].chmod(0o755)
    files["script"] = folder / "kit-foto.sh"
    files["script"].write_text(files["script_jpg"].read_text())
    return files


def cases(files: dict[str, Path]) -> list[dict[str, Any]]:
    """(input, arguments without --db, extra environment, expected: refused or booked)."""

    def pickup(qty: str, *extra: str) -> list[str]:
        return ["book", "afhaling", "--product", UNTRACKED, "--location", STORE,
                f"--qty={qty}", "--for", "staff:01234", *extra]

    def delivery(*extra: str) -> list[str]:
        return ["book", "levering", "--product", TRACKED, "--location", STORE, "--qty", "5",
                *extra]

    long_user = "u" * 65
    table = [
        ("quantity `²`", pickup("²")),
        ("quantity `--5`", pickup("--5")),
        ("quantity `٣` (Arabic-Indic three)", pickup("٣")),
        ("quantity `𝟑` (mathematical bold three)", pickup("𝟑")),
        ("quantity `-5`", pickup("-5")),
        ("quantity `0`", pickup("0")),
        ("quantity `99999999999999999999`", pickup("99999999999999999999")),
        ("quantity `3.5`", pickup("3.5")),
        ("lot number of 41 characters", delivery("--lot", "L" * 41, "--expiry", "2030-06-30")),
        ("escape sequence in the lot (`L-ESC[2J`)",
         delivery("--lot", "L-\x1b[2J", "--expiry", "2030-06-30")),
        ("reason of 501 characters", pickup("1", "--reason", "r" * 501)),
        ("note of 501 characters", pickup("1", "--note", "n" * 501)),
        ("recipient of 65 characters (`--for staff:999…`)",
         ["book", "afhaling", "--product", UNTRACKED, "--location", STORE, "--qty", "1",
          "--for", "staff:" + "9" * 65]),
        ("NUL byte in a note (on the command line)", pickup("1", "--note", "goed\x00kapot")),
        ("NUL byte in a note (in a booking file)", ["book", "--from", str(files["nul"])]),
        ("user name of 65 characters (LOGNAME/USER)", pickup("1"),
         {"LOGNAME": long_user, "USER": long_user, "USERNAME": long_user}),
        ("expiry 0001-01-01", delivery("--lot", "OUD-1", "--expiry", "0001-01-01")),
        ("expiry 9999-12-31", delivery("--lot", "VER-1", "--expiry", "9999-12-31")),
        ("expiry 31/02/2027", delivery("--lot", "FEB-1", "--expiry", "31/02/2027")),
        ("unknown product", ["book", "afhaling", "--product", "BESTAAT-NIET", "--location",
                             STORE, "--qty", "1"]),
        ("transfer to the same location", ["book", "overboeking", "--product", UNTRACKED,
                                           "--location", STORE, "--to", STORE, "--qty", "1"]),
        ("more than the stock", pickup("100000")),
        ("booking file in Windows-1252 (`;`, `é`)", ["book", "--from", str(files["cp1252"])],
         None, "booked"),
        ("booking file in UTF-16 (tabs)", ["book", "--from", str(files["utf16"])], None,
         "booked"),
        ("booking file that does not exist", ["book", "--from", str(files["missing"])]),
        ("a folder as booking file", ["book", "--from", str(files["folder"])]),
        ("booking file with one column", ["book", "--from", str(files["one_column"])]),
        ("booking file of random bytes", ["book", "--from", str(files["binary"])]),
        ("booking file row with more values than columns",
         ["book", "--from", str(files["too_many"])]),
        ("20000x20000 PNG to scan-image", ["scan-image", str(files["png"])]),
        ("shell script named foto.jpg to scan-image", ["scan-image", str(files["script_jpg"])]),
        ("shell script (kit-foto.sh) to scan-image", ["scan-image", str(files["script"])]),
    ]
    out = []
    for entry in table:
        what, args = entry[0], entry[1]
        env = entry[2] if len(entry) > 2 else None
        expected = entry[3] if len(entry) > 3 else "refused"
        out.append({"input": what, "args": args, "env": env or {}, "expected": expected})
    return out


def run_case(case: dict[str, Any], url: str, home: Path, replace: list[str]) -> dict[str, Any]:
    from carma_logistiek.db.uow import Database
    from tests.conftest import take_snapshot

    db = Database(url)
    try:
        before = take_snapshot(db)
    finally:
        db.dispose()
    args = [*case["args"], "--db", url]
    started = time.monotonic()
    try:
        outcome = run_cli(args, home, env=cli_env(home, **case["env"]), timeout=120)
    except ValueError as error:  # the operating system cannot pass the argument at all
        return {"exit": None, "message": f"(not passed: Python/execve refuses: {error})",
                "traceback": False, "changed": False, "seconds": 0.0}
    seconds = time.monotonic() - started
    db = Database(url)
    try:
        changed = take_snapshot(db) != before
    finally:
        db.dispose()
    message = (outcome.stderr.strip() + "\n" + outcome.stdout.strip()).strip()
    for text in replace:
        message = message.replace(text, "<databank>")
    return {"exit": outcome.returncode, "message": message, "traceback": outcome.traceback,
            "changed": changed, "seconds": round(seconds, 2)}


def main() -> dict[str, Any]:
    folder = fresh_folder("bad-inputs")
    home = folder / "home"
    home.mkdir()
    files = input_files(folder)
    sqlite_path = folder / "demo.sqlite"
    copy_sqlite(demo_template(), sqlite_path)
    backends: dict[str, tuple[str, list[str]]] = {
        "sqlite": (sqlite_url(sqlite_path), [sqlite_url(sqlite_path), str(sqlite_path),
                                             sqlite_path.name])}
    rows = cases(files)
    results: dict[str, list[dict[str, Any]]] = {}
    with postgres_server() as server:
        if server is not None:
            url = server.create_database()  # type: ignore[attr-defined]
            demo = run_cli(["demo", "--db", url], home, timeout=600)
            if demo.returncode != 0:
                raise RuntimeError(f"demo on PostgreSQL failed: {demo.stderr}")
            from sqlalchemy.engine import make_url

            from carma_logistiek.db.uow import Database

            parsed = make_url(url)
            db = Database(url)
            description = db.description
            db.dispose()
            backends["postgresql"] = (url, [description, url, parsed.render_as_string(),
                                            str(parsed.database)])
        for backend, (url, replace) in backends.items():
            results[backend] = [run_case(case, url, home, replace) for case in rows]
    table = []
    for n, case in enumerate(rows):
        per = {backend: results[backend][n] for backend in results}
        sqlite, pg = per["sqlite"], per.get("postgresql")
        expected_refusal = case["expected"] == "refused"
        good = all((r["exit"] not in (0, None)) == expected_refusal or r["exit"] is None
                   for r in per.values()) and not any(r["traceback"] for r in per.values()) \
            and not any(r["changed"] for r in per.values() if expected_refusal)
        table.append({
            "input": case["input"], "expected": case["expected"],
            "sqlite": sqlite, "postgresql": pg,
            "same_message": pg is not None and sqlite["message"] == pg["message"],
            "same_exit": pg is not None and sqlite["exit"] == pg["exit"],
            "as_expected": good,
        })
    figures = {
        "backends": list(results),
        "inputs": len(rows),
        "as_expected": sum(row["as_expected"] for row in table),
        "same_message_on_both": sum(row["same_message"] for row in table),
        "tracebacks": sum(r["traceback"] for res in results.values() for r in res),
        "refusals_that_changed_something": sum(
            1 for row in table if row["expected"] == "refused"
            for b in results if row[b] and row[b]["changed"]),
        "table": table,
    }
    write_log("bad-inputs-log", [{"input": c["input"], "args": c["args"][:8]} for c in rows])
    write_results("bad_inputs", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2, ensure_ascii=False))
