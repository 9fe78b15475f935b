from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"
    demo_steps = [("case studies", "casestudies.demo.seed")]

    def ready(self):
        from accounts import privacy as personal_data
        from partnerships import hooks as partnership_page

        from . import privacy, sections

        personal_data.register(export=privacy.export)
        partnership_page.register_section("casestudies/_partnership_nominations.jinja",
                                          sections.nominations, order=20)
