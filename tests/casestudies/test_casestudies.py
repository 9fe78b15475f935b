import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from casestudies import services
from casestudies.content import render_markdown
from casestudies.models import CaseStudy, Nomination
from drive.models import DriveAction
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def draft(curator_a):
    return services.case_study_save(user=curator_a, title="Working together on rare cancers",
                                    summary="What we learnt.", body="## Start\n\nHello.")


def _published(curator_a, curator_b, draft):
    services.case_study_submit(user=curator_a, case_study=draft)
    return services.case_study_approve(user=curator_b, case_study=draft)


@pytest.mark.parametrize("markdown,forbidden", [
    ("<script>alert(1)</script>", "<script"),
    ('<img src="x" onerror="alert(1)">', "onerror"),
    ("[click](javascript:alert(1))", "javascript:"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ("<iframe src='https://evil.example'></iframe>", "<iframe"),
    ('<p style="background:url(x)" onclick="x()">p</p>', "onclick"),
])
def test_the_body_cannot_carry_script(markdown, forbidden):
    assert forbidden not in render_markdown(markdown)


def test_safe_markdown_survives_and_links_are_made_safe():
    html = render_markdown("## Title\n\n**bold** and [a link](https://example.org)")
    assert "<h2>Title</h2>" in html and "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html and "noopener" in html


def test_the_same_curator_cannot_write_and_approve(curator_a, draft):
    services.case_study_submit(user=curator_a, case_study=draft)
    with pytest.raises(ValidationError, match="Another curator must approve"):
        services.case_study_approve(user=curator_a, case_study=draft)
    draft.refresh_from_db()
    assert draft.state == "in-review"


def test_a_curator_who_changed_the_text_cannot_approve_it(curator_a, curator_b, draft):
    """Issue 18: A submits, B sends it back and rewrites it, A submits again: B may not approve
    words only B has read."""
    services.case_study_submit(user=curator_a, case_study=draft)
    services.case_study_return(user=curator_b, case_study=draft)
    draft.refresh_from_db()
    services.case_study_save(user=curator_b, case_study=draft, summary="Rewritten by B")
    services.case_study_submit(user=curator_a, case_study=draft)
    with pytest.raises(ValidationError, match="you changed its text"):
        services.case_study_approve(user=curator_b, case_study=draft)
    draft.refresh_from_db()
    assert draft.state == "in-review"


def test_another_curator_approves_and_withdrawing_keeps_the_record(curator_a, curator_b, draft):
    study = _published(curator_a, curator_b, draft)
    assert study.state == "published" and study.approved_by == curator_b
    services.case_study_withdraw(user=curator_a, case_study=study)
    study.refresh_from_db()
    assert study.state == "withdrawn"
    from core.models import AuditEvent

    actions = list(AuditEvent.objects.about(study).values_list("action", flat=True))
    assert {"casestudy.saved", "casestudy.submitted", "casestudy.published",
            "casestudy.withdrawn"} <= set(actions)


def test_non_curators_cannot_use_the_workflow(draft):
    with pytest.raises(PermissionDenied):
        services.case_study_submit(user=UserFactory(), case_study=draft)


@pytest.mark.parametrize("role,draft_status,published_status", [
    ("anonymous", 404, 200), ("person", 404, 200), ("curator", 200, 200),
])
def test_who_sees_drafts(client, curator_a, curator_b, draft, role, draft_status,
                         published_status):
    published = services.case_study_save(user=curator_a, title="Published one", summary="s")
    _published(curator_a, curator_b, published)
    if role == "person":
        client.force_login(UserFactory())
    elif role == "curator":
        client.force_login(curator_b)
    assert client.get(draft.get_absolute_url()).status_code == draft_status
    assert client.get(published.get_absolute_url()).status_code == published_status
    workbench = client.get(reverse("casestudies:workbench"))
    assert workbench.status_code == (200 if role == "curator" else
                                     302 if role == "anonymous" else 404)


def _upload(client, curator, name, content, content_type):
    return client.post(reverse("casestudies:create"), {
        "title": "With an image", "summary": "s", "image_alt": "A team meeting",
        "image": SimpleUploadedFile(name, content, content_type=content_type)})


def test_a_non_image_upload_is_refused_with_a_clear_message(client, curator_a):
    client.force_login(curator_a)
    response = _upload(client, curator_a, "photo.png", b"<html><script>x</script>", "image/png")
    assert "must be a PNG, JPEG, GIF or WebP file" in response.content.decode()
    assert not CaseStudy.objects.exists()


@override_settings(FILE_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_an_oversized_upload_is_refused(client, curator_a):
    client.force_login(curator_a)
    response = _upload(client, curator_a, "big.png", PNG + b"\x00" * (2 * 1024 * 1024),
                       "image/png")
    assert "smaller than 2 MB" in response.content.decode()


def test_a_good_image_is_served_with_its_checked_type_and_no_way_to_run(client, curator_a,
                                                                       tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(curator_a)
    _upload(client, curator_a, "team.svg", PNG, "image/svg+xml")  # the name and type lie
    study = CaseStudy.objects.get()
    response = client.get(reverse("casestudies:image", args=[study.pk]))
    assert response["Content-Type"] == "image/png"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PNG


def test_an_image_needs_a_description(client, curator_a):
    client.force_login(curator_a)
    response = client.post(reverse("casestudies:create"), {
        "title": "t", "summary": "s", "image_alt": "",
        "image": SimpleUploadedFile("a.png", PNG, content_type="image/png")})
    assert "Describe the image" in response.content.decode()


def test_a_lead_nominates_and_a_curator_declines_with_a_reason_the_lead_sees(
        client, partnership, leader, curator_a):
    client.force_login(leader)
    client.post(reverse("casestudies:nominate", args=[partnership.pk]),
                {"reason": "We recruited twice as fast with the charity's help."})
    nomination = Nomination.objects.get()
    client.force_login(curator_a)
    client.post(reverse("casestudies:nomination", args=[nomination.pk, "decline"]),
                {"decline-reason": "Come back when the results are out."})
    client.force_login(leader)
    html = client.get(partnership.get_absolute_url()).content.decode()
    assert "Come back when the results are out." in html


def test_a_curator_turns_a_nomination_into_a_linked_draft(partnership, leader, curator_a):
    nomination = services.nominate(user=leader, partnership=partnership, reason="Great work")
    study = services.nomination_draft(user=curator_a, nomination=nomination)
    assert study.state == "draft" and list(study.partnerships.all()) == [partnership]
    assert study.what_worked == "Great work"
    assert (study.title, study.summary) == (partnership.title, partnership.purpose)


def test_a_private_partnerships_nomination_copies_none_of_its_private_text(
        partnership, leader, curator_a):
    """Issue 18: the draft may be published one day; the private title and purpose stay out."""
    partnership.visibility = "private"
    partnership.save()
    nomination = services.nominate(user=leader, partnership=partnership, reason="Great work")
    study = services.nomination_draft(user=curator_a, nomination=nomination)
    assert partnership.title not in study.title and partnership.purpose not in study.summary
    assert partnership.purpose not in f"{study.body} {study.what_worked}"


def test_only_leads_nominate(client, partnership, roles):
    client.force_login(roles["contributor"])
    response = client.post(reverse("casestudies:nominate", args=[partnership.pk]),
                           {"reason": "x"})
    assert response.status_code == 403


def test_the_library_filters_by_drive_action_and_pages_show_their_case_studies(
        client, curator_a, curator_b, draft, partnership):
    services.case_study_save(user=curator_a, case_study=draft, partnerships=[partnership],
                             drive_actions=list(DriveAction.objects.filter(number=4)),
                             sectors=["nhs"])
    _published(curator_a, curator_b, draft)
    library = reverse("casestudies:library")
    assert draft.title in client.get(library + "?drive_action=value-success").content.decode()
    assert draft.title not in client.get(library + "?drive_action=equip-teams").content.decode()
    assert draft.title in client.get(library + "?sector=nhs").content.decode()
    assert client.get(library + "?drive_action=nonsense&page=x").status_code == 200
    assert draft.title in client.get(partnership.get_absolute_url()).content.decode()


def test_a_study_in_review_cannot_be_rewritten_by_its_approver(client, curator_a, curator_b,
                                                              draft):
    services.case_study_submit(user=curator_a, case_study=draft)
    with pytest.raises(ValidationError, match="back to draft"):
        services.case_study_save(user=curator_b, case_study=draft, body="My own words")
    client.force_login(curator_b)
    response = client.post(reverse("casestudies:edit", args=[draft.pk]),
                           {"title": draft.title, "summary": "s", "body": "Mine"})
    assert "back to draft" in response.content.decode()
    draft.refresh_from_db()
    assert draft.body == "## Start\n\nHello."


def _features(study):
    return (sorted(study.partnerships.values_list("title", flat=True)),
            sorted(study.organisations.values_list("name", flat=True)),
            sorted(study.studies.values_list("title", flat=True)))


@pytest.mark.parametrize("long_lists", [False, True])
def test_features_keep_none_one_or_several_choices_through_save_and_edit(
        client, curator_a, long_lists, monkeypatch):
    """Each "it features" field is checkboxes (or a picker when the list is long), never a
    single select that quietly attaches its first option."""
    from core import pickers
    from partnerships.models import Partnership
    from tests.factories import CharityFactory, NhsTrustFactory, PartnershipFactory
    from trials.models import Study

    if long_lists:
        monkeypatch.setattr(pickers, "LIST_ALL_UP_TO", 1)
    trust, charity = NhsTrustFactory(name="North Trust"), CharityFactory(name="Kind Charity")
    first, second = PartnershipFactory(title="First work"), PartnershipFactory(title="Second work")
    Partnership.objects.filter(pk__in=[first.pk, second.pk]).update(status="active",
                                                                    visibility="listed")
    study = Study.objects.create(title="A study")
    client.force_login(curator_a)
    page = client.get(reverse("casestudies:create")).content.decode()
    assert "<select" not in page.split('name="partnerships"')[0][-300:]
    assert 'multiple' not in page or 'type="checkbox"' in page
    base = {"title": "Our story", "summary": "What we learnt", "body": "b"}

    # None chosen: nothing attached.
    client.post(reverse("casestudies:create"), base)
    saved = CaseStudy.objects.get(title="Our story")
    assert _features(saved) == ([], [], [])

    # Several chosen, then the edit page shows exactly them, ticked.
    edit = reverse("casestudies:edit", args=[saved.pk])
    client.post(edit, {**base, "partnerships": [first.pk, second.pk],
                       "organisations": [trust.pk, charity.pk], "studies": [study.pk]})
    assert _features(saved) == (["First work", "Second work"], ["Kind Charity", "North Trust"],
                                ["A study"])
    page = client.get(edit).content.decode()
    for record in (first, second, trust, charity, study):
        assert f'value="{record.pk}" checked' in page

    # Saving the edit page as it is keeps both organisations (none is dropped).
    client.post(edit, {**base, "partnerships": [first.pk, second.pk],
                       "organisations": [trust.pk, charity.pk], "studies": [study.pk]})
    assert len(_features(saved)[1]) == 2

    # One taken off: exactly one left.
    client.post(edit, {**base, "partnerships": [second.pk], "organisations": [charity.pk]})
    assert _features(saved) == (["Second work"], ["Kind Charity"], [])


def test_the_writer_is_not_offered_approve_but_another_curator_is(client, curator_a, curator_b,
                                                                  draft):
    services.case_study_submit(user=curator_a, case_study=draft)
    client.force_login(curator_a)
    html = client.get(reverse("casestudies:detail", args=[draft.pk])).content.decode()
    assert "Approve and publish" not in html
    assert "Another curator must approve and publish it" in html
    client.force_login(curator_b)
    html = client.get(reverse("casestudies:detail", args=[draft.pk])).content.decode()
    assert "Approve and publish" in html


def test_an_upload_is_stored_under_a_random_name_and_a_replaced_one_is_removed(
        curator_a, settings, tmp_path, django_capture_on_commit_callbacks):
    """Issue 18: the uploader's file name never reaches the disk, and old images do not pile
    up."""
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path

    def upload(name):
        return SimpleUploadedFile(name, PNG, content_type="image/png")

    with django_capture_on_commit_callbacks(execute=True):
        study = services.case_study_save(user=curator_a, title="A story", summary="s",
                                         image=upload("Jane Smith passport.jpg.png"),
                                         image_alt="A team photo")
    first = study.image.name
    assert re.fullmatch(r"case-studies/[0-9a-f]{32}\.png", first)
    assert (tmp_path / first).exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.case_study_save(user=curator_a, case_study=study, image=upload("again.png"))
    assert not (tmp_path / first).exists() and (tmp_path / study.image.name).exists()

    second = study.image.name
    with django_capture_on_commit_callbacks(execute=True):
        services.case_study_save(user=curator_a, case_study=study, remove_image=True)
    assert not (tmp_path / second).exists()
    assert list(tmp_path.rglob("*.png")) == []
