"""Property-based, over every form in the portal: whatever is typed (or uploaded) into it, the
answer is a page or a redirect, never a 500. Field names come from the form page itself, so a
field added later is fuzzed without changing this file."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casestudies import services as casestudy_services
from charities import services as charity_services
from drive.models import DriveAction
from drive.services import progress_ensure
from partnerships import services as partnership_services
from partnerships.emails import invitation_link
from partnerships.models import Partnership, PartnershipPerson
from tests.conftest import add_person, add_totp
from tests.factories import CharityFactory, MembershipFactory, PartnershipFactory, UserFactory
from trials.models import Study

pytestmark = pytest.mark.django_db

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200)
EDGES = ["", "0", "-1", "1", "on", "2026", "99999999999", "99999999999999999999", "1e5",
         "9" * 5000, "Title\r\nBcc: all@example.org", "nul\x00here", "\x1b[31m"]
VALUE = st.one_of(TEXT, st.lists(TEXT, max_size=3), st.sampled_from(EDGES),
                  st.lists(st.sampled_from(EDGES), min_size=2, max_size=3))
FUZZ = settings(max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture
def world(roles, partnership):
    """One of everything a form can be about, and the person who may use each form."""
    lead = roles["lead"]
    progress_ensure(partnership)
    draft = Partnership.objects.create(title="A draft", purpose="p",
                                       lead_organisation=partnership.lead_organisation)
    add_person(draft, lead, "lead")
    charity = CharityFactory(name="Helpful Charity")
    charity_staff = UserFactory(email="staff@helpful.org")
    MembershipFactory(user=charity_staff, organisation=charity, role="admin")
    offer = charity_services.offer_save(
        user=charity_staff, organisation=charity, kind="ppi", title="Patient panel",
        description="A panel.", regions=["london"], health_categories=[])
    help_request = charity_services.request_create(
        user=lead, offer=offer, partnership=partnership, what_is_needed="A panel, please")
    study = Study.objects.create(title="A study", target_recruitment=100, created_by=lead)
    study.partnerships.add(partnership)
    curator = UserFactory(email="curator.fuzz@example.org", groups=["Curators"])
    add_totp(curator)
    case_study = casestudy_services.case_study_save(user=curator, title="A story", summary="s")
    nomination = casestudy_services.nominate(user=lead, partnership=partnership,
                                             reason="It worked")
    invitation = partnership_services.invitation_create(
        user=lead, partnership=partnership, email=roles["outsider"].email,
        role=PartnershipPerson.Role.VIEWER)
    contributor = partnership.people.get(user=roles["contributor"])
    invitation_path = invitation_link(invitation).split(
        "testserver", 1)[-1].replace("http://127.0.0.1:8000", "")
    count = study.recruitment.create(date="2026-01-05", recruited=3)
    site = study.sites.create(organisation=partnership.lead_organisation, local_target=20)
    # A listed partnership like this one, so "Review and build" has a suggestion to mark.
    PartnershipFactory(title=f"{partnership.title} network", purpose=partnership.purpose)
    p, o = partnership.pk, charity.pk
    commitment = partnership.commitments.create(
        partner=partnership.partners.get(role="lead"), kind="money", description="A grant",
        amount=1000)
    indicator = partnership.indicators.create(
        name="Participants", unit="participants", baseline_value=0,
        baseline_date="2026-01-01", target_value=100, target_date="2027-01-01",
        owner=partnership.partners.get(role="lead"))
    action = DriveAction.objects.order_by("number").first().slug
    return {
        "organisation new": (lead, reverse("organisations:create")),
        "organisation change": (roles["org_admin"], reverse(
            "organisations:edit", args=[partnership.lead_organisation_id])),
        "admin review": (roles["org_admin"], reverse(
            "organisations:review_ask", args=[partnership.lead_organisation_id])),
        "partnership start": (lead, reverse("partnerships:start")),
        **{f"partnership register {step}": (
            lead, reverse("partnerships:register", args=[draft.pk, step]))
           for step in ("purpose", "classification", "people", "check")},
        **{f"partner {name}": (lead, reverse(f"partnerships:partner_{name}", args=[draft.pk]),
                               reverse("partnerships:register", args=[draft.pk, "partners"]))
           for name in ("add", "propose")},
        "partnership change": (lead, reverse("partnerships:edit", args=[p])),
        "person role": (lead, reverse("partnerships:person_role", args=[p, contributor.pk]),
                        reverse("partnerships:register", args=[p, "people"])),
        "invitation answer": (roles["outsider"], invitation_path + "accept/", invitation_path),
        "drive action": (lead, reverse("drive:action", args=[p, action])),
        "drive evidence": (lead, reverse("drive:evidence_add", args=[p, action]),
                           reverse("drive:action", args=[p, action])),
        "drive related mark": (lead, reverse("drive:related_mark", args=[p]),
                               reverse("drive:action", args=[p, "review-and-build"])),
        "drive stall cadence": (lead, reverse("drive:reminders", args=[p])),
        "commitment new": (lead, reverse("drive:commitment_create", args=[p])),
        "commitment change": (lead, reverse("drive:commitment_edit", args=[p, commitment.pk])),
        "indicator new": (lead, reverse("drive:indicator_create", args=[p])),
        "indicator change": (lead, reverse("drive:indicator_edit", args=[p, indicator.pk])),
        "indicator result": (lead, reverse("drive:indicator", args=[p, indicator.pk])),
        "outputs": (lead, reverse("drive:outputs", args=[p])),
        "offer request": (lead, reverse("charities:offer", args=[offer.pk])),
        **{f"request {change}": (charity_staff,
                                 reverse(f"charities:request_{change}", args=[help_request.pk]),
                                 reverse("charities:request", args=[help_request.pk]))
           for change in ("decline", "message")},
        "offer new": (charity_staff, reverse("charities:offer_create", args=[o])),
        "offer change": (charity_staff, reverse("charities:offer_edit", args=[o, offer.pk])),
        "charity profile": (charity_staff, reverse("charities:profile", args=[o])),
        "study import": (lead, reverse("trials:import")),
        "study new": (lead, reverse("trials:create")),
        "study change": (lead, reverse("trials:edit", args=[study.pk])),
        **{f"study {name}": (lead, reverse(f"trials:{name}", args=[study.pk]),
                             reverse("trials:detail", args=[study.pk]))
           for name in ("add_site", "recruitment", "link")},
        "study site delivery": (lead, reverse("trials:site_edit", args=[study.pk, site.pk])),
        "study site figures": (roles["org_admin"], reverse(
            "trials:site_figures", args=[study.pk, site.pk]),
            reverse("trials:detail", args=[study.pk])),
        "study recruitment change": (lead, reverse("trials:recruitment_change",
                                                   args=[study.pk, count.pk])),
        "case study new": (curator, reverse("casestudies:create")),
        "case study change": (curator, reverse("casestudies:edit", args=[case_study.pk])),
        "nominate": (lead, reverse("casestudies:nominate", args=[p])),
        "nomination decline": (curator, reverse("casestudies:nomination",
                                                args=[nomination.pk, "decline"]),
                               reverse("casestudies:workbench")),
        "close account": (roles["viewer"], reverse("close_account")),
        "reminder preferences": (lead, reverse("notification_preferences")),
        "profile": (lead, reverse("profile")),
        "api tokens": (lead, reverse("api:tokens")),
    }


FORM_NAMES = [
    "organisation new", "organisation change", "admin review", "partnership start",
    *[f"partnership register {s}" for s in ("purpose", "classification", "people", "check")],
    "partner add", "partner propose",
    "partnership change", "person role", "invitation answer", "drive action", "drive evidence",
    "drive related mark",
    "drive stall cadence", "commitment new", "commitment change", "indicator new",
    "indicator change", "indicator result", "outputs", "offer request",
    "request decline", "request message", "offer new",
    "offer change",
    "charity profile", "study import", "study new", "study change", "study add_site",
    "study site delivery", "study site figures",
    "study recruitment", "study link", "study recruitment change", "case study new",
    "case study change", "nominate",
    "nomination decline", "close account", "reminder preferences", "profile", "api tokens",
]
FORM = re.compile(r'<form\b([^>]*)method="post"([^>]*)>(.*?)</form>', re.S | re.I)
FIELD = re.compile(r'<(?:input|select|textarea|button)\b[^>]*\bname="([^"]+)"[^>]*>', re.S)


def _fields(client, url, page_url):
    """The names of the fields of the forms on `page_url` that post to `url`, and which of them
    take files."""
    response = client.get(page_url)
    assert response.status_code == 200, (page_url, response.status_code)
    names, files, found = set(), set(), False
    for before, after, form in FORM.findall(response.content.decode()):
        action = re.search(r'action="([^"]*)"', before + after)
        if (action.group(1) if action and action.group(1) else page_url) != url:
            continue
        found = True
        for tag in re.finditer(FIELD, form):
            if tag.group(1) != "csrfmiddlewaretoken":
                names.add(tag.group(1))
                if 'type="file"' in tag.group(0):
                    files.add(tag.group(1))
    assert found, f"no form posting to {url} on {page_url}"
    return sorted(names), files


# Views of ours that take no typed input: pages, lists (their query strings are fuzzed in
# test_fuzz.py), downloads, and buttons that post no fields.
NO_TYPED_INPUT = {
    "home", "health", "privacy", "cookies", "accessibility", "feedback", "your_data",
    "your_data_download",
    "reminders_unsubscribe", "notifications", "notifications_read",
    "calendar", "calendar_feed",
    "dashboards:organisation", "dashboards:regions", "dashboards:region",
    "partnerships:feed", "trials:feed", "charities:feed", "casestudies:feed", "charities:embed",
    "organisations:list", "organisations:detail",
    "organisations:history", "organisations:join", "organisations:decide",
    "organisations:registry", "organisations:registry_detail", "organisations:registry_act",
    "organisations:registry_person", "organisations:registry_review_close",
    "partnerships:directory", "partnerships:export", "partnerships:mine", "partnerships:detail",
    "partnerships:history", "partnerships:partner_remove", "partnerships:invitation_manage",
    "drive:task_list", "drive:summary", "drive:commitments", "drive:commitment_change",
    "drive:commitments_export", "drive:indicators", "drive:result_remove",
    "drive:output_remove", "drive:outputs_export",
    "charities:directory", "charities:requests",
    "trials:directory", "trials:export", "trials:detail", "casestudies:library",
    "casestudies:detail", "casestudies:image", "casestudies:workbench", "casestudies:transition",
    "trials:recruitment_delete", "drive:evidence_remove", "partnerships:person_remove",
    "partnerships:invitation_decline", "partnerships:invitation", "partnerships:partner_decide",
    "charities:request",
    "charities:request_accept", "charities:request_withdraw", "charities:request_complete",
    "pick",  # a picker's type-ahead: its query string is fuzzed in test_fuzz.py
    # The read API: its query strings are fuzzed in tests/api/test_api.py.
    *[f"api:{kind}-{view}" for kind in ("partnership", "organisation", "study", "offer",
                                        "casestudy") for view in ("list", "detail")],
    "api:partnership-drive-summary", "api:fhir_read", "api:fhir_search", "api:open_data",
    "api:open_data_file", "api:token_revoke",
}
OURS = ("accounts", "organisations", "partnerships", "drive", "charities", "casestudies",
        "trials", "core", "reminders", "home", "dashboards", "api")


def _our_view_names(patterns, namespace=""):
    from django.urls.resolvers import URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _our_view_names(pattern.url_patterns, inner)
        elif pattern.callback.__module__.split(".")[0] in OURS:
            yield namespace + pattern.name


def test_every_view_that_takes_typed_input_is_fuzzed(world):
    """A new form view fails this until it is added to `world` (or shown to take no input)."""
    from django.urls import get_resolver, resolve

    assert sorted(world) == sorted(FORM_NAMES)
    fuzzed = {resolve(url.split("?")[0]).view_name for _, url, *_ in world.values()}
    ours = set(_our_view_names(get_resolver().url_patterns))
    assert ours - NO_TYPED_INPUT - fuzzed == set()
    assert fuzzed & NO_TYPED_INPUT == set()


@pytest.fixture
def discovered():
    """Fields are read once, before fuzzing: a successful post can take a form off its page."""
    return {}


@pytest.mark.parametrize("form", FORM_NAMES)
@FUZZ
@given(data=st.data())
def test_nothing_typed_into_any_form_makes_a_500(client, world, discovered, form, data):
    user, url, *page = world[form]
    client.force_login(user)
    if form not in discovered:
        discovered[form] = _fields(client, url, page[0] if page else url)
    names, files = discovered[form]
    names = names or ["unexpected"]
    post = {}
    for name in names:
        if name in files:
            post[name] = SimpleUploadedFile("upload.json", data.draw(st.binary(max_size=300)))
        else:
            post[name] = data.draw(VALUE, label=name)
    response = client.post(url, post)
    assert response.status_code < 500



@pytest.mark.parametrize("value", ["99999999999999999999", ["1", "99999999999999999999"], "-1",
                                   "Title\r\nBcc: all@example.org"])
def test_an_out_of_range_id_or_a_line_break_in_every_field_of_every_form_is_not_a_500(
        client, world, value):
    """Issue 18: every field of every form at once, as a multiple-choice field sees it too."""
    fields = {}
    for form in FORM_NAMES:  # all first: a successful post can take a form off its page
        user, url, *page = world[form]
        client.force_login(user)
        fields[form] = _fields(client, url, page[0] if page else url)
    for form in FORM_NAMES:
        user, url, *page = world[form]
        client.force_login(user)
        names, files = fields[form]
        post = {name: value for name in names if name not in files}
        response = client.post(url, post)
        assert response.status_code < 500, (form, response.status_code)
