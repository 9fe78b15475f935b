"""Demo data. Every function creates what is missing and leaves what exists alone.

Demo people sign in with the password in DEMO_PASSWORD; it is printed by `make run`.
"""

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.module_loading import import_string

DEMO_PASSWORD = "demo-partnerships-2026"  # noqa: S105 - demo accounts on a local machine only

PEOPLE = [
    # email, full name, job title, groups
    ("nhs.lead@example.nhs.uk", "Priya Shah", "Director of Research and Innovation", []),
    ("charity.staff@example.org", "Tom Evans", "Research Partnerships Manager", []),
    ("curator@example.org", "Alex Morgan", "Good-practice curator", ["Curators"]),
    ("curator2@example.org", "Jo Bennett", "Good-practice curator", ["Curators"]),
    ("registry@example.org", "Sam Okafor", "Registry administrator",
     ["Registry administrators"]),
    # Registered Breakthrough T1D and waits for a registry administrator to approve her.
    ("t1d.staff@example.org", "Hannah Reid", "Research Partnerships Lead", []),
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


def steps():
    """Each app declares its own demo steps (`demo_steps` on its AppConfig: a label and the
    dotted path of a function that returns how many it created). They run in INSTALLED_APPS
    order, which puts every app after the apps it builds on."""
    return [step for config in apps.get_app_configs()
            for step in getattr(config, "demo_steps", ())]


def seed():
    """Returns a short description of what was created (empty when nothing was)."""
    Group.objects.get_or_create(name="Curators")
    created = []
    people = seed_people()
    if people:
        created.append(f"{len(people)} people")
    for label, path in steps():
        count = import_string(path)()
        if count:
            created.append(f"{count} {label}")
    return created
