"""Site staff find every main record in the admin, with search and filters; what people make
through the portal is read-only there (its services check permissions and write history)."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import add_totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EDITABLE = {"accounts.user", "drive.driveaction"}


@pytest.fixture
def staff_client(client):
    call_command("seed_demo", verbosity=0)
    staff = UserFactory(email="site.staff@example.org", is_staff=True, is_superuser=True)
    add_totp(staff)
    client.force_login(staff)
    return client


def test_every_main_model_is_in_the_admin():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert {"accounts.user", "organisations.organisation", "organisations.membership",
            "partnerships.partnership", "partnerships.invitation", "drive.driveaction",
            "drive.actionprogress", "charities.expertiseoffer", "charities.expertiserequest",
            "trials.study", "trials.recruitmentupdate", "casestudies.casestudy",
            "reminders.reminderdelivery", "core.auditevent"} <= registered


@pytest.mark.parametrize("label", sorted(
    model._meta.label_lower for model in admin.site._registry
    if model._meta.app_label not in {"auth", "sites", "account", "mfa", "usersessions",
                                      "socialaccount"}))
def test_each_list_searches_and_each_record_opens_for_site_staff(staff_client, label):
    app, model_name = label.split(".")
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    changelist = reverse(f"admin:{app}_{model_name}_changelist")
    assert staff_client.get(changelist).status_code == 200
    model_admin = admin.site._registry[model]
    if model_admin.search_fields:
        assert staff_client.get(changelist, {"q": "DETERMINE \x00 ' %"}).status_code == 200
    first = model.objects.first()
    if first is not None:
        page = staff_client.get(reverse(f"admin:{app}_{model_name}_change", args=[first.pk]))
        assert page.status_code == 200
        can_save = 'name="_save"' in page.content.decode()
        assert can_save == (label in EDITABLE)
    if label not in EDITABLE:
        assert staff_client.get(reverse(f"admin:{app}_{model_name}_add")).status_code == 403


def test_the_secret_in_an_invitation_link_is_not_shown_to_staff(staff_client, partnership,
                                                                leader):
    from partnerships import services

    invitation = services.invitation_create(user=leader, partnership=partnership,
                                            email="guest@example.org", role="viewer")
    page = staff_client.get(reverse("admin:partnerships_invitation_change",
                                    args=[invitation.pk])).content.decode()
    assert "guest@example.org" in page and invitation.token not in page
