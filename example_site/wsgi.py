"""WSGI entry point of the example site.

A WSGI server means a deployment, so the default is the production settings,
which refuse to start without a secret key and allowed hosts in the environment.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings.production")

application = get_wsgi_application()
