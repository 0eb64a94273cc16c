"""Fail when the package's layout breaks its rules; with ``--graph``, draw its imports.

The rules (issue 11):

- the import-linter contracts in pyproject.toml ``[tool.importlinter]``: the features import
  one way, ``core <- members <- cases <- events``, and no model module imports a view module;
- no import cycle among the package's modules, counting imports inside functions;
- no module over 400 lines and no function over 60 (migrations excepted).

``python scripts/check_layout.py --graph | dot -Tsvg > modules.svg`` draws every module in
its feature's box; ``--graph features`` draws one node per feature.
"""

import argparse
import ast
import os
import sys
import tomllib
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
# Migrations are written by makemigrations and never edited, so no rule applies to them.
EXCLUDED = "migrations"


def package_name(root: Path) -> str:
    """The root package named in the import-linter configuration."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["root_package"]


def is_excluded(module: str, package: str) -> bool:
    return module.startswith(f"{package}.{EXCLUDED}")


def build_graph(package: str) -> grimp.ImportGraph:
    """The package's import graph, imports inside functions included, migrations left out."""
    graph = grimp.build_graph(package, cache_dir=None)
    for module in list(graph.modules):
        if is_excluded(module, package):
            graph.remove_module(module)
    return graph


def find_cycles(graph: grimp.ImportGraph) -> list[tuple[str, ...]]:
    """The shortest cycle through each import that is part of one, each cycle listed once."""
    cycles = set()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                # Start each cycle at its smallest module, so its rotations compare equal.
                ring = (importer, *back[:-1])
                start = ring.index(min(ring))
                cycles.add(ring[start:] + ring[:start])
    return sorted(cycles)


def oversized(package_dir: Path) -> list[str]:
    """A message for each module and function of the package that is too long."""
    problems = []
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir.parent)
        if EXCLUDED in relative.parts:
            continue
        source = path.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        if lines > MAX_MODULE_LINES:
            problems.append(f"{relative} has {lines} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(source, str(path))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    problems.append(
                        f"{relative}:{node.lineno} {node.name}() has {length} lines "
                        f"(at most {MAX_FUNCTION_LINES})"
                    )
    return problems


def room(module: str, package: str) -> str:
    """The feature (or top-level module) a module belongs to: its package's first child."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else package


def to_dot(graph: grimp.ImportGraph, package: str, features_only: bool) -> str:
    """The import graph in Graphviz DOT: one box per feature, or one node per feature."""
    edges = set()
    for importer in graph.modules:
        for imported in graph.find_modules_directly_imported_by(importer):
            if features_only:
                importer_room, imported_room = room(importer, package), room(imported, package)
                if importer_room != imported_room:
                    edges.add((importer_room, imported_room))
            else:
                edges.add((importer, imported))
    lines = [f'digraph "{package}" {{', "  node [shape=box, fontsize=10];"]
    if not features_only:
        rooms: dict[str, list[str]] = {}
        for module in graph.modules:
            rooms.setdefault(room(module, package), []).append(module)
        for name, modules in sorted(rooms.items()):
            lines.append(f'  subgraph "cluster_{name}" {{ label="{name}";')
            lines.extend(
                f'    "{module}" [label="{module.removeprefix(package + ".")}"];'
                for module in sorted(modules)
            )
            lines.append("  }")
    lines.extend(f'  "{importer}" -> "{imported}";' for importer, imported in sorted(edges))
    lines.append("}")
    return "\n".join(lines)


def check(root: Path) -> int:
    """Run every rule on the package under ``root``; the number of rules broken."""
    package = package_name(root)
    broken = 0
    print("--- import-linter contracts (pyproject.toml [tool.importlinter])")
    if lint_imports(config_filename=str(root / "pyproject.toml"), no_cache=True, no_logo=True):
        broken += 1
    cycles = find_cycles(build_graph(package))
    for cycle in cycles:
        print("import cycle: " + " -> ".join((*cycle, cycle[0])))
    print(f"cycles: {'FAIL' if cycles else 'OK'} ({len(cycles)} found)")
    broken += bool(cycles)
    sizes = oversized(root / package)
    for problem in sizes:
        print("too long: " + problem)
    print(f"sizes: {'FAIL' if sizes else 'OK'} ({len(sizes)} too long)")
    broken += bool(sizes)
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--graph",
        nargs="?",
        const="modules",
        choices=["modules", "features"],
        help="print the import graph in Graphviz DOT instead of checking",
    )
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the directory of pyproject.toml and the package"
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    # Analyse the package under root, not the one an editable install points to; import-linter
    # also looks for it in the current directory.
    sys.path.insert(0, str(root))
    os.chdir(root)
    if args.graph:
        package = package_name(root)
        print(to_dot(build_graph(package), package, args.graph == "features"))
        return 0
    broken = check(root)
    print(f"layout: {'FAIL' if broken else 'OK'} ({broken} of 3 checks failed)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
