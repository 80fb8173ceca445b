"""The check made before the app opens its window on Linux: Qt's X11 libraries, named with
the command that installs them, instead of Qt stopping the program."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fieldwork import cli, display_check
from fieldwork.display_check import X11_LIBRARIES, can_load, missing_libraries_message, missing_x11_libraries
from tests.conftest import PASSPHRASE

README = Path(__file__).resolve().parent.parent / "README.md"
ABSENT = {"libxcb-icccm.so.4", "libxcb-keysyms.so.1"}  # what a fresh Debian machine lacked


def _without_two(library: str) -> bool:
    return library not in ABSENT


def test_the_missing_libraries_are_named_with_their_packages() -> None:
    missing = missing_x11_libraries({"DISPLAY": ":0"}, "linux", _without_two)
    assert missing == [("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-keysyms.so.1", "libxcb-keysyms1")]
    message = missing_libraries_message(missing)
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n" in message
    assert "Nothing was opened or changed" in message


@pytest.mark.parametrize("environ", [{"QT_QPA_PLATFORM": "xcb"}, {"QT_QPA_PLATFORM": "xcb:display=:1"},
                                     {"DISPLAY": ":0"}, {"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "w-0"}])
def test_checked_wherever_qt_would_use_x11(environ: dict[str, str]) -> None:
    assert [lib for lib, _ in missing_x11_libraries(environ, "linux", _without_two)] == sorted(ABSENT)


@pytest.mark.parametrize(("environ", "platform"), [
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),  # the tests, CI
    ({"QT_QPA_PLATFORM": "wayland"}, "linux"),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),  # Qt tries Wayland first
    ({}, "darwin"),
    ({}, "win32"),
])
def test_not_checked_where_qt_would_not_use_x11(environ: dict[str, str], platform: str) -> None:
    assert missing_x11_libraries(environ, platform, lambda library: False) == []


def test_the_system_loader_is_asked() -> None:
    assert can_load("libc.so.6")
    assert not can_load("libfieldwork-no-such-library.so.9")


def test_every_library_the_app_checks_is_in_the_readme_install_line() -> None:
    line = next(line for line in README.read_text(encoding="utf-8").splitlines()
                if "apt-get install libxcb" in line)
    packages = set(re.findall(r"[\w.+-]+", line.split("apt-get install", 1)[1]))
    assert {package for _, package in X11_LIBRARIES} <= packages


def test_the_app_is_not_started_without_them(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    import fieldwork.ui.application as application

    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(display_check, "can_load", _without_two)
    monkeypatch.setattr(application, "run_app", lambda **_: pytest.fail("the app was started"))
    assert cli.main(["--demo"]) == cli.EXIT_FAILURE
    said = capsys.readouterr().err
    assert said.startswith("fieldwork: the app cannot open its window")
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in said


def test_the_commands_work_without_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("FIELDWORK_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr(display_check, "can_load", _without_two)
    assert cli.main(["demo", "--db", str(tmp_path / "demo.db")]) == 0
