"""The editor's form for case studies: checks across the appeals and the timeline."""

from wagtail.admin.forms import WagtailAdminPageForm

from caseclub_wagtail.core.formsets import live_rows


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
