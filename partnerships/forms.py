from django import forms

from core.concurrency import Versioned
from core.forms import CharField, DateInputField, ModelChoiceField, ModelMultipleChoiceField
from core.pickers import PickerChoiceField
from organisations.forms import OrganisationForm
from organisations.models import HealthCategory, Organisation, ResearchActivityGroup

from .models import PartnerOrganisation, Partnership, PartnershipPerson


class PurposeForm(forms.Form):
    lead_organisation = ModelChoiceField(
        queryset=Organisation.objects.none(), label="Lead NHS organisation",
        help_text="The NHS organisation that leads the partnership. You must be one of its members",
        empty_label="Choose an organisation",
    )
    title = CharField(label="Name of the partnership", max_length=200)
    purpose = CharField(
        label="Purpose", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why the partners are working together and what each hopes to achieve",
    )
    topics = CharField(label="Key topics (optional)", max_length=500, required=False,
                             help_text="Separate topics with commas, like rare cancers, screening")
    visibility = forms.ChoiceField(label="Who can see it?", choices=Partnership.Visibility.choices,
                                   widget=forms.RadioSelect, initial=Partnership.Visibility.LISTED)
    start_date = DateInputField(label="Start date (optional)", required=False)
    end_date = DateInputField(label="End date (optional)", required=False)

    def __init__(self, *args, lead_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if lead_choices is None:
            del self.fields["lead_organisation"]
        else:
            self.fields["lead_organisation"].queryset = lead_choices

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        return data


class ClassificationForm(forms.Form):
    health_categories = ModelMultipleChoiceField(
        queryset=HealthCategory.objects.all(), widget=forms.CheckboxSelectMultiple,
        label="Which HRCS health categories does it cover?",
        help_text="Select all that apply",
        error_messages={"required": "Select at least one health category"},
    )
    research_activity_groups = ModelMultipleChoiceField(
        queryset=ResearchActivityGroup.objects.all(), widget=forms.CheckboxSelectMultiple,
        required=False, label="Which HRCS research activities? (optional)",
    )


class DetailsForm(Versioned, PurposeForm, ClassificationForm):
    """Everything editable about a registered partnership, on one page."""

    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect,
                               choices=[c for c in Partnership.Status.choices if c[0] != "draft"])


_PARTNER_ROLES = [c for c in PartnerOrganisation.Role.choices if c[0] != "lead"]


class AddPartnerForm(forms.Form):
    organisation = PickerChoiceField(
        source="organisations", queryset=Organisation.objects.none(), label="Organisation",
        empty_label="Choose an organisation",
        help_text="Not in the registry? Propose it as a new organisation below",
        error_messages={"required": "Choose the organisation to add as a partner"},
    )
    role = forms.ChoiceField(label="Its role in the partnership", choices=_PARTNER_ROLES,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose its role in the partnership"})

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        # Partners already named are not offered; one that declined is, so the lead is told.
        named = partnership.partners.not_declined().values("organisation_id")
        self.fields["organisation"].queryset = Organisation.objects.exclude(
            pk__in=named).order_by("name")


class ProposePartnerForm(OrganisationForm):
    role = forms.ChoiceField(label="Its role in the partnership", choices=_PARTNER_ROLES,
                             widget=forms.RadioSelect)

    class Meta(OrganisationForm.Meta):
        fields = ["name", "kind", "region", "website", "ods_code", "charity_number_england_wales",
                  "charity_number_scotland", "charity_number_northern_ireland", "company_number"]


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "off",
                                                            "spellcheck": "false"}))
    role = forms.ChoiceField(label="Their role", choices=PartnershipPerson.Role.choices,
                             widget=forms.RadioSelect, initial=PartnershipPerson.Role.CONTRIBUTOR,
                             help_text="Leads manage the partnership and its people; contributors "
                                       "edit it; viewers can only read it")
    organisation = PickerChoiceField(
        source="organisations", queryset=Organisation.objects.order_by("name"), required=False,
        empty_label="No organisation", label="Their organisation (optional)",
        help_text="If their organisation should join the partnership through them")
    organisation_role = forms.ChoiceField(label="Their organisation's role (optional)",
                                          choices=[("", "Choose a role"), *_PARTNER_ROLES],
                                          required=False)
    message = CharField(label="A message for them (optional)", max_length=1000,
                              required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean(self):
        data = super().clean()
        if data.get("organisation") and not data.get("organisation_role"):
            self.add_error("organisation_role", "Choose the role of their organisation")
        return data


class PersonRoleForm(forms.Form):
    role = forms.ChoiceField(choices=PartnershipPerson.Role.choices, label="Role")

