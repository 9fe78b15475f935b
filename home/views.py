from django.shortcuts import render
from django.urls import reverse

from drive.models import DriveAction


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


def home(request):
    return render(request, "home/home.jinja",
                  {"actions": DriveAction.objects.all(), "tasks": _home_tasks(request)})
