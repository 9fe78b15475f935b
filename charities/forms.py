from django import forms

from core.concurrency import Versioned
from core.forms import (
    CharField,
    DateInputField,
    ModelChoiceField,
    ModelForm,
    ModelMultipleChoiceField,
)
from organisations.models import HealthCategory, Region

from .models import CharityProfile, ExpertiseOffer


class OfferForm(Versioned, ModelForm):
    regions = forms.MultipleChoiceField(
        label="Regions you can help in", choices=Region.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    health_categories = ModelMultipleChoiceField(
        label="HRCS health categories", queryset=HealthCategory.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ExpertiseOffer
        fields = ["kind", "title", "description", "health_categories", "regions", "capacity",
                  "how_to_ask", "status"]
        widgets = {"kind": forms.RadioSelect, "status": forms.RadioSelect,
                   "description": forms.Textarea(attrs={"rows": 5}),
                   "how_to_ask": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": "What kind of help is it?", "title": "A short name for the offer",
                  "capacity": "Capacity (optional)", "how_to_ask": "How to ask (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ExpertiseOffer.Kind.choices
        self.fields["status"].choices = ExpertiseOffer.Status.choices


class ProfileForm(ModelForm):
    regions = forms.MultipleChoiceField(label="Regions", choices=Region.choices, required=False,
                                        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = CharityProfile
        fields = ["about", "amrc_member", "regions", "contact_name", "contact_email"]
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}


class RequestForm(forms.Form):
    partnership = ModelChoiceField(queryset=None, label="Which partnership needs help?",
                                         empty_label="Choose a partnership")
    what_is_needed = CharField(label="What help do you need?", max_length=3000,
                                     widget=forms.Textarea(attrs={"rows": 5}))
    needed_by = DateInputField(label="By when? (optional)", required=False)

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships.order_by("title")


class DeclineForm(forms.Form):
    reason = CharField(label="Why are you declining?", max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="The partnership sees this")


class MessageForm(forms.Form):
    text = CharField(label="Your message", max_length=3000,
                           widget=forms.Textarea(attrs={"rows": 3}))
