from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from core.paging import page_of

from .forms import PreferencesForm
from .models import Notification, NotificationPreference
from .registry import topic_label, topics
from .sweep import read_unsubscribe_token

Cadence = NotificationPreference.Cadence
EVERY_TOPIC = "all"  # the weekly digest's link: it gathers every topic


def _set(email, topic, cadence):
    NotificationPreference.objects.update_or_create(email=email.lower(), kind=topic,
                                                    defaults={"cadence": cadence})


@login_required
def preferences(request):
    email = request.user.email.lower()
    current = dict(NotificationPreference.objects.filter(email=email)
                   .values_list("kind", "cadence"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for topic, cadence in form.cleaned_data.items():
                _set(email, topic, cadence)
        messages.success(request, "Your reminder choices are saved.")
        return redirect("notification_preferences")
    return render(request, "core/form_page.jinja", {
        "form": form, "title": "Reminders", "submit_label": "Save",
        "intro": f"Reminders go to {request.user.email}. Choose, for each kind, whether you get "
                 "each one as it is due, one digest on Monday mornings, or none. What happens "
                 "to things you are part of also shows under Notifications, in the header; "
                 "choosing none for a kind stops those notifications too.",
    })


@csrf_exempt  # one-click unsubscribe (RFC 8058) comes from mail clients; the token is the key
@never_cache  # it shows the address the link is for
def unsubscribe(request, token):
    try:
        email, topic = read_unsubscribe_token(token)
    except signing.BadSignature:
        return render(request, "reminders/unsubscribe.jinja", {"invalid": True}, status=400)
    chosen = [key for key, _ in topics()] if topic == EVERY_TOPIC else [topic]
    label = "all reminders" if topic == EVERY_TOPIC else topic_label(topic)
    if label is None:
        return render(request, "reminders/unsubscribe.jinja", {"invalid": True}, status=400)
    if request.method == "POST":
        with transaction.atomic():
            for key in chosen:
                _set(email, key, Cadence.NONE)
        return render(request, "reminders/unsubscribe.jinja", {"done": True, "label": label})
    # A GET changes nothing: mail scanners follow links; a person presses the button.
    return render(request, "reminders/unsubscribe.jinja", {"email": email, "label": label})


NOTIFICATIONS_PER_PAGE = 30


@login_required
@require_safe
@never_cache
def notifications(request):
    """The person's notifications, newest first. Those shown for the first time are marked
    "New" and, from then on, read: the header counts only what they have not seen."""
    mine = Notification.objects.filter(user=request.user)
    page = page_of(request, mine, NOTIFICATIONS_PER_PAGE)
    new = {n.pk for n in page.object_list if n.read_at is None}
    if new:
        Notification.objects.filter(pk__in=new).update(read_at=timezone.now())
    return render(request, "reminders/notifications.jinja", {
        "page": page, "new": new,
        "unseen_elsewhere": mine.filter(read_at__isnull=True).count()})


@login_required
@require_POST
def notifications_read(request):
    marked = Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now())
    if marked:
        messages.success(request, f"{marked} notification{'s' if marked != 1 else ''} "
                                  "marked as read.")
    return redirect("notifications")
