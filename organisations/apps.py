from django.apps import AppConfig


def _search(queryset, text):
    # Names that start with the text first: typing "christie" finds The Christie, then the rest.
    from django.db.models import Case, IntegerField, Value, When

    return (queryset.filter(name__icontains=text)
            .annotate(starts=Case(When(name__istartswith=text, then=Value(0)),
                                  default=Value(1), output_field=IntegerField()))
            .order_by("starts", "name"))


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Organisations"

    def ready(self):
        from accounts import privacy as personal_data
        from core.pickers import register_source

        from . import privacy
        from .models import Organisation

        personal_data.register(export=privacy.export, blockers=privacy.blockers,
                               history=privacy.history)

        # The registry is public: anyone signed in may find any organisation in it.
        register_source("organisations", queryset=lambda user: Organisation.objects.all(),
                        search=_search)
