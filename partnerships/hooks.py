"""What other apps add to partnerships, which sit below them and know none of them:

- sections of the partnership page (DRIVE progress, charity expertise that could help, the
  case-study nomination), each `context(request, access)` returning its template's `section`
  or None to show nothing, in a `slot` ("top": above the partnership's details, "body": below);
- figures on each row of the partnership lists (the DRIVE counts), as queryset annotations;
- `partnership_created`, sent when a partnership is started, so DRIVE can set up its actions.

Each app registers in its AppConfig.ready (docs/adr/0007).
"""

from dataclasses import dataclass

from django.dispatch import Signal

# Sent with partnership=<Partnership>, user=<who started it>, inside the creating transaction.
partnership_created = Signal()


@dataclass(frozen=True)
class Section:
    template: str
    context: object  # callable(request, access) -> dict | None
    order: int
    slot: str


_sections: list[Section] = []
_list_figures: list = []


def register_section(template, context, *, order, slot="body"):
    section = Section(template, context, order, slot)
    if section not in _sections:
        _sections.append(section)
        _sections.sort(key=lambda s: s.order)


def sections_shown(request, access, *, slot) -> list[tuple[str, dict]]:
    found = []
    for section in _sections:
        if section.slot == slot:
            context = section.context(request, access)
            if context is not None:
                found.append((section.template, context))
    return found


def register_list_figures(annotate):
    """`annotate(queryset, prefix, due)` adds figures to partnerships, or to rows that point at
    one through `prefix` ("partnership__"); `due` asks for what is due as well."""
    if annotate not in _list_figures:
        _list_figures.append(annotate)


def with_list_figures(queryset, prefix="", *, due=False):
    for annotate in _list_figures:
        queryset = annotate(queryset, prefix, due)
    return queryset
