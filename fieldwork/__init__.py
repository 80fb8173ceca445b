"""fieldwork: offline, encrypted fieldwork for family research visits."""

import importlib.util as _importlib_util
import sys as _sys
from pathlib import Path as _Path

__version__ = "0.1.0"


def _find_checkout_resources() -> None:
    # An install maps the repository's resources/ folder to the package fieldwork.resources
    # (pyproject.toml). Run straight from a checkout that was never installed, or under an
    # editable install made before that mapping existed, nothing maps it: register the
    # checkout's folder under the same name so importlib.resources finds the same files.
    # A checkout's code always reads its own resources: a second checkout (a git worktree)
    # imported under another checkout's editable install must not read that one's files.
    checkout = _Path(__file__).resolve().parent.parent
    init = checkout / "resources" / "__init__.py"
    if not (init.is_file() and (checkout / "pyproject.toml").is_file()):
        return
    found = _importlib_util.find_spec(__name__ + ".resources")
    if found is not None and found.origin and _Path(found.origin).resolve() == init.resolve():
        return
    spec = _importlib_util.spec_from_file_location(
        __name__ + ".resources", init, submodule_search_locations=[str(init.parent)])
    if spec is None or spec.loader is None:
        return
    module = _importlib_util.module_from_spec(spec)
    _sys.modules[spec.name] = module
    spec.loader.exec_module(module)


_find_checkout_resources()
