from django import forms

from .models import NotificationPreference
from .registry import topics


class PreferencesForm(forms.Form):
    """One cadence per topic of reminders, as the apps registered them."""

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for topic, label in topics():
            self.fields[topic] = forms.ChoiceField(
                label=label, choices=NotificationPreference.Cadence.choices,
                widget=forms.RadioSelect,
                initial=current.get(topic, NotificationPreference.Cadence.IMMEDIATE))
