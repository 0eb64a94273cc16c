"""Fail when the built wheel lacks files a host site needs at run time.

Every template, static file, migration and compiled catalog of the source
package must be in the wheel, and nothing from the example site or the tests.
"""

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = {
    "templates": "caseclub_wagtail/templates/**/*.html",
    "static files": "caseclub_wagtail/static/**/*.*",
    "migrations": "caseclub_wagtail/migrations/*.py",
    "compiled catalogs": "caseclub_wagtail/locale/*/LC_MESSAGES/django.mo",
}
FORBIDDEN_PREFIXES = ("example_site/", "tests/", "scripts/")


def main(path: str) -> int:
    names = set(zipfile.ZipFile(path).namelist())
    problems = []
    for what, pattern in PATTERNS.items():
        expected = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob(pattern))
        if not expected:
            problems.append(f"no {what} in the source tree ({pattern})")
        problems += [f"missing {what}: {name}" for name in expected if name not in names]
        print(f"{what}: {len(expected)} expected")
    shipped_by_mistake = sorted(n for n in names if n.startswith(FORBIDDEN_PREFIXES))
    problems += [f"should not ship: {name}" for name in shipped_by_mistake]
    for problem in problems:
        print(problem)
    print(f"{path}: {len(names)} files, {'FAIL' if problems else 'OK'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
