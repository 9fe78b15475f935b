"""Published case studies as suggestions under "Review and build on what already exists"
(drive/related.py): what worked elsewhere is the first thing to build on."""

from django.db.models import Q

from drive.related import MAX_CANDIDATES_PER_SOURCE, Candidate

from .models import CaseStudy


def published_case_studies(partnership, categories, words, user):
    match = Q(health_categories__name__in=categories)
    for word in list(words)[:12]:
        match |= Q(title__icontains=word) | Q(summary__icontains=word)
    studies = (CaseStudy.objects.filter(state=CaseStudy.State.PUBLISHED)
               .filter(pk__in=CaseStudy.objects.filter(match).values("pk"))
               .exclude(partnerships=partnership)  # its own story is not news to it
               .prefetch_related("health_categories").order_by("-published_at")
               [:MAX_CANDIDATES_PER_SOURCE])
    for study in studies:
        yield Candidate(
            kind="casestudy", kind_label="Case study", object_id=study.pk, title=study.title,
            url=study.get_absolute_url(),
            categories=frozenset(c.name for c in study.health_categories.all()),
            text=f"{study.summary} {study.what_worked}")
