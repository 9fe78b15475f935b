from django.apps import AppConfig


class DriveConfig(AppConfig):
    name = "drive"
    verbose_name = "DRIVE actions"

    def ready(self):
        from accounts import privacy as personal_data

        from . import privacy, reminders

        personal_data.register(export=privacy.export)
        reminders.register()  # due and overdue actions, stalled partnerships
