#!/usr/bin/env python
"""Command-line entry point of the example site."""

import os
import sys
from pathlib import Path

# The site is the package ``example_site``, so its parent (the repository root)
# must be importable whichever folder the command is started from.
REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
