import pytest

from tests.factories import UserFactory


@pytest.fixture
def curator_a(db):
    from tests.conftest import add_totp

    user = UserFactory(email="curator.a@example.org", groups=["Curators"])
    add_totp(user)
    return user


@pytest.fixture
def curator_b(db):
    from tests.conftest import add_totp

    user = UserFactory(email="curator.b@example.org", groups=["Curators"])
    add_totp(user)
    return user
