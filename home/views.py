from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.middleware import public_page
from drive.models import DriveAction
from organisations.models import Membership, Organisation

from .calendar import calendar_for
from .models import CalendarFeed, token_hash
from .needs import remembered_needs_of


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


@public_page
def home(request):
    context = {"actions": DriveAction.objects.all(), "tasks": _home_tasks(request)}
    if request.user.is_authenticated:
        groups = remembered_needs_of(request.user)
        context.update(groups=groups, count=sum(len(items) for _, items in groups),
                       next_steps=[] if groups else _next_steps(request.user))
        return render(request, "home/yours.jinja", context)
    return render(request, "home/home.jinja", context)


NEW_CALENDAR = "home.new_calendar_url"  # the session key: the address is shown once


@login_required
@never_cache
def calendar_page(request):
    """Make, replace or stop the person's calendar address."""
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        if request.POST.get("action") == "stop":
            if feed is not None:
                feed.delete()
                messages.success(request, "Your calendar address is stopped: calendars "
                                          "subscribed to it get nothing more.")
        else:
            token = CalendarFeed.issue(request.user)
            request.session[NEW_CALENDAR] = settings.SITE_URL + reverse("calendar_feed",
                                                                        args=[token])
        return redirect("calendar")
    return render(request, "home/calendar.jinja", {
        "feed": feed, "new_url": request.session.pop(NEW_CALENDAR, None)})


@require_safe
@never_cache
def calendar_feed(request, token):
    """The feed itself: no sign-in (calendar apps cannot), the token is the key."""
    feed = (CalendarFeed.objects.select_related("user")
            .filter(token_hash=token_hash(token), user__is_active=True).first())
    if feed is None:
        raise Http404("No calendar at this address: it was stopped or replaced")
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    response = HttpResponse(calendar_for(feed.user), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="research-partnerships.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
