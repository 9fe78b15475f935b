"""Demo data. Every function creates what is missing and leaves what exists alone.

Demo people sign in with the password in DEMO_PASSWORD; it is printed by `make run`.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

DEMO_PASSWORD = "demo-partnerships-2026"  # noqa: S105 - demo accounts on a local machine only

PEOPLE = [
    # email, full name, job title, groups
    ("nhs.lead@example.nhs.uk", "Priya Shah", "Director of Research and Innovation", []),
    ("charity.staff@example.org", "Tom Evans", "Research Partnerships Manager", []),
    ("curator@example.org", "Alex Morgan", "Good-practice curator", ["Curators"]),
    ("curator2@example.org", "Jo Bennett", "Good-practice curator", ["Curators"]),
]


def seed_people():
    User = get_user_model()
    created = []
    for email, name, title, groups in PEOPLE:
        user, was_created = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "job_title": title}
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            created.append(email)
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for group_name in groups:
            group, _ = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
    return created


def seed():
    """Returns a short description of what was created (empty when nothing was)."""
    Group.objects.get_or_create(name="Curators")
    created = []
    people = seed_people()
    if people:
        created.append(f"{len(people)} people")
    from partnerships import demo as partnership_demo

    organisations = partnership_demo.seed_organisations()
    if organisations:
        created.append(f"{organisations} organisations")
    partnerships = partnership_demo.seed_partnerships()
    if partnerships:
        created.append(f"{partnerships} partnerships")
    from charities import demo as charity_demo

    offers = charity_demo.seed()
    if offers:
        created.append(f"{offers} charity offers")
    from trials import demo as study_demo

    studies = study_demo.seed()
    if studies:
        created.append(f"{studies} studies")
    from casestudies import demo as casestudy_demo

    stories = casestudy_demo.seed()
    if stories:
        created.append(f"{stories} case studies")
    return created
