from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders"

    def ready(self):
        from . import registry

        # The one kind of reminder that belongs to no app: the weekly digest of the others.
        registry.register_kind(registry.DIGEST, label="Weekly digest", topic=None)
