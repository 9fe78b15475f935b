from django import forms
from django.core import validators

from . import identifiers
from .models import Organisation


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "region", "website", "email_domain", "ods_code",
                  "charity_number_england_wales", "charity_number_scotland",
                  "charity_number_northern_ireland", "company_number", "health_categories"]
        widgets = {
            "kind": forms.RadioSelect,
            "health_categories": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "ods_code": "NHS organisations only. 1 to 9 letters and numbers, like RXF",
            "charity_number_england_wales": "6 or 7 digits, like 1089464",
            "charity_number_scotland": "SC and 6 digits, like SC041666",
            "charity_number_northern_ireland": "NIC and 6 digits. We check the format only",
            "company_number": "8 digits like 00339181, or 2 letters and 6 digits like SC123456",
            "health_categories": "The HRCS health categories your organisation works in",
        }
        labels = {"kind": "What kind of organisation is it?", "website": "Website (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Organisation.Kind.choices
        self.fields["region"].choices = [("", "Choose a region")] + list(
            self.fields["region"].choices)[1:]
        # People type identifiers with spaces and in lower case; the model keeps one form.
        for name in Organisation.IDENTIFIER_FIELDS:
            field = self.fields[name]
            field.max_length = None
            field.validators = [v for v in field.validators
                                if not isinstance(v, validators.MaxLengthValidator)]
            field.widget.attrs.pop("maxlength", None)
            self.fields[name].widget.attrs.update({"spellcheck": "false", "width": 10})
        self.fields["name"].widget.attrs["autocomplete"] = "organization"

    def _clean_identifier(self, name):
        value = identifiers.normalise_identifier(self.cleaned_data.get(name, ""))
        if len(value) > 12:
            raise forms.ValidationError("This is too long for an identifier: check it")
        return value

    def clean_ods_code(self):
        return self._clean_identifier("ods_code")

    def clean_charity_number_england_wales(self):
        return self._clean_identifier("charity_number_england_wales")

    def clean_charity_number_scotland(self):
        return self._clean_identifier("charity_number_scotland")

    def clean_charity_number_northern_ireland(self):
        return self._clean_identifier("charity_number_northern_ireland")

    def clean_company_number(self):
        return self._clean_identifier("company_number")


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label="Search by name", required=False, max_length=100)
    kind = forms.ChoiceField(label="Kind", required=False,
                             choices=[("", "Any kind"), *Organisation.Kind.choices])
