"""Test-only middleware: every answer names the worker process that served it."""

import os


def worker_pid(get_response):
    """Add ``X-Worker-Pid``, so a test knows which gunicorn worker answered."""

    def middleware(request):
        response = get_response(request)
        response["X-Worker-Pid"] = str(os.getpid())
        return response

    return middleware
