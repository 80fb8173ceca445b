"""Installability: the shipped data files travel with every kind of install.

The wheel itself is built, installed into a fresh venv outside the checkout and run by
``.ci/run``; these tests keep the packaging configuration honest without a build, and
check what a researcher sees when an install lacks its data files.
"""

from __future__ import annotations

import importlib.resources
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

from fieldwork import cli
from fieldwork.resource_files import RESOURCES_PACKAGE, resource_folder, resource_root

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _folder_of(package: str) -> Path:
    for mapped, folder in SETUPTOOLS["package-dir"].items():
        if package == mapped or package.startswith(mapped + "."):
            return ROOT / folder / Path(*package[len(mapped) + 1:].split(".") if package != mapped else ())
    return ROOT / Path(*package.split("."))


def test_every_code_and_data_folder_is_a_listed_package() -> None:
    listed = set(SETUPTOOLS["packages"])
    code = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "fieldwork").rglob("__init__.py")}
    data = {
        ".".join((RESOURCES_PACKAGE, *folder.relative_to(ROOT / "resources").parts)).rstrip(".")
        for folder in [ROOT / "resources", *(ROOT / "resources").rglob("*")]
        if folder.is_dir() and folder.name != "__pycache__"
    }
    assert RESOURCES_PACKAGE in data
    assert code | data == listed
    assert all(_folder_of(package).is_dir() for package in listed)


def test_every_shipped_data_file_matches_the_package_data() -> None:
    patterns = SETUPTOOLS["package-data"][RESOURCES_PACKAGE]
    files = [p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*")
             if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py"]
    assert len(files) >= 4
    # "**/x" in setuptools also matches at the top level.
    unshipped = [f for f in files if not any(fnmatch(f, pat) or fnmatch(f, pat.removeprefix("**/"))
                                             for pat in patterns)]
    assert unshipped == []


def test_resources_are_found_through_importlib_resources() -> None:
    root = importlib.resources.files(RESOURCES_PACKAGE)
    assert root.joinpath("consent", "family-interview.en.json").is_file()
    assert resource_root() == Path(str(root))
    assert sorted(p.name for p in resource_folder("instruments").glob("*.json")) == [
        "family_questions.en.json", "score15.en.json"]


def test_a_demo_without_consent_forms_is_one_line_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    import fieldwork.demo.consent

    monkeypatch.setattr(fieldwork.demo.consent, "CONSENT_FORMS_FOLDER", tmp_path / "no-such-folder")
    monkeypatch.setenv(cli.PASSPHRASE_VARIABLE, "correct horse battery staple")
    target = tmp_path / "demo.db"
    assert cli.main(["demo", "--db", str(target)]) == cli.EXIT_FAILURE
    error = capsys.readouterr().err
    assert error.startswith("fieldwork: No English consent form in ")
    assert error.count("\n") == 1 and "Traceback" not in error
    assert not target.exists()


def test_the_command_line_is_a_console_script_and_the_app_a_gui_script() -> None:
    project = PYPROJECT["project"]
    assert project["scripts"]["fieldwork"] == "fieldwork.app:main"
    assert project["gui-scripts"]["fieldwork-app"] == "fieldwork.app:main"


def test_a_checkout_that_was_never_installed_finds_the_same_files(tmp_path: Path) -> None:
    import subprocess
    import sys

    # -S: no site-packages, so no install of fieldwork (editable or not) can answer.
    script = ("import sys; sys.path.insert(0, sys.argv[1])\n"
              "import importlib.resources\n"
              "print(importlib.resources.files('fieldwork.resources'))")
    result = subprocess.run([sys.executable, "-S", "-c", script, str(ROOT)], capture_output=True,
                            text=True, check=True, cwd=tmp_path)
    assert Path(result.stdout.strip()) == ROOT / "resources"
