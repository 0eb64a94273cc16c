from collections.abc import Callable

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class NumberSequence(models.Model):
    """A named counter that only ever goes up, shared safely by concurrent requests."""

    name = models.CharField(_("name"), max_length=100, primary_key=True)
    last_value = models.PositiveIntegerField(_("last value"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self):
        return f"{self.name}: {self.last_value}"

    @classmethod
    def next_value(cls, name: str, floor: Callable[[], int] = lambda: 0) -> int:
        """Take the next number of sequence ``name``.

        ``floor`` gives the highest number already in use; it is asked only when
        the counter row is missing, so that a lost row never leads to reuse.

        The UPDATE locks the counter row until the caller's transaction ends, so
        two requests creating entries at once wait for each other and get
        different numbers.
        """
        with transaction.atomic():
            updated = cls.objects.filter(name=name).update(last_value=F("last_value") + 1)
            if not updated:
                cls.objects.get_or_create(name=name, defaults={"last_value": floor()})
                cls.objects.filter(name=name).update(last_value=F("last_value") + 1)
            return cls.objects.values_list("last_value", flat=True).get(name=name)
