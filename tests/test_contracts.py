"""The import-linter contracts in pyproject.toml hold (CI also runs `lint-imports`).

Layers: domain < storage < export, demo < ui, study commands < cli < app, with
``fieldwork.resource_files`` at the bottom; only ``fieldwork.ui`` imports Qt.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_the_layer_contracts_are_kept(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    result = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    output = capsys.readouterr().out
    assert "3 kept, 0 broken" in output, output
    assert result == 0
