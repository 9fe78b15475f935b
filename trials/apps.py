from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "trials"
    verbose_name = "Studies"

    def ready(self):
        # Studies join the "Review and build on what already exists" suggestions.
        from drive.related import register_source

        from .related import studies

        register_source(studies, public=True)

        from django.db.models import Q

        from core.pickers import register_source as register_picker

        from .models import Study

        def search(queryset, text):
            return queryset.filter(Q(title__icontains=text) | Q(short_name__icontains=text)
                                   | Q(nct_id__iexact=text) | Q(isrctn__iexact=text)
                                   ).order_by("title")

        register_picker("studies", queryset=lambda user: Study.objects.all(), search=search)
