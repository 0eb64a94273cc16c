"""Fail when the package imports a distribution that pyproject.toml does not declare.

Every top-level module imported anywhere in ``caseclub_wagtail`` is mapped to the
distribution that provides it (through the installed packages' metadata); each
one must be the standard library, the package itself, or a declared dependency.
"""

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "caseclub_wagtail"


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {
        normalise(re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0])
        for spec in project["dependencies"]
    }


def imported_modules() -> dict[str, Path]:
    """Each top-level module the package imports, with one file that imports it."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], path)
    return found


def main() -> int:
    wanted = declared()
    providers = importlib.metadata.packages_distributions()
    problems = []
    for module, path in sorted(imported_modules().items()):
        if module in sys.stdlib_module_names or module == PACKAGE.name:
            continue
        distributions = {normalise(name) for name in providers.get(module, [])}
        if not distributions:
            problems.append(f"{module} (imported in {path.relative_to(ROOT)}) is not installed")
        elif not distributions & wanted:
            names = ", ".join(sorted(distributions))
            problems.append(
                f"{module} (imported in {path.relative_to(ROOT)}) comes from {names}, "
                "which pyproject.toml does not declare"
            )
    for problem in problems:
        print(problem)
    print(f"dependencies: {'FAIL' if problems else 'OK'} ({len(wanted)} declared)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
