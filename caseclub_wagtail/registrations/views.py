"""The public registration pages of an event: the form, its confirmation, the person's own page.

Each view is a sub-route of the event page, called as ``view(page, request, *args)`` with
the event page object (see ``events.urls``). The confirmation and the offer to send the
link again carry a signed, short-lived number, never an address: nobody is shown another
person's registration. None of these pages is cached or indexed.
"""

from urllib.parse import urlencode

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from caseclub_wagtail.core.form_views import private
from caseclub_wagtail.registrations import mail, service
from caseclub_wagtail.registrations.choices import ACTIVE_STATUSES
from caseclub_wagtail.registrations.forms import RegistrationForm
from caseclub_wagtail.registrations.models import EventRegistration
from caseclub_wagtail.registrations.seats import (
    INTERNAL,
    Counts,
    event_dates,
    find_date,
    seat_counts,
    seats_left,
)
from caseclub_wagtail.registrations.tokens import registration_from_token

FORM_TEMPLATE = "caseclub_wagtail/registration_form.html"
DONE_TEMPLATE = "caseclub_wagtail/registration_done.html"
MANAGE_TEMPLATE = "caseclub_wagtail/registration_manage.html"
DONE_SALT = "caseclub_wagtail.registration.done"
RESEND_SALT = "caseclub_wagtail.registration.resend"
# How long the confirmation page, and the offer to send the link again, stay valid.
DONE_SECONDS = 24 * 3600
RESEND_SECONDS = 3600


def require_internal(page) -> None:
    if page.registration != INTERNAL:
        raise Http404(_("This event has no registration on the site."))


def register(page, request):
    """The form at ``register/``: a one-off event's, or a series' with a date to choose."""
    require_internal(page)
    item = None
    if not page.repeat:
        dates = event_dates(page)
        if not dates:
            raise Http404(_("The event has no date to register for."))
        item = dates[0]
    return registration_page(page, request, item)


def register_on(page, request, date):
    """The form at ``register/<yyyy-mm-dd>/``: one date of the event."""
    require_internal(page)
    item = find_date(page, date)
    if item is None:
        raise Http404(_("The event has no such date."))
    return registration_page(page, request, item)


def registration_page(page, request, item):
    """Show the form, register on a valid POST and redirect to the confirmation."""
    if "done" in request.GET:
        return confirmation(page, request, request.GET["done"])
    if request.method != "POST":
        form = RegistrationForm(request=request, event=page, item=item)
        return render_form(page, request, form)
    # The bound form counts this POST against the rate limit, once.
    form = RegistrationForm(request.POST, request=request, event=page, item=item)
    if form.rate_limited:
        form = RegistrationForm(request=request, event=page, item=item)
        return render_form(page, request, form, status=429, rate_limited=True)
    if "resend" in request.POST:
        return resend_link(page, request, request.POST["resend"])
    if not form.is_valid():
        return render_form(page, request, form, status=400)
    data = form.cleaned_data
    try:
        registration = service.register(
            page,
            form.chosen_date.date,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            organization=data["organization"],
            comment=data["comment"],
            member=form.member,
            request=request,
        )
    except service.AlreadyRegistered as error:
        form.add_error("email", _("This address is already registered for this date."))
        resend = signing.TimestampSigner(salt=RESEND_SALT).sign(str(error.registration.pk))
        return render_form(page, request, form, status=409, resend=resend)
    done = signing.TimestampSigner(salt=DONE_SALT).sign(str(registration.pk))
    return HttpResponseRedirect(request.path + "?" + urlencode({"done": done}))


def render_form(page, request, form, status=200, **context):
    """The form page; registration closed (no date left open) shows a notice instead."""
    now = timezone.now()
    if form.item is not None:
        is_open = form.item.is_open(now)
    else:
        is_open = any(item.is_open(now) for item in form.dates)
    full = False
    if form.item is not None and page.capacity is not None:
        counts = seat_counts([page.pk], [form.item.date]).get((page.pk, form.item.date))
        full = seats_left(page, counts or Counts()) == 0
    response = page.render(
        request,
        template=FORM_TEMPLATE,
        context_overrides={
            "form": form,
            "item": form.item,
            # The person learns before sending that a full date puts them on its waitlist.
            "full": full,
            "when": form.item and mail.date_text(page, form.item),
            # A POST is shown again with its errors even if registration closed meanwhile.
            "is_open": is_open or form.is_bound,
            "members_only": "registry_number" in form.fields,
            **context,
        },
    )
    return private(response, status)


def signed_registration(page, value: str, salt: str, max_age: int, **filters):
    """The registration of this event a signed number names, or None if forged or expired."""
    try:
        number = signing.TimestampSigner(salt=salt).unsign(value, max_age=max_age)
    except signing.BadSignature:
        return None
    registration = EventRegistration.objects.filter(pk=int(number), event_id=page.pk, **filters)
    registration = registration.first()
    if registration is not None:
        registration.event = page
    return registration


def confirmation(page, request, value: str):
    """The page after registering: confirmed, or on the waitlist with the place."""
    registration = signed_registration(page, value, DONE_SALT, DONE_SECONDS)
    if registration is None:
        response = page.render(
            request, template=DONE_TEMPLATE, context_overrides={"invalid": True}
        )
        return private(response, 404)
    response = page.render(
        request,
        template=DONE_TEMPLATE,
        context_overrides={
            "registration": registration,
            "when": mail.when_text(page, registration),
            "place": service.waitlist_place(registration),
        },
    )
    return private(response)


def resend_link(page, request, value: str):
    """Send the management link again to the address on file; the page never names it."""
    registration = signed_registration(
        page, value, RESEND_SALT, RESEND_SECONDS, status__in=ACTIVE_STATUSES
    )
    if registration is None:
        response = page.render(
            request, template=DONE_TEMPLATE, context_overrides={"invalid": True}
        )
        return private(response, 400)
    mail.link_again(registration, request)
    response = page.render(request, template=DONE_TEMPLATE, context_overrides={"resent": True})
    return private(response)


def manage(page, request, token):
    """A person's own registration: what it is, and a button to cancel it.

    It works whatever the event's registration mode is now: a person may always cancel.
    """
    registration = registration_from_token(token)
    if registration is None or registration.event_id != page.pk:
        response = page.render(
            request, template=MANAGE_TEMPLATE, context_overrides={"invalid": True}
        )
        return private(response, 404)
    registration.event = page
    context = {"registration": registration, "when": mail.when_text(page, registration)}
    status = 200
    if request.method == "POST":
        cancelled = service.cancel(registration, request=request)
        if cancelled is None:
            context["not_cancellable"] = True
            status = 409
        else:
            context["registration"] = cancelled
            context["cancelled"] = True
    context["place"] = service.waitlist_place(context["registration"])
    response = page.render(request, template=MANAGE_TEMPLATE, context_overrides=context)
    return private(response, status)
