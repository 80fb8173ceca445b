"""Files only their owner may read: the study, its backups, exports and zips (0600, folders 0700).

A study file holds families' names and notes; its backups and an analysts' bundle hold
the same. On a shared or multi-user computer (a team server, a lab machine) a file left
0644 could be read by anyone with an account there, so everything fieldwork writes is
created owner-only and tightened again after any step that could have loosened it (a
copy, a rename, a zip). Writing to disk for good (fsync of a file and of its folder,
so a rename survives a power cut) lives here too, because every careful write needs
both. On Windows the folder's access list already protects a user's files; the POSIX
modes are not applied there. Qt-free.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
_POSIX = os.name == "posix"


def make_private(path: Path | str) -> None:
    """Owner-only: 0600 for a file, 0700 for a folder (nothing on Windows)."""
    if not _POSIX:
        return
    mode = stat.S_IMODE(os.stat(path).st_mode)
    wanted = PRIVATE_FOLDER if os.path.isdir(path) else PRIVATE_FILE
    if mode != wanted:
        os.chmod(path, wanted)


def make_private_tree(folder: Path) -> None:
    """``folder`` and everything in it owner-only (an export bundle before it is shown).

    One ``scandir`` per folder and one ``lstat`` per entry (``rglob`` and two ``stat`` per
    file took 0.2 s of a 10,000-map export). A symbolic link inside is left alone: changing
    it would change what it points to, which may be outside ``folder``."""
    make_private(folder)
    if _POSIX:
        _make_private_inside(folder)


def _make_private_inside(folder: Path | str) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_symlink():
                continue
            inner = entry.is_dir(follow_symlinks=False)
            wanted = PRIVATE_FOLDER if inner else PRIVATE_FILE
            if stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode) != wanted:
                os.chmod(entry.path, wanted)
            if inner:
                _make_private_inside(entry.path)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (0700) if it is missing; tighten it if it is there."""
    folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
    make_private(folder)
    return folder


def create_private(path: Path | str, *, replace: bool = False, overwrite: bool = False) -> int:
    """Open a new file for writing, owner-only from its first byte; returns the descriptor.

    ``replace`` empties a file left there (a stale partial file of a killed run) instead
    of refusing, and tightens it too, since its old mode stays when it is reopened.
    ``overwrite`` opens a file left there as it is, to be written over from its start
    (its bytes beyond those written stay): a file reused again and again, whose pages the
    system then keeps instead of freeing and finding them anew each time.
    """
    kept = os.O_TRUNC if replace else 0 if overwrite else os.O_EXCL
    flags = os.O_WRONLY | os.O_CREAT | kept
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
    if _POSIX:
        os.fchmod(descriptor, PRIVATE_FILE)
    return descriptor


def sync_file(path: Path) -> None:
    """Make sure what was written to ``path`` is on the disk, not only in a cache."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_folder(folder: Path) -> None:
    """Make a rename or a new name in ``folder`` survive a power cut (POSIX only)."""
    if not _POSIX:
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
