"""A small world with something of every visibility, and callers of every kind."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from api import services
from api.models import ApiToken
from casestudies.models import CaseStudy
from charities.models import ExpertiseOffer
from tests.factories import (
    CharityFactory,
    MembershipFactory,
    NhsTrustFactory,
    PartnershipFactory,
    UserFactory,
    add_person,
)
from trials.models import RecruitmentUpdate, Study, StudySite


@pytest.fixture
def world(db):
    trust = NhsTrustFactory(name="Northshire NHS Foundation Trust", ods_code="RX1")
    member = UserFactory(email="member@northshire.nhs.uk")
    outsider = UserFactory(email="outsider@elsewhere.org")
    MembershipFactory(user=member, organisation=trust)
    MembershipFactory(user=outsider)
    public = PartnershipFactory(title="Public partnership", lead_organisation=trust)
    private = PartnershipFactory(title="Secret partnership", lead_organisation=trust,
                                 visibility="private")
    draft = PartnershipFactory(title="Draft partnership", lead_organisation=trust,
                               status="draft")
    for partnership in (public, private, draft):
        add_person(partnership, member, "lead")
    charity = CharityFactory(name="Verified Charity", verified_at=timezone.now(),
                             charity_number_england_wales="1234567")
    open_offer = ExpertiseOffer.objects.create(
        organisation=charity, kind="ppi", title="Open offer", description="We help.",
        status="open")
    hidden_offer = ExpertiseOffer.objects.create(
        organisation=CharityFactory(name="Unverified Charity", verified_at=None), kind="ppi",
        title="Unverified offer", description="Waiting.", status="open")
    published = CaseStudy.objects.create(title="Published story", summary="It worked.",
                                         state="published", published_at=timezone.now())
    published.partnerships.add(public, private)
    draft_story = CaseStudy.objects.create(title="Draft story", summary="Not yet.")
    study = Study.objects.create(title="A rare cancers trial", nct_id="NCT01234567",
                                 isrctn="ISRCTN12345678", phase="2/3", status="recruiting",
                                 sponsor=trust, target_recruitment=825,
                                 start_date=date(2023, 3, 1), conditions="Rare cancers")
    site = StudySite.objects.create(study=study, organisation=trust,
                                    opened_date=date(2023, 6, 1))
    RecruitmentUpdate.objects.create(study=study, date=date(2024, 1, 1), recruited=100)
    RecruitmentUpdate.objects.create(study=study, site=site, date=date(2024, 1, 1),
                                     recruited=40)
    return {"trust": trust, "member": member, "outsider": outsider, "public": public,
            "private": private, "draft": draft, "charity": charity, "open_offer": open_offer,
            "hidden_offer": hidden_offer, "published": published, "draft_story": draft_story,
            "study": study, "site": site}


def token_for(user, *, days=30) -> str:
    return services.token_create(user=user, name="Reporting", days=days)[1]


def api_client(secret=None) -> Client:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret else {}
    return Client(**headers)


@pytest.fixture
def callers(world):
    """anonymous, an outsider's token, a member's token, a revoked and an expired token."""
    revoked = token_for(world["member"])
    services.token_revoke(user=world["member"],
                          token=ApiToken.objects.get(hint=revoked[:10]))
    expired = token_for(world["member"])
    ApiToken.objects.filter(hint=expired[:10]).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    return {"anonymous": api_client(), "outsider": api_client(token_for(world["outsider"])),
            "member": api_client(token_for(world["member"])),
            "revoked": api_client(revoked), "expired": api_client(expired)}
