from django.db.models import Q

from drive.related import MAX_CANDIDATES_PER_SOURCE, Candidate

from .models import Study


def studies(partnership, categories, words, user):
    """Studies sharing a category or a word, except the partnership's own."""
    # Ids in a subquery rather than a join, so no DISTINCT over wide rows.
    match = Q(pk__in=Study.health_categories.through.objects.filter(
        healthcategory__name__in=categories).values("study_id"))
    for word in list(words)[:12]:
        match |= (Q(title__icontains=word) | Q(summary__icontains=word)
                  | Q(conditions__icontains=word))
    rows = (Study.objects.filter(match).exclude(partnerships=partnership)
            .prefetch_related("health_categories")
            .order_by("-updated_at")[:MAX_CANDIDATES_PER_SOURCE])
    for study in rows:
        yield Candidate(
            kind="study", kind_label="Study", object_id=study.pk, title=str(study),
            url=study.get_absolute_url(),
            categories=frozenset(c.name for c in study.health_categories.all()),
            text=f"{study.title} {study.summary} {study.conditions}")
