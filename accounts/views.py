from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt

from .forms import PreferencesForm
from .models import NotificationPreference


def _set(email, kind, cadence):
    NotificationPreference.objects.update_or_create(email=email.lower(), kind=kind,
                                                    defaults={"cadence": cadence})


@login_required
def notification_preferences(request):
    email = request.user.email.lower()
    current = dict(NotificationPreference.objects.filter(email=email)
                   .values_list("kind", "cadence"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for kind, cadence in form.cleaned_data.items():
                _set(email, kind, cadence)
        messages.success(request, "Your reminder choices are saved.")
        return redirect("notification_preferences")
    return render(request, "core/form_page.jinja", {
        "form": form, "title": "Reminders", "submit_label": "Save",
        "intro": f"Reminders go to {request.user.email}. Choose, for each kind, whether you get "
                 "each one as it is due, one digest on Monday mornings, or none.",
    })


@csrf_exempt  # one-click unsubscribe (RFC 8058) comes from mail clients; the token is the key
def unsubscribe(request, token):
    from drive.reminders import read_unsubscribe_token

    try:
        email, kind = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "accounts/unsubscribe.jinja", {"invalid": True}, status=400)
    if kind not in NotificationPreference.Kind.values:
        return render(request, "accounts/unsubscribe.jinja", {"invalid": True}, status=400)
    label = NotificationPreference.Kind(kind).label
    if request.method == "POST":
        _set(email, kind, NotificationPreference.Cadence.NONE)
        return render(request, "accounts/unsubscribe.jinja", {"done": True, "label": label})
    # A GET changes nothing: mail scanners follow links; a person presses the button.
    return render(request, "accounts/unsubscribe.jinja", {"email": email, "label": label})
