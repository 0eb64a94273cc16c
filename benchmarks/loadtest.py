"""`make loadtest`: the example site with the Large data under gunicorn, driven by locust.

A fresh PostgreSQL database (DATABASE_URL) gets the migrations and the Large data
(``python -m benchmarks.data --size large``); Redis (REDIS_URL) is the cache. gunicorn
serves the production settings (``benchmarks.loadtest_settings``, which says what differs)
with ``--workers`` workers on 127.0.0.1, and locust runs headless, ``--users`` users for
``--seconds`` seconds against each request in turn: the event index, a case page, the
``events/`` API and the registration form (its GET, then its POST). Requests per second,
the median, the 95th and 99th percentiles and the errors go to docs/loadtest.md and
docs/loadtest.json. Any error (a 429 among them) fails the run.
"""

import argparse
import csv
import datetime
import http.client
import importlib.metadata
import json
import os
import platform
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.machine import cpu_model

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SETTINGS = "benchmarks.loadtest_settings"
# The locust user class of each measured request, and what the report calls it.
SCENARIOS = [
    ("EventIndex", "event index"),
    ("CasePage", "case page"),
    ("EventsApi", "events API"),
    ("Registration", "registration form"),
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--size", default="large")
    parser.add_argument(
        "--reuse-data", action="store_true", help="keep the database of the last run"
    )
    parser.add_argument(
        "--markdown-only",
        action="store_true",
        help="write docs/loadtest.md again from docs/loadtest.json, without a run",
    )
    args = parser.parse_args(argv)
    if args.markdown_only:
        report = json.loads((DOCS / "loadtest.json").read_text(encoding="utf-8"))
        (DOCS / "loadtest.md").write_text(markdown(report), encoding="utf-8")
        return 0

    env = environment()
    if not args.reuse_data:
        recreate_database(env["DATABASE_URL"])
        manage(env, "migrate", "--noinput", "-v", "0")
        step(f"building the {args.size} data")
        run(env, "-m", "benchmarks.data", "--size", args.size)
    static_root = tempfile.mkdtemp(prefix="caseclub-loadtest-static-")
    env["DJANGO_STATIC_ROOT"] = static_root
    manage(env, "collectstatic", "--noinput", "-v", "0")

    os.environ.update(env)
    import django

    django.setup()
    paths = find_paths()
    env.update({f"LOADTEST_{name.upper()}": value for name, value in paths.items()})

    port = free_port()
    log_path = Path(tempfile.gettempdir()) / "caseclub-loadtest-gunicorn.log"
    server = start_gunicorn(env, port, args.workers, log_path)
    try:
        for value in paths.values():  # warm each worker's imports and connections
            for _ in range(args.workers * 4):
                get(port, value)
        results = []
        for user_class, title in SCENARIOS:
            step(f"{title}: {args.users} users for {args.seconds} s")
            results.append(run_locust(env, port, user_class, title, args.users, args.seconds))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    report = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "setup": {
            "data": args.size,
            "workers": args.workers,
            "threads_per_worker": int(env.get("GUNICORN_THREADS", "4")),
            "users": args.users,
            "seconds_per_request": args.seconds,
            "think_time_seconds": 0,
            "settings": SETTINGS,
            "rate_limit": "1000000/h: counted in Redis on every POST, never reached",
        },
        "paths": paths,
        "scenarios": results,
        "errors": sum(row["errors"] for result in results for row in result["requests"]),
    }
    DOCS.mkdir(exist_ok=True)
    (DOCS / "loadtest.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (DOCS / "loadtest.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    if report["errors"]:
        print(f"{report['errors']} requests failed; see {log_path}", file=sys.stderr)
        return 1
    return 0


def step(message: str) -> None:
    print(f"--- {message}", flush=True)


def environment() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DATABASE_URL", "REDIS_URL"):
        if not env.get(name):
            sys.exit(f"Set {name} (make loadtest sets both).")
    env.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    env.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1")
    # A new prefix each run: nothing cached by an earlier run is served.
    env["DJANGO_CACHE_KEY_PREFIX"] = f"caseclub-loadtest-{secrets.token_hex(6)}"
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS
    env["PYTHONPATH"] = str(ROOT)
    return env


def recreate_database(url: str) -> None:
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    name = config["NAME"]
    step(f"a fresh database {name}")
    with psycopg.connect(
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def run(env, *arguments) -> None:
    subprocess.run([sys.executable, *arguments], cwd=ROOT, env=env, check=True)


def manage(env, *arguments) -> None:
    run(env, "example_site/manage.py", *arguments)


def find_paths() -> dict[str, str]:
    """The pages the users request, read from the loaded data."""
    from django.utils import timezone

    from caseclub_wagtail.models import CaseStudyPage, EventIndexPage, EventPage
    from caseclub_wagtail.registrations.seats import INTERNAL, event_dates

    index = EventIndexPage.objects.live().order_by("path").first()
    # The first case, as the benchmark times it: with its timeline, appeals and team.
    case = CaseStudyPage.objects.live().order_by("pk").first()
    if index is None or case is None:
        sys.exit("The data has no event index or no case page: was it built?")
    now = timezone.now()
    event = None
    candidates = (
        EventPage.objects.live()
        .filter(registration=INTERNAL, repeat="", start__gt=now)
        .exclude(audience="members_only")
        .order_by("start")
    )
    for candidate in candidates[:50]:
        dates = event_dates(candidate)
        if dates and dates[0].is_open(now):
            event = candidate
            break
    if event is None:
        sys.exit("The data has no open one-off event with registration on the site.")
    return {
        "event_index": index.url,
        "case_page": case.url,
        "events_api": "/api/caseclub/events/",
        "registration": event.url + "register/",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def start_gunicorn(env, port: int, workers: int, log_path: Path) -> subprocess.Popen:
    step(f"gunicorn with {workers} workers on 127.0.0.1:{port} (log: {log_path})")
    log = log_path.open("w")
    command = [
        sys.executable, "-m", "gunicorn",
        "-c", "example_site/gunicorn.conf.py",
        "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}",
        "--access-logfile", "/dev/null",
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped (exit {process.returncode}); see {log_path}")
        try:
            if get(port, "/") < 500:
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    sys.exit(f"gunicorn did not answer within 60 s; see {log_path}")


def run_locust(env, port, user_class, title, users, seconds) -> dict:
    prefix = Path(tempfile.mkdtemp(prefix="caseclub-locust-")) / "run"
    load_before = os.getloadavg()[0]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "benchmarks" / "locustfile.py"),
            "--headless",
            "--only-summary",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
            user_class,
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        check=False,  # locust exits 1 on any failure; the failures are read from its CSV
    )
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as stats:
        rows = list(csv.DictReader(stats))
    requests = [figures(row) for row in rows if row["Name"] != "Aggregated"]
    (total,) = [figures(row) for row in rows if row["Name"] == "Aggregated"]
    return {
        "name": title,
        "user_class": user_class,
        "load_average_before": round(load_before, 2),
        "requests": requests,
        "total": total,
    }


def figures(row: dict) -> dict:
    return {
        "name": row["Name"],
        "method": row["Type"],
        "requests": int(row["Request Count"]),
        "rps": round(float(row["Requests/s"]), 1),
        "median_ms": number(row["50%"]),
        "p95_ms": number(row["95%"]),
        "p99_ms": number(row["99%"]),
        "errors": int(row["Failure Count"]),
    }


def number(value: str):
    return None if value in ("", "N/A") else round(float(value), 1)


def machine() -> dict:
    import django
    import redis
    import wagtail
    from django.core.cache import cache
    from django.db import connection

    cpu = cpu_model()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (postgres,) = cursor.fetchone()
    client = redis.Redis.from_url(os.environ["REDIS_URL"])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": platform.platform(),
        "python": platform.python_version(),
        "django": django.__version__,
        "wagtail": wagtail.__version__,
        # Read from the metadata: importing locust here would patch this process (gevent).
        "gunicorn": importlib.metadata.version("gunicorn"),
        "locust": importlib.metadata.version("locust"),
        "postgresql": postgres.split()[0],
        "redis": client.info("server")["redis_version"],
        "cache": type(cache).__name__,
    }


def markdown(report: dict) -> str:
    setup, host = report["setup"], report["machine"]
    lines = [
        "# Load test",
        "",
        f"`make loadtest`, {report['date']}: the example site with the {setup['data']} data "
        f"of `benchmarks.data` on PostgreSQL {host['postgresql']} and Redis {host['redis']}, "
        f"under gunicorn with {setup['workers']} workers of {setup['threads_per_worker']} "
        f"threads on 127.0.0.1, driven by locust {host['locust']} (headless, in the same "
        f"machine) with {setup['users']} users for {setup['seconds_per_request']} s per "
        "request, each user sending its next request as soon as the last is answered.",
        "",
        f"Machine: {host['cpu']}, {host['cores']} cores, {host['system']}; Python "
        f"{host['python']}, Django {host['django']}, Wagtail {host['wagtail']}, gunicorn "
        f"{host['gunicorn']}. The load average before each run is in the table: the "
        "machine may be shared, and locust shares its cores with the workers: a load above "
        "the number of cores means other work competed for them, and the figures are then "
        "below what the workers can do alone.",
        "",
        "The settings are the production settings (`benchmarks/loadtest_settings.py` lists "
        "what differs): the forms' rate limit is set to 1,000,000 an hour, so every POST is "
        "still counted in Redis but none is refused, and what is measured is registering, "
        "not 429s; the minimum time to fill a form is 0; e-mails are dropped.",
        "",
        "| request | path | requests | req/s | median ms | p95 ms | p99 ms | errors | load |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    paths = {
        "event index": report["paths"]["event_index"],
        "case page": report["paths"]["case_page"],
        "events API": report["paths"]["events_api"],
        "registration form (GET)": report["paths"]["registration"],
        "registration (POST)": report["paths"]["registration"],
    }
    for scenario in report["scenarios"]:
        for row in scenario["requests"]:
            lines.append(
                f"| {row['name']} | `{paths.get(row['name'], '')}` | {row['requests']:,} | "
                f"{row['rps']} | {row['median_ms']} | {row['p95_ms']} | {row['p99_ms']} | "
                f"{row['errors']} | {scenario['load_average_before']} |"
            )
        if len(scenario["requests"]) > 1:
            total = scenario["total"]
            lines.append(
                f"| {scenario['name']}, both | | {total['requests']:,} | {total['rps']} | "
                f"{total['median_ms']} | {total['p95_ms']} | {total['p99_ms']} | "
                f"{total['errors']} | |"
            )
    lines += [
        "",
        f"Errors in all: {report['errors']} (a failed request, a 4xx or 5xx, or a POST "
        "answered otherwise than by the redirect to its confirmation).",
        "",
        "locust's percentiles are rounded (to 2 significant digits above 100 ms). The "
        "figures per request alone, in one process and through Django's test client, are "
        "in [performance.md](performance.md).",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
