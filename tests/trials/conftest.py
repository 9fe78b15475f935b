import pytest

from tests.factories import (
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)


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
    from tests.conftest import add_totp

    add_totp(people["staff"])
    return people
