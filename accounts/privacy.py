"""A person's own data: everything the portal holds about them, and closing their account.

Each app knows what it holds about a person, so each registers a hook here, in its
AppConfig.ready (docs/adr/0008): what goes in the download, what blocks closing, what closing
deletes, and which history records are about things the person was part of. accounts knows
no other app; a new app with personal data adds its own `privacy.py` and nothing here changes.

The download holds what is about the person and nothing about anyone else: the titles of the
partnerships and organisations they belong to, but not other people's names or addresses (so an
invitation they sent shows its partnership and state, not whom it went to). Only addresses the
person has verified count as theirs: anyone can type someone else's address into their account.

Closing deletes the account. What the person did for a partnership stays with the partnership
(messages, evidence, history), with their name taken off. What would leave others stuck blocks
closing until it is handed over (each app says what: the only lead of a live partnership, the
only admin of an organisation with other members). Drafts only they could see go with them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.logs import security
from core.models import AuditEvent

CLOSED_ACCOUNT = "a closed account"
# The details of a history event that can hold a person's name or address.
NAMING_KEYS = ("person", "email", "owner")


@dataclass(frozen=True)
class Hook:
    # export(user, emails) -> {section: rows}: the app's sections of the download.
    export: Callable | None = None
    # blockers(user) -> [(what to hand over, where to do it)].
    blockers: Callable | None = None
    # close(user, emails): deletes what goes with the account, inside the closing transaction.
    close: Callable | None = None
    # history(user) -> Q on AuditEvent: records of things the person was part of, where an
    # older event may name them by address or name.
    history: Callable | None = None


_hooks: list[Hook] = []


def register(**parts):
    hook = Hook(**parts)
    if hook not in _hooks:
        _hooks.append(hook)


def when(value):
    return value.isoformat() if value else None


def addresses_of(user) -> list[str]:
    """The addresses that are the person's: verified ones (sign-in needs one)."""
    return sorted({e.email.lower() for e in EmailAddress.objects.filter(user=user, verified=True)})


def export(user) -> dict:
    emails = addresses_of(user)
    data = {
        "exported_at": when(timezone.now()),
        "person": {"email": user.email, "full_name": user.full_name,
                   "job_title": user.job_title, "joined": when(user.date_joined),
                   "last_signed_in": when(user.last_login)},
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")],
    }
    for hook in _hooks:
        if hook.export:
            data.update(hook.export(user, emails))
    data["sessions"] = [
        {"ip": s.ip, "browser": s.user_agent, "started": when(s.created_at),
         "last_seen": when(s.last_seen_at)}
        for s in UserSession.objects.filter(user=user)]
    data["what_you_did"] = [
        {"at": when(e.at), "action": e.action}
        for e in AuditEvent.objects.filter(actor=user).order_by("at")]
    return data


def closure_blockers(user) -> list[tuple[str, str]]:
    """What must be handed over before the account can close: (what, where to do it)."""
    return [blocker for hook in _hooks if hook.blockers for blocker in hook.blockers(user)]


@transaction.atomic
def close(request, user):
    if closure_blockers(user):
        raise ValueError("Hand over first.")
    emails = addresses_of(user)
    for hook in _hooks:
        if hook.close:
            hook.close(user, emails)
    _take_name_out_of_history(user, emails)
    for session in UserSession.objects.filter(user=user):
        session.end()
    security("account_closed", request=request, person=user)
    user.delete()


def _take_name_out_of_history(user, emails):
    """History keeps what happened, not who it happened to: events that name the person by id,
    and older ones that name them by address or name, but only in the records they were part of
    (someone else may share the name)."""
    theirs = Q(pk__in=[])
    for hook in _hooks:
        if hook.history:
            theirs |= hook.history(user)
    names = {user.display_name.lower(), user.email.lower(), *emails}
    naming = Q()
    for key in NAMING_KEYS:
        naming |= Q(details__has_key=key)
    for event in AuditEvent.objects.filter(Q(details__person_id=user.pk) | (theirs & naming)):
        details = dict(event.details)
        mine = details.get("person_id") == user.pk
        for key in NAMING_KEYS:
            if key in details and (mine or str(details[key]).lower() in names):
                details[key] = CLOSED_ACCOUNT
        if mine:
            details.pop("person_id")
        if details != event.details:
            event.details = details
            event.save(update_fields=["details"])
