"""Who may do what with a partnership: the one place its roles are read. Every app asks here
(partnership_access for a page, require_* in a service) rather than spelling out roles itself.

Leads manage the partnership, its partners and people; contributors (with leads, the "editors")
change its record and DRIVE work; viewers read. Organisation admins of a partner read the full
record of a partnership their organisation is in.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Partnership, PartnershipPerson


def role_of(user, partnership):
    if not user.is_authenticated:
        return None
    return PartnershipPerson.objects.filter(partnership=partnership, user=user).first()


def _require(user, partnership, *roles):
    person = role_of(user, partnership)
    if person is None or person.role not in roles:
        raise PermissionDenied
    return person


def require_editor(user, partnership):
    return _require(user, partnership, *PartnershipPerson.EDITOR_ROLES)


def require_lead(user, partnership):
    return _require(user, partnership, PartnershipPerson.Role.LEAD)


def editor_emails(partnership) -> list[str]:
    """The addresses of the partnership's leads and contributors."""
    return list(partnership.people.filter(role__in=PartnershipPerson.EDITOR_ROLES)
                .values_list("user__email", flat=True))


@dataclass
class Access:
    partnership: Partnership
    person: PartnershipPerson | None  # the person's role in it, if any
    full: bool  # may see the full record (people, invitations, history)

    @property
    def can_edit(self):
        return self.person is not None and self.person.can_edit

    @property
    def is_lead(self):
        return self.person is not None and self.person.role == PartnershipPerson.Role.LEAD


def partnership_access(user, pk, *, need="view") -> Access:
    """The partnership if the person may see it (404 if not), checked for `need`:
    "view" (a summary will do), "full" (the full record), "edit" or "lead" (403 if not)."""
    partnership = (Partnership.objects.visible_to(user).select_related("lead_organisation")
                   .filter(pk=pk).first())
    if partnership is None:
        raise Http404("No such partnership")
    person = None
    if user.is_authenticated:
        person = PartnershipPerson.objects.filter(partnership=partnership, user=user).first()
    full = person is not None or (
        user.is_authenticated
        and Partnership.objects.full_record_visible_to(user).filter(pk=pk).exists()
    )
    access = Access(partnership=partnership, person=person, full=full)
    if need == "full" and not full:
        raise Http404("No such partnership")
    if need == "edit" and not access.can_edit:
        raise PermissionDenied
    if need == "lead" and not access.is_lead:
        raise PermissionDenied
    return access
