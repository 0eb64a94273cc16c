"""`make bench`: every listing, page, feed, API listing and editor screen, at Small and Large.

In one process, through Django's test client: a database of its own is migrated, the
Small data set is built and measured, the database is emptied, the Large one is built and
measured. Each request is sent once to warm up, once to count its queries, then ``ROUNDS``
times to take the median and the 95th percentile. The figures, as milliseconds and as a
ratio to the request's baseline, are printed with the targets met or missed, and written
to docs/performance.md and docs/performance.json.

    DJANGO_SETTINGS_MODULE=benchmarks.settings python -m benchmarks.run

DATABASE_URL=postgres://... measures on PostgreSQL (in a database ``<name>_bench``).
"""

import dataclasses
import json
import os
import platform
import statistics
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

import wagtail  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from benchmarks.data import Built, build  # noqa: E402
from benchmarks.machine import cpu_model  # noqa: E402
from caseclub_wagtail.core.api import MAX_LIMIT  # noqa: E402
from caseclub_wagtail.models import Member  # noqa: E402

ROUNDS = 15
# A request slower than this many milliseconds per round is timed fewer times (at least
# MIN_ROUNDS), so that the slow editor screens keep the whole run within ten minutes.
ROUND_BUDGET_MS = 2500
MIN_ROUNDS = 3
DOCS = Path(__file__).resolve().parent.parent / "docs"

# The baselines, each measured in the same run: a plain Django view, a plain Wagtail page
# and Wagtail's own API.
TRIVIAL, HOME, WAGTAIL_API = "trivial Django view", "home page", "/api/v2/pages/?limit=20"
# What each kind of request must stay within, as a multiple of its baseline's median.
LIMITS = {"page": 2.0, "cached feed": 2.0, "api": 1.5}
MAX_GROWTH = 1.3  # the median at Large, as a multiple of the median at Small
ICAL_MEMORY_MB = 150


@dataclasses.dataclass(frozen=True)
class Request:
    """One request timed: its URL (formatted with ``paths()``), baseline and kind."""

    name: str
    url: str
    baseline: str
    kind: str  # "baseline", "page", "feed" (built each time), "cached feed", "api", "editor"
    admin: bool = False


API = "/api/caseclub/"
REQUESTS = [
    Request(TRIVIAL, "/bench/trivial/", TRIVIAL, "baseline"),
    Request(HOME, "{home}", TRIVIAL, "baseline"),
    Request(WAGTAIL_API, "/api/v2/pages/?limit=20", TRIVIAL, "baseline"),
    Request("event index", "{events}", HOME, "page"),
    Request("past/", "{events}past/", HOME, "page"),
    Request("month grid", "{events}calendar/{month}/", HOME, "page"),
    Request("event page", "{event}", HOME, "page"),
    Request("registration form", "{event}register/", HOME, "page"),
    Request("ical/ (cold)", "{events}ical/", HOME, "feed"),
    Request("ical/ (cached)", "{events}ical/", HOME, "cached feed"),
    Request("case library", "{cases}", HOME, "page"),
    Request("library filtered and searched", "{cases}?q=кровля&result=achieved", HOME, "page"),
    Request("library searched «кровля»", "{cases}?q=кровля", HOME, "page"),
    Request("case page", "{case}", HOME, "page"),
    Request("rss/ (cold)", "{cases}rss/", HOME, "feed"),
    Request("rss/ (cached)", "{cases}rss/", HOME, "cached feed"),
    Request("member directory", "{members}", HOME, "page"),
    Request("member profile", "{profile}", HOME, "page"),
    Request("API events/", f"{API}events/", WAGTAIL_API, "api"),
    Request("API events/ at the maximum", f"{API}events/?limit={MAX_LIMIT}", WAGTAIL_API, "api"),
    Request("API occurrences/", f"{API}occurrences/", WAGTAIL_API, "api"),
    Request(
        "API occurrences/ at the maximum",
        f"{API}occurrences/?limit={MAX_LIMIT}",
        WAGTAIL_API,
        "api",
    ),
    Request("API cases/", f"{API}cases/", WAGTAIL_API, "api"),
    Request("API cases/ at the maximum", f"{API}cases/?limit={MAX_LIMIT}", WAGTAIL_API, "api"),
    Request("API cases/ searched «кровля»", f"{API}cases/?search=кровля", WAGTAIL_API, "api"),
    Request("API members/", f"{API}members/", WAGTAIL_API, "api"),
    Request("API members/ at the maximum", f"{API}members/?limit={MAX_LIMIT}", WAGTAIL_API, "api"),
    Request("API topics/", f"{API}topics/", WAGTAIL_API, "api"),
    Request("API topics/ at the maximum", f"{API}topics/?limit={MAX_LIMIT}", WAGTAIL_API, "api"),
    Request("admin: members' registry", "{registry}", TRIVIAL, "editor", admin=True),
    Request("admin: event edit view", "/admin/pages/{event_id}/edit/", TRIVIAL, "editor", True),
    Request("admin: case edit view", "/admin/pages/{case_id}/edit/", TRIVIAL, "editor", True),
    Request("admin: registrations inbox", "{inbox}", TRIVIAL, "editor", admin=True),
]


def paths(built: Built) -> dict[str, str]:
    """The addresses the requests' URLs are made of, for one data set."""
    return {
        "home": built.home.url,
        "events": built.event_index.url,
        "month": f"{built.month:%Y/%m}",
        "event": built.event.url,
        "event_id": str(built.event.pk),
        "cases": built.library.url,
        "case": built.case.url,
        "case_id": str(built.case.pk),
        "members": built.directory.url,
        "profile": built.directory.profile_url(built.member),
        "registry": reverse(Member.snippet_viewset.get_url_name("list")),
        "inbox": reverse("caseclub_wagtail_eventregistration_modeladmin_index"),
    }


@dataclasses.dataclass
class Figure:
    median_ms: float
    p95_ms: float
    queries: int


def clear_caches():
    for alias in settings.CACHES:
        caches[alias].clear()


def measure(client: Client, url: str, cold: bool) -> Figure:
    """Warm up, count the queries of one request, then time up to ``ROUNDS`` of them."""
    started = time.perf_counter()
    response = client.get(url)
    warm_up_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    if cold:
        clear_caches()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Counted now: the next request empties the connection's log of queries.
    count = len(queries)
    rounds = max(MIN_ROUNDS, min(ROUNDS, int(ROUND_BUDGET_MS / warm_up_ms)))
    times = []
    for _ in range(rounds):
        if cold:
            clear_caches()
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    p95 = statistics.quantiles(times, n=20, method="inclusive")[-1]
    return Figure(statistics.median(times), p95, count)


def measure_all(built: Built) -> dict[str, Figure]:
    anonymous, admin = Client(), Client()
    admin.force_login(built.admin)
    urls = paths(built)
    figures = {}
    for request in REQUESTS:
        url = request.url.format(**urls)
        client = admin if request.admin else anonymous
        figures[request.name] = measure(client, url, cold=request.kind == "feed")
        figure = figures[request.name]
        print(
            f"  {built.size:<5} {request.name:<36} {figure.median_ms:8.1f} ms"
            f"  p95 {figure.p95_ms:8.1f}  {figure.queries:3d} queries",
            flush=True,
        )
    return figures


def ical_peak_memory_mb(built: Built) -> tuple[float, int]:
    """The peak memory (MB) of building the index's feed of every stored occurrence."""
    from caseclub_wagtail.models import EventOccurrence

    client = Client()
    url = f"{built.event_index.url}ical/?past=3650"
    client.get(url)  # imports and first-request work are not the feed's
    clear_caches()
    tracemalloc.start()
    response = client.get(url)
    content = b"".join(response) if response.streaming else response.content
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert response.status_code == 200 and content
    return peak / 2**20, EventOccurrence.objects.count()


# Targets


def targets(request: Request, small: Figure, large: Figure, baselines: dict) -> list:
    """``(description, met)`` of every target of ``request``."""
    found = [
        ("queries fixed", large.queries == small.queries),
        (f"Large ≤ {MAX_GROWTH} × Small", large.median_ms <= MAX_GROWTH * small.median_ms),
    ]
    limit = LIMITS.get(request.kind)
    if limit is not None:
        found.append(
            (
                f"≤ {limit:g} × {request.baseline}",
                large.median_ms <= limit * baselines[request.baseline].median_ms,
            )
        )
    return found


def machine() -> str:
    cpu = cpu_model()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("show server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}, {database}"
    )


def report(small: dict, large: dict, memory_mb: float, occurrences: int, description: str):
    rows = []
    for request in REQUESTS:
        found = targets(request, small[request.name], large[request.name], large)
        baseline = large[request.baseline].median_ms
        rows.append(
            {
                "name": request.name,
                "small_ms": round(small[request.name].median_ms, 1),
                "large_ms": round(large[request.name].median_ms, 1),
                "p95_ms": round(large[request.name].p95_ms, 1),
                "queries_small": small[request.name].queries,
                "queries_large": large[request.name].queries,
                "baseline": request.baseline,
                "ratio": round(large[request.name].median_ms / baseline, 2),
                "target": "; ".join(text for text, _met in found),
                "met": all(met for _text, met in found),
                "missed": [text for text, met in found if not met],
            }
        )
    memory_row = {
        "name": f"ical/ of {occurrences:,} occurrences: peak memory {memory_mb:.1f} MB",
        "small_ms": None,
        "large_ms": None,
        "p95_ms": None,
        "queries_small": None,
        "queries_large": None,
        "baseline": None,
        "ratio": None,
        "target": f"< {ICAL_MEMORY_MB} MB",
        "met": memory_mb < ICAL_MEMORY_MB,
        "missed": [] if memory_mb < ICAL_MEMORY_MB else [f"< {ICAL_MEMORY_MB} MB"],
    }
    rows.append(memory_row)
    print_table(rows, description)
    write_docs(rows, description)
    return rows


def print_table(rows, description):
    print(f"\n{description}\n")
    print(
        f"{'request':<40} {'small':>9} {'large':>9} {'p95':>9} {'queries':>9}"
        f" {'ratio':>6}  targets"
    )
    for row in rows:
        if row["large_ms"] is None:
            print(f"{row['name']:<40} {'met' if row['met'] else 'MISSED'}: {row['target']}")
            continue
        verdict = "met" if row["met"] else "MISSED " + "; ".join(row["missed"])
        queries = f"{row['queries_small']}/{row['queries_large']}"
        print(
            f"{row['name']:<40} {row['small_ms']:7.1f}ms {row['large_ms']:7.1f}ms"
            f" {row['p95_ms']:7.1f}ms {queries:>9} {row['ratio']:6.2f}  {verdict}"
        )


def write_docs(rows, description):
    (DOCS / "performance.json").write_text(
        json.dumps(
            [{key: value for key, value in row.items() if key != "missed"} for row in rows],
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    path = DOCS / "performance.md"
    text = path.read_text() if path.exists() else ""
    # The notes below the figures are written by hand and kept from run to run.
    notes = text.split(NOTES_MARK, 1)[1] if NOTES_MARK in text else DEFAULT_NOTES
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (benchmarks/run.py); the same figures are in",
        f"[performance.json](performance.json). Medians of {ROUNDS} requests (at least",
        f"{MIN_ROUNDS} for the slowest) through Django's test client, after a warm-up; p95 at",
        "Large.",
        "",
        f"Machine: {description}.",
        "",
        "Small: 50 events, 50 cases, 100 members, 100 registrations. Large: 2,000 events of",
        "which a quarter repeat (10,000 stored occurrences), 2,000 cases with timelines and",
        "appeals, 5,000 members, 20,000 registrations (benchmarks/data.py).",
        "",
        "| request | Small ms | Large ms | p95 ms | queries S/L | ratio | baseline | met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        if row["large_ms"] is None:
            lines.append(
                f"| {row['name']} | | | | | | | "
                f"{'yes' if row['met'] else 'no'} ({row['target']}) |"
            )
            continue
        verdict = "yes" if row["met"] else "no: " + "; ".join(row["missed"])
        lines.append(
            f"| {row['name']} | {row['small_ms']:.1f} | {row['large_ms']:.1f} |"
            f" {row['p95_ms']:.1f} | {row['queries_small']}/{row['queries_large']} |"
            f" {row['ratio']:.2f} | {row['baseline']} | {verdict} |"
        )
    lines += [
        "",
        "Targets: the same number of queries at both sizes; the median at Large at most",
        f"{MAX_GROWTH} times the one at Small; every public page and cached feed at most 2",
        "times the home page; every API listing at most 1.5 times Wagtail's",
        f"`/api/v2/pages/?limit=20`; the feed of every occurrence under {ICAL_MEMORY_MB} MB.",
        "The ratio is the median at Large over the baseline's median at Large.",
        "",
        NOTES_MARK,
    ]
    path.write_text("\n".join(lines) + notes)


NOTES_MARK = "<!-- The notes below are kept when the benchmark rewrites the table. -->"
DEFAULT_NOTES = "\n\n## Missed targets\n\n(none noted yet)\n"


def main():
    setup_test_environment()
    started = time.perf_counter()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        description = machine()
        print(description, flush=True)
        figures = {}
        for size in ("small", "large"):
            if figures:
                call_command("flush", interactive=False, verbosity=0)
                ContentType.objects.clear_cache()
            clear_caches()
            built_at = time.perf_counter()
            built = build(size)
            print(f"Built {size} in {time.perf_counter() - built_at:.1f} s", flush=True)
            figures[size] = measure_all(built)
        memory_mb, occurrences = ical_peak_memory_mb(built)
        report(figures["small"], figures["large"], memory_mb, occurrences, description)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"\nmake bench took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
