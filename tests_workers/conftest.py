"""Two gunicorn workers of the production settings behind one Redis, and clients pinned to each.

The session starts PostgreSQL's fresh test database (pytest-django), fills it, collects the
static files and starts gunicorn with two workers on 127.0.0.1. Nothing here skips: a
missing environment variable, an unreachable Redis or a server that does not answer fails
the run with the reason.
"""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connections

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "tests_workers.settings"
START_SECONDS = 60


def pytest_configure(config):
    if os.environ.get("DJANGO_SETTINGS_MODULE") != SETTINGS:
        raise pytest.UsageError(
            f"Run these tests with DJANGO_SETTINGS_MODULE={SETTINGS} (make test-workers)."
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the test database pytest-django has just built."""
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


class Worker:
    """One keep-alive connection, and so one gunicorn worker, with its own cookies.

    Every answer must come from the same worker process: if the connection was lost and
    reopened onto the other worker, the test fails instead of proving nothing.
    """

    def __init__(self, connection: http.client.HTTPConnection, pid: str):
        self.connection = connection
        self.pid = pid
        self.cookies: dict[str, str] = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = send(self.connection, method, path, body, headers)
        assert response.pid == self.pid, (
            f"{method} {path} was answered by worker {response.pid}, not {self.pid}"
        )
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data: str, **kwargs):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body=data.encode(), headers=headers, **kwargs)


class Answer:
    def __init__(self, response: http.client.HTTPResponse):
        self.status = response.status
        self.headers = response.msg
        self.body = response.read()
        self.pid = response.getheader("X-Worker-Pid")

    @property
    def text(self) -> str:
        return self.body.decode()


def send(connection, method, path, body=None, headers=None) -> Answer:
    connection.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
    return Answer(connection.getresponse())


class Server:
    """The running gunicorn: opens connections until one is held by each worker."""

    def __init__(self, port: int):
        self.port = port

    def two_workers(self, address: str, path: str = "/") -> tuple[Worker, Worker]:
        """A client on each of the two workers, both from the source ``address``.

        The kernel hands each new connection to one worker; a connection kept alive stays
        with it. Connections are opened until both workers hold one.
        """
        held: dict[str, http.client.HTTPConnection] = {}
        for _ in range(200):
            connection = http.client.HTTPConnection(
                "127.0.0.1", self.port, timeout=30, source_address=(address, 0)
            )
            answer = send(connection, "GET", path)
            assert answer.pid, "the server did not name its worker (X-Worker-Pid)"
            if answer.pid in held:
                connection.close()
                continue
            held[answer.pid] = connection
            if len(held) == 2:
                (pid_a, a), (pid_b, b) = held.items()
                return Worker(a, pid_a), Worker(b, pid_b)
        pytest.fail(f"200 connections were all served by worker(s) {sorted(held)}")


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """A fresh test database, made whatever the tests are marked (they use no transaction)."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        connections.close_all()
        teardown_databases(config, verbosity=0)


@pytest.fixture(scope="session")
def orm(django_db_setup, django_db_blocker):
    """Database access outside any test transaction: what the tests write, the workers see."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def site_data(orm):
    """The pages the tests visit, published in the fresh database."""
    from tests_workers.pages import build

    return build()


@pytest.fixture(scope="session")
def server(site_data, orm, tmp_path_factory):
    """gunicorn with two workers of the production settings, on a free port of 127.0.0.1."""
    cache.set("caseclub-workers-probe", "ok")
    assert cache.get("caseclub-workers-probe") == "ok", "Redis (REDIS_URL) does not answer"
    static_root = tmp_path_factory.mktemp("static")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        "DATABASE_URL": database_url(),
        "DJANGO_STATIC_ROOT": str(static_root),
        "PYTHONPATH": str(ROOT),
    }
    subprocess.run(
        [sys.executable, "example_site/manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    port = free_port()
    log = (tmp_path_factory.mktemp("gunicorn") / "gunicorn.log").open("w+")
    command = [
        sys.executable, "-m", "gunicorn",
        "-c", "example_site/gunicorn.conf.py",
        "--workers", "2",
        "--bind", f"127.0.0.1:{port}",
        # Long enough that a pinned connection outlives the wait for the form's minimum time.
        "--keep-alive", "60",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_ready(process, port, log)
        yield Server(port)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        connections.close_all()


def wait_until_ready(process, port, log):
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            pytest.fail(f"gunicorn stopped (exit {process.returncode}):\n{log.read()[-4000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            if send(connection, "GET", "/").status < 500:
                connection.close()
                return
        except OSError:
            pass
        time.sleep(0.3)
    log.seek(0)
    pytest.fail(f"gunicorn did not answer within {START_SECONDS} s:\n{log.read()[-4000:]}")
