"""The reminder tables move here from drive and accounts without touching the database: the
state is created here and removed there (drive 0007, accounts 0004); the tables, their rows,
indexes and constraints stay as they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("drive", "0006_alter_reminderdelivery_kind"),
        ("accounts", "0003_alter_notificationpreference_kind"),
        ("partnerships", "0003_partnership_stall_days"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ReminderDelivery",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("email", models.EmailField(max_length=254)),
                        ("kind", models.CharField(max_length=25)),
                        ("subject_key", models.CharField(max_length=60)),
                        ("period", models.CharField(max_length=30)),
                        ("title", models.CharField(max_length=300)),
                        ("link", models.CharField(max_length=500)),
                        ("state", models.CharField(choices=[
                            ("pending", "Waiting to be sent"), ("sending", "Being sent"),
                            ("sent", "Sent"), ("in-digest", "Waiting for the weekly digest"),
                            ("failed", "Could not be sent")], default="pending",
                            max_length=10)),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("last_error", models.CharField(blank=True, max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("claimed_at", models.DateTimeField(blank=True, null=True)),
                        ("sent_at", models.DateTimeField(blank=True, null=True)),
                        ("digest", models.ForeignKey(
                            blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                            related_name="items", to="reminders.reminderdelivery")),
                        ("partnership", models.ForeignKey(
                            blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                            related_name="reminders", to="partnerships.partnership")),
                        ("user", models.ForeignKey(
                            blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL,
                            related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "drive_reminderdelivery",
                        "ordering": ["-created_at", "-pk"],
                        "indexes": [
                            models.Index(fields=["state", "created_at"],
                                         name="drive_remin_state_b7cc76_idx"),
                            models.Index(fields=["partnership", "-created_at"],
                                         name="drive_remin_partner_796ea8_idx"),
                        ],
                        "constraints": [models.UniqueConstraint(
                            fields=("email", "kind", "subject_key", "period"),
                            name="reminder_once")],
                    },
                ),
                migrations.CreateModel(
                    name="NotificationPreference",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("email", models.EmailField(max_length=254)),
                        ("kind", models.CharField(max_length=20)),
                        ("cadence", models.CharField(choices=[
                            ("immediate", "Each reminder as it is due"),
                            ("weekly", "One weekly digest, on Monday morning"),
                            ("none", "No reminders")], default="immediate", max_length=10)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "db_table": "accounts_notificationpreference",
                        "constraints": [models.UniqueConstraint(
                            fields=("email", "kind"), name="one_preference_per_kind")],
                    },
                ),
            ],
        ),
    ]
