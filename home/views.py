from django.shortcuts import render
from django.urls import reverse

from drive.models import DriveAction
from organisations.models import Membership, Organisation

from .needs import needs_of


def _home_tasks(request):
    """One card per kind of person, each pointing at where their work starts."""
    signed_in = request.user.is_authenticated
    signup = reverse("account_signup")
    return [
        {"heading": "Register a research partnership",
         "description": "For NHS leaders: record the partnership, invite your partners and work "
                        "through the DRIVE actions together.",
         "href": reverse("partnerships:start") if signed_in else signup},
        {"heading": "Offer your charity's expertise",
         "description": "For charity staff: tell NHS teams how you can help, from patient voice "
                        "to recruitment, and answer their requests.",
         "href": reverse("charities:directory") if signed_in else signup},
        {"heading": "Learn from what worked",
         "description": "Good-practice case studies, such as the DETERMINE trial and the ELSA "
                        "study, chosen by our curators.",
         "href": reverse("casestudies:library")},
    ]


def _next_steps(person):
    """For an empty home: what a person in their position does first."""
    memberships = Membership.objects.filter(user=person, state=Membership.State.ACTIVE)
    steps = [(f"{membership.organisation.name} is not verified yet: see what happens next",
              membership.organisation.get_absolute_url())
             for membership in memberships.filter(organisation__verified_at__isnull=True)
             .select_related("organisation")[:5]]
    if not memberships.exists():
        steps.append(("Join or register your organisation", reverse("organisations:list")))
    if memberships.filter(organisation__kind__in=Organisation.NHS_KINDS,
                          organisation__verified_at__isnull=False).exists():
        steps.append(("Register a partnership", reverse("partnerships:start")))
    charity = memberships.filter(organisation__kind=Organisation.Kind.CHARITY).first()
    if charity:
        steps.append(("Offer your charity's expertise",
                      reverse("charities:offer_create", args=[charity.organisation_id])))
    steps.append(("See your partnerships", reverse("partnerships:mine")))
    return steps


def home(request):
    context = {"actions": DriveAction.objects.all(), "tasks": _home_tasks(request)}
    if request.user.is_authenticated:
        groups = needs_of(request.user)
        context.update(groups=groups, count=sum(len(items) for _, items in groups),
                       next_steps=[] if groups else _next_steps(request.user))
        return render(request, "home/yours.jinja", context)
    return render(request, "home/home.jinja", context)
