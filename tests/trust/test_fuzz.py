"""Property-based: no query string on a list page makes a 500 (forms: test_fuzz_forms.py)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

LIST_PAGES = ["/partnerships/", "/partnerships/export.csv", "/organisations/", "/expertise/",
              "/studies/", "/studies/export.csv", "/case-studies/",
              "/dashboards/regions/london/", "/partnerships/feed/", "/studies/feed/",
              "/expertise/feed/", "/case-studies/feed/"]
PARAMETERS = ["q", "page", "sort", "status", "phase", "kind", "region", "partner",
              "health_category", "activity", "organisation_kind", "drive_stage", "recruiting",
              "sponsor_kind", "site_region", "charity", "drive_action", "sector", "csv"]
# Text as people and attackers type it: any unicode except surrogates, NUL included.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.mark.parametrize("path", LIST_PAGES)
@FUZZ
@given(query=st.dictionaries(st.sampled_from(PARAMETERS), st.lists(TEXT, max_size=3),
                             max_size=5))
def test_no_query_string_breaks_a_list_page(client, path, query):
    response = client.get(path, query)
    assert response.status_code == 200


@pytest.mark.parametrize("source", ["organisations", "partnerships", "studies"])
@FUZZ
@given(text=TEXT)
def test_no_text_typed_into_a_picker_breaks_its_type_ahead(client, django_user_model, source,
                                                           text):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get(f"/pick/{source}/", {"q": text})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)
