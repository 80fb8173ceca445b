"""A bundle file written in binary with its size and SHA-256 kept as it is written.

Owns ``HashedFile``: the large files an export puts together from parts (the CSVs of the
families' files, all_maps.graphml) are hashed for the manifest while they are written, so
a file of hundreds of megabytes is never read back just to be hashed. Qt-free.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import TracebackType

CHUNK = 1 << 20


class HashedFile:
    """One new file, open for bytes; ``close`` gives (bytes, SHA-256)."""

    def __init__(self, path: Path) -> None:
        self._handle = path.open("wb")
        self._digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> None:
        self._handle.write(data)
        self._digest.update(data)
        self.size += len(data)

    def copy(self, path: Path, start: int = 0) -> None:
        """Append the bytes of the file at ``path`` (from byte ``start``)."""
        with path.open("rb") as source:
            source.seek(start)
            for chunk in iter(lambda: source.read(CHUNK), b""):
                self.write(chunk)

    def close(self) -> tuple[int, str]:
        self._handle.close()
        return self.size, self._digest.hexdigest()

    def __enter__(self) -> HashedFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._handle.close()
