"""What other apps show on an organisation's page: a charity's offers, the partnerships it is in,
its studies. organisations sits below those apps and knows none of them; each registers a
section in its AppConfig.ready, and the page shows them in `order`.

A section is `section(request, organisation, membership)` returning the context for its template,
or None to show nothing (an offers section on an NHS trust's page, say).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    template: str
    context: object  # callable(request, organisation, membership) -> dict | None
    order: int


_sections: list[Section] = []


def register_section(template, context, *, order):
    section = Section(template, context, order)
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda s: s.order)


def sections_shown(request, organisation, membership) -> list[tuple[str, dict]]:
    found = []
    for section in _sections:
        context = section.context(request, organisation, membership)
        if context is not None:
            found.append((section.template, context))
    return found
