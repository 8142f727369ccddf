"""Experiment 1: SIGKILL at random moments, many times, on the demo database (SQLite).

Three ways a booking process dies mid-work, as the outside tester did them:

* single bookings: ``carma-logistiek book KIND ... --key K`` (deliveries, FEFO pickups over
  several lots, transfers that split over lots), each killed at a random moment of its life;
  every killed one is then run again with the same key, as a clerk retries.
* transfer loops: ``book --from`` a file of 800 transfers back and forth (a tight loop of
  transfers in one process), killed mid-way several times, then run to the end.
* file imports: ``book --from`` a file of mixed rows *without* a key column (the keys are
  derived from the file), killed mid-way and run again until it finishes.

Afterwards: every booking the CLI acknowledged (printed ``Geboekt`` / exit 0) is in the
ledger (lost = 0), every intended booking is in the levels exactly once (doubled = 0), every
transfer has both legs (half-booked = 0), ``carma-logistiek check`` passes, and each re-run of
a killed file books exactly the rows that were missing.
"""

from __future__ import annotations

import random
import re
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

from tests.reliability.common import (
    REPO,
    Outcome,
    cli_command,
    cli_env,
    copy_sqlite,
    demo_template,
    fresh_folder,
    run_cli,
    sqlite_url,
    write_log,
    write_results,
)

STORE = "GNK-MAG"
CABINET = "GNK-MAG-K2"
HEADER = "kind,product,location,qty,lot,expiry,for,key,to,reason,note\n"
SUMMARY = re.compile(r"(\d+) geboekt, (\d+) waren al geboekt, (\d+) geweigerd \(van (\d+) regel")


class Ledger:
    """A tester's own bookkeeping: what every level should be if each intended booking landed
    exactly once."""

    def __init__(self, opening: dict[tuple[str, str], int]) -> None:
        self.expected: Counter[tuple[str, str]] = Counter(opening)

    def apply(self, kind: str, product: str, location: str, qty: int, to: str = "") -> None:
        if kind == "levering":
            self.expected[(product, location)] += qty
        elif kind in ("afhaling", "verbruik"):
            self.expected[(product, location)] -= qty
        elif kind == "overboeking":
            self.expected[(product, location)] -= qty
            self.expected[(product, to)] += qty

    def has(self, product: str, location: str) -> int:
        return self.expected[(product, location)]


def levels(url: str, home: Path) -> dict[tuple[str, str], int]:
    import json

    outcome = run_cli(["stock", "--db", url, "--format", "json"], home)
    assert outcome.returncode == 0, outcome.stderr
    return {(r["code"], r["location"]): r["quantity"] for r in json.loads(outcome.stdout)}


def bookings_count(path: Path) -> int:
    with closing(sqlite3.connect(path, timeout=30)) as conn:
        return conn.execute("SELECT COUNT(*) FROM bookings").fetchone()[0]


def keys_in_ledger(path: Path, keys: list[str]) -> Counter[str]:
    with closing(sqlite3.connect(path, timeout=30)) as conn:
        found: Counter[str] = Counter()
        for key in keys:
            found[key] = conn.execute("SELECT COUNT(*) FROM bookings WHERE idempotency_key = ?",
                                      (key,)).fetchone()[0]
        return found


def ledger_faults(path: Path) -> dict[str, int]:
    """Transfers with one leg or legs that do not cancel out, and bookings with no movement."""
    with closing(sqlite3.connect(path, timeout=30)) as conn:
        half = conn.execute(
            "SELECT COUNT(*) FROM (SELECT b.id FROM bookings b JOIN stock_movements m "
            "ON m.booking_id = b.id WHERE b.command = 'stock.record_transfer' GROUP BY b.id "
            "HAVING SUM(m.quantity) != 0 OR SUM(m.kind = 'transfer_out') = 0 "
            "OR SUM(m.kind = 'transfer_in') = 0)").fetchone()[0]
        empty = conn.execute(
            "SELECT COUNT(*) FROM bookings b WHERE b.kind != 'count' AND NOT EXISTS "
            "(SELECT 1 FROM stock_movements m WHERE m.booking_id = b.id)").fetchone()[0]
        multi_lot = conn.execute(
            "SELECT COUNT(*) FROM (SELECT b.id FROM bookings b JOIN stock_movements m "
            "ON m.booking_id = b.id WHERE b.command = 'stock.record_transfer' GROUP BY b.id "
            "HAVING COUNT(*) > 2)").fetchone()[0]
        return {"transfers_half_booked": half, "bookings_without_movements": empty,
                "transfers_over_several_lots": multi_lot}


def choose_products(url: str, home: Path) -> tuple[list[str], list[str]]:
    """Two lot-tracked products with nothing expired at the store and the cabinet, and two
    untracked ones, from the demo's stock."""
    import json

    outcome = run_cli(["stock", "--db", url, "--format", "json"], home)
    rows = json.loads(outcome.stdout)
    by_code: dict[str, list[dict]] = {}
    for row in rows:
        by_code.setdefault(row["code"], []).append(row)
    tracked, untracked = [], []
    for code, places in sorted(by_code.items()):
        at = {r["location"]: r for r in places}
        if STORE not in at or any(r["status"] == "vervallen" for r in places):
            continue
        if at[STORE]["earliest_expiry"]:
            tracked.append(code)
        else:
            untracked.append(code)
    return tracked[:2], untracked[:2]


def single_bookings(url: str, path: Path, home: Path, ledger: Ledger, tracked: list[str],
                    untracked: list[str], rng: random.Random, kills: int,
                    log: list[dict]) -> dict[str, object]:
    """Single CLI bookings with explicit keys, killed at random moments; killed ones retried."""
    lots = {code: [f"REL-{n}" for n in range(6)] for code in tracked}
    expiry = {f"REL-{n}": f"2030-0{n + 1}-15" for n in range(6)}

    def request(n: int) -> tuple[str, list[str], tuple]:
        key = f"rel-single-{n}"
        choice = rng.random()
        product = rng.choice(tracked)
        if choice < 0.2:
            qty = rng.randint(1, 5)
            code = rng.choice(untracked)
            args = ["levering", "--product", code, "--location", STORE, "--qty", str(qty)]
            effect = ("levering", code, STORE, qty, "")
        elif choice < 0.4:
            qty = rng.randint(3, 9)
            lot = rng.choice(lots[product])
            args = ["levering", "--product", product, "--location", STORE, "--qty", str(qty),
                    "--lot", lot, "--expiry", expiry[lot]]
            effect = ("levering", product, STORE, qty, "")
        elif choice < 0.65:
            qty = min(rng.randint(1, 12), max(ledger.has(product, STORE) - 1, 0))
            if qty <= 0:
                return request_delivery(key, product)
            args = ["afhaling", "--product", product, "--location", STORE, "--qty", str(qty),
                    "--for", f"staff:0{rng.randint(1000, 9999)}"]
            effect = ("afhaling", product, STORE, qty, "")
        else:
            source, target = (STORE, CABINET) if rng.random() < 0.6 else (CABINET, STORE)
            qty = min(rng.randint(2, 14), ledger.has(product, source))
            if qty <= 0:
                return request_delivery(key, product)
            args = ["overboeking", "--product", product, "--location", source, "--to", target,
                    "--qty", str(qty)]
            effect = ("overboeking", product, source, qty, target)
        return key, [*args, "--key", key], effect

    def request_delivery(key: str, product: str) -> tuple[str, list[str], tuple]:
        lot = rng.choice(lots[product])
        args = ["levering", "--product", product, "--location", STORE, "--qty", "8", "--lot",
                lot, "--expiry", expiry[lot], "--key", key]
        return key, args, ("levering", product, STORE, 8, "")

    # How long one booking process lives, to spread the kills over its whole life.
    lifetimes = []
    for code in tracked:
        for lot in lots[code]:
            key = f"rel-open-{code}-{lot}"
            start = time.monotonic()
            outcome = run_cli(["book", "levering", "--product", code, "--location", STORE,
                               "--qty", "8", "--lot", lot, "--expiry", expiry[lot], "--key",
                               key, "--db", url], home)
            lifetimes.append(time.monotonic() - start)
            assert outcome.returncode == 0, outcome.stderr
            ledger.apply("levering", code, STORE, 8)
    lifetime = sorted(lifetimes)[len(lifetimes) // 2]

    env = cli_env(home)
    killed = completed = acknowledged = acknowledged_then_killed = 0
    committed_unacknowledged = retried_replayed = retried_booked = retry_wrong = 0
    refused: list[str] = []
    acked_keys: list[str] = []
    tracebacks = 0
    n = 0
    while killed < kills and n < kills * 4:
        n += 1
        key, args, effect = request(n)
        delay = rng.uniform(0.35 * lifetime, 1.1 * lifetime)
        process = subprocess.Popen([*cli_command(), "book", *args, "--db", url], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=home)
        time.sleep(delay)
        was_running = process.poll() is None
        if was_running:
            process.send_signal(signal.SIGKILL)
        out, err = process.communicate(timeout=60)
        outcome = Outcome(args, process.returncode, out.decode("utf-8", "replace"),
                          err.decode("utf-8", "replace"))
        entry = {"key": key, "kill_after_s": round(delay, 3), "killed": was_running
                 and outcome.returncode == -signal.SIGKILL, **outcome.as_dict()}
        acked = outcome.stdout.startswith("Geboekt") or outcome.stdout.startswith("Al geboekt")
        tracebacks += outcome.traceback
        if acked:
            acked_keys.append(key)
            acknowledged += 1
        if entry["killed"]:
            killed += 1
            acknowledged_then_killed += acked
            in_ledger = keys_in_ledger(path, [key])[key]
            committed_unacknowledged += bool(in_ledger and not acked)
            retry = run_cli(["book", *args, "--db", url], home)
            tracebacks += retry.traceback
            entry["in_ledger_after_kill"] = in_ledger
            entry["retry"] = retry.as_dict()
            wanted = "Al geboekt" if in_ledger else "Geboekt"
            if retry.returncode != 0 or not retry.stdout.startswith(wanted + ":"):
                retry_wrong += 1
            elif in_ledger:
                retried_replayed += 1
            else:
                retried_booked += 1
            if retry.returncode == 0:
                ledger.apply(*effect)
                acked_keys.append(key)
        else:
            completed += 1
            if outcome.returncode == 0:
                ledger.apply(*effect)
            else:
                refused.append(outcome.stderr.strip())
        log.append(entry)
    found = keys_in_ledger(path, acked_keys)
    return {
        "process_lifetime_s": round(lifetime, 3),
        "attempts": n,
        "killed": killed,
        "finished_before_the_kill": completed,
        "acknowledged": acknowledged,
        "acknowledged_then_killed": acknowledged_then_killed,
        "committed_but_killed_before_printing": committed_unacknowledged,
        "retries_said_already_booked": retried_replayed,
        "retries_booked": retried_booked,
        "retries_wrong": retry_wrong,
        "refused_without_kill": refused,
        "tracebacks": tracebacks,
        "acknowledged_lost": sum(1 for k in set(acked_keys) if found[k] == 0),
        "keys_booked_twice": sum(1 for k in set(acked_keys) if found[k] > 1),
    }


def killed_file_runs(url: str, path: Path, home: Path, csv_file: Path, rows: int,
                     rng: random.Random, kills: int, log: list[dict],
                     window: tuple[float, float]) -> dict[str, object]:
    """Run ``book --from csv_file``, SIGKILL it at a random moment, ``kills`` times (fewer if
    it finishes first), then run it to the end. Every re-run must book exactly the missing
    rows."""
    env = cli_env(home)
    before = bookings_count(path)
    killed = 0
    reruns_exact = reruns_wrong = 0
    booked_so_far = 0
    runs = []
    for _ in range(kills):
        # A random moment after the process booked its first new row: mid-file, wherever the
        # previous kill left it.
        process = subprocess.Popen([*cli_command(), "book", "--from", str(csv_file), "--db",
                                    url], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, cwd=home)
        start = time.monotonic()
        while process.poll() is None and bookings_count(path) - before <= booked_so_far \
                and time.monotonic() - start < 60:
            time.sleep(0.01)
        time.sleep(rng.uniform(*window))
        delay = time.monotonic() - start
        was_running = process.poll() is None
        if was_running:
            process.send_signal(signal.SIGKILL)
        out, err = process.communicate(timeout=120)
        now = bookings_count(path) - before
        run = {"file": csv_file.name, "kill_after_s": round(delay, 3),
               "killed": was_running and process.returncode == -signal.SIGKILL,
               "exit": process.returncode, "stdout": out.decode("utf-8", "replace"),
               "stderr": err.decode("utf-8", "replace")[-2000:], "rows_in_ledger": now}
        runs.append(run)
        if not run["killed"]:
            match = SUMMARY.search(run["stdout"])
            run["summary"] = match.group(0) if match else None
            if match and int(match.group(1)) == rows - booked_so_far:
                reruns_exact += 1
            else:
                reruns_wrong += 1
            booked_so_far = now
            break
        killed += 1
        booked_so_far = now
    else:
        final = run_cli(["book", "--from", str(csv_file), "--db", url], home, timeout=300)
        now = bookings_count(path) - before
        match = SUMMARY.search(final.stdout)
        runs.append({"file": csv_file.name, "killed": False, **final.as_dict(),
                     "rows_in_ledger": now, "summary": match.group(0) if match else None})
        if final.returncode == 0 and match and int(match.group(1)) == rows - booked_so_far \
                and int(match.group(2)) == booked_so_far:
            reruns_exact += 1
        else:
            reruns_wrong += 1
        booked_so_far = now
    log.extend(runs)
    tracebacks = sum("Traceback (most recent" in (r["stdout"] + r["stderr"]) for r in runs)
    return {"killed": killed, "rows": rows, "rows_booked": booked_so_far,
            "tracebacks": tracebacks,
            "final_run_booked_exactly_the_missing_rows": reruns_exact,
            "final_run_wrong": reruns_wrong}


def transfer_file(folder: Path, name: str, product: str, rng: random.Random, rows: int,
                  ledger: Ledger) -> Path:
    """Transfers back and forth between the store and a cabinet, each with a key; the pairs
    cancel out, so every row is possible whatever row the file was killed at."""
    lines = []
    for n in range(rows // 2):
        qty = rng.randint(2, 12)
        lines.append(f"overboeking,{product},{STORE},{qty},,,,{name}-{n}-heen,{CABINET},,\n")
        lines.append(f"overboeking,{product},{CABINET},{qty},,,,{name}-{n}-terug,{STORE},,\n")
    path = folder / f"{name}.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def mixed_file(folder: Path, name: str, tracked: list[str], untracked: list[str],
               rng: random.Random, rows: int, ledger: Ledger) -> tuple[Path, int]:
    """Mixed rows without a key column, possible in file order (the ledger is simulated as the
    rows are written), with some rows repeated on purpose: identical rows are booked as many
    times as they occur."""
    lines: list[str] = []
    while len(lines) < rows:
        roll = rng.random()
        product = rng.choice(tracked)
        if roll < 0.25:
            code, qty = rng.choice(untracked), rng.randint(1, 6)
            line = f"levering,{code},{STORE},{qty},,,,,,,{name}\n"
            ledger.apply("levering", code, STORE, qty)
        elif roll < 0.45:
            qty, lot = rng.randint(2, 8), f"REL-{rng.randint(0, 5)}"
            expiry = f"15/0{int(lot[-1]) + 1}/2030"
            line = f"levering,{product},{STORE},{qty},{lot},{expiry},,,,,\n"
            ledger.apply("levering", product, STORE, qty)
        elif roll < 0.7:
            code = rng.choice(untracked)
            qty = min(rng.randint(1, 3), ledger.has(code, STORE))
            if qty <= 0:
                continue
            kind = rng.choice(("afhaling", "verbruik"))
            line = f"{kind},{code},{STORE},{qty},,,staff:01234,,,,\n"
            ledger.apply(kind, code, STORE, qty)
        else:
            qty = min(rng.randint(1, 10), ledger.has(product, STORE))
            if qty <= 0:
                continue
            line = f"overboeking,{product},{STORE},{qty},,,,,{CABINET},,\n"
            ledger.apply("overboeking", product, STORE, qty, CABINET)
        lines.append(line)
        if rng.random() < 0.05 and not line.startswith(("afhaling", "verbruik",
                                                         "overboeking")):
            lines.append(line)  # the same delivery twice: two deliveries
            parts = line.split(",")
            ledger.apply("levering", parts[1], parts[2], int(parts[3]))
    path = folder / f"{name}.csv"
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path, len(lines)


def main(single_kills: int = 54, transfer_files: int = 8, mixed_files: int = 8,
         kills_per_file: int = 3, seed: int = 20261202) -> dict:
    rng = random.Random(seed)
    folder = fresh_folder("kills")
    home = folder / "home"
    home.mkdir()
    path = folder / "carma.sqlite"
    copy_sqlite(demo_template(), path)
    url = sqlite_url(path)
    tracked, untracked = choose_products(url, home)
    started = time.monotonic()
    ledger = Ledger(levels(url, home))
    log: list[dict] = []

    single = single_bookings(url, path, home, ledger, tracked, untracked, rng, single_kills,
                             log)

    transfer_runs = []
    for n in range(transfer_files):
        csv_file = transfer_file(folder, f"overboekingen-{n}", tracked[n % 2], rng, 800, ledger)
        transfer_runs.append(killed_file_runs(url, path, home, csv_file, 800, rng,
                                              kills_per_file, log, (0.0, 0.9)))
    mixed_runs = []
    for n in range(mixed_files):
        csv_file, rows = mixed_file(folder, f"historiek-{n}", tracked, untracked, rng, 600,
                                    ledger)
        mixed_runs.append(killed_file_runs(url, path, home, csv_file, rows, rng,
                                           kills_per_file, log, (0.0, 0.7)))

    actual = levels(url, home)
    pairs = {k for k, v in ledger.expected.items() if v} | {k for k, v in actual.items() if v}
    wrong_levels = {f"{p}@{loc}": {"expected": ledger.expected[(p, loc)],
                                   "actual": actual.get((p, loc), 0)}
                    for p, loc in sorted(pairs)
                    if ledger.expected[(p, loc)] != actual.get((p, loc), 0)}
    check = run_cli(["check", "--db", url], home)
    faults = ledger_faults(path)

    def total(runs: list[dict], name: str) -> int:
        return sum(int(run[name]) for run in runs)

    figures = {
        "database": "demo (carma-logistiek demo), SQLite, a copy per run",
        "products": {"lot_tracked": tracked, "untracked": untracked},
        "seed": seed,
        "kills_total": single["killed"] + total(transfer_runs, "killed")
        + total(mixed_runs, "killed"),
        "single_bookings": single,
        "transfer_loops": {"files": transfer_files, "rows_per_file": 800,
                           "killed": total(transfer_runs, "killed"),
                           "final_runs_booked_exactly_the_missing_rows":
                               total(transfer_runs, "final_run_booked_exactly_the_missing_rows"),
                           "final_runs_wrong": total(transfer_runs, "final_run_wrong"),
                           "rows_booked": total(transfer_runs, "rows_booked"),
                           "rows": total(transfer_runs, "rows"),
                           "tracebacks": total(transfer_runs, "tracebacks")},
        "file_imports": {"files": mixed_files,
                         "rows_per_file": "600 or 601 (some deliveries twice)",
                         "key_column": "present, every cell empty: keys derived from the file",
                         "killed": total(mixed_runs, "killed"),
                         "final_runs_booked_exactly_the_missing_rows":
                             total(mixed_runs, "final_run_booked_exactly_the_missing_rows"),
                         "final_runs_wrong": total(mixed_runs, "final_run_wrong"),
                         "rows_booked": total(mixed_runs, "rows_booked"),
                         "rows": total(mixed_runs, "rows"),
                         "tracebacks": total(mixed_runs, "tracebacks")},
        "levels_differing_from_the_intended_bookings": wrong_levels,
        **faults,
        "check": {"exit": check.returncode, "output": (check.stdout + check.stderr).strip()},
        "seconds": round(time.monotonic() - started, 1),
        "log": str(write_log("kills-log", log).relative_to(REPO)),
    }
    write_results("kills", figures)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(main(), indent=2, ensure_ascii=False))
