"""The package's shape: layers import downward only, no import cycles, no private names
borrowed across modules. Read from the source (AST), so a lazy import inside a function
counts as much as one at the top."""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

import toolkit

PACKAGE = Path(toolkit.__file__).resolve().parent

LAYERS = {
    "text": 0,
    "settings": 1,
    "worksheet": 2,
    "supportmap": 3,
    "store": 4,
    "access": 5,
    "render": 6,
    "reports": 6,
    "widgets": 7,
    "serve": 7,
    "cli": 8,
}
"""Each layer may import only layers with a smaller number (and itself). Same number: neither
imports the other (print and data views; widgets and the server that serves notebooks)."""


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(name: str, path: Path) -> Iterator[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every toolkit import in a module."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target == "toolkit" or target.startswith("toolkit."):
                names = [a.name for a in node.names]
                # `from toolkit.x import y` where y is itself a module imports that module.
                subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
                rest = [n for n in names if f"{target}.{n}" not in MODULES]
                if rest or not subs:
                    yield target, rest, node.lineno
                for sub in subs:
                    yield sub, [], node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("toolkit"):
                    yield alias.name, [], node.lineno


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_package_is_a_known_layer() -> None:
    """Every subpackage of toolkit/ is one of the layers, and no module sits at the top but
    the public face (__init__) and nothing else."""
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(LAYERS)
    top = {p.name for p in PACKAGE.glob("*.py")}
    assert top == {"__init__.py"}


def test_every_layer_says_what_it_is_for() -> None:
    """Each layer's __init__ has a docstring naming what it may import."""
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text()))
        assert doc and len(doc) > 60, f"toolkit/{layer}/__init__.py needs a docstring"
        assert "import" in doc.lower(), f"toolkit/{layer}/__init__.py: say what it may import"


def test_layers_import_downward_only() -> None:
    """No module imports a layer above its own (or beside it at the same level)."""
    wrong = []
    for name, path in MODULES.items():
        mine = _layer(name)
        if mine is None:  # the public face re-exports from every layer
            continue
        for target, _, line in _imports(name, path):
            theirs = _layer(target)
            if theirs is None:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports the top "
                             "package; import from the layer instead")
            elif theirs != mine and LAYERS[theirs] >= LAYERS[mine]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({mine}) imports "
                             f"{target} ({theirs})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    """The module import graph (lazy imports included) has no cycle."""
    graph = {name: {t for t, _, _ in _imports(name, path) if t in MODULES and t != name}
             for name, path in MODULES.items()}
    # A package's __init__ importing its own modules is how re-exports work, and a module
    # importing its package's __init__ for them would be the cycle we look for.
    done: set[str] = set()
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        if node in stack:
            cycles.append(" -> ".join([*stack[stack.index(node):], node]))
            return
        if node in done:
            return
        for nxt in sorted(graph[node]):
            visit(nxt, [*stack, node])
        done.add(node)

    for name in sorted(graph):
        visit(name, [])
    assert not cycles, "\n".join(cycles)


def test_no_private_name_imported_from_another_module() -> None:
    """Underscore names stay inside their module."""
    borrowed = []
    for name, path in MODULES.items():
        for target, names, line in _imports(name, path):
            borrowed += [f"{path.relative_to(PACKAGE.parent)}:{line} imports {target}.{n}"
                         for n in names if n.startswith("_") and not n.startswith("__")]
    assert not borrowed, "\n".join(borrowed)


def test_the_worksheet_model_and_the_map_import_no_store_widgets_serving_or_cli() -> None:
    """The model layers stand alone: what they import, transitively, stays below the store."""
    for name, path in MODULES.items():
        if _layer(name) in ("worksheet", "supportmap"):
            for target, _, line in _imports(name, path):
                assert _layer(target) in ("text", "settings", "worksheet", "supportmap"), (
                    f"{path}:{line} imports {target}")
