"""Every page of every journey, as each kind of person sees it, on the demo data.

On each page check_page asserts axe (WCAG 2.2 AA), the security headers, no console error, the NHS
body font, no markup shown as text and no generic error message, and saves a full-page screenshot
under var/screenshots/<role>/ (`make screenshots`) to be looked at as a person would.
"""

import pytest
from django.urls import reverse

from casestudies.models import CaseStudy
from charities.models import ExpertiseOffer, ExpertiseRequest
from core import demo
from drive.models import DriveAction
from organisations.models import Organisation
from partnerships.models import Partnership
from tests.browser.conftest import check_page, sign_in
from tests.conftest import add_person, add_totp
from tests.factories import MembershipFactory, UserFactory
from trials.models import Study

pytestmark = pytest.mark.browser

PASSWORD = demo.DEMO_PASSWORD


@pytest.fixture
def world(transactional_db):
    demo.seed()
    determine = Partnership.objects.get(title__startswith="DETERMINE")
    christie = Organisation.objects.get(name__startswith="The Christie")
    marsden = Organisation.objects.get(name__startswith="The Royal Marsden")
    cruk = Organisation.objects.get(name="Cancer Research UK")
    contributor = UserFactory(email="contributor@example.nhs.uk", full_name="Sam Contributor")
    viewer = UserFactory(email="viewer@example.nhs.uk", full_name="Vic Viewer")
    add_person(determine, contributor, "contributor")
    add_person(determine, viewer, "viewer")
    org_admin = UserFactory(email="admin@marsden.example.nhs.uk", full_name="Ola Admin")
    MembershipFactory(user=org_admin, organisation=marsden, role="admin")
    MembershipFactory(organisation=marsden, state="pending")
    from django.contrib.auth import get_user_model

    curator = get_user_model().objects.get(email="curator@example.org")
    secret = add_totp(curator)
    offer = ExpertiseOffer.objects.filter(organisation=cruk).first()
    return {
        "determine": determine, "christie": christie, "marsden": marsden, "cruk": cruk,
        "contributor": contributor, "viewer": viewer, "org_admin": org_admin,
        "curator": curator, "secret": secret, "offer": offer,
        "study": Study.objects.order_by("pk").first(),
        "case_study": CaseStudy.objects.filter(state="published").first(),
        "actions": list(DriveAction.objects.order_by("number").values_list("slug", flat=True)),
    }


def tour(page, role, paths):
    page.role = role
    for path in paths:
        response = page.goto(path)
        assert response.status < 400, f"{role} got {response.status} on {path}"
        check_page(page)


def _public_pages(w):
    return [
        "/", reverse("partnerships:directory"), w["determine"].get_absolute_url(),
        reverse("organisations:list"), w["christie"].get_absolute_url(),
        reverse("charities:directory"), reverse("charities:offer", args=[w["offer"].pk]),
        reverse("trials:directory"), w["study"].get_absolute_url(),
        reverse("casestudies:library"), w["case_study"].get_absolute_url(),
        "/privacy/", "/cookies/", "/accessibility/",
    ]


def test_anonymous_visitor(page, world):
    tour(page, "anonymous", [*_public_pages(world), "/accounts/login/", "/accounts/signup/",
                             "/accounts/password/reset/"])


def test_nhs_lead(page, world):
    p = world["determine"].pk
    sign_in(page, "nhs.lead@example.nhs.uk", password=PASSWORD)
    tour(page, "nhs-lead", [
        "/", reverse("partnerships:mine"), world["determine"].get_absolute_url(),
        reverse("drive:task_list", args=[p]),
        *[reverse("drive:action", args=[p, slug]) for slug in world["actions"]],
        reverse("drive:summary", args=[p]), reverse("drive:reminders", args=[p]),
        reverse("drive:commitments", args=[p]), reverse("drive:commitment_create", args=[p]),
        reverse("drive:indicators", args=[p]), reverse("drive:indicator_create", args=[p]),
        *[i.get_absolute_url() for i in world["determine"].indicators.all()],
        reverse("drive:outputs", args=[p]),
        reverse("notifications"), reverse("profile"), reverse("calendar"),
        reverse("dashboards:organisation", args=[world["christie"].pk]),
        reverse("trials:site_edit", args=[world["study"].pk, world["study"].sites.get(
            organisation=world["christie"]).pk]),
        reverse("partnerships:history", args=[p]), reverse("partnerships:edit", args=[p]),
        reverse("partnerships:register", args=[p, "partners"]),
        reverse("partnerships:register", args=[p, "people"]),
        reverse("partnerships:start"), reverse("casestudies:nominate", args=[p]),
        world["study"].get_absolute_url(), reverse("trials:edit", args=[world["study"].pk]),
        reverse("trials:create"), reverse("trials:import"),
        reverse("charities:requests"), reverse("organisations:create"),
        "/accounts/email/", "/accounts/reminders/", "/accounts/your-data/",
        "/accounts/sessions/", "/accounts/2fa/",
    ])


def test_contributor(page, world):
    p = world["determine"].pk
    sign_in(page, world["contributor"].email)
    tour(page, "contributor", [
        reverse("partnerships:mine"), world["determine"].get_absolute_url(),
        reverse("drive:task_list", args=[p]),
        reverse("drive:action", args=[p, world["actions"][0]]),
        reverse("partnerships:edit", args=[p]),
        reverse("charities:offer", args=[world["offer"].pk]),
    ])


def test_viewer(page, world):
    p = world["determine"].pk
    sign_in(page, world["viewer"].email)
    tour(page, "viewer", [
        reverse("partnerships:mine"), world["determine"].get_absolute_url(),
        reverse("drive:task_list", args=[p]),
        reverse("drive:action", args=[p, world["actions"][0]]),
        reverse("drive:summary", args=[p]), reverse("drive:commitments", args=[p]),
        reverse("drive:indicators", args=[p]), reverse("drive:outputs", args=[p]),
    ])


def test_charity_staff(page, world):
    cruk = world["cruk"].pk
    sign_in(page, "charity.staff@example.org", password=PASSWORD)
    paths = [reverse("charities:directory"), reverse("charities:offer", args=[world["offer"].pk]),
             reverse("charities:offer_create", args=[cruk]),
             reverse("charities:offer_edit", args=[cruk, world["offer"].pk]),
             reverse("charities:profile", args=[cruk]), reverse("charities:requests"),
             reverse("dashboards:organisation", args=[cruk])]
    help_request = ExpertiseRequest.objects.first()
    if help_request:
        paths.append(reverse("charities:request", args=[help_request.pk]))
    tour(page, "charity-staff", paths)


def test_curator(page, world):
    sign_in(page, world["curator"].email, password=PASSWORD, secret=world["secret"])
    case_study = world["case_study"]
    tour(page, "curator", [
        reverse("casestudies:workbench"), reverse("casestudies:create"),
        reverse("casestudies:edit", args=[case_study.pk]), case_study.get_absolute_url(),
    ])
    # A form sent empty: every message names what to fix.
    page.goto(reverse("casestudies:create"))
    page.get_by_role("button", name="Save").first.click()
    assert page.locator(".nhsuk-error-summary").is_visible()
    check_page(page, "case-study-errors")


def test_organisation_admin(page, world):
    marsden = world["marsden"].pk
    sign_in(page, world["org_admin"].email)
    tour(page, "organisation-admin", [
        world["marsden"].get_absolute_url(), reverse("organisations:edit", args=[marsden]),
        reverse("organisations:history", args=[marsden]),
        reverse("dashboards:organisation", args=[marsden]),
        world["study"].get_absolute_url(),  # the Marsden's admin confirms or queries its figures
    ])


def test_registry_administrator(page, world):
    from django.contrib.auth import get_user_model

    registry_admin = get_user_model().objects.get(email="registry@example.org")
    secret = add_totp(registry_admin)
    unverified = Organisation.objects.get(name="Breakthrough T1D")
    MembershipFactory(organisation=unverified, role="admin")
    sign_in(page, registry_admin.email, password=PASSWORD, secret=secret)
    tour(page, "registry-administrator", [
        reverse("organisations:registry"),
        reverse("organisations:registry_detail", args=[unverified.pk]),
        reverse("organisations:registry_detail", args=[world["christie"].pk]),
        unverified.get_absolute_url(),
    ])
