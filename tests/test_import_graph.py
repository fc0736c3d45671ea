"""No import cycles anywhere in the product code, function-level imports included.

import-linter's ``layers`` contracts (pyproject.toml) order the top-level packages and the server's
routes, services and storage; they say nothing about the modules of one layer importing each other
in a circle, which hides behind function-level imports until the day someone moves one of them to the
top of its file. grimp (import-linter's graph) sees imports wherever they are written, so this test
checks two granularities:

- modules: no module reaches itself through the imports of others (a package's ``__init__`` counts
  as a module);
- packages: inside every package (and among the top-level packages), no two children import each
  other, directly or around a circle, with each sub-package taken as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import grimp
import pytest

PRODUCT = ("pos_client", "offline_queue", "drivers", "ui", "loyalty_server")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PRODUCT, cache_dir=None)


def circles(nodes: Iterable[str], edges: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts with more than one node (Tarjan, iterative), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(edges.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    part = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        part.append(member)
                        if member == node:
                            break
                    if len(part) > 1:
                        found.append(sorted(part))
    return found


def describe(graph: grimp.ImportGraph, part: list[str], owner: Mapping[str, str]) -> str:
    """One line per import that closes the circle ``part``: importer:line -> imported."""
    members = set(part)
    lines = []
    for module, group in sorted(owner.items()):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if owner.get(imported, group) != group and owner[imported] in members and group in members:
                for detail in graph.get_import_details(importer=module, imported=imported):
                    lines.append(f"  {module}:{detail['line_number']} -> {imported}")
    return " <-> ".join(part) + "\n" + "\n".join(lines)


def test_no_module_imports_itself_through_others(graph: grimp.ImportGraph) -> None:
    edges = {module: set(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    owner = {module: module for module in graph.modules}
    found = circles(graph.modules, edges)
    assert not found, "import cycles between modules:\n" + "\n".join(describe(graph, p, owner) for p in found)


def test_no_package_has_a_cycle_among_its_children(graph: grimp.ImportGraph) -> None:
    packages: list[str | None] = [None]
    packages += sorted(m for m in graph.modules if graph.find_children(m))
    problems = []
    for package in packages:
        children = PRODUCT if package is None else tuple(sorted(graph.find_children(package)))
        owner: dict[str, str] = {}
        for child in children:
            owner[child] = child
            owner.update(dict.fromkeys(graph.find_descendants(child), child))
        edges: dict[str, set[str]] = {child: set() for child in children}
        for module, child in owner.items():
            for imported in graph.find_modules_directly_imported_by(module):
                if imported in owner and owner[imported] != child:
                    edges[child].add(owner[imported])
        problems += [describe(graph, part, owner) for part in circles(children, edges)]
    assert not problems, "import cycles between sibling packages or modules:\n" + "\n".join(problems)


def test_the_cycle_finder_finds_a_circle_and_nothing_else() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert circles("abcde", edges) == [["a", "b", "c"]]
