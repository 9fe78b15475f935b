from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "trials"
    verbose_name = "Studies"

    def ready(self):
        # Studies join the "Review and build on what already exists" suggestions.
        from drive.related import register_source

        from .related import studies

        register_source(studies, public=True)
