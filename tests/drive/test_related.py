import pytest

from drive import related
from organisations.models import HealthCategory
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def _with(title, purpose, categories, **kwargs):
    partnership = PartnershipFactory(title=title, purpose=purpose, **kwargs)
    partnership.health_categories.set(HealthCategory.objects.filter(slug__in=categories))
    return partnership


@pytest.fixture
def crafted():
    return {
        "me": _with("Rare cancers and targeted medicines",
                    "Testing existing targeted medicines in rare cancers.",
                    ["cancer-and-neoplasms"]),
        "best": _with("Rare cancers network", "Finding people with rare cancers for trials.",
                      ["cancer-and-neoplasms"]),
        "category_only": _with("Breast screening uptake", "Invitations and reminders.",
                               ["cancer-and-neoplasms"]),
        "words_only": _with("Medicines optimisation", "Targeted support for prescribing.",
                            ["generic-health-relevance"]),
        "unrelated": _with("Stroke rehabilitation at home", "Physiotherapy after stroke.",
                           ["stroke"]),
        "private": _with("Rare cancers private study", "Rare cancers again.",
                         ["cancer-and-neoplasms"], visibility="private"),
    }


def test_the_closest_item_comes_first_with_its_reason(crafted, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    suggestions = related.related_to(crafted["me"], AnonymousUser())
    titles = [s.candidate.title for s in suggestions]
    assert titles[0] == "Rare cancers network"
    assert suggestions[0].reason.startswith("shares Cancer and neoplasms; mentions ")
    assert "cancers" in suggestions[0].reason and "rare" in suggestions[0].reason
    assert "medicin," not in suggestions[0].reason  # words as written, not their stems
    assert titles.index("Breast screening uptake") < titles.index("Medicines optimisation")


def test_unrelated_private_and_itself_are_absent(crafted):
    from django.contrib.auth.models import AnonymousUser

    titles = {s.candidate.title for s in related.related_to(crafted["me"], AnonymousUser())}
    assert "Stroke rehabilitation at home" not in titles
    assert "Rare cancers private study" not in titles
    assert "Rare cancers and targeted medicines" not in titles


def test_a_new_source_plugs_in_without_touching_the_ranking(crafted, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    def studies(partnership, categories, words, user):
        yield related.Candidate(kind="study", kind_label="Study", object_id=7,
                                title="DETERMINE", url="/studies/7/",
                                categories=frozenset({"Cancer and neoplasms"}),
                                text="targeted medicines rare cancers platform trial")

    monkeypatch.setattr(related, "_SOURCES", [*related._SOURCES, (studies, False)])
    suggestions = related.related_to(crafted["me"], AnonymousUser())
    assert suggestions[0].candidate.title == "DETERMINE"
    assert suggestions[0].candidate.kind_label == "Study"


def test_public_candidates_are_reused_until_the_partnership_changes(crafted, monkeypatch):
    from django.contrib.auth.models import AnonymousUser

    calls = []

    def offers(partnership, categories, words, user):
        calls.append(user)
        yield related.Candidate(kind="offer", kind_label="Offer", object_id=calls.__len__(),
                                title=f"Offer {len(calls)}", url="/expertise/1/",
                                categories=frozenset({"Cancer and neoplasms"}))

    monkeypatch.setattr(related, "_SOURCES", [(offers, True)])
    me = crafted["me"]
    first = related.related_to(me, AnonymousUser())
    again = related.related_to(me, AnonymousUser())
    assert len(calls) == 1 and calls[0] is None  # a public source never sees who is asking
    assert [s.candidate.title for s in again] == [s.candidate.title for s in first]
    me.title = me.title + " (renamed)"
    me.save()
    related.related_to(me, AnonymousUser())
    assert len(calls) == 2


def test_words_are_matched_in_their_simple_forms():
    assert related.significant_words("Screening rare cancers") == {"screen", "rare", "cancer"}
    assert "the" not in related.significant_words("the partnership")


def test_partners_mark_suggestions_and_the_marks_are_kept(client, crafted):
    from django.urls import reverse

    from drive.services import progress_ensure
    from tests.factories import UserFactory, add_person

    me = crafted["me"]
    lead = UserFactory()
    add_person(me, lead, "lead")
    progress_ensure(me)
    client.force_login(lead)
    url = reverse("drive:action", args=[me.pk, "review-and-build"])
    best = crafted["best"]
    mark_url = reverse("drive:related_mark", args=[me.pk])
    client.post(mark_url, {"kind": "partnership", "object_id": best.pk,
                      "relevant": "yes"})
    mark = me.drive_progress.get(action__slug="review-and-build").related_marks.get()
    assert (mark.title, mark.relevant) == ("Rare cancers network", True)
    # An item that is not a suggestion (here: a private partnership) cannot be marked.
    response = client.post(mark_url, {"kind": "partnership",
                                 "object_id": crafted["private"].pk, "relevant": "yes"})
    assert response.status_code == 404
    assert "Relevant" in client.get(url).content.decode()
