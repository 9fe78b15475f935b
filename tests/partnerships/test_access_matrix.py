"""Every partnership view against every role: 404 where it may not be seen, 403 where it may be
seen but not changed, the sign-in page for anonymous writes, never a leak."""

import pytest
from django.urls import reverse

from tests.factories import PartnershipFactory, UserFactory, add_person

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "outsider", "staff", "viewer", "contributor", "lead", "org_admin"]
LOGIN = "login"

# view -> expected status per role, for a PRIVATE partnership
PRIVATE = {
    "detail":   [404, 404, 404, 200, 200, 200, 200],
    "history":  [404, 404, 404, 200, 200, 200, 200],
    "edit":     [LOGIN, 404, 404, 403, 200, 200, 403],
    "purpose":  [LOGIN, 404, 404, 403, 200, 200, 403],
    "partners": [LOGIN, 404, 404, 403, 403, 200, 403],
    "people":   [LOGIN, 404, 404, 403, 403, 200, 403],
    "remove_person": [LOGIN, 404, 404, 403, 403, 302, 403],
    "cancel_invitation": [LOGIN, 404, 404, 403, 403, 302, 403],
}
# the same views for a LISTED partnership: a summary for everyone, nothing more
LISTED = {
    "detail":   [200, 200, 200, 200, 200, 200, 200],
    "history":  [404, 404, 404, 200, 200, 200, 200],
    "edit":     [LOGIN, 403, 403, 403, 200, 200, 403],
    "purpose":  [LOGIN, 403, 403, 403, 200, 200, 403],
    "partners": [LOGIN, 403, 403, 403, 403, 200, 403],
    "people":   [LOGIN, 403, 403, 403, 403, 200, 403],
    "remove_person": [LOGIN, 403, 403, 403, 403, 302, 403],
    "cancel_invitation": [LOGIN, 403, 403, 403, 403, 302, 403],
}


def _request(client, view, partnership, roles):
    pk = partnership.pk
    if view == "detail":
        return client.get(reverse("partnerships:detail", args=[pk]))
    if view == "history":
        return client.get(reverse("partnerships:history", args=[pk]))
    if view == "edit":
        return client.get(reverse("partnerships:edit", args=[pk]))
    if view in {"purpose", "partners", "people"}:
        return client.get(reverse("partnerships:register", args=[pk, view]))
    if view == "remove_person":
        person = partnership.people.get(user=roles["contributor"])
        return client.post(reverse("partnerships:person_remove", args=[pk, person.pk]),
                           {})
    if view == "cancel_invitation":
        invitation = partnership.invitations.create(email="x@example.org", role="viewer")
        return client.post(reverse("partnerships:invitation_manage",
                                   args=[pk, invitation.pk, "cancel"]))
    raise AssertionError(view)


@pytest.mark.parametrize("visibility,table", [("private", PRIVATE), ("listed", LISTED)])
@pytest.mark.parametrize("view", list(PRIVATE))
@pytest.mark.parametrize("role_index,role", list(enumerate(ROLES)))
def test_access(client, partnership, roles, visibility, table, view, role_index, role):
    partnership.visibility = visibility
    partnership.save()
    if role != "anonymous":
        client.force_login(roles[role])
    response = _request(client, view, partnership, roles)
    expected = table[view][role_index]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.headers["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected
    if response.status_code == 200 and role in {"anonymous", "outsider", "staff"}:
        html = response.content.decode()
        for other in ("contributor@example.org", "viewer@example.org", "leader@northshire"):
            assert other not in html  # nobody's email leaks to people outside


def test_a_lead_cannot_reach_into_another_partnership_through_ids(client, partnership, roles):
    other = PartnershipFactory(visibility="private")
    stranger = add_person(other, UserFactory(), "contributor")
    client.force_login(roles["lead"])
    # the other partnership's person, through our own partnership's URL
    response = client.post(reverse("partnerships:person_remove",
                                   args=[partnership.pk, stranger.pk]), {})
    assert response.status_code == 404
    # and the other partnership directly
    response = client.post(reverse("partnerships:person_remove", args=[other.pk, stranger.pk]),
                           {})
    assert response.status_code == 404
    assert other.people.filter(pk=stranger.pk).exists()


def test_drafts_are_never_listed(client, partnership):
    partnership.status = "draft"
    partnership.save()
    assert client.get(reverse("partnerships:detail", args=[partnership.pk])).status_code == 404
    assert partnership.title not in client.get(reverse("partnerships:directory")).content.decode()
