"""Damage and full disks, as the tester made them: shared by the fast tests and the on-demand
reliability experiments (tests/reliability)."""

from __future__ import annotations

import contextlib
import errno
import os
import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

DAMAGE_BYTES = 4096


def corrupt(path: Path, offset: int | None = None, seed: int = 7) -> None:
    """4 KiB of random bytes written into the file (in the middle unless ``offset``)."""
    data = bytearray(path.read_bytes())
    start = len(data) // 2 if offset is None else offset
    data[start:start + DAMAGE_BYTES] = random.Random(seed).randbytes(DAMAGE_BYTES)
    path.write_bytes(bytes(data))


class MountRefused(Exception):
    """This machine does not let us mount a small file system (not root, no tmpfs)."""


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A real, tiny file system: a tmpfs of ``size`` (e.g. "2m") on ``folder``, unmounted
    afterwards; MountRefused where mounting is not allowed."""
    if os.name != "posix":
        raise MountRefused("a full disk needs mount (POSIX)")
    folder.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                               str(folder)], capture_output=True, text=True)
    except FileNotFoundError as missing:
        raise MountRefused(str(missing)) from None
    if done.returncode != 0:
        raise MountRefused((done.stderr or done.stdout).strip())
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def fill(disk: Path, leave_free: int = 0) -> Path:
    """Write a filler file until the disk says ENOSPC, then give back ``leave_free`` bytes."""
    filler = disk / "vulsel.bin"
    with open(filler, "wb", buffering=0) as file:
        for chunk in (1 << 20, 1 << 16, 1 << 12, 1 << 9):
            while True:
                try:
                    file.write(b"\0" * chunk)
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    break
    if leave_free:
        os.truncate(filler, max(filler.stat().st_size - leave_free, 0))
    return filler


def free_bytes(disk: Path) -> int:
    stats = os.statvfs(disk)
    return stats.f_bavail * stats.f_frsize
