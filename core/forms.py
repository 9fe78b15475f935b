"""Django form fields rendered through the NHS.UK frontend macros.

`field_params(bound_field)` turns a bound field into the component name and the parameters its NHS
macro expects; the `form_field` Jinja macro (core/jinja2/core/macros/forms.jinja) calls the macro.
What the person typed is always sent back in `value`, so an error never loses their input.
"""

from datetime import date

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

    if isinstance(widget, DateInputWidget):
        component = "dateInput"
        params["id"] = bound_field.auto_id
        params["fieldset"] = {"legend": {"text": label["text"], "size": "s"}}
        values = bound_field.value()
        if not isinstance(values, list | tuple):
            values = widget.decompress(values)
        names = ("day", "month", "year")
        params["items"] = [
            {"id": f"{bound_field.auto_id}_{index}", "name": f"{bound_field.html_name}_{index}",
             "label": names[index].capitalize(), "value": values[index] or "",
             "classes": "nhsuk-input--width-4" if index == 2 else "nhsuk-input--width-2",
             "inputmode": "numeric"}
            for index in range(3)
        ]
    elif isinstance(widget, forms.HiddenInput):
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
            target = bound_field.auto_id
            if isinstance(bound_field.field.widget, DateInputWidget):
                target += "_0"
            for error in bound_field.errors:
                items.append({"text": str(error), "href": f"#{target}"})
    return items


class DateInputWidget(forms.MultiWidget):
    """Day, month and year boxes: the NHS date input pattern."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)

    def decompress(self, value):
        if value:
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    """A date typed as day, month and year, with NHS-style messages."""

    widget = DateInputWidget
    default_error_messages = {
        "invalid": "Enter a real date, for example 15 3 2027",
        "incomplete": "Enter a day, month and year",
    }

    def __init__(self, **kwargs):
        # No length limits on the parts: a wrong date gets one plain message from compress().
        fields = [forms.CharField(), forms.CharField(), forms.CharField()]
        kwargs.setdefault("help_text", "For example, 15 3 2027")
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        if not all(data_list):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            if any(len(part) > 4 for part in data_list):
                raise ValueError
            day, month, year = (int(part) for part in data_list)
            if not 1900 <= year <= 2200:
                raise ValueError
            return date(year, month, day)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def add_service_errors(form, exc):
    """Show a service's ValidationError on the form: beside a field the form has, otherwise
    at the top, so no error is lost and none raises."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)
