"""Every change to a study is in its history, and only the study's people may make one."""

import pytest
from django.urls import reverse

from core.audit import describe, details_in_words
from core.models import AuditEvent
from partnerships import services as partnership_services
from partnerships.models import PartnershipPerson
from tests.factories import PartnershipFactory, add_person
from tests.trials.records import record
from trials import ctgov
from trials.models import Study

pytestmark = pytest.mark.django_db


def _history(study):
    return [(describe(e), details_in_words(e)) for e in
            AuditEvent.objects.about(study).order_by("at", "pk")]


def test_registering_changing_and_linking_a_study_by_hand_is_in_its_history(
        client, leader, partnership):
    client.force_login(leader)
    client.post(reverse("trials:create"), {
        "link-partnership": partnership.pk, "title": "ELSA-like screening study",
        "status": "recruiting"})
    study = Study.objects.get()
    client.post(reverse("trials:edit", args=[study.pk]), {
        "title": "ELSA screening study", "status": "recruiting", "target_recruitment": "500"})
    other = PartnershipFactory(title="Second partnership")
    add_person(other, leader, "lead")
    client.post(reverse("trials:link", args=[study.pk]), {"link-partnership": other.pk})

    history = _history(study)
    assert [words for words, _ in history] == [
        "Registered the study", "Linked the study to a partnership",
        "Changed the study's details", "Linked the study to a partnership"]
    assert history[0][1] == ["Title: ELSA-like screening study"]
    assert history[2][1] == ["What changed: title, target recruitment"]
    assert history[3][1] == ["Partnership: Second partnership"]
    assert "Linked the study to a partnership" in client.get(
        study.get_absolute_url()).content.decode()


def test_an_import_and_a_reimport_are_in_the_study_history(leader, partnership):
    study, _ = ctgov.apply(ctgov.parse(record()), user=leader, partnership=partnership)
    ctgov.apply(ctgov.parse(record(status="COMPLETED")), user=leader)
    ctgov.apply(ctgov.parse(record(status="COMPLETED")), user=leader)  # nothing new
    history = _history(study)
    assert [words for words, _ in history] == [
        "Registered the study", "Linked the study to a partnership",
        "Updated the study from its ClinicalTrials.gov record"]
    assert history[2][1] == ["What changed: status"]


def test_someone_removed_from_the_partnership_can_no_longer_change_the_study_they_made(
        client, leader, partnership, roles):
    me = roles["contributor"]
    client.force_login(me)
    client.post(reverse("trials:create"), {
        "link-partnership": partnership.pk, "title": "My study", "status": "recruiting"})
    study = Study.objects.get(title="My study")
    assert client.get(reverse("trials:edit", args=[study.pk])).status_code == 200

    partnership_services.person_remove(
        user=leader, person=PartnershipPerson.objects.get(partnership=partnership, user=me))
    assert client.get(reverse("trials:edit", args=[study.pk])).status_code == 403
    assert client.post(reverse("trials:add_site", args=[study.pk]),
                       {"site-organisation": partnership.lead_organisation.pk}).status_code == 403
