from datetime import timedelta
from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.concurrency import Versioned
from core.forms import CharField, DateInputField, ModelChoiceField, ModelForm

from .models import ActionProgress, Commitment, Indicator, Output

_EDITABLE_STATUSES = [c for c in ActionProgress.Status.choices if c[0] != "completed"]


class ActionForm(Versioned, forms.Form):
    """An action's details and the answers to its prompts (fields prompt_<id>)."""

    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect,
                               choices=_EDITABLE_STATUSES)
    owner = ModelChoiceField(queryset=None, required=False, label="Owner",
                                   empty_label="No owner yet",
                                   help_text="The person who makes sure this action moves")
    due_date = DateInputField(label="Due date (optional)", required=False)
    notes = CharField(label="Notes (optional)", required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, progress, people, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["owner"].queryset = get_user_model().objects.filter(
            pk__in=[p.user_id for p in people])
        self.fields["owner"].label_from_instance = lambda user: user.display_name
        if progress.status == ActionProgress.Status.COMPLETED:
            self.fields["status"].choices = ActionProgress.Status.choices
            self.fields["status"].help_text = "Choose another status to reopen this action"
        self.prompt_fields = []
        for prompt in progress.action.prompts.all():
            name = f"prompt_{prompt.pk}"
            label = prompt.text if prompt.required else f"{prompt.text} (optional)"
            self.fields[name] = CharField(
                label=label, required=False, max_length=5000, help_text=prompt.hint,
                widget=forms.Textarea(attrs={"rows": 4}))
            self.prompt_fields.append((prompt, name))

    def answers(self):
        return {prompt.pk: self.cleaned_data.get(name, "") for prompt, name in self.prompt_fields}


class EvidenceForm(forms.Form):
    title = CharField(label="Title", max_length=200)
    url = forms.URLField(label="Web address", max_length=500, assume_scheme="https",
                         help_text="For example, https://www.example.org/report.pdf")


MAX_AMOUNT = Decimal("1000000000")  # £1 billion: beyond any one partner's commitment
MAX_PEOPLE = 500
MAX_HOURS = Decimal("48")  # a week's working-time limit, for each person


class CommitmentForm(Versioned, ModelForm):
    """What one partner brings. Only the fields of the chosen kind are kept: a value typed
    under another kind, then left when the kind changed, is not saved."""

    KIND_FIELDS = {
        Commitment.Kind.PEOPLE: ["role", "people", "fte", "hours_per_week", "protected_time"],
        Commitment.Kind.MONEY: ["amount", "funder", "award_reference"],
        Commitment.Kind.IN_KIND: ["in_kind_type"],
    }

    people = forms.IntegerField(
        label="How many people", required=False, min_value=1, max_value=MAX_PEOPLE,
        error_messages={"invalid": "Enter the number of people as a whole number, such as 2",
                        "min_value": "Enter at least 1 person",
                        "max_value": f"Enter {MAX_PEOPLE} people or fewer"})
    fte = forms.DecimalField(
        label="Full-time equivalent for each person (optional)", required=False,
        max_digits=3, decimal_places=2, help_text="From 0.01 to 1, such as 0.2 for a day a week",
        error_messages={
            "invalid": "Enter the full-time equivalent as a number, such as 0.5",
            "max_digits": "Enter the full-time equivalent as a number from 0.01 to 1",
            "max_decimal_places": "Enter the full-time equivalent with no more than 2 decimal "
                                  "places, such as 0.25",
            "max_whole_digits": "Full-time equivalent is for each person: enter 1 or less, and "
                                "more people for more time"})
    hours_per_week = forms.DecimalField(
        label="Hours a week for each person (optional)", required=False, max_digits=4,
        decimal_places=1, help_text="Instead of the full-time equivalent, if easier",
        error_messages={"invalid": "Enter the hours a week as a number, such as 7.5",
                        "max_digits": f"Enter {MAX_HOURS} hours a week or fewer",
                        "max_whole_digits": f"Enter {MAX_HOURS} hours a week or fewer",
                        "max_decimal_places": "Enter the hours a week to one decimal place, "
                                              "such as 7.5"})
    amount = forms.DecimalField(
        label="Amount in pounds", required=False, max_digits=12, decimal_places=2,
        help_text="For example, 25000 or 1500.50",
        error_messages={"invalid": "Enter the amount in pounds as a number, such as 25000",
                        "max_digits": "Enter an amount up to £1,000,000,000",
                        "max_whole_digits": "Enter an amount up to £1,000,000,000",
                        "max_decimal_places": "Enter the amount in pounds and pence, with no "
                                              "more than 2 decimal places"})
    start_date = DateInputField(label="Starts (optional)", required=False)
    end_date = DateInputField(label="Ends (optional)", required=False,
                              help_text="We remind the partner 30 days before")

    class Meta:
        model = Commitment
        fields = ["partner", "kind", "description", "role", "people", "fte", "hours_per_week",
                  "protected_time", "amount", "funder", "award_reference", "in_kind_type",
                  "start_date", "end_date"]
        labels = {"partner": "Which partner brings it", "kind": "What kind of commitment",
                  "description": "What it is", "role": "Role",
                  "protected_time": "Their research time is protected in their job plan",
                  "funder": "Funder (optional)", "award_reference": "Award reference (optional)",
                  "in_kind_type": "What kind of in-kind support"}
        help_texts = {"description": "For example, a research nurse for recruitment, or "
                                     "access to the tumour sample bank"}
        widgets = {"kind": forms.RadioSelect, "in_kind_type": forms.RadioSelect}

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["partner"].label_from_instance = lambda p: (
            f"{p.organisation.name} ({p.get_role_display().lower()})")
        self.fields["partner"].empty_label = None
        self.fields["partner"].error_messages["required"] = "Choose which partner brings it"
        self.fields["kind"].error_messages["required"] = "Choose what kind of commitment it is"
        self.fields["description"].error_messages["required"] = "Enter what the commitment is"
        self.fields["kind"].choices = Commitment.Kind.choices  # radios: no empty option
        self.fields["in_kind_type"].choices = Commitment.InKind.choices
        self.fields["in_kind_type"].required = False
        # Text boxes, as the NHS design system asks for numbers: a browser's number box
        # changes a value on scrolling and hides what was typed if it is not a number.
        for name, mode in (("people", "numeric"), ("fte", "decimal"),
                           ("hours_per_week", "decimal"), ("amount", "decimal")):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": mode,
                                                              "spellcheck": "false"})

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        required = {
            Commitment.Kind.PEOPLE: {"role": "Enter the role, such as research nurse",
                                     "people": "Enter how many people"},
            Commitment.Kind.MONEY: {"amount": "Enter the amount in pounds"},
            Commitment.Kind.IN_KIND: {"in_kind_type": "Choose what kind of in-kind support"},
        }.get(kind, {})
        for name, message in required.items():
            if data.get(name) in (None, "") and name not in self.errors:
                self.add_error(name, message)
        if kind == Commitment.Kind.PEOPLE:
            fte, hours = data.get("fte"), data.get("hours_per_week")
            if fte is not None and not Decimal("0") < fte <= 1:
                self.add_error("fte", "Full-time equivalent is for each person: enter a number "
                                      "from 0.01 to 1, and more people for more time")
            if hours is not None and hours <= 0:
                self.add_error("hours_per_week", "Enter hours a week more than 0")
            elif hours is not None and hours > MAX_HOURS:
                self.add_error("hours_per_week", f"Enter {MAX_HOURS} hours a week or fewer for "
                                                 "each person, and more people for more time")
            if fte is None and hours is None and not {"fte", "hours_per_week"} & set(self.errors):
                self.add_error("fte", "Enter the full-time equivalent or the hours a week")
        amount = data.get("amount")
        if kind == Commitment.Kind.MONEY and amount is not None and "amount" not in self.errors:
            if amount <= 0:
                self.add_error("amount", "Enter an amount more than £0")
            elif amount > MAX_AMOUNT:
                self.add_error("amount", "Enter an amount up to £1,000,000,000")
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The end date must be the same as or after the start date")
        # The other kinds' boxes do not count: what was typed there before the kind changed is
        # neither checked nor saved.
        for other, names in self.KIND_FIELDS.items():
            if kind and other != kind:
                for name in names:
                    self._errors.pop(name, None)
                    data[name] = False if name == "protected_time" else (
                        "" if name in ("role", "funder", "award_reference", "in_kind_type")
                        else None)
        return data


# Ten billion: past any measure a partnership keeps, and (with 4 decimal places) within the
# 15 significant digits SQLite keeps exactly, so a figure reads back as it was saved.
MAX_FIGURE = Decimal("10000000000")
TOO_BIG = "Enter a number smaller than 10,000,000,000"
FIGURE_ERRORS = {
    "invalid": "Enter a number, such as 120 or 7.5",
    "max_digits": TOO_BIG,
    "max_whole_digits": TOO_BIG,
    "max_decimal_places": "Enter a number with no more than 4 decimal places",
}


def _figure(label, **kwargs):
    return forms.DecimalField(label=label, max_digits=16, decimal_places=4,
                              error_messages=FIGURE_ERRORS,
                              widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                            "spellcheck": "false"}), **kwargs)


class IndicatorForm(Versioned, ModelForm):
    baseline_value = _figure("Baseline value", help_text="Where it stands at the start")
    baseline_date = DateInputField(label="Baseline date")
    target_value = _figure("Target value")
    target_date = DateInputField(label="Target date", help_text="When you aim to reach it")

    class Meta:
        model = Indicator
        fields = ["name", "unit", "direction", "baseline_value", "baseline_date", "target_value",
                  "target_date", "frequency", "owner", "serves"]
        labels = {"name": "What you will measure", "unit": "Unit",
                  "direction": "Which way is better", "frequency": "How often results come",
                  "owner": "Which partner reports it", "serves": "Whose goal it serves"}
        help_texts = {"name": "For example, participants recruited from under-served areas",
                      "unit": "For example, participants, %, or days"}
        widgets = {"direction": forms.RadioSelect, "frequency": forms.RadioSelect}

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("owner", "serves"):
            self.fields[name].queryset = partners
            self.fields[name].label_from_instance = lambda p: p.organisation.name
        self.fields["owner"].empty_label = None
        self.fields["serves"].empty_label = "A goal the partners share"
        self.fields["direction"].choices = Indicator.Direction.choices
        self.fields["frequency"].choices = Indicator.Frequency.choices
        self.fields["name"].error_messages["required"] = "Enter what you will measure"
        self.fields["unit"].error_messages["required"] = "Enter the unit, such as participants"

    def clean(self):
        data = super().clean()
        for name in ("baseline_value", "target_value"):
            value = data.get(name)
            if value is not None and abs(value) >= MAX_FIGURE:
                self.add_error(name, TOO_BIG)
        start, end = data.get("baseline_date"), data.get("target_date")
        if start and end and end <= start:
            self.add_error("target_date", "The target date must be after the baseline date")
        baseline, target, direction = (data.get("baseline_value"), data.get("target_value"),
                                       data.get("direction"))
        if None not in (baseline, target) and not self.has_error("target_value"):
            if target == baseline:
                self.add_error("target_value", "The target must differ from the baseline")
            elif direction == Indicator.Direction.UP and target < baseline:
                self.add_error("target_value", "Higher is better: enter a target above the "
                                               "baseline, or choose lower is better")
            elif direction == Indicator.Direction.DOWN and target > baseline:
                self.add_error("target_value", "Lower is better: enter a target below the "
                                               "baseline, or choose higher is better")
        return data


class ResultForm(forms.Form):
    period_end = DateInputField(label="End of the period it covers",
                                help_text="For example, 31 3 2027 for January to March")
    value = _figure("Result")
    note = CharField(label="Note (optional)", required=False, max_length=300)

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["value"].label = f"Result, in {indicator.unit}"

    def clean(self):
        data = super().clean()
        value, period_end = data.get("value"), data.get("period_end")
        if value is not None and abs(value) >= MAX_FIGURE:
            self.add_error("value", TOO_BIG)
        if period_end:
            if period_end < self.indicator.baseline_date:
                self.add_error("period_end", "A result must be for a period after the baseline "
                               f"date, {self.indicator.baseline_date:%-d %B %Y}")
            elif period_end > timezone.localdate() + timedelta(days=31):
                self.add_error("period_end", "Enter the result of a period that has ended, or "
                                             "ends within a month")
            elif self.indicator.results.filter(period_end=period_end).exists():
                self.add_error("period_end", "There is already a result for this period: "
                                             "remove it first to replace it")
        return data


class OutputForm(ModelForm):
    date = DateInputField(label="Date", help_text="When it was published, awarded or happened")

    class Meta:
        model = Output
        fields = ["category", "title", "date", "doi", "pmid", "study", "url"]
        labels = {"category": "Category", "title": "What it is",
                  "doi": "DOI (optional)", "pmid": "PubMed ID (optional)",
                  "study": "Study it comes from (optional)", "url": "Web address (optional)"}
        help_texts = {"category": "The Researchfish outcome types funders report in",
                      "doi": "For a publication, such as 10.1136/bmj.n71",
                      "study": "NCT05722886, ISRCTN12345678 or an IRAS ID such as 1004057"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Choose a category"), *Output.Category.choices]
        self.fields["category"].error_messages["required"] = "Choose a category"
        self.fields["title"].error_messages["required"] = "Enter what the output is"
        self.fields["url"].assume_scheme = "https"
        for name in ("doi", "pmid", "study"):
            self.fields[name].widget.attrs.update(spellcheck="false", autocapitalize="none")

    def clean_doi(self):
        doi = self.cleaned_data["doi"].strip()
        for prefix in ("https://doi.org/", "http://doi.org/", "doi:"):
            doi = doi.removeprefix(prefix)
        return doi

    def clean_study(self):
        return "".join(self.cleaned_data["study"].split()).upper()

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day and day > timezone.localdate():
            raise forms.ValidationError("Enter the date it happened: today or earlier")
        if day and day.year < 1950:
            raise forms.ValidationError("Enter a date from 1950 onwards")
        return day
