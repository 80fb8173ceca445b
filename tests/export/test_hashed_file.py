"""A bundle file hashed as it is written (``hashed_file``), from bytes held or stored in a
file by a worker (``StoredBytes``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fieldwork.export import hashed_file
from fieldwork.export.hashed_file import HashedFile, StoredBytes


def test_stored_bytes_are_copied_and_hashed_as_if_held(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(hashed_file, "CHUNK", 7)  # pieces longer than the copy's buffer
    stored = tmp_path / "slot"
    stored.write_bytes(b"header;" + bytes(range(256)) * 3 + b";tail")
    pieces = [b"first ", StoredBytes(str(stored), 7, 768), b"", StoredBytes(str(stored), 0, 0),
              StoredBytes(str(stored), 776, 4)]
    with HashedFile(tmp_path / "out") as out:
        for piece in pieces:
            out.write(piece)
        size, digest = out.close()
    expected = b"first " + bytes(range(256)) * 3 + b"tail"
    assert (tmp_path / "out").read_bytes() == expected
    assert (size, digest) == (len(expected), hashlib.sha256(expected).hexdigest())
    assert StoredBytes(str(stored), 7, 5).read() == bytes(range(5)) and len(StoredBytes("x", 0, 9)) == 9


def test_stored_bytes_cut_short_are_refused_not_copied_short(tmp_path: Path) -> None:
    stored = tmp_path / "slot"
    stored.write_bytes(b"0123456789")
    with HashedFile(tmp_path / "out") as out, pytest.raises(OSError, match="ended 5 bytes before the 10 expected"):
        out.write(StoredBytes(str(stored), 5, 10))
    with pytest.raises(OSError, match="holds 5 of the 10 bytes expected at 5"):
        StoredBytes(str(stored), 5, 10).read()
