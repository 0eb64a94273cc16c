"""Keep the stored event occurrences in step with the published pages."""

from wagtail.signals import page_published, page_unpublished, post_page_move


def rebuild_on_publish(sender, instance, **kwargs):
    from caseclub_wagtail.occurrences import rebuild_occurrences

    rebuild_occurrences(instance)


def remove_on_unpublish(sender, instance, **kwargs):
    from caseclub_wagtail.occurrences import remove_occurrences

    remove_occurrences(instance)


def rebuild_on_move(sender, instance, **kwargs):
    from caseclub_wagtail.models import EventPage
    from caseclub_wagtail.occurrences import rebuild_occurrences

    event = EventPage.objects.filter(pk=instance.pk, live=True).first()
    if event is not None:
        rebuild_occurrences(event)


def register_signal_handlers():
    from caseclub_wagtail.models import EventPage

    page_published.connect(rebuild_on_publish, sender=EventPage)
    page_unpublished.connect(remove_on_unpublish, sender=EventPage)
    post_page_move.connect(rebuild_on_move)
