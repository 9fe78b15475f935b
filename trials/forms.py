from django import forms

from core.forms import DateInputField

from .models import StudySite


class ImportForm(forms.Form):
    record = forms.FileField(label="Study record (JSON)",
                             help_text="The JSON of one study from the ClinicalTrials.gov API "
                                       "v2, up to 2 MB")
    partnership = forms.ModelChoiceField(queryset=None, label="Link it to your partnership",
                                         empty_label="Choose a partnership")

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships


class RecruitmentForm(forms.Form):
    date = DateInputField(label="Date of the count")
    recruited = forms.IntegerField(label="People recruited so far", min_value=0,
                                   max_value=10_000_000,
                                   widget=forms.NumberInput(attrs={"inputmode": "numeric",
                                                                   "width": 5}))
    site = forms.ModelChoiceField(queryset=StudySite.objects.none(), required=False,
                                  label="Site (optional)", empty_label="The whole study")

    def __init__(self, *args, study, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = study.sites.select_related("organisation")
        self.fields["site"].label_from_instance = lambda site: site.organisation.name

    def clean_date(self):
        value = self.cleaned_data["date"]
        from django.utils import timezone

        if value and value > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future")
        return value


class LinkForm(forms.Form):
    partnership = forms.ModelChoiceField(queryset=None, label="Partnership",
                                         empty_label="Choose a partnership")

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships
