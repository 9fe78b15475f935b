"""What already exists that relates to a partnership, for "Review and build on what exists".

Each source turns the portal's records into Candidates; the ranking is the same for all of them.
Words are compared as the database's English full-text search compares them: common and filler
words left out, the rest reduced to their Snowball stems (PostgreSQL's english configuration uses
the same stemmer). A candidate is suggested only when it shares an HRCS health category with the
partnership, or at least STRONG_MATCH significant words: two generic words in common ("national",
"screening") are not a reason to read a record. Shared categories count most, words in the
candidate's title more than words elsewhere. Every suggestion says why, in plain words. A new
source (studies, charity offers, case studies) registers itself with `register_source`.
"""

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_

import snowballstemmer
from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from partnerships.filters import search_vector
from partnerships.models import Partnership

CATEGORY_WEIGHT = 3.0
WORD_WEIGHT = 1.0
TITLE_WORD_WEIGHT = 1.5
STRONG_MATCH = 3  # shared significant words that stand in for a shared health category
MAX_SUGGESTIONS = 10
MAX_CANDIDATES_PER_SOURCE = 300

_STOPWORDS_TEXT = """
a about above after again against all also an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers how i if in into is it its itself just more most no nor not of
off on once only or other our ours out over own same she should so some such than that the
their theirs them then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours help work working
together partnership partnerships partners partner research nhs people patients patient new use
using bring brings brought existing exist national across within via per able ensure make
makes made way ways well many much like one two three first based including include includes
aim aims help helps helped support supports supported improve improving improved better
services service programme programmes project projects uk england """
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


@dataclass(frozen=True)
class Candidate:
    kind: str  # "partnership", "study", "offer"
    kind_label: str
    object_id: int
    title: str
    url: str
    categories: frozenset = field(default_factory=frozenset)  # HRCS category names
    text: str = ""

    @cached_property
    def words(self) -> frozenset:
        # Kept with the candidate, so cached candidates are not re-read on every ranking.
        return frozenset(significant_words(f"{self.title} {self.text}"))

    @cached_property
    def title_words(self) -> frozenset:
        return frozenset(significant_words(self.title))


@dataclass
class Suggestion:
    candidate: Candidate
    score: float
    reason: str


def word_forms(text: str) -> dict[str, str]:
    """Significant words of a text: their simple form, mapped to the word as first written."""
    forms: dict[str, str] = {}
    for word in re.findall(r"[a-z][a-z0-9-]{2,}", (text or "").lower()):
        if word not in STOPWORDS:
            forms.setdefault(_stem(word), word)
    return forms


def significant_words(text: str) -> set[str]:
    return set(word_forms(text))


_STEMMER = snowballstemmer.stemmer("english")


def _stem(word: str) -> str:
    return _STEMMER.stemWord(word)


Source = Callable[[object, set[str], set[str]], Iterable[Candidate]]
_SOURCES: list[tuple[Source, bool]] = []


def register_source(source: Source, *, public: bool = False) -> Source:
    """`public`: the source shows the same records to everyone (it ignores `user`), so its
    candidates for a partnership are cached for RELATED_CACHE_SECONDS; a newer record shows up
    within that time. Sources that depend on who is asking run on every request."""
    if (source, public) not in _SOURCES:  # ready() runs again when a test changes the apps
        _SOURCES.append((source, public))
    return source


def _candidates(source, public, partnership, categories, words, user) -> list[Candidate]:
    if not public:
        return list(source(partnership, categories, words, user))
    key = "related:{}:{}:{}:{}".format(
        source.__module__ + "." + source.__qualname__, partnership.pk,
        hashlib.sha256(repr((sorted(categories), sorted(words))).encode()).hexdigest()[:16],
        partnership.updated_at.isoformat() if partnership.updated_at else "")
    found = cache.get(key)
    if found is None:
        found = list(source(partnership, categories, words, None))
        for candidate in found:  # stemmed once, and kept stemmed in the cache
            candidate.words, candidate.title_words  # noqa: B018 - fills the cached properties
        cache.set(key, found, settings.RELATED_CACHE_SECONDS)
    return found


def rank(partnership, candidates: Iterable[Candidate], *, categories: set[str],
         words: dict[str, str] | set[str], limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Best first. `words` maps simple forms to how the partnership writes them."""
    if not isinstance(words, dict):
        words = {w: w for w in words}
    suggestions = []
    for candidate in candidates:
        shared_categories = sorted(categories & set(candidate.categories))
        shared = words.keys() & candidate.words
        if not shared_categories and len(shared) < STRONG_MATCH:
            continue
        in_title = shared & candidate.title_words
        score = (CATEGORY_WEIGHT * len(shared_categories) + WORD_WEIGHT * len(shared - in_title)
                 + TITLE_WORD_WEIGHT * len(in_title))
        if score <= 0:
            continue
        suggestions.append(Suggestion(candidate, score, _reason(
            shared_categories, sorted(words[w] for w in in_title),
            sorted(words[w] for w in shared - in_title))))
    suggestions.sort(key=lambda s: (-s.score, s.candidate.title.lower()))
    return suggestions[:limit]


def _reason(categories, title_words, other_words) -> str:
    """Why, as a person would say it: Also about Cancer and neoplasms. Both mention rare,
    cancers and targeted."""
    parts = []
    if categories:
        parts.append(f"Also about {_listed(categories)}.")
    mentioned = (title_words + other_words)[:5]
    if mentioned:
        parts.append(f"Both mention {_listed(mentioned)}.")
    return " ".join(parts)


def _listed(items):
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def related_to(partnership, user, *, limit: int = MAX_SUGGESTIONS,
               sources=None) -> list[Suggestion]:
    """`sources`: only these source functions (the partnership page asks only for offers)."""
    categories = {c.name for c in partnership.health_categories.all()}
    words = word_forms(f"{partnership.title} {partnership.purpose} {partnership.topics}")
    candidates: list[Candidate] = []
    for source, public in _SOURCES:
        if sources is not None and source not in sources:
            continue
        # Stems and the words as written: a source matches text with either ("famili" would
        # not find "family").
        candidates.extend(_candidates(source, public, partnership, categories,
                                      set(words) | set(words.values()), user))
    return rank(partnership, candidates, categories=categories, words=words, limit=limit)


@register_source
def listed_partnerships(partnership, categories, words, user):
    """Other partnerships the person may see, sharing a category or a word."""

    match = Q(pk__in=Partnership.health_categories.through.objects.filter(
        healthcategory__name__in=categories).values("partnership_id"))
    if words and connection.vendor == "postgresql":
        # Any of the words, through the directory search's GIN index, not a scan of every row.

        query = reduce(or_, (SearchQuery(w, config="english") for w in sorted(words)[:12]))
        match |= Q(pk__in=Partnership.objects.annotate(v=search_vector()).filter(v=query)
                   .values("pk"))
    else:
        for word in list(words)[:12]:
            match |= (Q(title__icontains=word) | Q(purpose__icontains=word)
                      | Q(topics__icontains=word))
    others = (Partnership.objects.visible_to(user).exclude(pk=partnership.pk)
              .exclude(status=Partnership.Status.DRAFT).filter(match)
              .prefetch_related("health_categories")
              .order_by("-updated_at")[:MAX_CANDIDATES_PER_SOURCE])
    for other in others:
        yield Candidate(
            kind="partnership", kind_label="Partnership", object_id=other.pk, title=other.title,
            url=other.get_absolute_url(),
            categories=frozenset(c.name for c in other.health_categories.all()),
            text=f"{other.purpose} {other.topics}")
