"""The GUI's structure, checked: no import cycles anywhere in the package, and only the
window's own composing modules know the window (the others take what they need)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "app" / "corrigenda"
COMPOSERS = {"corrigenda.gui.main_window", "corrigenda.gui.menus", "corrigenda.gui.app"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p) for p in PACKAGE.rglob("*.py")}


def imports(path: Path, *, type_checking: bool, in_functions: bool = True) -> set[str]:
    """The corrigenda modules `path` imports (TYPE_CHECKING blocks only when `type_checking`;
    imports inside functions, run late, only when `in_functions`)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if not in_functions and isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                if type_checking:
                    visit(child)
                continue
            if isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                if child.module.startswith("corrigenda"):
                    names = {f"{child.module}.{a.name}" for a in child.names}
                    submodules = {n for n in names if n in MODULES}
                    found.update(submodules)
                    if names - submodules:  # names defined by the module (or its __init__)
                        found.add(child.module)
            elif isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name.startswith("corrigenda"))
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def graph(*, type_checking: bool, in_functions: bool = True) -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {
        name: {
            i
            for i in imports(path, type_checking=type_checking, in_functions=in_functions)
            if i in modules
        }
        - {name}
        for name, path in modules.items()
    }


def cycles(edges: dict[str, set[str]]) -> list[str]:
    found = []
    for start in edges:
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in edges.get(node, ()):
                # A package's __init__ re-exporting its own modules is not a cycle of rooms.
                if nxt == start and not start.startswith(f"{node}."):
                    found.append(" -> ".join([*path, nxt]))
                elif nxt not in seen and not nxt.startswith(f"{start}."):
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    return found


def test_no_module_of_the_package_imports_itself_back_when_loaded() -> None:
    assert not cycles(graph(type_checking=False, in_functions=False))


def test_no_gui_module_imports_itself_back_even_for_types() -> None:
    edges = graph(type_checking=True)
    gui = {
        name: {d for d in deps if d.startswith("corrigenda.gui")}
        for name, deps in edges.items()
        if name.startswith("corrigenda.gui")
    }
    # The window and its menus are one composition, split in two files for size: menus
    # names the window's type, the window builds the menus.
    gui["corrigenda.gui.menus"].discard("corrigenda.gui.main_window")
    assert not cycles(gui)


def test_only_the_composing_modules_know_the_window() -> None:
    edges = graph(type_checking=True)
    knowing = {m for m, deps in edges.items() if "corrigenda.gui.main_window" in deps}
    assert knowing <= COMPOSERS, sorted(knowing - COMPOSERS)
