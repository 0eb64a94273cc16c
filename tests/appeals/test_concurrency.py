"""Appeals sent at the same moment each get a reference number of their own.

Real threads, each on its own database connection, start together at a barrier. On
PostgreSQL the counter's row lock keeps them apart; on SQLite the IMMEDIATE transactions
of tests/settings.py serialise them, so the same test passes there too.
"""

import threading

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils.datastructures import MultiValueDict

from caseclub_wagtail.appeals import service
from caseclub_wagtail.appeals.forms import AppealForm
from caseclub_wagtail.models import Appeal, AppealFormPage
from tests.factories import appeal_data, make_appeal_page, pdf_upload
from tests.factories.core import ensure_default_site
from tests.support.registration_pages import protection_fields, relax_form_protection

CITIZENS = 8


def sending(page_pk, n):
    """One citizen's appeal, with the page loaded as their own request loads it."""
    page = AppealFormPage.objects.get(pk=page_pk)
    request = RequestFactory().post("/")
    data = {
        **protection_fields(AppealForm(request=request, page=page)),
        **appeal_data(name=f"Житель {n}", email=f"c{n}@example.org"),
    }
    form = AppealForm(
        data, MultiValueDict({"attachments": [pdf_upload()]}), request=request, page=page
    )
    assert form.is_valid(), form.errors

    def task():
        return service.submit_appeal(form, page=page, request=request).number

    return task


def at_once(tasks) -> list:
    """Run each of ``tasks`` in a thread of its own, all starting together."""
    barrier = threading.Barrier(len(tasks), timeout=30)
    results, errors = [], []

    def worker(task):
        try:
            barrier.wait()
            results.append(task())
        except Exception as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(task,)) for task in tasks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting"
    assert errors == []
    return results


@pytest.mark.django_db(transaction=True)
def test_appeals_sent_at_once_get_different_numbers_and_keep_their_files(settings):
    relax_form_protection(settings)
    ensure_default_site()
    page = make_appeal_page()

    numbers = at_once([sending(page.pk, n) for n in range(CITIZENS)])

    assert sorted(numbers) == list(range(1, CITIZENS + 1))
    assert Appeal.objects.count() == CITIZENS
    assert all(appeal.attachments.count() == 1 for appeal in Appeal.objects.all())
