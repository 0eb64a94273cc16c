"""The tests' own layout: a test module takes its helpers from factories or support, never
from another test module, so that moving or deleting one test file breaks no other."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("tests", "benchmarks")


def is_test_module(dotted: str) -> bool:
    """Whether ``dotted`` names a test module (``test_*``) or a conftest."""
    last = dotted.rsplit(".", 1)[-1]
    return last.startswith("test_") or last == "conftest"


def imported_modules(tree: ast.Module, package: str) -> list[str]:
    """Every module ``tree`` imports, relative imports resolved against ``package``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            found.append(base)
            # `from tests.core import test_sites` imports a module by the name it gives.
            found += [f"{base}.{alias.name}" for alias in node.names]
    return found


def test_no_module_of_the_tests_imports_a_test_module():
    offenders = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            package = ".".join(path.relative_to(ROOT).parent.parts)
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for name in imported_modules(tree, package):
                if name.split(".")[0] in FOLDERS and is_test_module(name):
                    offenders.append(f"{path.relative_to(ROOT)} imports {name}")

    assert offenders == [], "move the shared helpers to tests/factories or tests/support"
