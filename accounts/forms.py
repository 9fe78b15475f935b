from django import forms


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
