"""Django form fields rendered through the NHS.UK frontend macros.

`field_params(bound_field)` turns a bound field into the component name and the parameters its NHS
macro expects; the `form_field` Jinja macro (core/jinja2/core/macros/forms.jinja) calls the macro.
What the person typed is always sent back in `value`, so an error never loses their input.
"""

from django import forms

_CHECKBOX_WIDGETS = (forms.CheckboxSelectMultiple,)
_RADIO_WIDGETS = (forms.RadioSelect,)


def _error_text(bound_field):
    errors = bound_field.errors
    return " ".join(str(e) for e in errors) if errors else None


def _items(bound_field, *, selected_key):
    values = bound_field.value()
    if values is None:
        values = []
    elif not isinstance(values, list | tuple | set):
        values = [values]
    chosen = {str(v) for v in values}
    items = []
    for value, label in bound_field.field.choices:
        value = "" if value is None else str(getattr(value, "value", value))
        items.append({"value": value, "text": str(label), selected_key: value in chosen})
    return items


def field_params(bound_field, extra=None):
    """Return {"component": <macro name>, "params": {...}} for one bound form field."""
    field = bound_field.field
    widget = field.widget
    label = {"text": str(bound_field.label)}
    hint = {"text": str(field.help_text)} if field.help_text else None
    error = _error_text(bound_field)
    params = {"id": bound_field.id_for_label or bound_field.auto_id, "name": bound_field.html_name}
    if hint:
        params["hint"] = hint
    if error:
        params["errorMessage"] = {"text": error}
    attrs = {k: v for k, v in widget.attrs.items() if k not in {"class", "id"}}

    if isinstance(widget, forms.HiddenInput):
        component = "hidden"
        params["value"] = bound_field.value()
    elif isinstance(widget, _CHECKBOX_WIDGETS + _RADIO_WIDGETS):
        component = "checkboxes" if isinstance(widget, _CHECKBOX_WIDGETS) else "radios"
        params.pop("id")
        params["idPrefix"] = bound_field.auto_id
        params["fieldset"] = {"legend": {"text": label["text"], "size": "s"}}
        params["items"] = _items(bound_field, selected_key="checked")
    elif isinstance(widget, forms.CheckboxInput):
        component = "checkboxes"
        params.pop("id")
        params["idPrefix"] = bound_field.auto_id
        params["items"] = [
            {"value": "on", "text": label["text"], "checked": bool(bound_field.value())}
        ]
    elif isinstance(widget, forms.Select):
        component = "select"
        params["label"] = label
        params["items"] = _items(bound_field, selected_key="selected")
    elif isinstance(widget, forms.Textarea):
        component = "textarea"
        params["label"] = label
        params["value"] = bound_field.value() or ""
        params["rows"] = attrs.pop("rows", 5)
    elif isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        component = "fileUpload"
        params["label"] = label
    else:
        component = "input"
        params["label"] = label
        value = bound_field.value()
        params["value"] = "" if value is None else value
        params["type"] = getattr(widget, "input_type", "text")
        if params["type"] == "password":
            params["value"] = ""
        for key in ("autocomplete", "inputmode", "spellcheck", "autocapitalize"):
            if key in attrs:
                params[key] = attrs.pop(key)
        if attrs.get("width"):
            params["classes"] = f"nhsuk-input--width-{attrs.pop('width')}"
    if attrs:
        params["attributes"] = attrs
    if extra:
        for key, value in extra.items():
            if isinstance(value, dict) and isinstance(params.get(key), dict):
                params[key] = {**params[key], **value}
            else:
                params[key] = value
    return {"component": component, "params": params}


def error_summary_items(*forms_):
    """Links for the NHS error summary: one per error, each pointing at its field."""
    items = []
    for form in forms_:
        if form is None:
            continue
        for error in form.non_field_errors():
            items.append({"text": str(error), "href": "#main-form"})
        for bound_field in form:
            for error in bound_field.errors:
                items.append({"text": str(error), "href": f"#{bound_field.auto_id}"})
    return items
