"""Experiment 3: a corrupt copy of the demo database.

4 KiB of random bytes are written into a copy of the demo database at several offsets (the
header page, page-aligned and unaligned places spread over the file, the last page). On each
corrupt copy ``book``, ``backup``, ``check`` and ``restore FILE`` (restoring the corrupt copy
over a sound database) must refuse: a non-zero exit, a sentence and no traceback, and nothing
changed (the corrupt file, the sound database, no backup or half file left).

Whether SQLite itself can see the damage is recorded next to it (``PRAGMA integrity_check``
on a scratch copy): random bytes that land in a free page are not damage anyone can detect.
"""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.reliability.common import (
    copy_sqlite,
    demo_template,
    fresh_folder,
    run_cli,
    sqlite_url,
    write_log,
    write_results,
)
from tests.support.disks import corrupt

PAGE = 4096


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


def sqlite_sees_damage(path: Path, scratch: Path) -> str:
    """SQLite's own verdict, on a byte copy (so the file under test is not opened here)."""
    scratch.write_bytes(path.read_bytes())
    try:
        with closing(sqlite3.connect(scratch)) as conn:
            rows = conn.execute("PRAGMA integrity_check(3)").fetchall()
        return "ok" if rows == [("ok",)] else f"damaged: {rows[0][0]}"
    except sqlite3.DatabaseError as error:
        return f"damaged: {error}"
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{scratch}{suffix}").unlink(missing_ok=True)


def sentence_of(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else ""


def main(seed: int = 4096) -> dict:
    folder = fresh_folder("corrupt")
    home = folder / "home"
    home.mkdir()
    template = demo_template()
    size = template.stat().st_size
    pages = size // PAGE
    offsets = {
        "header page (0)": 0,
        "page 2": PAGE,
        "10 %": (pages // 10) * PAGE,
        "25 %, unaligned": (pages // 4) * PAGE + 1000,
        "middle": (pages // 2) * PAGE,
        "middle, unaligned": (pages // 2) * PAGE + 2048,
        "75 %": (3 * pages // 4) * PAGE,
        "90 %, unaligned": (9 * pages // 10) * PAGE + 300,
        "last page": size - PAGE,
    }
    cases = []
    log = []
    refused = total = 0
    for n, (where, offset) in enumerate(offsets.items()):
        case_dir = folder / f"case-{n}"
        case_dir.mkdir()
        bad = case_dir / "kapot.sqlite"
        copy_sqlite(template, bad)
        corrupt(bad, offset, seed + n)
        sound = case_dir / "huidig.sqlite"
        copy_sqlite(template, sound)
        verdict = sqlite_sees_damage(bad, case_dir / "scratch.sqlite")
        bad_digest, sound_digest = digest(bad), digest(sound)
        files_before = sorted(p.name for p in case_dir.iterdir())
        backup_target = case_dir / "backup.sqlite"
        commands = {
            "book": ["book", "levering", "--product", "EHBO-BEAD", "--location", "GNK-MAG",
                     "--qty", "1", "--key", f"corrupt-{n}", "--db", sqlite_url(bad)],
            "backup": ["backup", "--out", str(backup_target), "--db", sqlite_url(bad)],
            "check": ["check", "--db", sqlite_url(bad)],
            "restore": ["restore", str(bad), "--db", sqlite_url(sound)],
        }
        results = {}
        for name, args in commands.items():
            outcome = run_cli(args, home)
            extra = sorted(set(p.name for p in case_dir.iterdir()) - set(files_before)
                           - {"kapot.sqlite-wal", "kapot.sqlite-shm", "huidig.sqlite-wal",
                              "huidig.sqlite-shm"})
            unchanged = digest(bad) == bad_digest and digest(sound) == sound_digest
            ok = (outcome.returncode != 0 and not outcome.traceback
                  and bool(sentence_of(outcome.stderr)) and unchanged and not extra)
            refused += ok
            total += 1
            results[name] = {"exit": outcome.returncode, "traceback": outcome.traceback,
                             "message": sentence_of(outcome.stderr or outcome.stdout),
                             "nothing_changed": unchanged, "files_left": extra,
                             "refused_properly": ok}
            log.append({"case": where, "command": name, **outcome.as_dict()})
        cases.append({"where": where, "offset": offset, "sqlite_integrity_check": verdict,
                      "commands": results})
    figures = {"database": f"demo, {size} bytes, page size {PAGE}", "seed": seed,
               "refused": refused, "total": total, "cases": cases,
               "log": "tests/reliability/results/corrupt-log.json"}
    write_log("corrupt-log", log)
    write_results("corrupt", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2, ensure_ascii=False))
