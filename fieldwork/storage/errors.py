"""The base of every storage error: the study file cannot be opened, read or written.

Apart from ``database`` so that the connection wrapper (``connection``), which ``database``
uses, can raise it too without the two importing each other.
"""

from __future__ import annotations

from fieldwork.domain.errors import FieldworkError


class StorageError(FieldworkError):
    """The study database cannot be opened or written; the text says why and where."""
