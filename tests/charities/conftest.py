import pytest

from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def charity(db):
    from tests.factories import CharityFactory

    return CharityFactory(name="Helpful Charity")


@pytest.fixture
def charity_staff(charity):
    user = UserFactory(email="staff@helpful.org")
    MembershipFactory(user=user, organisation=charity, role="admin")
    return user


@pytest.fixture
def offer(charity, charity_staff):
    from charities import services
    from organisations.models import HealthCategory

    return services.offer_save(
        user=charity_staff, organisation=charity, kind="ppi", title="Patient panel for trials",
        description="People affected by rare cancers review your plans.", regions=["london"],
        health_categories=HealthCategory.objects.filter(slug="cancer-and-neoplasms"))
