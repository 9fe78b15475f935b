from django import forms
from django.contrib.auth import get_user_model

from core.concurrency import Versioned
from core.forms import CharField, DateInputField, ModelChoiceField

from .models import ActionProgress

_EDITABLE_STATUSES = [c for c in ActionProgress.Status.choices if c[0] != "completed"]


class ActionForm(Versioned, forms.Form):
    """An action's details and the answers to its prompts (fields prompt_<id>)."""

    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect,
                               choices=_EDITABLE_STATUSES)
    owner = ModelChoiceField(queryset=None, required=False, label="Owner",
                                   empty_label="No owner yet",
                                   help_text="The person who makes sure this action moves")
    due_date = DateInputField(label="Due date (optional)", required=False)
    notes = CharField(label="Notes (optional)", required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, progress, people, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["owner"].queryset = get_user_model().objects.filter(
            pk__in=[p.user_id for p in people])
        self.fields["owner"].label_from_instance = lambda user: user.display_name
        if progress.status == ActionProgress.Status.COMPLETED:
            self.fields["status"].choices = ActionProgress.Status.choices
            self.fields["status"].help_text = "Choose another status to reopen this action"
        self.prompt_fields = []
        for prompt in progress.action.prompts.all():
            name = f"prompt_{prompt.pk}"
            label = prompt.text if prompt.required else f"{prompt.text} (optional)"
            self.fields[name] = CharField(
                label=label, required=False, max_length=5000, help_text=prompt.hint,
                widget=forms.Textarea(attrs={"rows": 4}))
            self.prompt_fields.append((prompt, name))

    def answers(self):
        return {prompt.pk: self.cleaned_data.get(name, "") for prompt, name in self.prompt_fields}


class EvidenceForm(forms.Form):
    title = CharField(label="Title", max_length=200)
    url = forms.URLField(label="Web address", max_length=500, assume_scheme="https",
                         help_text="For example, https://www.example.org/report.pdf")
