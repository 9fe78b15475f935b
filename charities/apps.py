from django.apps import AppConfig


class CharitiesConfig(AppConfig):
    name = "charities"
    verbose_name = "Charities and expertise"

    def ready(self):
        # Offers join the "Review and build on what already exists" suggestions.
        from accounts import privacy as personal_data
        from drive.related import register_source
        from organisations import sections as organisation_page

        from . import privacy, reminders, sections
        from .related import open_offers

        organisation_page.register("charities/_organisation_offers.jinja", sections.offers,
                                   order=10)

        personal_data.register(export=privacy.export)

        register_source(open_offers, public=True)
        reminders.register()  # requests for help no one has answered
