"""Search through the host's Wagtail search backend, with Russian word forms folded.

Every search of the package (the case library, the member directory, the events and the
API's ``search`` parameters) asks the backend for the matching primary keys, most relevant
first, and then narrows the listing's own queryset by them: the database reads only the
matches, and a host running PostgreSQL full-text search, Elasticsearch or OpenSearch uses it.

Russian words change their endings (кровля, кровли, кровлю), and neither SQLite's full-text
index nor the backends' default configurations fold them. So the indexed models offer
``stemmed_*`` search fields, their texts put through the Snowball Russian stemmer, and the
query is stemmed the same way: both sides meet on the stems, whatever the backend. A backend
configured for Russian (PostgreSQL's ``SEARCH_CONFIG: "russian"``, an Elasticsearch Russian
analyzer) stems the stems again, on both sides alike, so they still meet.
"""

import functools
import html
import re

import Stemmer
from django.db.models import Case, IntegerField, When
from django.utils.html import strip_tags
from wagtail.search import index
from wagtail.search.backends import get_search_backend, get_search_backends

# Letters and digits: the underscore and every punctuation mark separate words, as they do
# for the backends' tokenizers, and no search syntax reaches the backend.
WORD = re.compile(r"[^\W_]+")
# Objects added to the index in one batch by ``index_objects``.
INDEX_BATCH = 500
# The search fields of ``StemmedPageMixin``: what the package's searches read.
STEMMED_FIELDS = [index.SearchField("stemmed_title", boost=2), index.SearchField("stemmed_text")]


@functools.cache
def stemmer() -> Stemmer.Stemmer:
    """The Snowball Russian stemmer; it also leaves Latin words as they are typed."""
    return Stemmer.Stemmer("russian")


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, with ё read as е, as Russian readers type it."""
    return WORD.findall(text.casefold().replace("ё", "е"))


def stem_text(text: str) -> str:
    """``text`` as its words' stems, separated by spaces: what is indexed and searched."""
    return " ".join(stemmer().stemWords(words(text)))


def plain_text(*values) -> str:
    """The texts of ``values`` (rich text too) as one plain text, for ``stem_text``."""
    return " ".join(html.unescape(strip_tags(str(value or ""))) for value in values)


class StemmedPageMixin:
    """A page searched by the stems of its title and of its ``stemmed_sources`` texts.

    Its ``search_fields`` add ``STEMMED_FIELDS``; only what a visitor reads belongs there.
    """

    stemmed_sources: tuple[str, ...] = ()

    def stemmed_title(self) -> str:
        return stem_text(self.title)

    def stemmed_text(self) -> str:
        return stem_text(plain_text(*(getattr(self, name) for name in self.stemmed_sources)))


def search_pks(model, query: str) -> list:
    """The primary keys of ``model``'s objects that hold every word of ``query``, best first.

    The whole model is searched, so that any backend can answer (Elasticsearch filters only
    on declared filter fields); the caller narrows its own queryset by the keys. Only the
    keys are read, in one query on the database backends.
    """
    stems = stem_text(query)
    if not stems:
        return []
    results = get_search_backend().search(
        stems, model.objects.only("pk"), operator="and", order_by_relevance=True
    )
    return [obj.pk for obj in results]


class Ranked:
    """A queryset in the order of ranked primary keys, as a ``Paginator`` reads it.

    The database keeps the queryset's filters; the order is the rank. Counting reads the
    kept keys once; a slice is a queryset of that slice's objects only, in rank order.
    """

    def __init__(self, queryset, pks: list):
        self.queryset = queryset.filter(pk__in=pks)
        self.pks = pks

    @functools.cached_property
    def kept(self) -> list:
        """The ranked keys that the queryset keeps, in rank order."""
        kept = set(self.queryset.order_by().values_list("pk", flat=True))
        return [pk for pk in self.pks if pk in kept]

    def count(self) -> int:
        return len(self.kept)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        chosen = self.kept[index]
        if not chosen:
            return self.queryset.none()
        rank = Case(
            *(When(pk=pk, then=position) for position, pk in enumerate(chosen)),
            output_field=IntegerField(),
        )
        return self.queryset.filter(pk__in=chosen).order_by(rank)


def index_objects(queryset) -> int:
    """Add or update ``queryset``'s objects in every search backend, in batches.

    For data created in bulk (the benchmark's, an import), which no signal indexed: one
    write per batch instead of one per object. Returns how many objects were indexed.
    """
    model = queryset.model
    indexed = 0
    batch = []
    for obj in queryset.iterator(chunk_size=INDEX_BATCH):
        batch.append(obj)
        if len(batch) == INDEX_BATCH:
            indexed += add_batch(model, batch)
            batch = []
    if batch:
        indexed += add_batch(model, batch)
    return indexed


def add_batch(model, objects: list) -> int:
    for backend in get_search_backends(with_auto_update=False):
        backend.add_bulk(model, objects)
    return len(objects)
