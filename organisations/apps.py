from django.apps import AppConfig
from django.db.models import Case, IntegerField, Value, When


def _search(queryset, text):
    # Names that start with the text first: typing "christie" finds The Christie, then the rest.
    return (queryset.filter(name__icontains=text)
            .annotate(starts=Case(When(name__istartswith=text, then=Value(0)),
                                  default=Value(1), output_field=IntegerField()))
            .order_by("starts", "name"))


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Organisations"
    # What the history shows for each of this app's actions (core/audit.py).
    audit_actions = {
        "organisation.created": "Registered the organisation",
        "organisation.updated": "Changed the organisation's details",
        "membership.requested": "Asked to join",
        "membership.joined_by_domain": "Joined (verified email on the organisation's domain)",
        "membership.approved": "Approved a request to join",
        "membership.refused": "Refused a request to join",
        "membership.role_changed": "Changed a member's role",
        "membership.removed": "Removed a member",
        "organisation.verified": "Verified who speaks for the organisation",
        "organisation.verification_withdrawn": "Withdrew the organisation's verification",
        "organisation.domain_confirmed": "Confirmed the organisation's email domain",
        "organisation.domain_withdrawn": "Withdrew the confirmation of the email domain",
        "organisation.register_closed": "The national register lists it as closed",
        "organisation.review_asked": "Asked a registry administrator to review the admins",
        "organisation.review_closed": "Closed a request for a review of the admins",
    }

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
