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


def _row_counts():
    from django.apps import apps

    return {model._meta.label: model.objects.count() for model in apps.get_models()
            if model._meta.app_label not in {"sessions", "admin"}}


def test_seed_demo_twice_changes_nothing_the_second_time(capsys):
    call_command("seed_demo")
    first = _row_counts()
    assert first["partnerships.Partnership"] == 2 and first["trials.Study"] == 2
    assert first["casestudies.CaseStudy"] == 4 and first["charities.ExpertiseOffer"] == 4
    assert first["casestudies.Nomination"] == 1
    capsys.readouterr()
    call_command("seed_demo")
    assert _row_counts() == first
    assert "nothing changed" in capsys.readouterr().out
