"""What can be due, registered by the apps that know it.

Each app registers, in its AppConfig.ready:
- topics: what a person turns on or off (`register_topic("drive", "DRIVE actions due and
  overdue")`), shown on the reminder preferences page;
- kinds: each kind of reminder, its label and its topic (`register_kind("overdue", ...)`);
- rules: a function `rule(now, person=None)` that yields a `Due` for every reminder due at `now`,
  only those for `person` when one is given (their home page asks for theirs alone).

The sweep, the digest and a person's home page read the same rules, so a new kind of reminder is
written in its own app and nothing in reminders/ changes.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

DIGEST = "digest"


@dataclass(frozen=True)
class Due:
    email: str
    user_id: int | None
    kind: str
    subject_key: str  # what it is about, e.g. "progress:12"
    period: str  # when, e.g. the due date: with the rest, the key that makes it happen once
    partnership_id: int | None
    title: str
    link: str


_topics: dict[str, str] = {}
_kinds: dict[str, tuple[str, str | None]] = {}
_rules: list = []


def register_topic(key, label):
    _topics[key] = label


def register_kind(kind, *, label, topic):
    _kinds[kind] = (label, topic)


def register_rule(rule):
    if rule not in _rules:
        _rules.append(rule)


def topics() -> list[tuple[str, str]]:
    return list(_topics.items())


def topic_label(key) -> str | None:
    return _topics.get(key)


def topic_of(kind) -> str | None:
    return _kinds.get(kind, (None, None))[1]


def kind_label(kind) -> str:
    return _kinds.get(kind, (kind, None))[0]


def everything_due(now):
    for rule in _rules:
        yield from rule(now)


def due_for(person, now, emails=()):
    """What the rules would remind this person of at `now`: by their id, or (for reminders sent
    before someone has an account, such as invitations) by one of their verified `emails`."""
    emails = {e.lower() for e in emails}
    for rule in _rules:
        for due in rule(now, person=person):
            if due.user_id == person.pk or (due.user_id is None and due.email.lower() in emails):
                yield due


def site_url(path):
    return settings.SITE_URL + path


_SENTINEL = 987654321


def link_maker(name, *args):
    """reverse() once, then fill in each id: a sweep builds 100,000 links."""
    template = site_url(reverse(name, args=[_SENTINEL, *args])).replace(str(_SENTINEL), "{}")
    return template.format
