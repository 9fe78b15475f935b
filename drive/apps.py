from django.apps import AppConfig


class DriveConfig(AppConfig):
    name = "drive"
    verbose_name = "DRIVE actions"
    # What the history shows for each of this app's actions (core/audit.py).
    audit_actions = {
        "drive.updated": "Updated the action",
        "drive.completed": "Marked the action as completed",
        "drive.evidence_added": "Added evidence",
        "drive.evidence_removed": "Removed evidence",
        "drive.related_marked": "Judged a related item",
        "commitment.saved": "Recorded a commitment",
        "commitment.agreed": "Agreed a commitment",
        "commitment.delivered": "Marked a commitment delivered",
        "commitment.removed": "Removed a proposed commitment",
        "indicator.saved": "Recorded an indicator",
        "indicator.result_added": "Added a result",
        "indicator.result_removed": "Removed a result",
        "output.added": "Recorded an output",
        "output.removed": "Removed an output",
    }
    demo_steps = [("partnerships' DRIVE progress", "drive.demo.seed")]

    def ready(self):
        from accounts import privacy as personal_data
        from partnerships import hooks as partnerships

        from . import privacy, reminders, sections

        personal_data.register(export=privacy.export, history=privacy.history)
        partnerships.register_section("drive/_partnership_progress.jinja", sections.progress,
                                      order=10, slot="top")
        partnerships.register_section("drive/_partnership_commitments.jinja",
                                      sections.commitments, order=12)
        partnerships.register_list_figures(sections.list_figures)
        partnerships.partnership_created.connect(sections.ensure_progress,
                                                 dispatch_uid="drive.ensure_progress")
        reminders.register()  # due and overdue actions, stalled partnerships
