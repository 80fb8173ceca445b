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


def test_the_ui_names_consent_components_by_the_enum_never_a_bare_string() -> None:
    import ast

    from fieldwork.domain.consent import ConsentComponent
    from fieldwork.domain.interview_steps import STEP_CONSENT_COMPONENT
    from fieldwork.storage.answer_store import consent_component

    assert all(isinstance(c, ConsentComponent) for c in STEP_CONSENT_COMPONENT.values())
    assert consent_component("score15") is ConsentComponent.SCORE15
    components = {c.value for c in ConsentComponent}
    gate_calls = {"require_consent", "recording_permission", "may_record"}
    bare = []
    for path in (ROOT / "fieldwork" / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in gate_calls:
                bare += [f"{path.name}:{node.lineno}" for arg in node.args
                         if isinstance(arg, ast.Constant) and arg.value in components]
    assert bare == []
