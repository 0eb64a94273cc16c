"""Proposals in any state, as the form or the inbox leaves them, and their form page."""

import factory
from django.utils import timezone

from caseclub_wagtail.models import Proposal, ProposalFormPage
from tests.factories.core import root_page


class ProposalFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Автор Предложения {n}")
    email = factory.Sequence(lambda n: f"author{n}@example.org")
    title = factory.Sequence(lambda n: f"Предложение {n}")
    text = "Проводить выездные заседания клуба в муниципальных районах."
    status = "new"
    consented_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Proposal


def make_proposal_page(parent=None, **fields) -> ProposalFormPage:
    """A published proposal form under ``parent`` (the site's root page by default)."""
    page = ProposalFormPage(
        title=fields.pop("title", "Предложения по работе клуба"),
        slug=fields.pop("slug", "proposals"),
        **fields,
    )
    (parent or root_page()).add_child(instance=page)
    return page


def proposal_data(**fields) -> dict:
    """What a visitor types into the proposal form (the protection fields aside)."""
    data = {
        "name": "Соколов Игорь Петрович",
        "registry_number": "",
        "email": "igor.sokolov@example.org",
        "title": "",
        "proposal": "Публиковать протоколы заседаний клуба на сайте в течение недели.",
        "consent": "on",
    }
    data.update(fields)
    return {name: value for name, value in data.items() if value is not None}
