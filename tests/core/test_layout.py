"""scripts/check_layout.py: the package's layout keeps to its rules (issue 11).

Each test writes a small package named ``caseclub_wagtail`` into a temporary folder, laid
out as the real one and with the real pyproject.toml, breaks one rule in it and runs the
script on it, as ``make check`` runs it on the real package.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "check_layout.py"

# A package that keeps every rule: each feature imports core and the features before it,
# the top-level modules import the features, a page module builds its feature's form.
GOOD_LAYOUT = {
    "__init__.py": '__version__ = "1.0"\n',
    "apps.py": "from caseclub_wagtail import checks\n",
    "checks.py": "from caseclub_wagtail import conf\nfrom caseclub_wagtail.events import models\n",
    "conf.py": "DEFAULTS = {}\n",
    "wagtail_hooks.py": "from caseclub_wagtail.members import viewsets\n",
    "api.py": "from caseclub_wagtail.events import views\n",
    "models/__init__.py": (
        "from caseclub_wagtail.cases.models import CasePage\n"
        "from caseclub_wagtail.events.models import EventPage\n"
        "from caseclub_wagtail.members.directory import DirectoryPage\n"
        "from caseclub_wagtail.members.models import Member\n"
    ),
    "models/mixins.py": "from caseclub_wagtail.core.mixins import BaseTemplateMixin\n",
    "management/__init__.py": "",
    "templatetags/__init__.py": "",
    "migrations/__init__.py": "",
    "migrations/0001_initial.py": "import caseclub_wagtail.models.mixins\n",
    "core/__init__.py": "",
    "core/mixins.py": "from caseclub_wagtail import conf\n\nclass BaseTemplateMixin:\n    pass\n",
    "core/topics.py": "from caseclub_wagtail.core import mixins\n",
    "members/__init__.py": "",
    "members/models.py": "from caseclub_wagtail.core import mixins\n\nclass Member:\n    pass\n",
    "members/forms.py": "from caseclub_wagtail.members import models\n",
    "members/directory.py": (
        "from caseclub_wagtail.members import forms, models\n\nclass DirectoryPage:\n    pass\n"
    ),
    "members/views.py": "from caseclub_wagtail.members import directory\n",
    "members/viewsets.py": "from caseclub_wagtail.members import models\n",
    "cases/__init__.py": "",
    "cases/models.py": (
        "from caseclub_wagtail.members import models\n\nclass CasePage:\n    pass\n"
    ),
    "cases/views.py": "from caseclub_wagtail.cases import models\n",
    "registrations/__init__.py": "",
    "registrations/models.py": (
        "from caseclub_wagtail.members import models\n\nclass EventRegistration:\n    pass\n"
    ),
    "appeals/__init__.py": "",
    "appeals/models.py": "from caseclub_wagtail.cases import models\n\nclass Appeal:\n    pass\n",
    "applications/__init__.py": "",
    "applications/models.py": "from caseclub_wagtail.members import models\n",
    "proposals/__init__.py": "",
    "proposals/models.py": "from caseclub_wagtail.members import models\n",
    "events/__init__.py": "",
    "events/models.py": (
        "from caseclub_wagtail.cases import models\n"
        "from caseclub_wagtail.events import occurrences\n\nclass EventPage:\n    pass\n"
    ),
    "events/occurrences.py": "from caseclub_wagtail.core import topics\n",
    "events/ical.py": "import icalendar\n",
    "events/views.py": "from caseclub_wagtail.events import ical, models\n",
}


def run_check(root, *args):
    """Run the script on the package under ``root``; its exit code and its output."""
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(root), *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


@pytest.fixture
def package(tmp_path):
    """Write the good layout into tmp_path; the returned function changes one file."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")

    def write(name, text):
        path = tmp_path / "caseclub_wagtail" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    for name, text in GOOD_LAYOUT.items():
        write(name, text)
    write.root = tmp_path
    return write


def test_a_package_that_keeps_the_rules_passes(package):
    code, output = run_check(package.root)

    assert code == 0, output
    assert "Contracts: 3 kept, 0 broken." in output
    assert "layout: OK" in output


def test_a_cycle_through_an_import_inside_a_function_is_printed(package):
    package(
        "events/occurrences.py",
        "def build(page):\n    from caseclub_wagtail.events.models import EventPage\n",
    )

    code, output = run_check(package.root)

    assert code == 1
    assert (
        "import cycle: caseclub_wagtail.events.models -> caseclub_wagtail.events.occurrences"
        " -> caseclub_wagtail.events.models"
    ) in output
    assert "cycles: FAIL (1 found)" in output


def test_a_cycle_between_packages_that_is_no_cycle_between_modules_fails(package):
    # As models.directory -> forms -> models.cases did: the models package and forms import
    # each other, though no module imports itself.
    package("core/forms.py", "from caseclub_wagtail.core.text import words\n")
    package("core/text/__init__.py", "")
    package("core/text/words.py", "")
    package("core/text/stemmer.py", "from caseclub_wagtail.core import forms\n")

    code, output = run_check(package.root)

    assert code == 1
    assert "No cycle between sibling modules or packages BROKEN" in output
    assert "cycles: OK" in output


@pytest.mark.parametrize(
    "module, wrong_import",
    [
        ("core/topics.py", "caseclub_wagtail.members.models"),
        ("members/forms.py", "caseclub_wagtail.cases.models"),
        ("cases/views.py", "caseclub_wagtail.events.models"),
        ("events/views.py", "caseclub_wagtail.models"),
    ],
)
def test_an_import_the_wrong_way_between_features_fails(package, module, wrong_import):
    package(module, f"import {wrong_import}\n")

    code, output = run_check(package.root)

    assert code == 1
    assert "Features import one way, in these layers BROKEN" in output
    assert wrong_import in output


def test_a_top_level_module_outside_the_layers_fails(package):
    package("signal_handlers.py", "from caseclub_wagtail.events import models\n")

    code, output = run_check(package.root)

    assert code == 1
    assert "caseclub_wagtail.signal_handlers" in output
    assert "Features import one way, in these layers BROKEN" in output


@pytest.mark.parametrize(
    "module, view",
    [
        ("members/directory.py", "caseclub_wagtail.members.views"),
        ("events/models.py", "caseclub_wagtail.events.ical"),
        ("models/mixins.py", "caseclub_wagtail.events.views"),
    ],
)
def test_a_model_module_that_imports_a_view_module_in_a_function_fails(package, module, view):
    text = GOOD_LAYOUT[module] + f"\n\ndef serve(page):\n    import {view}\n"
    package(module, text)

    code, output = run_check(package.root)

    assert code == 1
    assert "No model module imports a view module BROKEN" in output
    assert f"caseclub_wagtail.{module.removesuffix('.py').replace('/', '.')}" in output
    assert view in output


def test_a_module_over_400_lines_fails_and_one_of_400_passes(package):
    package("core/topics.py", "x = 1\n" * 400)
    package("cases/views.py", "x = 1\n" * 401)

    code, output = run_check(package.root)

    assert code == 1
    assert "too long: caseclub_wagtail/cases/views.py has 401 lines (at most 400)" in output
    assert "core/topics.py" not in output
    assert "sizes: FAIL (1 too long)" in output


def test_a_function_over_60_lines_fails_and_one_of_60_passes(package):
    package("core/topics.py", "def short():\n" + "    x = 1\n" * 59)
    package("events/ical.py", "class Feed:\n    def write(self):\n" + "        x = 1\n" * 60)

    code, output = run_check(package.root)

    assert code == 1
    assert "too long: caseclub_wagtail/events/ical.py:2 write() has 61 lines" in output
    assert "short()" not in output


def test_migrations_are_not_held_to_the_sizes(package):
    package("migrations/0002_long.py", "def forwards():\n" + "    x = 1\n" * 500)

    code, output = run_check(package.root)

    assert code == 0, output


def test_the_module_graph_draws_each_feature_as_a_box(package):
    code, output = run_check(package.root, "--graph")

    assert code == 0
    assert output.startswith('digraph "caseclub_wagtail" {')
    assert 'subgraph "cluster_events" { label="events";' in output
    assert '"caseclub_wagtail.events.models" -> "caseclub_wagtail.cases.models";' in output
    assert "migrations" not in output


def test_the_feature_graph_has_one_node_per_feature(package):
    code, output = run_check(package.root, "--graph", "features")

    assert code == 0
    assert '"events" -> "cases";' in output
    assert '"cases" -> "members";' in output
    assert '"members" -> "core";' in output
    assert '"cases" -> "events";' not in output
    assert "caseclub_wagtail.events.models" not in output


@pytest.mark.layout
def test_the_real_package_keeps_the_layout_rules():
    """The real package, as `make check` runs it.

    Fails on the old flat layout (before issue 11's move into feature subpackages), by
    design: it passes once the move is merged.
    """
    code, output = run_check(ROOT)

    assert code == 0, output
