import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.logs import security

from . import privacy
from .forms import CloseAccountForm, PreferencesForm
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


@login_required
def your_data(request):
    return render(request, "accounts/your_data.jinja", {})


@never_cache
@login_required
def your_data_download(request):
    """Everything the portal holds about the person, as one JSON file (UK GDPR access)."""
    security("data_downloaded", request=request)
    body = json.dumps(privacy.export(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"research-partnerships-your-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def close_account(request):
    """Close (delete) the account, once what only this person looks after is handed over."""
    blockers = privacy.closure_blockers(request.user)
    form = None
    if not blockers:
        form = CloseAccountForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            privacy.close(request, request.user)
            logout(request)
            messages.success(request, "Your account is closed. We have deleted your details.")
            return redirect("home")
    return render(request, "accounts/close.jinja", {"form": form, "blockers": blockers})
