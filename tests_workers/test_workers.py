"""What the package shares between two gunicorn workers: nothing is in one process's memory.

Each test holds one keep-alive connection on each worker (``server.two_workers``), so it
knows which process answers every request. Each test sends from its own loopback address,
so the per-address rate limit of one test never counts another's submissions.
"""

import re
import time
from urllib.parse import urlencode

from django.conf import settings

from caseclub_wagtail.models import EventPage, EventRegistration


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden inputs of the registration form (CSRF and the signed timing token)."""
    fields = {}
    for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", page):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if name:
            fields[name[1]] = value[1] if value else ""
    return fields


def registration(email: str, **hidden) -> str:
    return urlencode(
        {
            **hidden,
            "name": "Петрова Анна Сергеевна",
            "email": email,
            "phone": "",
            "organization": "",
            "comment": "",
            "consent": "on",
        }
    )


def test_the_two_clients_are_served_by_two_processes(server, site_data):
    a, b = server.two_workers("127.0.0.20")

    assert a.pid != b.pid
    assert a.get(site_data.index.url).status == 200
    assert b.get(site_data.index.url).status == 200


def test_each_worker_serves_the_collected_static_files(server, site_data):
    a, b = server.two_workers("127.0.0.24")
    page = a.get(site_data.index.url).text
    # Hashed by collectstatic's manifest, so a proxy or a browser may keep them for ever.
    stylesheet = re.search(r'href="(/static/caseclub_wagtail/[^"]+\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "the page links no hashed stylesheet of the package"

    for worker in (a, b):
        answer = worker.get(stylesheet[1])
        assert answer.status == 200
        assert answer.headers["Content-Type"].startswith("text/css")
        assert "immutable" in answer.headers["Cache-Control"]


def test_the_rate_limit_counts_the_submissions_sent_to_both_workers(server, site_data):
    # FORM_RATE_LIMIT is 5/h in these settings: the sixth POST from one address is refused.
    assert settings.CASECLUB_WAGTAIL["FORM_RATE_LIMIT"] == "5/h"
    a, b = server.two_workers("127.0.0.21")
    url = site_data.register_url
    # Each worker shows the form (a GET is not counted) and gives its CSRF token.
    csrf = {
        worker.pid: hidden_fields(worker.get(url).text)["csrfmiddlewaretoken"] for worker in (a, b)
    }

    def send(worker):
        # Without the signed timing token each is refused as a form (400), but each counts.
        data = registration("one@example.org", csrfmiddlewaretoken=csrf[worker.pid])
        return worker.post(url, data).status

    statuses = [send(worker) for worker in (a, b, a, b, a)]

    assert statuses == [400] * 5
    # Three went to one worker and two to the other: neither has seen five on its own.
    assert send(b) == 429
    assert send(a) == 429


def test_a_form_shown_by_one_worker_is_accepted_by_the_other(server, site_data):
    a, b = server.two_workers("127.0.0.22")
    form = a.get(site_data.register_url)
    assert form.status == 200
    hidden = hidden_fields(form.text)
    assert {"csrfmiddlewaretoken", "form_started"} <= set(hidden)
    # The CSRF cookie and the signed timing token were made by worker a; b reads them.
    b.cookies = dict(a.cookies)
    time.sleep(settings.CASECLUB_WAGTAIL["FORM_MIN_SECONDS"] + 0.5)

    answer = b.post(site_data.register_url, registration("anna@example.org", **hidden))

    assert answer.status == 302, answer.text[:2000]
    assert EventRegistration.objects.filter(
        event=site_data.event, email="anna@example.org"
    ).exists()
    # The confirmation's signed link, made by b, opens on a.
    done = a.get(answer.headers["Location"].removeprefix("http://127.0.0.1"))
    assert done.status == 200
    assert "Заседание клуба" in done.text


def test_a_feed_built_by_one_worker_is_served_by_the_other_and_purged_for_both(server, site_data):
    a, b = server.two_workers("127.0.0.23")
    url = site_data.feed_url
    event = EventPage.objects.get(pk=site_data.event.pk)

    built = a.get(url)
    assert built.status == 200
    assert "Заседание клуба" in built.text
    # Renamed behind the package's back (no publish, no signal): only a fresh build would
    # show the new name, so b's answer with the old one is a's feed, from the shared cache.
    EventPage.objects.filter(pk=event.pk).update(title="Переименовано без публикации")
    served = b.get(url)
    assert served.status == 200
    assert served.body == built.body

    # Published by an editor (here, in this process): the signal purges Redis for both.
    event = EventPage.objects.get(pk=event.pk)
    event.title = "Заседание клуба перенесено"
    event.save_revision().publish()

    for worker in (a, b):
        fresh = worker.get(url)
        assert fresh.status == 200
        assert "Заседание клуба перенесено" in fresh.text
