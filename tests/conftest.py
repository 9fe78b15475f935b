"""Fixtures shared by every test: people in each role, signed-in clients, a clean cache."""

import os

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache

from tests.factories import (
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)

REQUIRE_SERVICES = bool(os.environ.get("REQUIRE_SERVICES"))


def needs_service(available: bool, what: str):
    """Skip when a service is missing, unless CI said every service must be there."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} is required (REQUIRE_SERVICES is set) but is not available")
    pytest.skip(f"{what} is not available")


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rate limits and TOTP replay markers live in the cache; no test may see another's.
    cache.clear()
    yield


def add_totp(user) -> str:
    """Give a person an authenticator app; returns its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def person(db):
    return UserFactory(email="person@example.org")


@pytest.fixture
def staff(db):
    return UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_with_mfa(staff):
    add_totp(staff)
    assert Authenticator.objects.filter(user=staff).exists()
    return staff


@pytest.fixture
def curator(db):
    return UserFactory(email="curator@example.org", groups=["Curators"])


@pytest.fixture
def person_client(client, person):
    client.force_login(person)
    return client


def sign_in(client, user, password=None):
    """Sign in through the real form, so allauth records a recent authentication."""
    from django.urls import reverse

    from tests.factories import PASSWORD

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": password or PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def assert_security_headers(headers):
    """The headers every page carries (names in lower case, as browsers report them)."""
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cross-origin-opener-policy"] == "same-origin"


def load_reference_data():
    """The rows the data migrations load. A transactional test (the browser journeys) empties
    every table when it ends; this puts them back, so the order of tests does not matter."""
    import importlib

    from django.apps import apps

    for module in ("drive.migrations.0002_drive_actions",
                   "drive.migrations.0004_guidance_and_prompts",
                   "organisations.migrations.0002_hrcs"):
        importlib.import_module(module).load(apps, None)


@pytest.fixture(scope="session", autouse=True)
def _reference_data(request, django_db_setup, django_db_blocker):
    from pytest_django.fixtures import _get_databases_for_setup

    # With no test that uses the database, none was set up, and the connection would be the
    # development database: leave it alone.
    if not _get_databases_for_setup(request.session.items)[0]:
        return
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """A transactional test starts from whatever the last one left: an emptied database."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or any(
        name in request.fixturenames for name in ("transactional_db", "live_server"))
    if transactional:
        request.getfixturevalue("transactional_db")
        # An interrupted run can leave rows behind in a reused database; start clean.
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)
        load_reference_data()


# A partnership with a person in every role: shared by the partnership, DRIVE, studies,
# charities, case studies and reminders tests.

@pytest.fixture
def trust(db):
    return NhsTrustFactory(name="Northshire NHS Foundation Trust")


@pytest.fixture
def leader(trust):
    user = UserFactory(email="leader@northshire.nhs.uk")
    MembershipFactory(user=user, organisation=trust)
    return user


@pytest.fixture
def partnership(trust, leader):
    partnership = PartnershipFactory(title="Rare cancers partnership", lead_organisation=trust,
                                     purpose="Trying existing medicines in rare cancers.")
    add_person(partnership, leader, "lead")
    return partnership


@pytest.fixture
def roles(partnership, trust):
    """One person in every role around `partnership`, plus outsiders."""
    people = {
        "lead": partnership.people.get(role="lead").user,
        "contributor": UserFactory(email="contributor@example.org"),
        "viewer": UserFactory(email="viewer@example.org"),
        "org_admin": UserFactory(email="admin@northshire.nhs.uk"),
        "outsider": UserFactory(email="outsider@elsewhere.org"),
        "staff": UserFactory(email="staff@example.org", is_staff=True),
    }
    add_person(partnership, people["contributor"], "contributor")
    add_person(partnership, people["viewer"], "viewer")
    MembershipFactory(user=people["org_admin"], organisation=trust, role="admin")
    MembershipFactory(user=people["outsider"])
    add_totp(people["staff"])
    return people
