"""The read API: its schema, who sees what, bad input, caching and rate limits."""

import json

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from tests.api.conftest import api_client, token_for
from tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

PRIVATE_WORDS = ["Secret partnership", "Draft partnership", "Draft story", "Unverified offer"]


def schema():
    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return json.loads(response.content)


def exercised(world):
    """Every path in the schema, with the address a test reads it at. A new endpoint without a
    line here fails test_the_schema_is_valid_and_every_endpoint_is_exercised."""
    return {
        "/api/v1/partnerships/": "/api/v1/partnerships/",
        "/api/v1/partnerships/{id}/": f"/api/v1/partnerships/{world['public'].pk}/",
        "/api/v1/partnerships/{id}/drive-summary/":
            f"/api/v1/partnerships/{world['public'].pk}/drive-summary/",
        "/api/v1/organisations/": "/api/v1/organisations/",
        "/api/v1/organisations/{id}/": f"/api/v1/organisations/{world['trust'].pk}/",
        "/api/v1/studies/": "/api/v1/studies/",
        "/api/v1/studies/{id}/": f"/api/v1/studies/{world['study'].pk}/",
        "/api/v1/offers/": "/api/v1/offers/",
        "/api/v1/offers/{id}/": f"/api/v1/offers/{world['open_offer'].pk}/",
        "/api/v1/case-studies/": "/api/v1/case-studies/",
        "/api/v1/case-studies/{id}/": f"/api/v1/case-studies/{world['published'].pk}/",
        "/api/fhir/ResearchStudy": "/api/fhir/ResearchStudy?identifier=NCT01234567",
        "/api/fhir/ResearchStudy/{id}": f"/api/fhir/ResearchStudy/{world['study'].pk}",
    }


def test_the_schema_is_valid_and_every_endpoint_is_exercised(world, callers):
    spec = schema()
    validate(spec)  # raises on an invalid OpenAPI document
    addresses = exercised(world)
    assert set(spec["paths"]) == set(addresses)
    for path, address in addresses.items():
        response = callers["member"].get(address)
        assert response.status_code == 200, (path, response.content[:300])
        assert response.json()


def test_the_schema_says_how_to_send_a_token():
    schemes = schema()["components"]["securitySchemes"]
    assert schemes["personalToken"] == {
        "type": "http", "scheme": "bearer",
        "description": "A personal API token, made on your account's API tokens page"}


def test_the_docs_page_serves_swagger_ui_from_this_server(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn.jsdelivr" not in page and "unpkg" not in page


def ids(response):
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.json()["results"]}


def test_each_caller_sees_exactly_what_they_may(world, callers):
    public, private = world["public"].pk, world["private"].pk
    for name in ("anonymous", "outsider"):
        caller = callers[name]
        assert ids(caller.get("/api/v1/partnerships/")) == {public}
        assert caller.get(f"/api/v1/partnerships/{private}/").status_code == 404
        assert caller.get(f"/api/v1/partnerships/{public}/drive-summary/").status_code == 404
        assert ids(caller.get("/api/v1/offers/")) == {world["open_offer"].pk}
        assert caller.get(f"/api/v1/offers/{world['hidden_offer'].pk}/").status_code == 404
        [story] = caller.get("/api/v1/case-studies/").json()["results"]
        assert story["id"] == world["published"].pk and story["partnerships"] == [public]
        assert caller.get(f"/api/v1/case-studies/{world['draft_story'].pk}/").status_code == 404
    member = callers["member"]
    assert ids(member.get("/api/v1/partnerships/")) == {public, private}
    assert member.get(f"/api/v1/partnerships/{private}/").json()["title"] == "Secret partnership"
    assert member.get(f"/api/v1/partnerships/{world['draft'].pk}/").status_code == 404
    summary = member.get(f"/api/v1/partnerships/{public}/drive-summary/").json()
    assert summary["partnership"] == "Public partnership" and len(summary["actions"]) == 5
    [story] = member.get("/api/v1/case-studies/").json()["results"]
    assert sorted(story["partnerships"]) == sorted([public, private])


def test_no_private_word_reaches_anyone_without_the_right(world, callers):
    spec = schema()
    addresses = list(exercised(world).values()) + [
        f"/api/v1/partnerships/{world['private'].pk}/", "/api/v1/case-studies/",
        f"/api/fhir/ResearchStudy?_id={world['study'].pk}"]
    assert len(addresses) > len(spec["paths"])
    for name in ("anonymous", "outsider"):
        for address in addresses:
            text = callers[name].get(address).content.decode()
            for word in PRIVATE_WORDS:
                assert word not in text, (name, address, word)


@pytest.mark.parametrize("name", ["revoked", "expired"])
def test_a_revoked_or_expired_token_is_refused_everywhere(world, callers, name):
    for address in exercised(world).values():
        response = callers[name].get(address)
        assert response.status_code == 401, address
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'
        text = response.content.decode()
        assert "does not work" in text and "Secret" not in text


def test_a_removed_person_s_token_stops_seeing_the_private_partnership(world):
    from partnerships.models import PartnershipPerson

    caller = api_client(token_for(world["member"]))
    assert world["private"].pk in ids(caller.get("/api/v1/partnerships/"))
    PartnershipPerson.objects.filter(user=world["member"], partnership=world["private"]).delete()
    assert world["private"].pk not in ids(caller.get("/api/v1/partnerships/"))
    world["member"].is_active = False
    world["member"].save()
    assert caller.get("/api/v1/partnerships/").status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer nope", "bearer  ",
                                    "Bearer rpp_" + "x" * 5000])
def test_a_malformed_token_gets_a_json_401(world, header):
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/partnerships/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


def test_a_token_in_bytes_that_are_not_text_gets_a_json_401(world):
    response = Client(HTTP_AUTHORIZATION="Bearer caf\u00e9").get("/api/v1/partnerships/")
    assert response.status_code == 401


@pytest.mark.parametrize(("query", "status"), [
    ({"cursor": "garbage"}, 404), ({"cursor": "cD0yMDI0"}, 200), ({"health_category": "nope"}, 400),
    ({"status": "draft"}, 400), ({"page_size": "-1"}, 200), ({"page_size": "abc"}, 200),
    ({"page_size": "100000"}, 200), ({"q": "x" * 201}, 400), ({"q": "\x00\x01"}, 400),
    ({"q": "\x01 rare"}, 200),
])
def test_bad_filters_and_cursors_answer_in_json(world, query, status):
    response = Client().get("/api/v1/partnerships/", query)
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("pk", ["abc", "99999999999999999999", "-1", "0"])
def test_an_id_that_is_no_record_is_a_json_404(world, pk):
    for kind in ("partnerships", "studies", "offers", "case-studies", "organisations"):
        response = Client().get(f"/api/v1/{kind}/{pk}/")
        assert response.status_code == 404, (kind, pk)
        assert response.json()["detail"]


API_LISTS = ["/api/v1/partnerships/", "/api/v1/organisations/", "/api/v1/studies/",
             "/api/v1/offers/", "/api/v1/case-studies/"]
PARAMETERS = ["q", "cursor", "page_size", "sort", "status", "phase", "kind", "region",
              "partner", "health_category", "activity", "organisation_kind", "drive_stage",
              "recruiting", "sponsor_kind", "site_region", "charity", "drive_action", "sector",
              "format"]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)


@pytest.mark.parametrize("path", API_LISTS)
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=st.dictionaries(st.sampled_from(PARAMETERS), st.lists(TEXT, max_size=3),
                             max_size=4))
def test_no_query_string_breaks_an_api_list(client, path, query):
    response = client.get(path, query, HTTP_ACCEPT="application/json")
    assert response.status_code in (200, 400, 404), response.content[:300]
    if response.status_code != 200 or "format" not in query:
        json.loads(response.content)


def test_a_cursor_walks_every_row_once(world):
    for n in range(5):
        PartnershipFactory(title=f"Listed {n}")
    seen, address = [], "/api/v1/partnerships/?page_size=2"
    while address:
        page = Client().get(address).json()
        seen += [row["id"] for row in page["results"]]
        address = page["next"]
    assert len(seen) == len(set(seen)) == 6


def test_an_unchanged_answer_is_304_and_a_change_shows_at_once(world):
    client = Client()
    first = client.get("/api/v1/partnerships/")
    etag = first["ETag"]
    assert client.get("/api/v1/partnerships/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    world["public"].title = "Renamed partnership"
    world["public"].save()
    again = client.get("/api/v1/partnerships/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and "Renamed partnership" in again.content.decode()


def test_a_record_s_etag_changes_when_a_related_row_does(world, callers):
    """No Last-Modified: a partner added or a DRIVE answer given leaves the partnership's own
    date alone, and a date would let a client keep the old answer."""
    from drive.services import progress_ensure

    address = f"/api/v1/partnerships/{world['public'].pk}/drive-summary/"
    progress_ensure(world["public"])
    first = callers["member"].get(address)
    assert "Last-Modified" not in first
    world["public"].drive_progress.filter(action__number=1).update(status="in-progress")
    again = callers["member"].get(address, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


@pytest.mark.parametrize("position", ["abc", "NaN", "1e400", "2026-01-01", "%00", "\u00b2",
                                      "99999999999999999999999"])
def test_a_cursor_anyone_wrote_is_a_404_whatever_its_position(world, position):
    import base64
    from urllib.parse import urlencode

    cursor = base64.b64encode(urlencode({"r": "1", "p": position}).encode()).decode()
    for kind in ("partnerships", "studies", "organisations", "offers", "case-studies"):
        for sort in ("", "title"):
            response = Client().get(f"/api/v1/{kind}/", {"cursor": cursor, "sort": sort})
            assert response.status_code in (200, 404), (kind, position, response.status_code)
            assert response.json()


@pytest.mark.parametrize("pk", ["abc", "%ff", "%20", "NaN", "\u00b2", "99999999999999999999"])
def test_the_drive_summary_of_an_id_that_is_no_number_is_a_404(world, callers, pk):
    response = callers["member"].get(f"/api/v1/partnerships/{pk}/drive-summary/")
    assert response.status_code == 404 and response.json()["detail"]


def test_the_list_s_own_sort_orders_the_pages(world):
    for title in ("Beta", "Alpha", "Gamma"):
        PartnershipFactory(title=title)
    titles, address = [], "/api/v1/partnerships/?sort=title&page_size=2"
    while address:
        page = Client().get(address).json()
        titles += [row["title"] for row in page["results"]]
        address = page["next"]
    assert titles == sorted(titles) and len(titles) == 4
    newest = Client().get("/api/v1/studies/", {"sort": "-title"}).json()["results"]
    assert [s["title"] for s in newest] == sorted((s["title"] for s in newest), reverse=True)


@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809", "1" * 40])
def test_a_number_past_the_database_s_is_an_unknown_choice(world, value):
    api = Client().get("/api/v1/partnerships/", {"activity": value})
    assert api.status_code == 400 and "activity" in api.json()
    for page in ("/partnerships/", "/partnerships/export.csv"):
        assert Client().get(page, {"activity": value}).status_code == 200


@override_settings(API_WRONG_TOKENS=(3, 3600))
def test_guessing_tokens_is_slowed_down_per_address(world):
    guesses = [Client(HTTP_AUTHORIZATION=f"Bearer rpp_guess{n}").get("/api/v1/offers/")
               for n in range(5)]
    assert [g.status_code for g in guesses] == [401, 401, 401, 429, 429]
    assert int(guesses[-1]["Retry-After"]) > 0
    assert Client().get("/api/v1/offers/").status_code == 200  # no token: not a guess


def test_anonymous_answers_are_cacheable_and_a_token_s_are_private(world, callers):
    anonymous = callers["anonymous"].get("/api/v1/studies/")
    assert anonymous["Cache-Control"] == "public, max-age=60"
    assert "Authorization" in anonymous["Vary"]
    member = callers["member"].get("/api/v1/studies/")
    assert "private" in member["Cache-Control"] and "no-store" not in member["Cache-Control"]
    assert "public" not in member["Cache-Control"]


def test_the_token_s_last_use_is_written_at_most_hourly(world):
    from api.models import ApiToken

    secret = token_for(world["member"])
    caller = api_client(secret)
    caller.get("/api/v1/offers/")
    token = ApiToken.objects.get(hint=secret[:10])
    assert token.last_used_at is not None
    with CaptureQueriesContext(connection) as queries:
        caller.get("/api/v1/offers/")
    assert not [q for q in queries if q["sql"].startswith("UPDATE")]


@override_settings(API_RATES={"token": "3/minute", "address": "2/minute"})
def test_rate_limits_count_per_token_and_per_address(world):
    anonymous = Client()
    assert [anonymous.get("/api/v1/offers/").status_code for _ in range(3)] == [200, 200, 429]
    limited = anonymous.get("/api/v1/offers/")
    assert "detail" in limited.json() and int(limited["Retry-After"]) > 0
    caller = api_client(token_for(world["member"]))  # same address, its own count
    assert [caller.get("/api/v1/offers/").status_code for _ in range(4)] == [200, 200, 200, 429]
    other = api_client(token_for(world["outsider"]))
    assert other.get("/api/v1/offers/").status_code == 200


def _queries(address, caller):
    from core import versions

    versions.changed()  # count the queries of working the page out, not of reading it back
    with CaptureQueriesContext(connection) as queries:
        response = caller.get(address)
    assert response.status_code == 200
    return len(queries)


def _grow(world, n):
    from casestudies.models import CaseStudy
    from charities.models import ExpertiseOffer
    from tests.factories import CharityFactory, NhsTrustFactory
    from trials.models import RecruitmentUpdate, Study, StudySite

    for i in range(n):
        trust = NhsTrustFactory()
        partnership = PartnershipFactory(lead_organisation=trust)
        partnership.health_categories.set(world["public"].health_categories.all())
        study = Study.objects.create(title=f"Study {i}", sponsor=trust)
        site = StudySite.objects.create(study=study, organisation=trust)
        RecruitmentUpdate.objects.create(study=study, site=site, date=timezone.localdate(),
                                         recruited=i)
        ExpertiseOffer.objects.create(organisation=CharityFactory(verified_at=timezone.now()),
                                      kind="ppi", title=f"Offer {i}", description="x")
        story = CaseStudy.objects.create(title=f"Story {i}", summary="x", state="published")
        story.partnerships.add(partnership)
        story.organisations.add(trust)


def test_query_counts_do_not_grow_with_the_rows(world, callers):
    callers["member"].get("/api/v1/")  # the token's first use writes when it was used
    counts = {}
    for size in (5, 50):
        _grow(world, size - len(counts) * 5)
        for address in API_LISTS:
            for name in ("anonymous", "member"):
                counts.setdefault((address, name), []).append(
                    _queries(address + "?page_size=100", callers[name]))
    for key, (small, large) in counts.items():
        assert small == large, (key, small, large)


def test_a_fhir_study_costs_the_same_queries_with_5_or_50_sites(world):
    from tests.factories import NhsTrustFactory
    from trials.models import StudySite

    address = f"/api/fhir/ResearchStudy/{world['study'].pk}"
    counts = []
    for size in (5, 50):
        while world["study"].sites.count() < size:
            StudySite.objects.create(study=world["study"], organisation=NhsTrustFactory())
        counts.append(_queries(address, Client()))
        assert len(Client().get(address).json()["site"]) == size
    assert counts[0] == counts[1]


def test_a_repeated_page_is_read_back_and_a_write_shows_at_once(world, callers):
    first = _queries("/api/v1/partnerships/", callers["member"])
    with CaptureQueriesContext(connection) as queries:
        again = callers["member"].get("/api/v1/partnerships/")
    assert len(queries) < first
    assert {r["title"] for r in again.json()["results"]} >= {"Secret partnership"}
    assert "Secret partnership" not in callers["anonymous"].get(
        "/api/v1/partnerships/").content.decode()
    world["public"].title = "Renamed in the API"
    world["public"].save()
    titles = {r["title"] for r in callers["anonymous"].get(
        "/api/v1/partnerships/").json()["results"]}
    assert "Renamed in the API" in titles
