from django.apps import AppConfig


class HomeConfig(AppConfig):
    """A person's home: what the portal is for and where each kind of person starts, and, once
    signed in, what needs them and their calendar of dates. It sits above the domain apps, so it
    may show what any of them holds."""

    name = "home"

    def ready(self):
        from accounts import privacy as personal_data

        from . import privacy

        personal_data.register(export=privacy.export)
