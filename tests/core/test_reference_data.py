import pytest
from django.core.management import call_command

from drive.models import DriveAction
from organisations.models import HealthCategory, ResearchActivityGroup

pytestmark = pytest.mark.django_db


def test_the_five_drive_actions_are_loaded_in_order():
    assert list(DriveAction.objects.values_list("title", flat=True)) == [
        "Define purpose",
        "Review and build on what already exists",
        "Invest in infrastructure",
        "Value success",
        "Equip teams to collaborate",
    ]
    assert "".join(a.letter for a in DriveAction.objects.all()) == "DRIVE"


def test_the_hrcs_tables_are_loaded():
    assert HealthCategory.objects.count() == 21
    assert HealthCategory.objects.filter(name="Cancer and neoplasms").exists()
    assert ResearchActivityGroup.objects.count() == 8
    assert ResearchActivityGroup.objects.get(number=4).name == "Detection, screening and diagnosis"


def test_seed_demo_twice_changes_nothing_the_second_time(capsys):
    from django.contrib.auth import get_user_model

    call_command("seed_demo")
    first = get_user_model().objects.count()
    capsys.readouterr()
    call_command("seed_demo")
    assert get_user_model().objects.count() == first
    assert "nothing changed" in capsys.readouterr().out
