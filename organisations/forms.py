from django import forms
from django.core import validators

from core.concurrency import Versioned
from core.forms import CharField, ModelForm, ModelMultipleChoiceField

from . import identifiers
from .models import Organisation


class IdentifierFieldsMixin:
    """Registry identifiers as people type them: spaces and lower case are fine. The format is
    checked by the model's validators (which ignore both) and the length on the normalised value,
    so "1089 464" is not refused for being one character too long."""

    identifier_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.identifier_fields:
            field = self.fields[name]
            field.max_length = None
            field.validators = [v for v in field.validators
                                if not isinstance(v, validators.MaxLengthValidator)]
            field.widget.attrs.pop("maxlength", None)
            field.widget.attrs["spellcheck"] = "false"

    def clean(self):
        data = super().clean()
        for name in self.identifier_fields:
            if data.get(name):
                data[name] = identifiers.normalise_identifier(data[name])
        return data


class OrganisationForm(IdentifierFieldsMixin, Versioned, ModelForm):
    identifier_fields = Organisation.IDENTIFIER_FIELDS

    class Meta:
        model = Organisation
        fields = ["name", "kind", "region", "website", "email_domain", "ods_code",
                  "charity_number_england_wales", "charity_number_scotland",
                  "charity_number_northern_ireland", "company_number", "health_categories"]
        field_classes = {"health_categories": ModelMultipleChoiceField}
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
        for name in self.identifier_fields:
            self.fields[name].widget.attrs["width"] = 10
        self.fields["name"].widget.attrs["autocomplete"] = "organization"


class OrganisationSearchForm(forms.Form):
    q = CharField(label="Search by name", required=False, max_length=100)
    kind = forms.ChoiceField(label="Kind", required=False,
                             choices=[("", "Any kind"), *Organisation.Kind.choices])
