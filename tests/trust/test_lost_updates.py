"""Two people editing the same record (issue 18): the second save does not silently overwrite
the first. It is refused with what the other person changed, keeps everything typed, and goes
through when saved again."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from drive.services import progress_ensure
from partnerships.models import Partnership

pytestmark = pytest.mark.django_db

STALE = "Someone changed this since you opened it"


def _version(page):
    return html.unescape(re.search(r'name="version" value="([^"]*)"',
                                   page.content.decode()).group(1))


def _drive_form(progress, version, notes, answer):
    data = {"version": version, "status": "in-progress", "owner": "", "notes": notes,
            "due_date_0": "", "due_date_1": "", "due_date_2": ""}
    for prompt in progress.action.prompts.all():
        data[f"prompt_{prompt.pk}"] = answer
    return data


def test_a_stale_drive_action_save_is_refused_and_keeps_what_was_typed(leader, roles,
                                                                       partnership):
    progress_ensure(partnership)
    progress = partnership.drive_progress.get(action__number=1)
    url = reverse("drive:action", args=[partnership.pk, progress.action.slug])
    first, second = Client(), Client()
    first.force_login(leader)
    second.force_login(roles["contributor"])
    opened_first, opened_second = _version(first.get(url)), _version(second.get(url))

    assert second.post(url, _drive_form(progress, opened_second, "Agreed on Tuesday",
                                        "Shared aims")).status_code == 302
    response = first.post(url, _drive_form(progress, opened_first, "My own notes",
                                           "My answer"))
    page = response.content.decode()
    assert response.status_code == 200
    assert STALE in page and "Agreed on Tuesday" in page  # what they changed
    assert "My own notes" in page and "My answer" in page  # nothing typed is lost
    progress.refresh_from_db()
    assert progress.notes == "Agreed on Tuesday"

    # Having seen their changes, saving again goes through.
    again = first.post(url, _drive_form(progress, _version(response), "My own notes",
                                        "My answer"))
    assert again.status_code == 302
    progress.refresh_from_db()
    assert progress.notes == "My own notes"


def test_a_stale_save_of_the_partnership_details_is_refused(leader, roles, partnership):
    from organisations.models import HealthCategory

    partnership.health_categories.set([HealthCategory.objects.first()])
    url = reverse("partnerships:edit", args=[partnership.pk])
    first, second = Client(), Client()
    first.force_login(leader)
    second.force_login(roles["contributor"])
    opened_first, opened_second = _version(first.get(url)), _version(second.get(url))

    def details(version, title, purpose):
        return {"version": version, "title": title, "purpose": purpose, "topics": "",
                "visibility": "listed", "status": "active",
                "start_date_0": "", "start_date_1": "", "start_date_2": "",
                "end_date_0": "", "end_date_1": "", "end_date_2": "",
                "health_categories": [c.pk for c in partnership.health_categories.all()],
                "lead_organisation": partnership.lead_organisation_id}

    assert second.post(url, details(opened_second, "Renamed by the contributor",
                                    partnership.purpose)).status_code == 302
    response = first.post(url, details(opened_first, partnership.title, "A new purpose"))
    page = response.content.decode()
    assert STALE in page and "Renamed by the contributor" in page and "A new purpose" in page
    assert Partnership.objects.get(pk=partnership.pk).title == "Renamed by the contributor"


def test_a_stale_save_of_a_study_is_refused(leader, roles, partnership):
    from trials.models import Study

    study = Study.objects.create(title="A study", status="recruiting")
    study.partnerships.add(partnership)
    url = reverse("trials:edit", args=[study.pk])
    first, second = Client(), Client()
    first.force_login(leader)
    second.force_login(roles["contributor"])
    opened_first, opened_second = _version(first.get(url)), _version(second.get(url))
    assert second.post(url, {"version": opened_second, "title": "A study",
                             "status": "recruiting", "target_recruitment": "400"}
                       ).status_code == 302
    response = first.post(url, {"version": opened_first, "title": "A better title",
                                "status": "recruiting"})
    page = response.content.decode()
    assert STALE in page and "400" in page and "A better title" in page
    assert Study.objects.get(pk=study.pk).title == "A study"
