"""The API's shapes that every feature shares: topics and image renditions."""

from typing import Any

from django.db.models import prefetch_related_objects
from ninja import Schema
from pydantic import field_validator
from pydantic_core import PydanticUseDefault
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import expand_db_html

from caseclub_wagtail.core.absolute_urls import absolute_url
from caseclub_wagtail.core.safe_urls import safe_url

# Images in a StreamField are given at this size.
BODY_IMAGE_FILTER = "max-1200x1200"


class QueryFilters(Schema):
    """Filters read from a query string: an empty value is no filter, a NUL is refused.

    A front end's form sends ``?status=`` for "any status"; PostgreSQL refuses a NUL
    character in any text it is asked to compare, so it never reaches a query.
    """

    @field_validator("*", mode="before")
    @classmethod
    def empty_is_absent(cls, value):
        if value == "":
            raise PydanticUseDefault()
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("a NUL character")
        return value


class TopicOut(Schema):
    """A topic as a tag: its ``slug`` (the value of the ``topic`` filters) and its name."""

    slug: str
    name: str


class RenditionOut(Schema):
    """An image at a fixed size: its absolute ``url``, its size and its alternative text."""

    url: str
    width: int
    height: int
    alt: str


def topic_out(topic) -> TopicOut:
    """``topic`` as a tag."""
    return TopicOut(slug=topic.slug, name=topic.name)


def rendition_out(image, filter_spec: str, request, alt: str | None = None) -> RenditionOut | None:
    """``image`` at ``filter_spec`` with an absolute URL; none without an image or its file."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(filter_spec)
    except SourceImageIOError:  # the file is gone: show no photo rather than fail
        return None
    return RenditionOut(
        url=absolute_url(rendition.url, request),
        width=rendition.width,
        height=rendition.height,
        alt=rendition.alt if alt is None else alt,
    )


def web_url(value) -> str:
    """A stored link for the API: an http or https URL, else "".

    ``safe_url`` also passes ``mailto:``, which is an e-mail address, and the API
    publishes no contact details.
    """
    url = safe_url(value)
    return "" if url.lower().startswith("mailto:") else url


def rich_text_html(value) -> str:
    """A rich text field's HTML as a page shows it: internal links and images resolved."""
    return expand_db_html(value) if value else ""


class StreamBlockOut(Schema):
    """One block of a StreamField: its ``type``, its ``id`` and its ``value``."""

    type: str
    id: str | None = None
    value: Any = None


def block_value(block, value, request) -> Any:
    """The API value of one block: HTML for rich text, renditions for images, URLs for files."""
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_html(value.source if value else "")
    if isinstance(block, ImageChooserBlock):
        return rendition_out(value, BODY_IMAGE_FILTER, request)
    if isinstance(block, DocumentChooserBlock):
        if value is None:
            return None
        return {"id": value.pk, "title": value.title, "url": absolute_url(value.url, request)}
    if isinstance(block, EmbedBlock):
        return {"url": value.url} if value else None
    if isinstance(block, blocks.StructBlock):
        return {
            name: block_value(block.child_blocks[name], child, request)
            for name, child in value.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [block_value(block.child_block, item, request) for item in value]
    if isinstance(block, blocks.StreamBlock):
        return stream_blocks(value, request)
    return block.get_api_representation(value)


def stream_blocks(stream, request) -> list[StreamBlockOut]:
    """A StreamField's value as a list of ``{type, id, value}``, in the editor's order."""
    if not stream:
        return []
    # The stream loads its images in one query; their renditions come in one more.
    images = [child.value for child in stream if isinstance(child.block, ImageChooserBlock)]
    prefetch_related_objects([image for image in images if image is not None], "renditions")
    return [
        StreamBlockOut(
            type=child.block_type,
            id=child.id,
            value=block_value(child.block, child.value, request),
        )
        for child in stream
    ]
