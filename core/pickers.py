"""Pickers: choosing one or several records from a list that can run to thousands.

A picker field lists what is chosen (as NHS checkboxes or radios) and a "find" box. With
JavaScript the box is an accessible-autocomplete fed by `/pick/<source>/?q=`; without it, the
"Find" button posts the form back and the page lists the matches to tick, keeping everything typed.
Each app registers its sources in `AppConfig.ready`, so core knows no domain model.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

# Up to this many records, a picker is simply a list of checkboxes (or a select for one choice).
LIST_ALL_UP_TO = 30
MATCHES = 20
FIND_BUTTON = "_picker_find"


@dataclass(frozen=True)
class Source:
    name: str
    queryset: Any  # callable(user) -> the records this person may see
    search: Any  # callable(queryset, text) -> matching records, best first


_sources: dict[str, Source] = {}


def register_source(name, *, queryset, search):
    _sources[name] = Source(name=name, queryset=queryset, search=search)


def get_source(name) -> Source | None:
    return _sources.get(name)


def clean_ids(values) -> list[str]:
    """Only plain ids: anything else cannot be a record, and a huge number would overflow."""
    return [v for v in (str(x) for x in values) if v.isascii() and v.isdigit() and len(v) < 19]


def refuse_impossible_ids(field, value):
    """An id that cannot be a record is the field's own error, not a database error (SQLite
    cannot even take a number above 2**63)."""
    values = value if isinstance(value, list | tuple) else [value]
    values = [v for v in values if v not in field.empty_values]
    if len(clean_ids(values)) != len(values):
        message = str(field.error_messages["invalid_choice"])
        raise ValidationError(message.replace("%(value)s", "that"), code="invalid_choice")


class PickerMixin:
    """A Select widget that knows its search source and which button searches it."""

    def __init__(self, source, attrs=None, **kwargs):
        self.source = source
        super().__init__(attrs, **kwargs)

    def find_text(self, data, name):
        text = str(data.get(f"{name}__find", ""))
        return "".join(c for c in text if c.isprintable()).strip()[:100]

    def searching(self, data, name):
        return data.get(FIND_BUTTON) == name

    def value_from_datadict(self, data, files, name):
        self.is_searching = self.searching(data, name)
        return super().value_from_datadict(data, files, name)


class PickerSelect(PickerMixin, forms.Select):
    pass


class PickerSelectMultiple(PickerMixin, forms.SelectMultiple):
    pass


SEARCHING = "picker_searching"


class _Searchable:
    """A "Find" press is not a submission: the field answers with an error that is never
    shown, so the form is invalid, the view shows it again with the matches, and nothing is
    saved or lost."""

    def clean(self, value):
        if getattr(self.widget, "is_searching", False):
            raise ValidationError("", code=SEARCHING)
        refuse_impossible_ids(self, value)
        return super().clean(value)


class PickerChoiceField(_Searchable, forms.ModelChoiceField):
    def __init__(self, *, source, **kwargs):
        kwargs.setdefault("widget", PickerSelect(source))
        super().__init__(**kwargs)


class PickerMultipleChoiceField(_Searchable, forms.ModelMultipleChoiceField):
    def __init__(self, *, source, **kwargs):
        kwargs.setdefault("widget", PickerSelectMultiple(source))
        super().__init__(**kwargs)


def shown_errors(bound_field):
    """The field's errors a person should read (a "Find" press is not one)."""
    return [e for error in bound_field.errors.as_data() if error.code != SEARCHING
            for e in error]


def picker_params(bound_field, params, label):
    """The parameters of the app_picker component, or None when a plain list will do."""
    field = bound_field.field
    widget = field.widget
    multiple = isinstance(widget, forms.SelectMultiple)
    queryset = field.queryset
    total = queryset.count()
    if total <= LIST_ALL_UP_TO:
        return None
    form = bound_field.form
    values = bound_field.value()
    if values in (None, ""):
        values = []
    elif not isinstance(values, list | tuple):
        values = [values]
    ids = clean_ids(values)
    chosen = list(queryset.filter(pk__in=ids)) if ids else []
    find = widget.find_text(form.data, bound_field.html_name) if form.is_bound else ""
    matches = []
    source = get_source(widget.source)
    if find and source:
        chosen_ids = {c.pk for c in chosen}
        matches = [m for m in source.search(queryset, find)[:MATCHES] if m.pk not in chosen_ids]
    items = [{"value": str(o.pk), "text": field.label_from_instance(o), "checked": True}
             for o in chosen]
    items += [{"value": str(o.pk), "text": field.label_from_instance(o), "checked": False}
              for o in matches]
    return {
        **params,
        "legend": label["text"],
        "multiple": multiple,
        "optional": not field.required,
        "noneChosen": not ids,
        "items": items,
        "find": find,
        "findName": f"{bound_field.html_name}__find",
        "findButton": FIND_BUTTON,
        "searched": bool(find),
        "source": f"/pick/{widget.source}/",
        "total": total,
    }
