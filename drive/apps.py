from django.apps import AppConfig


class DriveConfig(AppConfig):
    name = "drive"
    verbose_name = "DRIVE actions"

    def ready(self):
        from . import reminders

        reminders.register()  # due and overdue actions, stalled partnerships
