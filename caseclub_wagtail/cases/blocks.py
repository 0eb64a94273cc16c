"""The blocks of a case page: scenarios, solution options and practices, free of contacts."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock

from caseclub_wagtail.cases.choices import Likelihood
from caseclub_wagtail.cases.contact_errors import contact_error
from caseclub_wagtail.core.contacts import find_contact, find_contact_in_rich_text

# The rich-text features of a case's texts, in its fields and its blocks alike.
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class ContactFreeStructBlock(blocks.StructBlock):
    """A struct block whose text children are published, so may hold no residents' contacts."""

    def clean(self, value):
        try:
            cleaned, errors = super().clean(value), {}
        except StructBlockValidationError as error:
            # Report the contacts with the children's own errors, not after they are fixed.
            cleaned, errors = value, dict(error.block_errors)
        for name, child in self.child_blocks.items():
            if name in errors:
                continue
            if isinstance(child, blocks.RichTextBlock) and cleaned.get(name):
                contact = find_contact_in_rich_text(cleaned[name].source)
            elif isinstance(child, (blocks.CharBlock, blocks.TextBlock)):
                contact = find_contact(cleaned.get(name))
            else:
                continue
            if contact:
                errors[name] = contact_error(contact, child.label)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return cleaned


class ScenarioBlock(ContactFreeStructBlock):
    title = blocks.CharBlock(label=_("title"))
    description = blocks.RichTextBlock(label=_("description"), features=TEXT_FEATURES)
    likelihood = blocks.ChoiceBlock(
        label=_("likelihood"), choices=Likelihood.choices, default=Likelihood.MEDIUM
    )
    consequences = blocks.TextBlock(label=_("consequences"), required=False)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["likelihood_label"] = Likelihood(value["likelihood"]).label
        return context

    class Meta:
        icon = "doc-full"
        label = _("scenario")
        template = "caseclub_wagtail/blocks/scenario.html"


class SolutionOptionBlock(ContactFreeStructBlock):
    title = blocks.CharBlock(label=_("title"))
    description = blocks.RichTextBlock(label=_("description"), features=TEXT_FEATURES)
    legal_basis = blocks.TextBlock(
        label=_("legal basis"), required=False, help_text=_("the laws and rules it rests on")
    )
    pros = blocks.TextBlock(label=_("pros"), required=False)
    cons = blocks.TextBlock(label=_("cons"), required=False)
    recommended = blocks.BooleanBlock(label=_("recommended by the club"), required=False)
    chosen = blocks.BooleanBlock(label=_("chosen"), required=False)

    class Meta:
        icon = "tick"
        label = _("solution option")
        template = "caseclub_wagtail/blocks/solution_option.html"


class SolutionOptionsBlock(blocks.StreamBlock):
    option = SolutionOptionBlock()

    def clean(self, value, *args, **kwargs):
        # Wagtail 7.0 passes ignore_required_constraints for drafts; later versions do not.
        value = super().clean(value, *args, **kwargs)
        chosen = [child.value["title"] for child in value if child.value.get("chosen")]
        if len(chosen) > 1:
            raise StreamBlockValidationError(
                non_block_errors=[
                    ValidationError(
                        _("Only one option can be the chosen one; now %(titles)s are marked."),
                        params={"titles": ", ".join(f"«{title}»" for title in chosen)},
                        code="two_chosen",
                    )
                ]
            )
        return value


class DocumentResourceBlock(ContactFreeStructBlock):
    document = DocumentChooserBlock(label=_("document"))
    description = blocks.TextBlock(
        label=_("description"), required=False, help_text=_("e.g. a template of a complaint")
    )

    class Meta:
        icon = "doc-full"
        label = _("document")
        template = "caseclub_wagtail/blocks/practice_document.html"


class ExternalResourceBlock(ContactFreeStructBlock):
    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("URL"))
    description = blocks.TextBlock(label=_("description"), required=False)

    class Meta:
        icon = "link"
        label = _("external resource")
        template = "caseclub_wagtail/blocks/practice_resource.html"


class CasePracticeBlock(blocks.PageChooserBlock):
    """Another case of the library, as a practice to follow."""

    class Meta:
        template = "caseclub_wagtail/blocks/practice_case.html"

    def deconstruct(self):
        # Stored as Wagtail's own block, as before: only how it renders is ours.
        _path, args, kwargs = super().deconstruct()
        return "wagtail.blocks.PageChooserBlock", args, kwargs


class PracticesBlock(blocks.StreamBlock):
    case = CasePracticeBlock(label=_("another case"), page_type="caseclub_wagtail.CaseStudyPage")
    document = DocumentResourceBlock()
    resource = ExternalResourceBlock()
