"""Print the Markdown tables of docs/reliability.md from results/latest.json.

    python -m tests.reliability.report
"""

from __future__ import annotations

import json

from tests.reliability.common import RESULTS, WORK


def cell(text: object) -> str:
    value = "" if text is None else str(text)
    value = value.replace(str(WORK / "bad-inputs") + "/", "<map>/")
    return value.replace("|", "\\|").replace("\n", " / ").replace("\x1b", "ESC")


def bad_inputs(data: dict) -> str:
    rows = ["| input | SQLite message | PostgreSQL message | same? | exit code |",
            "|---|---|---|---|---|"]
    for row in data["table"]:
        sqlite, pg = row["sqlite"], row["postgresql"] or {}
        exits = {sqlite["exit"], pg.get("exit")}
        exit_text = " / ".join(str(e) for e in exits) if len(exits) > 1 else str(sqlite["exit"])
        if sqlite["exit"] is None:
            exit_text = "—"
        same = "yes" if row["same_message"] else "**no**"
        flags = []
        if sqlite["traceback"] or pg.get("traceback"):
            flags.append("**traceback**")
        if row["expected"] == "refused" and (sqlite["changed"] or pg.get("changed")):
            flags.append("**changed data**")
        if row["expected"] == "booked":
            flags.append("booked (valid input)")
        note = f" ({', '.join(flags)})" if flags else ""
        rows.append(f"| {cell(row['input'])}{note} | {cell(sqlite['message'])} | "
                    f"{cell(pg.get('message', 'not run'))} | {same} | {exit_text} |")
    return "\n".join(rows)


def corrupt(data: dict) -> str:
    rows = ["| where the 4 KiB went | SQLite's integrity_check | book | backup | check | "
            "restore |", "|---|---|---|---|---|---|"]
    for case in data["cases"]:
        verdict = case["sqlite_integrity_check"].splitlines()[0][:60]
        cells = []
        for name in ("book", "backup", "check", "restore"):
            result = case["commands"][name]
            mark = "refused" if result["refused_properly"] else "**NOT refused properly**"
            cells.append(f"{mark}, exit {result['exit']}")
        rows.append(f"| {cell(case['where'])} (offset {case['offset']}) | {cell(verdict)} | "
                    + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> None:
    data = json.loads(RESULTS.read_text())
    if "corrupt" in data:
        print(corrupt(data["corrupt"]), end="\n\n")
    if "bad_inputs" in data:
        print(bad_inputs(data["bad_inputs"]))


if __name__ == "__main__":
    main()
