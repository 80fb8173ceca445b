"""Where the data files fieldwork ships are: ``resource_root()`` and ``resource_folder()``.

The files live in the repository's top-level ``resources/`` folder, which every install
maps to the package ``fieldwork.resources`` (``pyproject.toml``): an editable install, a
wheel and the PyInstaller app all find them through ``importlib.resources``, never through
the location of a source file. A checkout run without any install (or with an install made
before the mapping existed) is found by ``fieldwork/__init__.py``, which registers the
checkout's folder under the same package name.

Imports nothing from fieldwork, so any layer may use it.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

RESOURCES_PACKAGE = "fieldwork.resources"
"""The package name under which the shipped data files are installed."""


def resource_root() -> Path:
    """The folder of the shipped data files (``consent/``, ``instruments/``, ``map_prompts/``).

    When the files were not installed at all, a folder that does not exist: readers then
    find no files, and whoever needs one says so in one line (e.g. the demo).
    """
    try:
        root = files(RESOURCES_PACKAGE)
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent / "resources"
    # A regular package on disk (checkout, wheel, PyInstaller folder) is a real folder;
    # fieldwork is never installed zipped, and the readers list folders with glob().
    return Path(str(root))


def resource_folder(name: str) -> Path:
    """One kind of shipped file, e.g. ``resource_folder("consent")``."""
    return resource_root() / name
