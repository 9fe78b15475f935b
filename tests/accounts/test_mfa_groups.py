"""Whether a person must use a second factor is read from their row, kept right however their
groups change, so the check on every request costs no query."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def needs(user):
    return User.objects.get(pk=user.pk).needs_mfa


def test_every_way_of_changing_groups_keeps_the_flag_right():
    curators, other = Group.objects.get_or_create(name="Curators")[0], Group.objects.create(
        name="Readers")
    person, second = UserFactory(), UserFactory()
    person.groups.add(other)
    assert not needs(person)
    person.groups.add(curators)
    assert needs(person)
    person.groups.remove(curators)
    assert not needs(person)
    curators.user_set.add(person, second)
    assert needs(person) and needs(second)
    curators.user_set.remove(second)
    assert needs(person) and not needs(second)
    curators.user_set.clear()
    assert not needs(person)
    person.groups.set([curators])
    assert needs(person)
    person.groups.clear()
    assert not needs(person)


def test_renaming_or_deleting_a_group_changes_its_members(settings):
    settings.MFA_REQUIRED_GROUPS = [*settings.MFA_REQUIRED_GROUPS, "Trial auditors"]
    group = Group.objects.create(name="Reviewers")
    person = UserFactory(groups=["Reviewers"])
    assert not needs(person)
    group.name = "Trial auditors"
    group.save()
    assert needs(person)
    group.delete()
    assert not needs(person)


def test_staff_need_it_and_the_check_makes_no_query():
    staff = User.objects.get(pk=UserFactory(is_staff=True).pk)
    curator = User.objects.get(pk=UserFactory(groups=["Curators"]).pk)
    with CaptureQueriesContext(connection) as queries:
        assert staff.needs_mfa and curator.needs_mfa
    assert len(queries) == 0
