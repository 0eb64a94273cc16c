"""Counting a page's database queries, and letting PostgreSQL's planner see a test's rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """The number of queries of a second visit to ``url``, and the page's HTML."""
    # A first visit fills the site caches and makes the photos' renditions.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def refresh_planner_statistics():
    """Let PostgreSQL's planner see the rows a test has just added, as autovacuum would.

    A test's rows stay uncommitted, so without this the planner takes every table
    for empty and may choose nested loops that take minutes over a few hundred rows.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
