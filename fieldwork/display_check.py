"""Before the app opens its window on Linux: does this computer have the X11 libraries Qt's
display plugin (xcb) needs?

Without them Qt stops the program with 'Could not load the Qt platform plugin "xcb"' and
advises reinstalling the application, which does not help: the libraries come from the
system's packages, not from pip. A fresh Debian machine lacks two of them (seen on one:
libxcb-icccm.so.4 and libxcb-keysyms.so.1). This names what is missing and the command that
installs it, before Qt is started. Qt-free: it only asks the system's loader for each library.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

X11_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libEGL.so.1", "libegl1"),
)
"""(the library Qt's xcb plugin loads, the Debian and Ubuntu package that has it): the list
the README gives."""


def can_load(library: str) -> bool:
    """Whether the system's loader finds ``library`` (or a built app carries it)."""
    try:
        ctypes.CDLL(library)
    except OSError:
        bundled = getattr(sys, "_MEIPASS", None)  # a PyInstaller app's own folder
        return bundled is not None and any(Path(bundled).rglob(library))
    return True


def missing_x11_libraries(environ: Mapping[str, str] | None = None, platform: str | None = None,
                          loads: Callable[[str], bool] | None = None) -> list[tuple[str, str]]:
    """The (library, package) pairs Qt would need and cannot load; empty where Qt would not
    use its X11 plugin: not Linux, another platform asked for (QT_QPA_PLATFORM=offscreen in
    tests, wayland), or a Wayland session with no platform asked for (Qt tries Wayland first)."""
    environ = os.environ if environ is None else environ
    loads = can_load if loads is None else loads
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return []
    asked = environ.get("QT_QPA_PLATFORM", "").strip()
    if asked and not asked.startswith("xcb"):
        return []
    if not asked and environ.get("WAYLAND_DISPLAY"):
        return []
    return [(library, package) for library, package in X11_LIBRARIES if not loads(library)]


def missing_libraries_message(missing: list[tuple[str, str]]) -> str:
    """What the researcher (or whoever set up the laptop) reads, and the command that mends it."""
    libraries = ", ".join(library for library, _ in missing)
    packages = " ".join(package for _, package in missing)
    return (f"the app cannot open its window: Qt's X11 display plugin needs libraries this computer "
            f"does not have ({libraries}). On Debian or Ubuntu, install them with:\n"
            f"    sudo apt-get install {packages}\n"
            "then start the app again. Nothing was opened or changed; the commands "
            "(--help lists them) work without these libraries.")
