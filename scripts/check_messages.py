"""Fail when the committed translation catalogs are stale or not compiled.

Stale: running ``makemessages`` on the current code would change a ``.po``
file (a string was added, changed or removed). Not compiled: a ``.mo`` file is
missing or differs from what ``msgfmt`` makes of its ``.po`` file.
"""

import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "caseclub_wagtail"
LANGUAGES = ["ru", "en"]
DJANGO_ADMIN = str(Path(sys.executable).with_name("django-admin"))


def without_creation_date(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith('"POT-Creation-Date:')
    ]


def fuzzy(po: Path) -> list[str]:
    """The entries makemessages guessed from a similar string: gettext ignores them."""
    entries = po.read_text(encoding="utf-8").split("\n\n")[1:]  # the header is fuzzy
    return [
        entry
        for entry in entries
        if any(line.startswith("#,") and "fuzzy" in line for line in entry.splitlines())
    ]


def main() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "caseclub_wagtail"
        shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
        command = [DJANGO_ADMIN, "makemessages", "--no-location", "--no-obsolete"]
        for language in LANGUAGES:
            command += ["--locale", language]
        subprocess.run(command, cwd=copy, check=True, capture_output=True)
        for language in LANGUAGES:
            relative = Path("locale") / language / "LC_MESSAGES"
            po, fresh_po = PACKAGE / relative / "django.po", copy / relative / "django.po"
            if without_creation_date(po) != without_creation_date(fresh_po):
                problems.append(f"{po} is stale: run `make messages` and translate.")
            mo, fresh_mo = PACKAGE / relative / "django.mo", Path(tmp) / f"{language}.mo"
            subprocess.run(["msgfmt", "--check-format", "-o", fresh_mo, po], check=True)
            if not mo.exists() or not filecmp.cmp(mo, fresh_mo, shallow=False):
                problems.append(f"{mo} is not compiled from its .po: run `make messages`.")
            untranslated = subprocess.run(
                ["msgattrib", "--untranslated", "--no-obsolete", po],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            if language == "ru" and "msgid" in untranslated:
                problems.append(f"{po} has untranslated strings:\n{untranslated}")
            if language == "ru":
                problems += [f"{po} has a fuzzy translation:\n{entry}" for entry in fuzzy(po)]
    for problem in problems:
        print(problem)
    if not problems:
        print("Translation catalogs are up to date and compiled.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
