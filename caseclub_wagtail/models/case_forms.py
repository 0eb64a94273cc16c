"""The editor's form for case studies: checks across the appeals and the timeline."""

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def live_rows(formset):
    """The cleaned data of the rows of ``formset`` that are not being deleted."""
    if formset is None:  # a host's own edit_handler may leave the inline panel out
        return []
    rows = []
    for form in formset.forms:
        form.is_valid()  # the child forms are cleaned after this form
        data = getattr(form, "cleaned_data", None) or {}
        if data and not data.get("DELETE"):
            rows.append((form, data))
    return rows


class CaseStudyPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("related_cases")
        if field is not None:
            cases = field.queryset.order_by("title")
            if self.instance.pk:
                cases = cases.exclude(pk=self.instance.pk)
            field.queryset = cases

    def clean(self):
        cleaned = super().clean()
        dates = [
            data["received_on"]
            for _form, data in live_rows(self.formsets.get("appeals"))
            if data.get("received_on")
        ]
        if dates:
            first = min(dates)
            for form, data in live_rows(self.formsets.get("timeline")):
                if data.get("date") and data["date"] < first:
                    form.add_error(
                        "date",
                        _(
                            "This entry is dated before the first appeal (%(first)s). "
                            "The timeline starts with the appeals."
                        )
                        % {"first": date_format(first, "SHORT_DATE_FORMAT")},
                    )
        return cleaned
