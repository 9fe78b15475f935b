from django import forms
from django.utils import timezone

from core.concurrency import Versioned
from core.forms import (
    CharField,
    DateInputField,
    ModelChoiceField,
    ModelForm,
    ModelMultipleChoiceField,
)
from core.pickers import PickerChoiceField
from organisations.forms import IdentifierFieldsMixin
from organisations.models import Organisation

from .identifiers import FIELDS
from .models import Study, StudySite


class ImportForm(forms.Form):
    record = forms.FileField(label="Study records (JSON)",
                             help_text="One study, or search results, as JSON from "
                                       "ClinicalTrials.gov (its API v2 or the Download button "
                                       "on its website), up to 10 MB and 200 studies")
    partnership = ModelChoiceField(queryset=None, label="Link it to your partnership",
                                         empty_label="Choose a partnership")

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships.order_by("title")


class RecruitmentForm(forms.Form):
    date = DateInputField(label="Date of the count")
    recruited = forms.IntegerField(label="People recruited so far", min_value=0,
                                   max_value=10_000_000,
                                   widget=forms.NumberInput(attrs={"inputmode": "numeric",
                                                                   "width": 5}))
    site = ModelChoiceField(queryset=StudySite.objects.none(), required=False,
                            label="Site (optional)", empty_label="The whole study")
    confirm_drop = forms.BooleanField(
        required=False, label="The total went down (for example, people withdrew consent)")

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = study.sites.select_related("organisation")
        self.fields["site"].label_from_instance = lambda site: site.organisation.name
        # Asked only once a lower figure than an earlier one was typed.
        self.asks_about_drop = bool(self.data.get(self.add_prefix("confirm_drop")))

    def visible(self):
        return [f for f in self if f.name != "confirm_drop" or self.asks_about_drop]

    def clean_date(self):
        value = self.cleaned_data["date"]

        if value and value > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future")
        return value


class LinkForm(forms.Form):
    partnership = ModelChoiceField(queryset=None, label="Partnership",
                                         empty_label="Choose a partnership")

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships.order_by("title")


class StudyForm(IdentifierFieldsMixin, Versioned, ModelForm):
    """Register or change a study by hand (for studies not on ClinicalTrials.gov, say)."""

    identifier_fields = tuple(FIELDS)
    recruitment_end_date = DateInputField(
        label="Planned end of recruitment (optional)", required=False,
        help_text="Sites' recruitment is measured against a straight line to this date")

    class Meta:
        model = Study
        fields = ["title", "short_name", "summary", "nct_id", "isrctn", "eudract", "ctis",
                  "iras_id", "cpms_id", "phase", "design", "status", "sponsor", "funders",
                  "conditions", "health_categories", "target_recruitment",
                  "recruitment_end_date"]
        field_classes = {"health_categories": ModelMultipleChoiceField}
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}),
                   "health_categories": forms.CheckboxSelectMultiple,
                   "status": forms.RadioSelect}
        labels = {"sponsor": "Sponsor (optional)", "funders": "Funders (optional)",
                  "target_recruitment": "Target recruitment (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Study.Status.choices
        for name in self.identifier_fields:
            field = self.fields[name]
            field.help_text = FIELDS[name].message.replace("Enter ", "").capitalize()
            field.widget.attrs["width"] = 20


class SiteForm(forms.Form):
    organisation = PickerChoiceField(source="organisations", queryset=None,
                                     label="NHS organisation", empty_label="Choose an organisation",
                                     error_messages={"required": "Choose the NHS organisation"})
    local_target = forms.IntegerField(label="Local recruitment target (optional)", min_value=0,
                                      max_value=10_000_000, required=False,
                                      widget=forms.NumberInput(attrs={"inputmode": "numeric",
                                                                      "width": 5}))

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["organisation"].queryset = Organisation.objects.nhs().exclude(
            study_sites__study=study).order_by("name")


SITE_DATES = ["application_date", "approval_date", "selected_date", "opened_date",
              "first_participant_date", "planned_close_date", "closed_date"]
# Each date that must not come before another: (later, earlier, message).
SITE_ORDER = [
    ("approval_date", "application_date", "Approval must be on or after the application"),
    ("selected_date", "application_date", "Selection must be on or after the application"),
    ("opened_date", "approval_date", "Opening must be on or after approval"),
    ("first_participant_date", "opened_date",
     "The first participant must be on or after opening"),
    ("closed_date", "opened_date", "Closing must be on or after opening"),
    ("planned_close_date", "opened_date", "The planned close must be on or after opening"),
]


class SiteDeliveryForm(Versioned, ModelForm):
    """A site's target and the dates the delivery measures count from."""

    class Meta:
        model = StudySite
        fields = ["local_target", *SITE_DATES]
        labels = {"local_target": "Local recruitment target (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SITE_DATES:
            label = self.fields[name].label
            self.fields[name] = DateInputField(label=f"{label[0].upper()}{label[1:]} (optional)",
                                               required=False)
        self.fields["local_target"] = forms.IntegerField(
            label="Local recruitment target (optional)", required=False, min_value=0,
            max_value=10_000_000,
            error_messages={"invalid": "Enter the target as a whole number, such as 40",
                            "min_value": "Enter a target of 0 or more",
                            "max_value": "Enter a target of 10,000,000 or fewer"},
            widget=forms.TextInput(attrs={"inputmode": "numeric", "width": 5}))

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for name in SITE_DATES:
            if name != "planned_close_date" and data.get(name) and data[name] > today:
                self.add_error(name, "Enter a date that has happened: today or earlier")
        for later, earlier, message in SITE_ORDER:
            if data.get(later) and data.get(earlier) and data[later] < data[earlier] \
                    and not self.has_error(later):
                self.add_error(later, message)
        return data


class FiguresForm(forms.Form):
    answer = forms.ChoiceField(choices=[("confirmed", "The figures are right"),
                                        ("queried", "Something is not right")],
                               widget=forms.RadioSelect, label="Are these figures right?",
                               error_messages={"required": "Say whether the figures are right"})
    note = CharField(label="What is not right (for a query)", required=False, max_length=500,
                     widget=forms.Textarea(attrs={"rows": 3}))
    shown = forms.CharField(widget=forms.HiddenInput, required=False)  # services.figures_shown

    def clean(self):
        data = super().clean()
        if data.get("answer") == "queried" and not data.get("note"):
            self.add_error("note", "Say what is not right, so the study team can correct it")
        return data
