"""Property-based: no query string on a list page, and nothing typed into a form, makes a 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

LIST_PAGES = ["/partnerships/", "/partnerships/export.csv", "/organisations/", "/expertise/",
              "/studies/", "/studies/export.csv", "/case-studies/"]
PARAMETERS = ["q", "page", "sort", "status", "phase", "kind", "region", "partner",
              "health_category", "activity", "organisation_kind", "drive_stage", "recruiting",
              "sponsor_kind", "site_region", "charity", "drive_action", "sector"]
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


FORMS = {
    "organisation": ("organisations:create", [], [
        "name", "kind", "region", "website", "email_domain", "ods_code",
        "charity_number_england_wales", "charity_number_scotland",
        "charity_number_northern_ireland", "company_number", "health_categories"]),
    "partnership": ("partnerships:start", [], [
        "lead_organisation", "title", "purpose", "topics", "visibility", "start_date_0",
        "start_date_1", "start_date_2", "end_date_0", "end_date_1", "end_date_2"]),
    "preferences": ("notification_preferences", [], ["drive", "stalled", "invitations",
                                                     "requests"]),
}


@pytest.mark.parametrize("form", list(FORMS))
@FUZZ
@given(values=st.lists(TEXT, min_size=11, max_size=11))
def test_nothing_typed_into_a_form_breaks_it(client, leader, form, values):
    name, args, fields = FORMS[form]
    client.force_login(leader)
    response = client.post(reverse(name, args=args), dict(zip(fields, values, strict=False)))
    assert response.status_code in (200, 302)
