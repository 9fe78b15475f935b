from django.db.models import Q

from drive.related import MAX_CANDIDATES_PER_SOURCE, Candidate

from .models import ExpertiseOffer


def open_offers(partnership, categories, words, user):
    """Open offers sharing a health category or a word with the partnership."""
    match = Q(pk__in=ExpertiseOffer.health_categories.through.objects.filter(
        healthcategory__name__in=categories).values("expertiseoffer_id"))
    for word in list(words)[:12]:
        match |= Q(title__icontains=word) | Q(description__icontains=word)
    offers = (ExpertiseOffer.objects.public().filter(match)
              .select_related("organisation").prefetch_related("health_categories")
              .order_by("-updated_at")[:MAX_CANDIDATES_PER_SOURCE])
    for offer in offers:
        yield Candidate(
            kind="offer", kind_label=f"Charity offer from {offer.organisation.name}",
            object_id=offer.pk, title=offer.title, url=offer.get_absolute_url(),
            categories=frozenset(c.name for c in offer.health_categories.all()),
            text=offer.description)
