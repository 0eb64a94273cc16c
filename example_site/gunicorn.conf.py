"""gunicorn's settings for the example site (`make serve-production`, `make test-workers`).

Command-line options override these (``--workers``, ``--bind``); so does GUNICORN_CMD_ARGS.
"""

import os

wsgi_app = "example_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Processes: each has its own memory, so whatever they share is in PostgreSQL or Redis.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# Threads in each, so a slow client or a long feed does not hold a whole process.
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
timeout = 60
# Requests and errors to standard output and error, like Django's logging.
accesslog = "-"
errorlog = "-"
# gunicorn 24+ opens a control socket at one path per user, which two servers on one
# machine (the tests' and the site's) would share; nothing here uses it.
control_socket_disable = True
