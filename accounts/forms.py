from django import forms

from .models import NotificationPreference


class PreferencesForm(forms.Form):
    """One cadence per kind of reminder."""

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in NotificationPreference.Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label, choices=NotificationPreference.Cadence.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind, NotificationPreference.Cadence.IMMEDIATE))
