from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "casestudies"
    verbose_name = "Case studies"

    def ready(self):
        from accounts import privacy as personal_data

        from . import privacy

        personal_data.register(export=privacy.export)
