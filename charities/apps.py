from django.apps import AppConfig


class CharitiesConfig(AppConfig):
    name = "charities"
    verbose_name = "Charities and expertise"
    # What the history shows for each of this app's actions (core/audit.py).
    audit_actions = {
        "expertise.requested": "Asked a charity for help",
        "expertise.accepted": "A charity accepted a request for help",
        "expertise.declined": "A charity declined a request for help",
        "expertise.withdrawn": "Withdrew a request for help",
        "expertise.completed": "Marked a request for help completed",
    }
    demo_steps = [("charity offers", "charities.demo.seed")]

    def ready(self):
        from accounts import privacy as personal_data
        from drive import related
        from organisations import hooks as organisation_page
        from partnerships import hooks as partnership_page

        from . import privacy, reminders, sections
        from .related import open_offers

        personal_data.register(export=privacy.export)
        reminders.register()  # requests for help no one has answered
        # Offers join the "Review and build on what already exists" suggestions.
        related.register_source(open_offers, public=True)
        organisation_page.register_section("charities/_organisation_offers.jinja", sections.offers,
                                           order=10)
        partnership_page.register_section("charities/_partnership_offers.jinja",
                                          sections.suggested_offers, order=10)
