"""The editor's form for case studies: checks across the appeals and the timeline."""

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
        # The rule is the page's own (CaseStudyPage.clean); here it is checked on the rows
        # being edited, so that each error shows beside its entry's date.
        appeal_dates = [
            data.get("received_on") for _form, data in live_rows(self.formsets.get("appeals"))
        ]
        entries = [
            (form, data.get("date")) for form, data in live_rows(self.formsets.get("timeline"))
        ]
        for form, error in self.instance.entries_before_first_appeal(appeal_dates, entries):
            form.add_error("date", error)
        return cleaned
