from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = "Reminders"

    def ready(self):
        from allauth.account.signals import email_changed

        from accounts import privacy as personal_data

        from . import privacy, registry

        personal_data.register(export=privacy.export, close=privacy.close)
        email_changed.connect(privacy.follow_new_address, dispatch_uid="reminders.new_address")

        # The one kind of reminder that belongs to no app: the weekly digest of the others.
        registry.register_kind(registry.DIGEST, label="Weekly digest", topic=None)
