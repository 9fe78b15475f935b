"""A line break typed into a title (issue 18): registering and asking for help still work, and
their emails go out with a one-line subject."""

import pytest
from django.core import mail
from django.urls import reverse

from charities import services as charity_services
from partnerships import services as partnership_services
from partnerships.models import Partnership
from tests.factories import CharityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TITLE = "Rare cancers\r\nBcc: everyone@example.org"


def test_a_title_with_a_line_break_registers_and_its_invitations_go_out(
        client, leader, partnership, django_capture_on_commit_callbacks):
    from organisations.models import HealthCategory

    Partnership.objects.filter(pk=partnership.pk).update(title=TITLE, status="draft")
    partnership.refresh_from_db()
    partnership.health_categories.set([HealthCategory.objects.first()])
    partnership_services.invitation_create(user=leader, partnership=partnership,
                                           email="guest@example.org", role="viewer")
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partnerships:register", args=[partnership.pk, "check"]))
    assert response.status_code == 302
    sent = mail.outbox[-1]
    assert sent.to == ["guest@example.org"] and "\n" not in sent.subject
    assert sent.message()["Bcc"] is None


def test_a_request_for_help_from_such_a_partnership_is_saved_and_told(
        client, leader, partnership, django_capture_on_commit_callbacks):
    Partnership.objects.filter(pk=partnership.pk).update(title=TITLE)
    partnership.refresh_from_db()
    charity = CharityFactory()
    staff = UserFactory(email="staff@charity.example.org")
    MembershipFactory(user=staff, organisation=charity, role="admin")
    offer = charity_services.offer_save(
        user=staff, organisation=charity, kind="ppi", title="Patient panel",
        description="A panel.", regions=["london"], health_categories=[])
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(offer.get_absolute_url(), {
            "partnership": partnership.pk, "what_is_needed": "A panel",
            "needed_by_0": "", "needed_by_1": "", "needed_by_2": ""})
    assert response.status_code == 302
    sent = mail.outbox[-1]
    assert sent.to == ["staff@charity.example.org"]
    assert "\n" not in sent.subject and sent.message()["Bcc"] is None


def test_control_characters_are_taken_out_of_what_is_typed_and_line_breaks_out_of_titles(
        client, leader, partnership):
    from organisations.models import HealthCategory

    partnership.health_categories.set([HealthCategory.objects.first()])
    client.force_login(leader)
    client.post(reverse("partnerships:edit", args=[partnership.pk]), {
        "title": "Rare\x00 cancers\r\nBcc: x@example.org\x1b[2J", "status": "active",
        "purpose": "Line one\r\nLine two\x07", "visibility": "listed",
        "health_categories": [HealthCategory.objects.first().pk]})
    partnership.refresh_from_db()
    assert partnership.title == "Rare cancers Bcc: x@example.org[2J"
    assert partnership.purpose == "Line one\r\nLine two"
