from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"

    def ready(self):
        from core.pickers import register_source

        from . import reminders
        from .models import Partnership

        reminders.register()  # invitations about to expire

        register_source(
            "partnerships",
            queryset=lambda user: Partnership.objects.visible_to(user).exclude(
                status=Partnership.Status.DRAFT),
            search=lambda queryset, text: queryset.filter(title__icontains=text).order_by(
                "title"))
