"""Experiment 4: a full disk, for real: a small tmpfs mounted for the run (needs root, or a
container that allows ``mount``; without it the experiment says so and is not faked).

* The database on the small disk, the disk filled up to a little free space: a run of
  bookings (each with its key) goes on until the disk is full; every refusal must be a sentence
  (the disk-full one: "De schijf van de databank is vol"), and a backup onto the same full disk
  must refuse and leave no file behind.
* Then the filler is deleted: the next booking and backup succeed, every booking that was
  confirmed before is still there (lost = 0), and ``check`` passes.
* A backup of a sound database to a second small disk that is too full: refused with a
  sentence, no 0-byte or ``.partial`` file; after freeing space the same backup succeeds.
"""

from __future__ import annotations

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
from tests.support.disks import MountRefused, fill, free_bytes, small_disk

FULL_SENTENCE = "De schijf van de databank is vol"


def left_behind(disk: Path, keep: set[str]) -> list[str]:
    """Files that should not be there: empty ones, half ones, and anything unexpected."""
    return sorted(f"{p.name} ({p.stat().st_size} bytes)" for p in disk.iterdir()
                  if p.name not in keep)


def keys_found(path: Path, keys: list[str]) -> int:
    with closing(sqlite3.connect(path, timeout=30)) as conn:
        return sum(conn.execute("SELECT COUNT(*) FROM bookings WHERE idempotency_key = ?",
                                (k,)).fetchone()[0] for k in keys)


def classify(outcome) -> str:  # type: ignore[no-untyped-def]
    if outcome.returncode == 0:
        return "booked"
    if outcome.traceback:
        return "traceback"
    if FULL_SENTENCE in outcome.stderr:
        return "disk full sentence"
    return "other sentence" if outcome.stderr.strip() else "no message"


FREE_STEPS = (96, 64, 48, 40, 32, 24, 16, 8, 0)  # KiB left free, 4 bookings at each


def database_on_a_full_disk(folder: Path, home: Path, log: list[dict]) -> dict:
    disk = folder / "schijf-db"
    with small_disk(disk, "32m"):
        path = disk / "carma.sqlite"
        copy_sqlite(demo_template(), path)
        url = sqlite_url(path)
        filler = fill(disk)
        outcomes: dict[str, int] = {}
        steps = []
        confirmed: list[str] = []
        refusals: dict[str, int] = {}
        n = 0
        for kib in FREE_STEPS:
            # Refill to exactly this much free space (what the bookings before took is
            # taken into account), then book.
            filler.unlink()
            filler = fill(disk, leave_free=kib * 1024)
            step = {"free_kib": kib, "free_bytes_measured": free_bytes(disk), "results": []}
            for _ in range(4):
                key = f"vol-{n}"
                n += 1
                outcome = run_cli(["book", "levering", "--product", "EHBO-BEAD", "--location",
                                   "GNK-MAG", "--qty", "1", "--key", key, "--db", url], home)
                kind = classify(outcome)
                outcomes[kind] = outcomes.get(kind, 0) + 1
                step["results"].append(kind)
                if kind == "booked":
                    confirmed.append(key)
                else:
                    sentence = outcome.stderr.strip()
                    refusals[sentence] = refusals.get(sentence, 0) + 1
                log.append({"step": f"book with {kib} KiB free", **outcome.as_dict()})
            steps.append(step)
        keep = {"carma.sqlite", "carma.sqlite-wal", "carma.sqlite-shm", "vulsel.bin"}
        after_bookings = left_behind(disk, keep)
        backup_target = disk / "backup.sqlite"
        backup = run_cli(["backup", "--out", str(backup_target), "--db", url], home)
        log.append({"step": "backup onto the full disk", **backup.as_dict()})
        after_backup = left_behind(disk, keep)
        filler.unlink()
        recovery_book = run_cli(["book", "levering", "--product", "EHBO-BEAD", "--location",
                                 "GNK-MAG", "--qty", "1", "--key", "na-vrijmaken", "--db",
                                 url], home)
        recovery_backup = run_cli(["backup", "--out", str(backup_target), "--db", url], home)
        check = run_cli(["check", "--db", url], home)
        for step_name, outcome in (("book after freeing space", recovery_book),
                                   ("backup after freeing space", recovery_backup),
                                   ("check", check)):
            log.append({"step": step_name, **outcome.as_dict()})
        confirmed_found = keys_found(path, confirmed)
        return {
            "disk": "tmpfs 32 MiB, database 12 MiB (demo), refilled to "
                    f"{'/'.join(map(str, FREE_STEPS))} KiB free, 4 bookings at each",
            "bookings_tried": n,
            "outcomes": outcomes,
            "steps": steps,
            "refusal_sentences": refusals,
            "confirmed": len(confirmed),
            "confirmed_lost": len(confirmed) - confirmed_found,
            "files_left_after_the_refused_bookings": after_bookings,
            "backup_on_full_disk": {"exit": backup.returncode,
                                    "message": backup.stderr.strip(),
                                    "traceback": backup.traceback},
            "files_left_after_the_refused_backup": after_backup,
            "after_freeing": {
                "booking": {"exit": recovery_book.returncode,
                            "output": (recovery_book.stdout + recovery_book.stderr).strip()},
                "backup": {"exit": recovery_backup.returncode,
                           "output": (recovery_backup.stdout + recovery_backup.stderr).strip()},
                "check": {"exit": check.returncode,
                          "output": (check.stdout + check.stderr).strip()},
                "files_left": left_behind(disk, keep | {"backup.sqlite"}),
            },
        }


def backup_to_a_full_disk(folder: Path, home: Path, log: list[dict]) -> dict:
    source = folder / "carma.sqlite"
    copy_sqlite(demo_template(), source)
    url = sqlite_url(source)
    disk = folder / "schijf-backup"
    with small_disk(disk, "16m"):
        filler = fill(disk, leave_free=6 * 1024 * 1024)  # half of what the copy needs
        target = disk / "carma-backup.sqlite"
        refused = run_cli(["backup", "--out", str(target), "--db", url], home)
        log.append({"step": "backup to a disk with 6 MiB free", **refused.as_dict()})
        after = left_behind(disk, {"vulsel.bin"})
        filler.unlink()
        again = run_cli(["backup", "--out", str(target), "--db", url], home)
        log.append({"step": "backup after freeing space", **again.as_dict()})
        sound = False
        if target.exists():
            with closing(sqlite3.connect(target)) as conn:
                sound = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "disk": "tmpfs 16 MiB, 6 MiB free, database 12 MiB",
            "refused": {"exit": refused.returncode, "message": refused.stderr.strip(),
                        "traceback": refused.traceback},
            "files_left": after,
            "after_freeing": {"exit": again.returncode, "output": again.stdout.strip(),
                              "copy_passes_integrity_check": sound,
                              "files_left": left_behind(disk, {target.name})},
        }


def main() -> dict:
    folder = fresh_folder("full-disk")
    home = folder / "home"
    home.mkdir()
    log: list[dict] = []
    try:
        figures = {"database_on_a_full_disk": database_on_a_full_disk(folder, home, log),
                   "backup_to_a_full_disk": backup_to_a_full_disk(folder, home, log)}
    except MountRefused as refused:
        figures = {"not_run": f"mount -t tmpfs was refused here ({refused}); no full disk "
                              "could be made without faking it"}
    figures["log"] = "tests/reliability/results/full-disk-log.json"
    write_log("full-disk-log", log)
    write_results("full_disk", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2, ensure_ascii=False))
