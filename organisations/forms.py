from django import forms
from django.core import validators

from core.concurrency import Versioned
from core.forms import CharField, ModelForm, ModelMultipleChoiceField
from registers.models import Register

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
        fields = ["name", "kind", "region", "address", "website", "email_domain", "ods_code",
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
        labels = {"kind": "What kind of organisation is it?", "website": "Website (optional)",
                  "address": "Address (optional)", "email_domain": "Email domain (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Organisation.Kind.choices
        self.fields["region"].choices = [("", "Choose a region")] + list(
            self.fields["region"].choices)[1:]
        for name in self.identifier_fields:
            self.fields[name].widget.attrs["width"] = 10
        self.fields["name"].widget.attrs["autocomplete"] = "organization"


# Register -> (the organisation's identifier field, the kind an entry of it usually is).
REGISTER_FIELDS = {
    Register.ODS: ("ods_code", Organisation.Kind.NHS_TRUST),
    Register.CCEW: ("charity_number_england_wales", Organisation.Kind.CHARITY),
    Register.OSCR: ("charity_number_scotland", Organisation.Kind.CHARITY),
    Register.CCNI: ("charity_number_northern_ireland", Organisation.Kind.CHARITY),
    Register.COMPANIES: ("company_number", Organisation.Kind.COMPANY),
}


class RegisterLookupForm(forms.Form):
    register = forms.ChoiceField(label="Register", choices=Register.choices)
    identifier = CharField(label="Its number in that register", max_length=20,
                           help_text="An ODS code like RXF, a charity number like 1089464 or "
                                     "SC041666, or a company number like 00339181")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["identifier"].widget.attrs.update({"spellcheck": "false", "width": 10})

    def clean(self):
        data = super().clean()
        register, value = data.get("register"), data.get("identifier")
        if register and value:
            value = identifiers.normalise_identifier(value)
            if register == Register.CCNI and value.isdigit():
                value = f"NIC{value}"
            field = Organisation._meta.get_field(REGISTER_FIELDS[register][0])
            for validator in field.validators:
                if isinstance(validator, identifiers.IdentifierFormat):
                    try:
                        validator(value)
                    except forms.ValidationError as exc:
                        self.add_error("identifier", exc)
            data["identifier"] = value
        return data


class AdminReviewForm(forms.Form):
    message = CharField(
        label="What should a registry administrator look at?", max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example: who you are, your role, and why the current admins should not "
                  "be, or who should be. A registry administrator may contact you by email.")
