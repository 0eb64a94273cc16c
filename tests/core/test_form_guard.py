"""The protections of every public form: honeypot, timing token, consent and rate limit."""

import datetime

import pytest
from django import forms
from django.core import signing
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.utils import translation
from wagtail.models import Site

from caseclub_wagtail.core import form_guard
from caseclub_wagtail.models import FormSettings
from tests.support.translation import in_russian

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
SECONDS = datetime.timedelta(seconds=1)
SITE_CONSENT = "Я согласен на обработку персональных данных Кейс-клубом."


class QuestionForm(form_guard.ProtectedForm):
    """A public form as the package's forms are built on ProtectedForm."""

    name = forms.CharField(label="name")


def question_view(request):
    """A view as every public form's view answers a POST."""
    form = QuestionForm(request.POST, request=request)
    if form.rate_limited:
        return form_guard.rate_limited_response(request)
    return form


def post(data, address="192.0.2.1"):
    return RequestFactory().post("/question/", data, REMOTE_ADDR=address)


def submission(**changes):
    data = {"name": "Анна", "consent": "on", "fax": "", "form_started": form_guard.timing_token()}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def errors(form) -> list[str]:
    with translation.override("ru"):
        return form.non_field_errors()


def test_a_person_who_takes_their_time_is_accepted(clock):
    data = submission()
    clock.shift(20 * SECONDS)

    form = QuestionForm(data, request=post(data))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Анна"


def test_a_filled_in_honeypot_refuses_the_form_and_is_emptied_for_the_next_try(clock):
    data = submission(fax="+7 8442 00-00-00")
    clock.shift(20 * SECONDS)

    form = QuestionForm(data, request=post(data))

    assert not form.is_valid()
    assert errors(form) == [in_russian(form_guard.HONEYPOT_REFUSED)]
    assert form["fax"].value() == ""
    assert form["name"].value() == "Анна"


def test_a_form_sent_too_quickly_is_refused_and_goes_through_when_sent_again(clock):
    data = submission()
    clock.shift(1 * SECONDS)

    form = QuestionForm(data, request=post(data))

    assert not form.is_valid()
    assert errors(form) == [in_russian(form_guard.TOO_FAST)]
    clock.shift(5 * SECONDS)
    resent = {**data, "form_started": form["form_started"].value()}
    assert QuestionForm(resent, request=post(resent)).is_valid()


@pytest.mark.parametrize("token", ["", "forged", None])
def test_a_missing_or_forged_token_is_refused_with_a_fresh_one(clock, token):
    forged = signing.TimestampSigner(salt="another").sign("form_started")
    data = submission(form_started=forged if token == "forged" else token)
    clock.shift(20 * SECONDS)

    form = QuestionForm(data, request=post(data))

    assert not form.is_valid()
    assert errors(form) == [in_russian(form_guard.BAD_TOKEN)]
    clock.shift(5 * SECONDS)
    resent = {**data, "form_started": form["form_started"].value()}
    assert QuestionForm(resent, request=post(resent)).is_valid()


def test_a_form_opened_more_than_a_day_ago_is_refused(clock):
    data = submission()
    clock.shift(datetime.timedelta(hours=25))

    form = QuestionForm(data, request=post(data))

    assert not form.is_valid()
    assert errors(form) == [in_russian(form_guard.TOO_OLD)]


@override_settings(CASECLUB_WAGTAIL={"FORM_MIN_SECONDS": 0})
def test_no_minimum_time_when_the_host_sets_none():
    data = submission()

    assert QuestionForm(data, request=post(data)).is_valid()


def test_a_form_without_consent_says_so_beside_the_box(clock):
    data = submission(consent=None)
    clock.shift(20 * SECONDS)

    with translation.override("ru"):
        form = QuestionForm(data, request=post(data))
        assert not form.is_valid()
        assert form.errors["consent"] == [in_russian(form_guard.NO_CONSENT)]
    assert form.non_field_errors() == []


def test_the_consent_box_reads_the_sites_text():
    site = Site.objects.get(is_default_site=True)
    FormSettings.objects.create(site=site, consent_text=SITE_CONSENT)

    assert QuestionForm(request=post({})).fields["consent"].label == SITE_CONSENT
    assert form_guard.consent_text(site) == SITE_CONSENT


def test_without_a_sites_text_the_consent_box_reads_the_packages_own():
    with translation.override("ru"):
        label = QuestionForm(request=RequestFactory().get("/question/")).fields["consent"].label

    assert label == in_russian(form_guard.DEFAULT_CONSENT)
    assert "152-ФЗ" in label


def test_a_request_no_site_answers_still_reads_the_packages_consent():
    Site.objects.all().delete()

    with translation.override("ru"):
        assert form_guard.consent_text(post({})) == in_russian(form_guard.DEFAULT_CONSENT)


def test_the_partial_hides_the_honeypot_and_carries_a_valid_token():
    form = QuestionForm(request=RequestFactory().get("/question/"))
    html = Template('{% include "caseclub_wagtail/includes/form_protection.html" %}').render(
        Context({"form": form})
    )

    assert '<div class="caseclub-honeypot" aria-hidden="true">' in html
    assert 'name="fax"' in html
    assert 'tabindex="-1"' in html
    assert 'autocomplete="off"' in html
    token = form["form_started"].value()
    assert f'<input type="hidden" name="form_started" value="{token}"' in html
    assert form_guard.timing_error(token) == form_guard.TOO_FAST  # valid, just opened


def test_the_api_learns_every_protection_a_submission_fails(clock):
    good = {"consent": True, "fax": "", "form_started": form_guard.timing_token()}
    clock.shift(20 * SECONDS)
    request = post({})

    assert form_guard.check_protection(good, request) == {}
    with translation.override("ru"):
        problems = form_guard.check_protection(
            {"consent": False, "fax": "bot", "form_started": "forged"}, request
        )
    assert problems == {
        "fax": in_russian(form_guard.HONEYPOT_REFUSED),
        "form_started": in_russian(form_guard.BAD_TOKEN),
        "consent": in_russian(form_guard.NO_CONSENT),
    }
    assert form_guard.check_protection({**good, "consent": "false"}, request).keys() == {"consent"}
    assert form_guard.check_protection({}, request).keys() == {"form_started", "consent"}


@override_settings(CASECLUB_WAGTAIL={"FORM_RATE_LIMIT": "3/h"})
def test_an_address_over_the_limit_is_answered_429():
    data = submission()

    answers = [question_view(post(data)) for _ in range(4)]

    assert all(isinstance(answer, QuestionForm) for answer in answers[:3])
    assert answers[3].status_code == 429
    with translation.override("ru"):
        page = form_guard.rate_limited_response(post(data)).content.decode()
    assert in_russian(form_guard.RATE_LIMITED) in page


@override_settings(CASECLUB_WAGTAIL={"FORM_RATE_LIMIT": "3/h"})
def test_the_limit_counts_each_address_on_its_own_and_only_posts():
    for _ in range(3):
        assert not form_guard.is_rate_limited(post({}, address="192.0.2.1"))
        QuestionForm(request=RequestFactory().get("/question/"))  # showing the form counts nothing

    assert form_guard.is_rate_limited(post({}, address="192.0.2.1"))
    assert not form_guard.is_rate_limited(post({}, address="198.51.100.7"))


@override_settings(CASECLUB_WAGTAIL={"FORM_RATE_LIMIT": "3/h"})
def test_requests_without_an_address_are_counted_together_instead_of_failing():
    def anonymous():
        request = post({})
        del request.META["REMOTE_ADDR"]
        return request

    assert not any(form_guard.is_rate_limited(anonymous()) for _ in range(3))
    assert form_guard.is_rate_limited(anonymous())


@override_settings(CASECLUB_WAGTAIL={"FORM_RATE_LIMIT": "3/h"})
def test_a_form_over_the_limit_is_not_valid_even_if_its_view_forgets_to_check(clock):
    data = submission()
    clock.shift(20 * SECONDS)
    for _ in range(3):
        QuestionForm(data, request=post(data))

    form = QuestionForm(data, request=post(data))

    assert form.rate_limited
    assert not form.is_valid()
    assert errors(form) == [in_russian(form_guard.RATE_LIMITED)]


@override_settings(CASECLUB_WAGTAIL={"FORM_RATE_LIMIT": None})
def test_no_limit_when_the_host_sets_none():
    assert not any(form_guard.is_rate_limited(post({})) for _ in range(50))


def test_the_default_limit_is_ten_an_hour():
    assert [form_guard.is_rate_limited(post({})) for _ in range(11)] == [False] * 10 + [True]


def test_the_consent_box_comes_after_the_forms_own_fields():
    form = QuestionForm(request=RequestFactory().get("/question/"))

    assert list(form.fields) == ["name", "consent", "fax", "form_started"]
