import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_GB")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get_or_create(name=name)[0])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.Organisation"

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = "university"
    region = "london"
    # Most tests act for organisations whose admins a registry administrator has approved;
    # tests of verification itself pass verified_at=None.
    verified_at = factory.LazyFunction(timezone.now)


class NhsTrustFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Example {n} NHS Foundation Trust")
    kind = "nhs-trust"
    ods_code = factory.Sequence(lambda n: f"R{n:02d}")


class CharityFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Example Charity {n}")
    kind = "charity"
    charity_number_england_wales = factory.Sequence(lambda n: f"{1100000 + n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.Membership"

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(NhsTrustFactory)
    role = "member"
    state = "active"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Partnership"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Partnership {n}")
    purpose = "Working together on research that matters to patients."
    lead_organisation = factory.SubFactory(NhsTrustFactory)
    status = "active"
    visibility = "listed"

    @factory.post_generation
    def lead_partner(self, create, extracted, **kwargs):
        if create:
            from partnerships.models import PartnerOrganisation

            PartnerOrganisation.objects.get_or_create(
                partnership=self, organisation=self.lead_organisation,
                defaults={"role": "lead", "state": "confirmed"})


def add_person(partnership, user, role):
    from partnerships.models import PartnershipPerson

    return PartnershipPerson.objects.create(partnership=partnership, user=user, role=role)
