from django import forms

from core.forms import CharField

from .services import LIFETIMES


class TokenForm(forms.Form):
    name = CharField(label="Name the token", max_length=100,
                     help_text="Say what will use it, for example: R&D office monthly report",
                     error_messages={"required": "Enter a name for the token"})
    days = forms.TypedChoiceField(
        label="How long it lasts", coerce=int, widget=forms.RadioSelect,
        choices=list(LIFETIMES.items()), initial=90,
        error_messages={"required": "Choose how long the token lasts",
                        "invalid_choice": "Choose how long the token lasts"})
