"""Django form fields rendered through the NHS.UK frontend macros.

`field_params(bound_field)` turns a bound field into the component name and the parameters its NHS
macro expects; the `form_field` Jinja macro (core/jinja2/core/macros/forms.jinja) calls the macro.
What the person typed is always sent back in `value`, so an error never loses their input.
"""

import re
from datetime import date

from django import forms
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.forms.utils import ErrorList

from core.pickers import SEARCHING, PickerMixin, picker_params, refuse_impossible_ids
from core.text import without_controls

_CHECKBOX_WIDGETS = (forms.CheckboxSelectMultiple,)
_RADIO_WIDGETS = (forms.RadioSelect,)

# Django's own messages say nothing about the field; these codes get one that names it.
_GENERIC = {"required", "invalid_choice", "invalid_pk_value", "invalid_list", "max_length",
            "min_length", "max_value", "min_value", "max_digits", "max_decimal_places",
            "invalid"}
# Labels whose message reads better written out than derived.
_MESSAGES = {
    "email": "Enter your email address",
    "email address": "Enter your email address",
    "password": "Enter your password",
    "password (again)": "Enter your password again",
    "current password": "Enter your current password",
    "new password": "Enter a new password",
    "new password (again)": "Enter the new password again",
    "code": "Enter the 6-digit code from your authenticator app",
    "authenticator code": "Enter the 6-digit code from your authenticator app",
}
_QUESTION_WORDS = ("which ", "what ", "who ", "how ", "when ", "where ")


def _subject(label):
    """A label as the object of "Enter ..." or "Select ...": no "(optional)", no question mark,
    and a lower-case first letter unless it starts an acronym (NHS, HRCS, ODS)."""
    text = re.sub(r"\s*\(optional\)\s*", " ", label).strip().rstrip("?:").strip()
    if len(text) > 1 and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def specific_message(bound_field, error):
    """The message for one of Django's generic errors, naming the field in NHS style."""
    label = str(bound_field.label or bound_field.name.replace("_", " "))
    widget = bound_field.field.widget
    subject = _subject(label)
    code = error.code
    if code == "required":
        if label.lower().strip(" :") in _MESSAGES:
            return _MESSAGES[label.lower().strip(" :")]
        if isinstance(widget, forms.CheckboxInput):
            return f"Tick the box to confirm: {label.rstrip('.')}"
        choosing = isinstance(widget, forms.Select | forms.RadioSelect
                              | forms.CheckboxSelectMultiple | forms.FileInput)
        if label.endswith("?") and not subject.lower().startswith(_QUESTION_WORDS):
            return f"Answer ‘{label.strip()}’"
        return f"{'Select' if choosing else 'Enter'} {subject}"
    if code in {"invalid_choice", "invalid_pk_value", "invalid_list"}:
        return f"Select {subject} from the choices shown"  # noqa: S608 - a message, not SQL
    params = error.params or {}
    name = subject[0].upper() + subject[1:]
    if code == "max_length":
        return f"{name} must be {params.get('limit_value')} characters or fewer"
    if code == "min_length":
        return f"{name} must be {params.get('limit_value')} characters or more"
    if code == "max_value":
        return f"{name} must be {params.get('limit_value')} or less"
    if code == "min_value":
        return f"{name} must be {params.get('limit_value')} or more"
    if code in {"max_digits", "max_decimal_places"}:
        return f"{name} must be a smaller number"
    if code == "invalid" and any("email" in str(m) for m in error):
        return "Enter an email address in the correct format, like name@example.com"
    return None


def _is_djangos_own(field, error):
    """Only Django's stock wording is replaced; a message a form wrote itself is kept."""
    if any(str(message).startswith(("Ensure this value", "Ensure that there are no more",
                                    "Enter a valid email address"))
           for message in error):
        return True  # a validator's
    stock = {}
    for klass in reversed(type(field).__mro__):
        stock.update(getattr(klass, "default_error_messages", {}))
    own = stock.get(error.code)
    return own is not None and str(field.error_messages.get(error.code)) == str(own)


class PortalBoundField(BoundField):
    """Every form's field errors as a person should read them: Django's generic wording replaced
    by a message that names the field, and a picker's "Find" press not shown as an error."""

    @property
    def errors(self):
        raw = super().errors
        if not raw:
            return raw
        shown = []
        for error in raw.as_data():
            if error.code == SEARCHING:
                continue
            text = None
            if error.code in _GENERIC and _is_djangos_own(self.field, error):
                text = specific_message(self, error)
            shown.append(forms.ValidationError(text, code=error.code) if text else error)
        return ErrorList(shown, renderer=raw.renderer)


class PortalFormRenderer(DjangoTemplates):
    """Set as FORM_RENDERER so every form in the portal, allauth's included, uses it."""

    bound_field_class = PortalBoundField


def _error_text(bound_field):
    errors = bound_field.errors
    return " ".join(str(e) for e in errors) if errors else None


def has_errors(form):
    """Errors a person should see (a picker's "Find" press leaves none)."""
    if form is None or not form.is_bound or not form.errors:
        return False
    return bool(form.non_field_errors()) or any(bf.errors for bf in form)


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
    elif isinstance(widget, PickerMixin) and (picker := picker_params(bound_field, params, label)):
        component = "picker"
        params = picker
    elif isinstance(widget, forms.SelectMultiple) and not isinstance(widget, _CHECKBOX_WIDGETS):
        # A multiple <select> is hard to use (Ctrl-click) and looks like a single one: checkboxes.
        component = "checkboxes"
        params.pop("id")
        params["idPrefix"] = bound_field.auto_id
        params["fieldset"] = {"legend": {"text": label["text"], "size": "s"}}
        params["items"] = _items(bound_field, selected_key="checked")
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
    if component == "checkboxes" and not params.get("items"):
        # An empty list of choices would show a bare heading: say why there is nothing to tick.
        none = "There are none to choose from yet"
        params["hint"] = {"text": f"{params['hint']['text']}. {none}" if params.get("hint")
                          else none}
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


class ModelChoiceField(forms.ModelChoiceField):
    """Django's, but an impossible id is a form error on every database."""

    def clean(self, value):
        refuse_impossible_ids(self, value)
        return super().clean(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an impossible id is a form error on every database."""

    def clean(self, value):
        refuse_impossible_ids(self, value)
        return super().clean(value)


class CharField(forms.CharField):
    """Django's, with control characters taken out, and a line break typed (or posted) into a
    one-line box made a space: a title never carries a line into an email header, a CSV row
    or a page."""

    def to_python(self, value):
        value = super().to_python(value)
        if not isinstance(value, str):  # None, where a field's empty value is
            return value
        value = without_controls(value)
        return value if isinstance(self.widget, forms.Textarea) else " ".join(value.split())


def portal_formfield(db_field, **kwargs):
    """A model form's relations through the portal's choice fields above, and its text
    through CharField."""
    if isinstance(db_field, models.CharField | models.TextField) and not db_field.choices:
        kwargs.setdefault("form_class", CharField)
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    return db_field.formfield(**kwargs)


class _PortalModelFormMetaclass(forms.models.ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = portal_formfield  # Django reads it from Meta only
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.ModelForm, metaclass=_PortalModelFormMetaclass):
    """Every model form of the portal: an impossible id in a relation (a sponsor, funders,
    health categories) is a form error, not a database error, on every database."""


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
