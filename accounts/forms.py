from django import forms
from django.contrib.auth import get_user_model

from core.forms import CharField, ModelForm


class CloseAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password", strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to close your account"})
    confirm = forms.BooleanField(
        label="I understand that closing my account cannot be undone",
        error_messages={"required": "Confirm that you understand closing cannot be undone"})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not right. Enter your current password")
        return password


NAME_HELP = "As colleagues know you. It is shown to the people of your partnerships."
NAME_REQUIRED = "Enter your full name"


class ProfileForm(ModelForm):
    class Meta:
        model = get_user_model()
        fields = ["full_name", "job_title"]
        labels = {"full_name": "Full name", "job_title": "Job title (optional)"}
        help_texts = {"full_name": NAME_HELP,
                      "job_title": "For example, Director of Research and Innovation"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["full_name"].error_messages["required"] = NAME_REQUIRED
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"


class SignupForm(forms.Form):
    """allauth's sign-up form, with the person's name (required) and job title in front of the
    email address and passwords (ACCOUNT_SIGNUP_FORM_CLASS)."""

    full_name = CharField(label="Full name", max_length=150, help_text=NAME_HELP,
                          error_messages={"required": NAME_REQUIRED},
                          widget=forms.TextInput(attrs={"autocomplete": "name"}))
    job_title = CharField(label="Job title (optional)", max_length=150, required=False,
                          widget=forms.TextInput(attrs={"autocomplete": "organization-title"}))

    field_order = ["full_name", "job_title", "email", "password1", "password2"]

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.job_title = self.cleaned_data["job_title"]
        user.save(update_fields=["full_name", "job_title"])
