"""The blocks of an event's body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class EventBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("paragraph"))
    heading = blocks.CharBlock(label=_("heading"), form_classname="title")
    image = ImageChooserBlock(label=_("image"))
    document = DocumentChooserBlock(label=_("document"))
    embed = EmbedBlock(label=_("embed"))
    quote = blocks.BlockQuoteBlock(label=_("quote"))


# The columns of an event that decide its stored occurrences, and whether it has any.
