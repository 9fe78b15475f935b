from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "trials"
    verbose_name = "Studies"
    # What the history shows for each of this app's actions (core/audit.py).
    audit_actions = {
        "recruitment.recorded": "Recorded a recruitment figure",
        "recruitment.changed": "Corrected a recruitment figure",
        "recruitment.deleted": "Deleted a recruitment figure",
        "study.site_added": "Added a site",
        "study.site_changed": "Changed a site's target or dates",
        "study.site_figures_confirmed": "The site confirmed its figures",
        "study.site_figures_queried": "The site queried its figures",
        "study.created": "Registered the study",
        "study.changed": "Changed the study's details",
        "study.linked": "Linked the study to a partnership",
        "study.imported": "Updated the study from its ClinicalTrials.gov record",
    }
    demo_steps = [("studies", "trials.demo.seed")]

    def ready(self):
        # Studies join the "Review and build on what already exists" suggestions.
        from django.db.models import Q

        from core.pickers import register_source as register_picker
        from drive.related import register_source
        from organisations import hooks as organisation_page

        from . import reminders, sections
        from .models import Study
        from .related import studies

        register_source(studies, public=True)
        reminders.register()  # sites open without a participant, behind their line
        organisation_page.register_section("trials/_organisation_studies.jinja", sections.studies,
                                   order=30)

        def search(queryset, text):
            return queryset.filter(Q(title__icontains=text) | Q(short_name__icontains=text)
                                   | Q(nct_id__iexact=text) | Q(isrctn__iexact=text)
                                   ).order_by("title")

        register_picker("studies", queryset=lambda user: Study.objects.all(), search=search)
