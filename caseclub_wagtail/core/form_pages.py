"""The base of the package's public form pages: an introduction, the form, a thank-you text."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from caseclub_wagtail.core.mixins import BaseTemplateMixin
from caseclub_wagtail.core.routes import SubpageRoutesMixin

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]


class PublicFormPage(BaseTemplateMixin, SubpageRoutesMixin, Page):
    """A page with one public form, served at its own URL (its feature's ``urls``).

    Allowed anywhere in the tree, with no pages below it. The submissions it receives
    are personal data: they are never shown on the page, only in the admin's inboxes.
    """

    intro = RichTextField(_("introduction"), blank=True, features=TEXT_FEATURES)
    thank_you = RichTextField(
        _("thank-you text"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("shown after the form is sent; empty: the package's own wording"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thank_you")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = ["intro", "thank_you"]
    subpage_types = []

    class Meta:
        abstract = True
