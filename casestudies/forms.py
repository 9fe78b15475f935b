from django import forms

from core.concurrency import Versioned
from core.forms import CharField, ModelForm, ModelMultipleChoiceField
from core.pickers import PickerMultipleChoiceField
from drive.models import DriveAction
from organisations.models import HealthCategory, Organisation
from partnerships.models import Partnership
from trials.models import Study

from .content import image_type
from .models import CaseStudy, Sector


class CaseStudyForm(Versioned, ModelForm):
    sectors = forms.MultipleChoiceField(label="Sectors involved", choices=Sector.choices,
                                        required=False, widget=forms.CheckboxSelectMultiple)
    drive_actions = ModelMultipleChoiceField(
        label="DRIVE actions it shows", queryset=DriveAction.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)
    health_categories = ModelMultipleChoiceField(
        label="HRCS health categories", queryset=HealthCategory.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)
    partnerships = PickerMultipleChoiceField(
        source="partnerships", label="Partnerships it features (optional)", required=False,
        queryset=Partnership.objects.listed().order_by("title"),
        help_text="Publicly listed partnerships only")
    organisations = PickerMultipleChoiceField(
        source="organisations", label="Organisations it features (optional)", required=False,
        queryset=Organisation.objects.order_by("name"))
    studies = PickerMultipleChoiceField(
        source="studies", label="Studies it features (optional)", required=False,
        queryset=Study.objects.order_by("title"))
    image = forms.FileField(label="Image (optional)", required=False,
                            help_text="A PNG, JPEG, GIF or WebP file smaller than 2 MB")
    remove_image = forms.BooleanField(label="Remove the current image", required=False)

    class Meta:
        model = CaseStudy
        fields = ["title", "summary", "body", "what_worked", "outcomes", "drive_actions",
                  "health_categories", "sectors", "partnerships", "organisations", "studies",
                  "image", "image_alt"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}),
                   "body": forms.Textarea(attrs={"rows": 10}),
                   "what_worked": forms.Textarea(attrs={"rows": 4}),
                   "outcomes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"body": "Markdown: ## headings, **bold**, lists and [links](https://...)",
                      "image_alt": "What the image shows, for people who cannot see it"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnerships"].label_from_instance = lambda p: p.title

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and not hasattr(upload, "content_type"):
            return None  # the stored file, unchanged
        if upload:
            image_type(upload)
        return upload


class NominationForm(forms.Form):
    reason = CharField(label="Why is this partnership a good example?", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 4}))


class DeclineNominationForm(forms.Form):
    reason = CharField(label="Why not, for now?", max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="The lead who nominated it sees this")
