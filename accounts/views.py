import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

from core.logs import security

from . import privacy
from .forms import CloseAccountForm, ProfileForm


@login_required
def profile(request):
    """Name and job title, as the people of a person's partnerships see them."""
    form = ProfileForm(request.POST or None, instance=request.user)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = ""
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile is saved.")
        return redirect(next_url or "profile")
    return render(request, "accounts/profile.jinja",
                  {"form": form, "next": next_url, "asked": not request.user.full_name,
                   # organisations sit above accounts; the relation is read without importing them
                   "organisations": request.user.memberships.filter(state="active")
                   .select_related("organisation").order_by("organisation__name")})


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
