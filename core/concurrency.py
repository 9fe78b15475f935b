"""Edits that do not overwrite each other.

A form opened on a shared record (a DRIVE action, a partnership's details, an organisation, a
study, a case study, an offer) carries a signed snapshot of the values it showed, in its hidden
`version` field. Saving compares that snapshot with the record as it is now. If someone else
saved in between, the save is refused: each field they changed says what it holds now, the form
keeps everything this person typed, and its version moves on, so saving again (having seen the
changes) goes through.
"""

import datetime

from django import forms
from django.core import signing
from django.db.models import Model

SALT = "core.concurrency"
STALE = "Someone changed this since you opened it"


class Versioned(forms.Form):
    """Add to a form of a shared record; views call `opened_at` and `refuse_if_changed`."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        # Read from the raw data by refuse_if_changed; never a value to save.
        cleaned.pop("version", None)
        return cleaned


def _plain(value):
    """A value as the snapshot keeps it: text, so any two values compare."""
    if value is None:
        return ""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return sorted(_plain(item) for item in items)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _readable(value):
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, list | tuple | set) or hasattr(value, "all"):
        return [str(item) for item in (value.all() if hasattr(value, "all") else value)]
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%B %Y}"
    return "" if value is None else str(value)


def values_of(instance, form, *, skip=("version",)) -> dict:
    """The record's current values of the form's fields (a model form's, or any form whose
    fields are named after the model's). Call it before a model form is bound to `instance`:
    validating the form writes the typed values onto it. Many-to-many values are read from the
    database when compared, so they are the saved ones either way."""
    return {name: getattr(instance, name) for name in form.fields
            if name not in skip and not isinstance(form.fields[name], forms.FileField)
            and hasattr(instance, name)}


def check_or_open(request, form, saved) -> bool:
    """For an edit view: True when a POSTed form may be saved. A GET puts `saved` (the record's
    values, or None when creating) in the form's version; a POST is checked against it."""
    if request.method != "POST":
        if saved is not None:
            opened_at(form, saved)
        return False
    if not form.is_valid():
        return False
    return saved is None or not refuse_if_changed(form, saved)


def _snapshot(values: dict) -> dict:
    return {name: _plain(value) for name, value in values.items()}


def opened_at(form, values: dict):
    """Put the record's current `values` (field name -> value) in the form's version."""
    token = signing.dumps(_snapshot(values), salt=SALT, compress=True)
    if form.is_bound:
        form.data = form.data.copy()
        form.data[form.add_prefix("version")] = token
    else:
        form.initial["version"] = token


def refuse_if_changed(form, values: dict, *, shown=None) -> bool:
    """True, with errors on the form, when a field's saved value differs from the one the form
    was opened with. `values` is the record as it is now; `shown(name, value)` says how a
    changed value reads (its text by default). A form without a version (opened before this
    existed) is not checked."""
    token = form.data.get(form.add_prefix("version"))
    try:
        opened = signing.loads(token, salt=SALT) if token else None
    except signing.BadSignature:
        opened = None
    now = _snapshot(values)
    changed = [name for name in now if opened is not None and opened.get(name) != now[name]]
    if not changed:
        return False
    for name in changed:
        value = values[name]
        text = shown(name, value) if shown else _readable(value)
        if isinstance(text, list):
            text = ", ".join(text) or "nothing"
        text = str(text) or "nothing"
        if len(text) > 200:
            text = text[:200] + "..."
        form.add_error(name if name in form.fields else None,
                       f"{STALE}: it now says “{text}”. Check it, then save again")
    opened_at(form, values)
    return True
