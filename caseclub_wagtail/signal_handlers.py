"""Keep the stored event occurrences in step with the published pages."""

from wagtail.signals import page_published, page_unpublished


def rebuild_on_publish(sender, instance, **kwargs):
    from caseclub_wagtail.occurrences import rebuild_occurrences

    rebuild_occurrences(instance)


def remove_on_unpublish(sender, instance, **kwargs):
    from caseclub_wagtail.occurrences import remove_occurrences

    remove_occurrences(instance)


def register_signal_handlers():
    from caseclub_wagtail.models import EventPage

    page_published.connect(rebuild_on_publish, sender=EventPage)
    page_unpublished.connect(remove_on_unpublish, sender=EventPage)
    # No handler for moves: stored occurrences hold no URL or tree position, and listings
    # and feeds find them through the event's path, so a moved event needs nothing rebuilt.
