import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from core.logs import security

from . import privacy
from .forms import CloseAccountForm


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
