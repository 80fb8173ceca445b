"""No import circles anywhere in fieldwork: every module can be understood (and imported)
after the modules it imports, never before.

Counts the imports that run: module level and inside functions. An import under
``if TYPE_CHECKING:`` runs only for a type checker and may point back (the study tasks are
typed against the main window that calls them, as Anki's operations take ``mw: AnkiQt``).
"""

from __future__ import annotations

import grimp
import networkx as nx
import pytest

PACKAGE = "fieldwork"


def _import_graph(exclude_type_checking: bool = True) -> nx.DiGraph:
    graph = grimp.build_graph(PACKAGE, cache_dir=None, exclude_type_checking_imports=exclude_type_checking)
    return nx.DiGraph(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
    )


def _circles(graph: nx.DiGraph) -> list[list[str]]:
    return sorted(sorted(component) for component in nx.strongly_connected_components(graph)
                  if len(component) > 1)


def test_no_module_imports_itself_round_a_circle() -> None:
    graph = _import_graph()
    assert graph.number_of_nodes() > 100  # the whole package was read
    assert _circles(graph) == []


@pytest.mark.parametrize("package", ["fieldwork.ui", "fieldwork.domain", "fieldwork.storage", "fieldwork.export"])
def test_the_check_sees_the_modules_of(package: str) -> None:
    assert any(node.startswith(package + ".") for node in _import_graph().nodes)


def test_a_circle_is_found_when_there_is_one() -> None:
    graph = _import_graph()
    graph.add_edge("fieldwork.domain.errors", "fieldwork.domain.consent_forms")
    assert any({"fieldwork.domain.consent_forms", "fieldwork.domain.errors"} <= set(circle)
               for circle in _circles(graph))
