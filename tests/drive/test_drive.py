import json
import re
from datetime import date

import pytest
from django.urls import reverse

from core.models import AuditEvent
from drive.models import ActionProgress, DrivePrompt
from drive.services import progress_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DEFINE = "define-purpose"


def _url(partnership, slug=None):
    if slug is None:
        return reverse("drive:task_list", args=[partnership.pk])
    return reverse("drive:action", args=[partnership.pk, slug])


def _form(progress, *, answers=None, status="in-progress", owner="", due=("", "", ""), notes=""):
    data = {"status": status, "owner": owner, "notes": notes,
            "due_date_0": due[0], "due_date_1": due[1], "due_date_2": due[2]}
    for prompt in progress.action.prompts.all():
        data[f"prompt_{prompt.pk}"] = (answers or {}).get(prompt.position, "")
    return data


@pytest.fixture
def define(partnership):
    progress_ensure(partnership)
    return partnership.drive_progress.get(action__slug=DEFINE)


def test_every_partnership_gets_one_record_per_action(partnership):
    progress_ensure(partnership)
    progress_ensure(partnership)
    assert partnership.drive_progress.count() == 5


def test_the_task_list_shows_status_and_progress(client, partnership, leader, define):
    client.force_login(leader)
    define.status = "completed"
    define.save()
    html = client.get(_url(partnership)).content.decode()
    assert "1 of 5 actions completed" in html
    assert 'class="nhsuk-task-list' in html
    assert "Review and build on what already exists" in html


def test_completing_with_a_required_prompt_empty_names_what_is_missing(client, leader, define):
    client.force_login(leader)
    data = {**_form(define, answers={1: "Shared aims"}), "complete": "yes"}
    html = client.post(_url(define.partnership, DEFINE), data).content.decode()
    assert "nhsuk-error-summary" in html
    missing = DrivePrompt.objects.get(action=define.action, position=2).text
    assert f"Answer &#34;{missing}&#34; before completing" in html or \
        f"Answer \"{missing}\"" in html or "Answer this before completing the action" in html
    assert "Shared aims" in html  # what they typed is still there
    define.refresh_from_db()
    assert define.status != "completed"
    assert define.answers.get(prompt__position=1).text == "Shared aims"  # saved, not lost


def test_completing_with_every_required_prompt_answered(client, leader, define):
    client.force_login(leader)
    answers = {1: "Aims", 2: "Topics", 3: "Gains"}
    client.post(_url(define.partnership, DEFINE),
                {**_form(define, answers=answers), "complete": "yes"})
    define.refresh_from_db()
    assert define.status == "completed" and define.completed_at is not None
    assert AuditEvent.objects.about(define).filter(action="drive.completed").exists()


def test_the_owner_must_be_one_of_the_partnerships_people(client, leader, define):
    client.force_login(leader)
    stranger = UserFactory()
    client.post(_url(define.partnership, DEFINE), {**_form(define, owner=stranger.pk)})
    define.refresh_from_db()
    assert define.owner is None


def test_owner_and_due_date_are_saved(client, leader, define, roles):
    client.force_login(leader)
    client.post(_url(define.partnership, DEFINE), {
        **_form(define, owner=roles["contributor"].pk, due=("30", "6", "2027"))})
    define.refresh_from_db()
    assert define.owner == roles["contributor"] and define.due_date == date(2027, 6, 30)


@pytest.mark.parametrize("url,message", [
    ("javascript:alert(1)", "Enter a valid URL"),
    ("ftp://files.example.org/x", "starts with https:// or http://"),
    ("not a web address", "Enter a valid URL"),
])
def test_evidence_links_must_be_web_addresses(client, leader, define, url, message):
    client.force_login(leader)
    response = client.post(_evidence_url(define), {"evidence-title": "Report",
                                                   "evidence-url": url})
    assert message in response.content.decode()
    assert not define.evidence.exists()


def test_a_good_evidence_link_is_kept_and_shown(client, leader, define):
    client.force_login(leader)
    client.post(_evidence_url(define), {
        "evidence-title": "Board paper",
        "evidence-url": "https://example.org/board.pdf"})
    assert define.evidence.get().url == "https://example.org/board.pdf"
    assert "Board paper" in client.get(_url(define.partnership, DEFINE)).content.decode()



def _evidence_url(progress):
    return reverse("drive:evidence_add", args=[progress.partnership.pk, progress.action.slug])


ROLES = ["anonymous", "outsider", "staff", "viewer", "contributor", "lead", "org_admin"]
# GET task list, GET action, POST action (save): private partnership
EXPECTED = {
    "task_list": [404, 404, 404, 200, 200, 200, 200],
    "action_get": [404, 404, 404, 200, 200, 200, 200],
    "action_post": [404, 404, 404, 403, 302, 302, 403],
    "summary": [404, 404, 404, 200, 200, 200, 200],
}


@pytest.mark.parametrize("view", list(EXPECTED))
@pytest.mark.parametrize("index,role", list(enumerate(ROLES)))
def test_drive_access(client, partnership, roles, view, index, role):
    partnership.visibility = "private"
    partnership.save()
    progress_ensure(partnership)
    define = partnership.drive_progress.get(action__slug=DEFINE)
    if role != "anonymous":
        client.force_login(roles[role])
    if view == "task_list":
        response = client.get(_url(partnership))
    elif view == "action_get":
        response = client.get(_url(partnership, DEFINE))
    elif view == "summary":
        response = client.get(reverse("drive:summary", args=[partnership.pk]))
    else:
        response = client.post(_url(partnership, DEFINE), {**_form(define)})
    assert response.status_code == EXPECTED[view][index]


def test_a_viewer_reads_answers_but_sees_no_form(client, roles, define):
    client.force_login(roles["viewer"])
    html = client.get(_url(define.partnership, DEFINE)).content.decode()
    assert "Mark as completed" not in html
    assert 'method="post"' not in html.split('id="maincontent"')[1]


def test_listed_partnerships_keep_their_drive_work_to_their_people(client, partnership, roles):
    progress_ensure(partnership)
    client.force_login(roles["outsider"])
    assert client.get(_url(partnership)).status_code == 404


def test_an_unknown_action_is_404(client, leader, partnership):
    client.force_login(leader)
    assert client.get(_url(partnership, "no-such-action")).status_code == 404


def test_the_summary_exports_csv_and_json(client, leader, define):
    client.force_login(leader)
    client.post(_url(define.partnership, DEFINE),
                {**_form(define, answers={1: "=cmd|' /C calc'!A0", 2: "b", 3: "c"}),
                 "complete": "yes"})
    url = reverse("drive:summary", args=[define.partnership.pk])
    data = json.loads(client.get(url + "?format=json").content)
    assert data["actions"][0]["status"] == "Completed"
    assert data["actions"][0]["answers"][0]["answer"].startswith("=cmd")
    csv_text = client.get(url + "?format=csv").content.decode()
    assert "'=cmd" in csv_text and "\n=cmd" not in csv_text
    html = client.get(url).content.decode()
    assert "1 of 5 actions completed" in html


def test_the_directory_filters_by_drive_stage(client, partnership, define):
    define.status = ActionProgress.Status.COMPLETED
    define.save()
    directory = reverse("partnerships:directory")
    assert partnership.title in client.get(directory + "?drive_stage=2").content.decode()
    assert partnership.title not in client.get(directory + "?drive_stage=1").content.decode()
    assert client.get(directory + "?drive_stage=banana").status_code == 200


def test_the_task_list_query_count_does_not_grow_with_answers_evidence_or_history(
        client, leader, define):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core import versions

    client.force_login(leader)
    url = _url(define.partnership)
    client.get(url)

    def count():
        versions.changed()  # the page's work, not its kept copy
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    few = count()
    for n in range(10):
        client.post(_url(define.partnership, DEFINE), {
            **_form(define, answers={1: f"answer {n}", 2: "x"}, notes=f"n{n}")})
        client.post(_evidence_url(define), {
            "evidence-title": f"Doc {n}",
            "evidence-url": f"https://example.org/{n}"})
    assert count() == few


def test_someone_elses_evidence_id_is_404_and_a_viewer_cannot_remove_evidence(
        client, leader, define, roles):
    client.force_login(leader)
    client.post(_evidence_url(define), {"evidence-title": "Board paper",
                                        "evidence-url": "https://example.org/board.pdf"})
    link = define.evidence.get()
    remove = reverse("drive:evidence_remove", args=[define.partnership.pk, DEFINE, link.pk])
    other = reverse("drive:evidence_remove", args=[define.partnership.pk, "invest", link.pk])
    assert client.post(other).status_code == 404  # the link belongs to another action
    assert client.get(remove).status_code == 405
    client.force_login(roles["viewer"])
    assert client.post(remove).status_code == 403
    client.force_login(leader)
    assert client.post(remove).status_code == 302
    assert not define.evidence.exists()


def test_a_removed_person_no_longer_owns_actions(client, leader, define, roles):
    define.owner = roles["contributor"]
    define.save()
    person = define.partnership.people.get(user=roles["contributor"])
    client.force_login(leader)
    client.post(reverse("partnerships:person_remove", args=[define.partnership.pk, person.pk]),
                {})
    define.refresh_from_db()
    assert define.owner is None


@pytest.mark.parametrize("days,tag", [(-1, "Overdue"), (0, "Due soon"), (7, "Due soon"),
                                      (8, None)])
def test_an_action_due_soon_or_overdue_says_so_wherever_its_status_shows(
        client, partnership, roles, days, tag):
    from datetime import timedelta

    from django.utils import timezone

    progress_ensure(partnership)
    due = timezone.localdate() + timedelta(days=days)
    partnership.drive_progress.filter(action__slug=DEFINE).update(due_date=due,
                                                                  status="in-progress")
    # A completed action is never overdue.
    partnership.drive_progress.exclude(action__slug=DEFINE).update(
        due_date=timezone.localdate() - timedelta(days=30), status="completed")
    client.force_login(roles["lead"])
    pages = {"task list": _url(partnership), "partnership page": partnership.get_absolute_url()}
    for name, url in pages.items():
        html = client.get(url).content.decode()
        assert len(re.findall(r">\s*Overdue\s*<", html)) == (tag == "Overdue"), name
        assert len(re.findall(r">\s*Due soon\s*<", html)) == (tag == "Due soon"), name
        assert "In progress" in html
    mine = client.get(reverse("partnerships:mine")).content.decode()
    assert ("1 overdue" in mine) == (tag == "Overdue")
    assert ("1 due soon" in mine) == (tag == "Due soon")


def test_the_summary_is_named_after_the_partnership_and_says_whose_and_when_printed(
        client, leader, define):
    from partnerships.models import Partnership

    Partnership.objects.filter(pk=define.partnership_id).update(
        title="DETERMINE: rare cancers", purpose="Medicines for rare cancers",
        start_date=date(2023, 3, 1))
    client.force_login(leader)
    url = reverse("drive:summary", args=[define.partnership.pk])
    disposition = client.get(url + "?format=csv").headers["Content-Disposition"]
    assert disposition == 'attachment; filename="determine-drive-summary.csv"'
    assert "determine-drive-summary.json" in client.get(url + "?format=json").headers[
        "Content-Disposition"]
    html = client.get(url).content.decode()
    assert define.partnership.lead_organisation.name in html
    assert "Medicines for rare cancers" in html and "1 March 2023 to no end date" in html
    assert "Printed on" in html
