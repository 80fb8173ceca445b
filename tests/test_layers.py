"""The layer rule: only fieldwork/ui imports Qt; domain, storage, export and the CLI never do."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "fieldwork"
QT_FREE = ["domain", "storage", "export", "demo"]
QT_FREE_MODULES = ["cli.py", "app.py", "study_commands.py", "__init__.py"]


def _qt_free_files() -> list[Path]:
    files = [path for layer in QT_FREE for path in (PACKAGE / layer).rglob("*.py")]
    return files + [PACKAGE / name for name in QT_FREE_MODULES]


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_import_outside_the_ui_package() -> None:
    offenders = {
        str(path.relative_to(PACKAGE.parent)): sorted(
            name for name in _imported_modules(path) if name.split(".")[0] in {"PySide6", "shiboken6"}
        )
        for path in _qt_free_files()
    }
    offenders = {path: names for path, names in offenders.items() if names}
    assert offenders == {}
    # The rule must actually look at something.
    assert len(_qt_free_files()) >= 8


def test_importing_every_qt_free_module_loads_no_qt() -> None:
    modules = [
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for path in _qt_free_files()
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True,
        cwd=PACKAGE.parent,
    )
    assert result.stdout.strip() == "[]"


def test_the_ui_package_is_where_qt_lives() -> None:
    ui_imports = set().union(*(_imported_modules(p) for p in (PACKAGE / "ui").rglob("*.py")))
    assert any(name.startswith("PySide6") for name in ui_imports)
