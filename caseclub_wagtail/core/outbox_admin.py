"""The coordinators' view of the outbox: what was sent, what failed and why, and resending."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages

from caseclub_wagtail.core import outbox
from caseclub_wagtail.core.inboxes import InboxActionMixin, InboxFilter, InboxModelAdmin
from caseclub_wagtail.core.outbox_models import EmailStatus, OutgoingEmail

RESEND = "resend"


class EmailStatusFilter(InboxFilter):
    title = capfirst(gettext_lazy("status"))
    parameter_name = "status"
    field_name = "status"

    def lookups(self, request, model_admin):
        return EmailStatus.choices

    def clean(self, value):
        return EmailStatus(value)


class ResendView(InboxActionMixin, View):
    """Sends one e-mail of the outbox again (a row's «resend» button)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            pk = OutgoingEmail._meta.pk.to_python(request.POST.get(RESEND, ""))
        except ValidationError as error:
            raise Http404 from error
        email = get_object_or_404(OutgoingEmail, pk=pk)
        if email.status == EmailStatus.SENT:
            messages.info(request, _("%(email)s was sent already.") % {"email": email})
        elif outbox.resend(email):
            messages.success(request, _("%(email)s is sent.") % {"email": email})
        else:
            email.refresh_from_db()
            messages.error(
                request,
                _("%(email)s failed again: %(error)s")
                % {"email": email, "error": email.last_error},
            )
        return redirect(self.get_index_url())


class OutboxAdmin(InboxModelAdmin):
    """The package's outgoing e-mails, for the coordinators."""

    model = OutgoingEmail
    menu_label = gettext_lazy("Outgoing e-mails")
    menu_icon = "mail"
    menu_order = 400
    list_display = ("subject", "recipient", "status", "attempts", "error", "created_at")
    list_filter = (EmailStatusFilter,)
    search_fields = ("recipient", "subject")
    inspect_view_fields = (
        "recipient",
        "subject",
        "body",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
    )
    actions_view_class = ResendView

    def error(self, obj):
        """The last error, short: the whole of it is in the inspect view."""
        return Truncator(obj.last_error).chars(80)

    error.short_description = gettext_lazy("last error")

    def row_buttons(self, obj):
        return [] if obj.status == EmailStatus.SENT else [(RESEND, _("Resend"))]
