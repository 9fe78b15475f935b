"""ReminderDelivery now belongs to the reminders app; its table stays (reminders 0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("drive", "0006_alter_reminderdelivery_kind"),
        ("reminders", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="ReminderDelivery")],
        ),
    ]
