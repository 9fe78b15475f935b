"""What the case study workflow tells people (reminders.notify): curators, when a case study
waits for a second curator or a partnership is nominated (by email too: the two-person rule
needs the second one to know); writers, when theirs is published; leads, when their nomination
is answered."""

from django.contrib.auth import get_user_model

from reminders.registry import register_kind, register_topic

from .permissions import CURATORS

REVIEW, NOMINATED, PUBLISHED, NOMINATION_ANSWERED = (
    "casestudy-review", "nominated", "casestudy-published", "nomination-answered")


def curators():
    return get_user_model().objects.filter(groups__name=CURATORS, is_active=True).values_list(
        "pk", flat=True)


def register():
    register_topic("casestudies", "Case studies: reviews, nominations and publishing")
    register_kind(REVIEW, label="Case study waiting for a second curator", topic="casestudies")
    register_kind(NOMINATED, label="New nomination", topic="casestudies")
    register_kind(PUBLISHED, label="Case study published", topic="casestudies")
    register_kind(NOMINATION_ANSWERED, label="Nomination answered", topic="casestudies")
