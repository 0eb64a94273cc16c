"""The editor's form for case studies: checks across the appeals and the timeline."""

from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

from caseclub_wagtail.core.formsets import live_rows, refuse_repeats


class CaseStudyPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        refuse_repeats(
            self.formsets.get("related_case_links"),
            "related",
            itself=self.instance,
            itself_error=_("A case cannot be related to itself."),
        )
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
