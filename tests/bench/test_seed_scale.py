"""seed_scale builds the benchmark data set in proportion, deterministically, and refuses to run
twice or (without being asked) outside PostgreSQL."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from bench import scale

N = 20


@pytest.fixture(autouse=True)
def bench_installed(settings):
    """The bench app is installed only by bench/settings.py; these tests install it too."""
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "bench"]
    settings.ROOT_URLCONF = "bench.urls"


@pytest.fixture
def seeded(db):
    out = StringIO()
    call_command("seed_scale", "--partnerships", str(N), "--allow-sqlite", stdout=out)
    return out.getvalue()


def test_it_builds_every_kind_of_row_in_proportion(seeded):
    from casestudies.models import CaseStudy
    from charities.models import CharityProfile, ExpertiseOffer
    from drive.models import ActionProgress
    from organisations.models import Organisation
    from partnerships.models import Partnership, PartnershipPerson
    from trials.models import Study

    assert Partnership.objects.count() == N
    assert 40 <= Organisation.objects.count() <= 48  # 20,000 at 10,000 partnerships
    assert set(Organisation.objects.values_list("kind", flat=True)) == {
        k for k, _ in scale.ORG_KINDS}
    assert Study.objects.count() == scale.scaled(50_000, N)
    assert ActionProgress.objects.count() == 5 * N
    # About 100,000 DRIVE records at 10,000 partnerships: progress, answers and evidence.
    assert 8 * N <= scale.drive_record_count() <= 14 * N
    assert CharityProfile.objects.count() == scale.scaled(2_000, N, 2)
    assert ExpertiseOffer.objects.exists()
    assert CaseStudy.objects.published().exists()
    assert PartnershipPerson.objects.filter(role="lead").count() >= N
    assert "Seeded 20 partnerships" in seeded


def test_every_organisation_and_study_passes_its_own_validation(seeded):
    from organisations.models import Organisation
    from trials.models import Study

    for org in Organisation.objects.all():
        org.full_clean(exclude=["created_by"])
    for study in Study.objects.all()[:200]:
        study.full_clean(exclude=["created_by", "sponsor"])


def test_bench_lead_is_on_the_scaled_number_of_partnerships_and_can_sign_in(seeded):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model

    from partnerships.models import PartnershipPerson

    bench = get_user_model().objects.get(email=scale.BENCH_EMAIL)
    assert bench.check_password(scale.BENCH_PASSWORD)
    assert EmailAddress.objects.filter(user=bench, verified=True, primary=True).exists()
    assert bench.memberships.filter(state="active").exists()
    roles = PartnershipPerson.objects.filter(user=bench)
    assert roles.count() == scale.bench_partnership_count(N) == 1
    assert scale.bench_partnership_count(10_000) == 50
    assert scale.bench_partnership_count(2_000) == 10


def test_the_reminder_sweep_finds_the_due_actions(db):
    from drive import reminders
    from reminders import registry

    builder = scale.Builder(N)
    builder.build()
    now = timezone.now()
    today = timezone.localdate(now)
    assert builder.expected["due_actions"] > 2 * N  # most open actions are due or overdue
    assert sum(1 for _ in reminders.due_actions(today)) == builder.expected["due_actions"]
    assert sum(1 for _ in registry.everything_due(now)) == builder.expected["due_total"]


class _Rollback(Exception):
    pass


def test_the_same_size_gives_the_same_rows(db):
    from partnerships.models import Partnership, PartnershipPerson

    def build():
        scale.Builder(3).build()
        return (list(Partnership.objects.order_by("pk").values_list("title", "status")),
                list(PartnershipPerson.objects.order_by("pk").values_list("user__email", "role")))

    with pytest.raises(_Rollback), transaction.atomic():
        first = build()
        raise _Rollback
    assert build() == first


def test_it_refuses_a_second_run_and_other_databases(seeded):
    with pytest.raises(CommandError, match="already seeded"):
        call_command("seed_scale", "--partnerships", "1", "--allow-sqlite", stdout=StringIO())
    if connection.vendor == "sqlite":
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("seed_scale", "--partnerships", "1", stdout=StringIO())


def test_the_floor_page_shows_one_partnership_and_only_under_the_bench_settings(seeded, client,
                                                                               settings):
    from partnerships.models import Partnership

    partnership = Partnership.objects.order_by("pk").first()
    fair = client.get(f"/bench/floor/{partnership.pk}/").content.decode()
    tiny = client.get(f"/bench/tiny-floor/{partnership.pk}/").content.decode()
    assert partnership.title in fair and partnership.title in tiny
    # The fair floor is a real page: the NHS header, navigation and footer, as every page has.
    for part in ('class="nhsuk-header"', 'class="nhsuk-header__navigation-list"',
                 'class="nhsuk-footer"', "nhsuk-skip-link"):
        assert part in fair and part not in tiny
    assert client.get("/bench/floor/999999999/").status_code == 404

    settings.ROOT_URLCONF = "config.urls"
    assert client.get(f"/bench/floor/{partnership.pk}/").status_code == 404
