from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"
    # What the history shows for each of this app's actions (core/audit.py).
    audit_actions = {
        "casestudy.saved": "Changed the case study",
        "casestudy.submitted": "Sent the case study for review",
        "casestudy.published": "Approved and published the case study",
        "casestudy.returned": "Sent the case study back to draft",
        "casestudy.withdrawn": "Withdrew the case study",
        "casestudy.nominated": "Nominated the partnership as a case study",
        "casestudy.nomination_declined": "A curator declined the nomination",
    }
    demo_steps = [("case studies", "casestudies.demo.seed")]

    def ready(self):
        from accounts import privacy as personal_data
        from drive.related import register_source
        from partnerships import hooks as partnership_page

        from . import privacy, related, reminders, sections

        personal_data.register(export=privacy.export)
        reminders.register()  # what curators, writers and nominating leads are told
        register_source(related.published_case_studies, public=True)
        partnership_page.register_section("casestudies/_partnership_nominations.jinja",
                                          sections.nominations, order=20)
