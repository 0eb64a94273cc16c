"""How a public form page answers: the form, its errors, and the page after sending.

``serve_form`` is the one view of every form page (appeals, applications, proposals):
a feature's ``urls`` names it with its own form class, the service that saves a valid
submission, and the model saved. The page after sending is reached through a signed,
short-lived number, never an address: nobody is shown another person's submission, and
none of these pages is cached or indexed.
"""

from urllib.parse import urlencode

from django.core import signing
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers

DONE_SECONDS = 24 * 3600


def private(response, status=200):
    """A page about one person's submission: never cached, indexed or sent to another site."""
    response.status_code = status
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    # Not "no-referrer": a browser then sends its form's POST with "Origin: null", which
    # Django's CSRF check refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


def done_signer(model) -> signing.TimestampSigner:
    """The signer of the numbers on the pages after sending, one salt per model."""
    return signing.TimestampSigner(salt=f"caseclub_wagtail.form_done.{model._meta.label_lower}")


def serve_form(page, request, *, form_class, submit, model, template=None):
    """The form page: show the form, save a valid POST with ``submit``, then say thank you.

    ``form_class(data, files, request=request, page=page)`` checks the fields and the
    protections; ``submit(form, page=page, request=request)`` saves and returns the record.
    The template is given ``form``, and after sending ``done`` (the record), or ``invalid``.
    """
    template = template or page.get_template(request)
    if "done" in request.GET:
        return done_page(page, request, model, template, request.GET["done"])
    if request.method != "POST":
        form = form_class(request=request, page=page)
        return render(page, request, template, {"form": form})
    form = form_class(request.POST, request.FILES, request=request, page=page)
    if form.rate_limited:
        return render(page, request, template, {"form": form, "rate_limited": True}, 429)
    if not form.is_valid():
        context = {"form": form, "files_dropped": bool(request.FILES)}
        return render(page, request, template, context, 400)
    record = submit(form, page=page, request=request)
    done = done_signer(model).sign(str(record.pk))
    # 303: the browser asks for the thank-you page with a GET, and a reload resends nothing.
    return HttpResponseRedirect(request.path + "?" + urlencode({"done": done}), status=303)


def done_page(page, request, model, template, value: str):
    """The page after sending, for the record the signed number names; a 404 when forged."""
    try:
        pk = done_signer(model).unsign(value, max_age=DONE_SECONDS)
    except signing.BadSignature:
        pk = None
    record = model.objects.filter(pk=pk, page=page).first() if pk and pk.isdigit() else None
    if record is None:
        return render(page, request, template, {"invalid": True}, 404)
    return render(page, request, template, {"done": record})


def render(page, request, template, context, status=200):
    """The page's template with ``context``, as a private response with ``status``."""
    response = page.render(request, template=template, context_overrides=context)
    return private(response, status)
