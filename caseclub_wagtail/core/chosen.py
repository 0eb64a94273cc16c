"""Many-to-many relations that an editor picks with a chooser, in the order picked.

A ``ChosenManyToManyField`` is stored in an orderable through-model whose ParentalKey
makes it a child relation of the page, which a ``MultipleChooserPanel`` edits (the chooser
pages through and searches thousands of cases or members instead of listing them all).

The field keeps the relation's name for queries (``filter(hosts=...)``,
``prefetch_related``, the reverse name), and its attribute behaves as a
``ParentalManyToManyField`` did: ``page.hosts.all()`` reads the rows in memory (a draft, a
preview, a revision) or else the database, in the editor's order; assigning a list,
``set``, ``add``, ``remove`` and ``clear`` change the rows in memory, saved with the page.
An old revision that stored the field as a list of ids loads through the same assignment.
"""

from django.db import models
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from django.utils.functional import cached_property
from modelcluster.queryset import FakeQuerySet


class ChosenObjects:
    """The chosen objects of one instance: a manager over its child rows."""

    def __init__(self, descriptor, instance):
        self.descriptor = descriptor
        self.instance = instance
        self.model = descriptor.field.related_model

    def _rows(self):
        return getattr(self.instance, self.descriptor.rows_name)

    def _in_memory(self) -> list | None:
        rows = self._rows().all()
        if isinstance(rows, FakeQuerySet):
            return [getattr(row, self.descriptor.target_name) for row in rows]
        return None

    def _live(self):
        """Django's own manager of the relation, which reads the database."""
        return self.descriptor.live_manager_cls(self.instance)

    def get_queryset(self):
        chosen = self._in_memory()
        if chosen is not None:
            return FakeQuerySet(self.model, chosen)
        if self.instance.pk is None:
            return self.model._default_manager.none()
        cached = getattr(self.instance, "_prefetched_objects_cache", {})
        if self.descriptor.field.name in cached:
            return cached[self.descriptor.field.name]
        return self._live().get_queryset().order_by(self.descriptor.order_by, "pk")

    def all(self):
        return self.get_queryset()

    def __getattr__(self, name):
        # As a Django manager does: the queryset's methods (filter, count, exists, ...).
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.get_queryset(), name)

    # Prefetching, for ``prefetch_related`` on the field's name.

    def get_prefetch_querysets(self, instances, querysets=None):
        return self._live().get_prefetch_querysets(instances, querysets)

    def _apply_rel_filters(self, queryset):
        return self._live()._apply_rel_filters(queryset)

    # Changes, kept in memory until the instance is saved.

    def set(self, objs):
        """Choose ``objs`` (objects or their ids), in this order; saved with the instance."""
        target = self.descriptor.target_name
        through = self.descriptor.field.remote_field.through
        attname = through._meta.get_field(target).attname
        kept = {getattr(row, attname): row for row in self._rows().all()}
        rows, seen = [], set()
        for obj in objs:
            pk = obj.pk if isinstance(obj, models.Model) else obj
            if pk in seen:
                continue
            seen.add(pk)
            row = kept.pop(pk, None)
            if row is None:
                given = {target: obj} if isinstance(obj, models.Model) else {attname: pk}
                row = through(**given)
            row.sort_order = len(rows)
            rows.append(row)
        setattr(self.instance, self.descriptor.rows_name, rows)
        getattr(self.instance, "_prefetched_objects_cache", {}).pop(
            self.descriptor.field.name, None
        )

    def add(self, *objs):
        self.set([*self.all(), *objs])

    def remove(self, *objs):
        gone = {obj.pk if isinstance(obj, models.Model) else obj for obj in objs}
        self.set([obj for obj in self.all() if obj.pk not in gone])

    def clear(self):
        self.set([])


class ChosenManyToManyDescriptor(ManyToManyDescriptor):
    """Gives each instance its ``ChosenObjects``; assigning a list chooses it."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        return ChosenObjects(self, instance)

    def __set__(self, instance, value):
        self.__get__(instance).set(value)

    @cached_property
    def live_manager_cls(self):
        return super().related_manager_cls

    @cached_property
    def rows_name(self) -> str:
        """The child relation of the through-model's rows, e.g. ``host_links``."""
        source = self.field.remote_field.through._meta.get_field(self.field.m2m_field_name())
        return source.remote_field.get_accessor_name()

    @cached_property
    def target_name(self) -> str:
        return self.field.m2m_reverse_field_name()

    @cached_property
    def order_by(self) -> str:
        """The through-model's order, reached from the chosen model's side."""
        target = self.field.remote_field.through._meta.get_field(self.target_name)
        return f"{target.related_query_name()}__sort_order"


class ChosenManyToManyField(models.ManyToManyField):
    """A many-to-many relation through an orderable child model that a chooser panel edits."""

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        setattr(cls, self.name, ChosenManyToManyDescriptor(self.remote_field, reverse=False))
