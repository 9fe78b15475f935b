from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from .. import services
from ..access import partnership_access
from ..models import Invitation


def invitation(request, signed):
    """The page an invitation email links to. Anyone with the link may read it."""
    try:
        invitation = services.invitation_from_link(signed)
    except ValidationError as exc:
        return render(request, "partnerships/invitation_problem.jinja",
                      {"message": exc.messages[0]}, status=404)
    problem = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in {"accept", "decline"}:
            problem = "Choose to accept or decline the invitation."
        elif not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        else:
            try:
                if action == "accept":
                    services.invitation_accept(user=request.user, invitation=invitation)
                    messages.success(request, f"You have joined {invitation.partnership.title}.")
                    return redirect(invitation.partnership)
                services.invitation_decline(user=request.user, invitation=invitation)
                messages.success(request, "You have declined the invitation.")
                return redirect("home")
            except ValidationError as exc:
                problem = exc.messages[0]
    else:
        try:
            services.invitation_check_usable(invitation)
        except ValidationError as exc:
            return render(request, "partnerships/invitation_problem.jinja",
                          {"message": exc.messages[0]}, status=410)
    return render(request, "partnerships/invitation.jinja", {
        "invitation": invitation, "problem": problem, "next": request.path,
    })


@login_required
@require_POST
def invitation_manage(request, pk, invitation_pk, action):
    partnership = partnership_access(request.user, pk, need="lead").partnership
    invitation = get_object_or_404(Invitation, pk=invitation_pk, partnership=partnership)
    if action not in {"resend", "cancel"}:
        raise Http404
    try:
        if action == "resend":
            services.invitation_resend(user=request.user, invitation=invitation)
            messages.success(request, f"The invitation to {invitation.email} is sent again.")
        else:
            services.invitation_cancel(user=request.user, invitation=invitation)
            messages.success(request, f"The invitation to {invitation.email} is cancelled.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("partnerships:register", args=[pk, "people"]))
