from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .. import services
from ..access import partnership_access
from ..models import Invitation


def _usable(request, signed):
    """(invitation, None), or (None, a problem page): a link that is wrong, used, cancelled or
    expired shows only what went wrong, never the partnership's title or the message."""
    try:
        invitation = services.invitation_from_link(signed)
    except ValidationError as exc:
        return None, render(request, "partnerships/invitation_problem.jinja",
                            {"message": exc.messages[0]}, status=404)
    try:
        services.invitation_check_usable(invitation)
    except ValidationError as exc:
        return None, render(request, "partnerships/invitation_problem.jinja",
                            {"message": exc.messages[0]}, status=410)
    return invitation, None


def _invitation_page(request, invitation, signed, problem=None):
    return render(request, "partnerships/invitation.jinja", {
        "invitation": invitation, "problem": problem, "signed": signed,
        "next": reverse("partnerships:invitation", args=[signed])})


@never_cache  # the title and message are private to whoever holds the link
@require_GET
def invitation(request, signed):
    """The page an invitation email links to. Anyone with the link may read it."""
    invitation, problem_page = _usable(request, signed)
    return problem_page or _invitation_page(request, invitation, signed)


def _answer(request, signed, answer, done):
    """Check the link and the person, give `answer`, then `done(invitation)` is the reply."""
    invitation, problem_page = _usable(request, signed)
    if problem_page:
        return problem_page
    if not request.user.is_authenticated:
        next_url = reverse("partnerships:invitation", args=[signed])
        return redirect(f"{reverse('account_login')}?next={next_url}")
    try:
        answer(user=request.user, invitation=invitation)
    except ValidationError as exc:
        return _invitation_page(request, invitation, signed, problem=exc.messages[0])
    return done(invitation)


@never_cache
@require_POST
def invitation_accept(request, signed):
    def joined(invitation):
        messages.success(request, f"You have joined {invitation.partnership.title}.")
        return redirect(invitation.partnership)

    return _answer(request, signed, services.invitation_accept, joined)


@never_cache
@require_POST
def invitation_decline(request, signed):
    def declined(invitation):
        messages.success(request, "You have declined the invitation.")
        return redirect("home")

    return _answer(request, signed, services.invitation_decline, declined)


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
