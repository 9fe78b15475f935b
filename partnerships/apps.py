from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships"
    # What the history shows for each of this app's actions (core/audit.py).
    audit_actions = {
        "partnership.created": "Started the partnership as a draft",
        "partnership.updated": "Changed the partnership's details",
        "partnership.submitted": "Registered the partnership",
        "partnership.status_changed": "Changed the status",
        "partner.added": "Added a partner organisation",
        "partner.removed": "Removed a partner organisation",
        "partner.confirmed": "The organisation confirmed it is a partner",
        "partner.declined": "The organisation declined to be a partner",
        "person.added": "Added a person",
        "person.role_changed": "Changed a person's role",
        "person.removed": "Removed a person",
        "invitation.sent": "Invited a person",
        "invitation.resent": "Sent an invitation again",
        "invitation.cancelled": "Cancelled an invitation",
        "invitation.accepted": "Accepted an invitation",
        "invitation.declined": "Declined an invitation",
    }
    demo_steps = [("organisations", "partnerships.demo.seed_organisations"),
                  ("partnerships", "partnerships.demo.seed_partnerships")]

    def ready(self):
        from accounts import privacy as personal_data
        from core.pickers import register_source
        from organisations import hooks as organisation_page

        from . import privacy, reminders, sections
        from .models import Partnership

        organisation_page.register_section("partnerships/_organisation_partnerships.jinja",
                                   sections.partnerships, order=20)

        personal_data.register(export=privacy.export, blockers=privacy.blockers,
                               close=privacy.close, history=privacy.history)
        reminders.register()  # invitations about to expire

        register_source(
            "partnerships",
            queryset=lambda user: Partnership.objects.visible_to(user).exclude(
                status=Partnership.Status.DRAFT),
            search=lambda queryset, text: queryset.filter(title__icontains=text).order_by(
                "title"))
