"""The public case library: the filtered list of cases."""

from django.core.paginator import Paginator

from caseclub_wagtail import conf
from caseclub_wagtail.cases.forms import CaseFilterForm
from caseclub_wagtail.cases.models import CaseStudyIndexPage


def library_cases(index: CaseStudyIndexPage):
    """The index's cases with what a listing shows."""
    return index.cases().prefetch_related("topics")


def library(index: CaseStudyIndexPage, request):
    """The cases, filtered and searched, with a count beside every filter value."""
    form = CaseFilterForm(request.GET, cases=index.cases())
    cases = form.ordered(form.narrow(library_cases(index)))
    form.count_facets()
    paginator = Paginator(cases, conf.get("CASES_PER_PAGE"))
    page_obj = paginator.get_page(request.GET.get("page"))
    base_url = index.get_url(request)
    query = request.GET.copy()
    query.pop("page", None)
    return index.render(
        request,
        context_overrides={
            "filter_form": form,
            "cases": page_obj,
            "paginator": paginator,
            "filter_query": query.urlencode(),
            "rss_url": base_url + index.reverse_subpage("rss"),
        },
    )
