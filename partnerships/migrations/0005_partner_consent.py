"""Partners confirm before they show. Existing lead organisations are confirmed (they registered
the partnership); every other existing partner was named without its agreement, so it starts
as proposed and shows in public once one of its admins confirms it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def confirm_leads(apps, schema_editor):
    PartnerOrganisation = apps.get_model("partnerships", "PartnerOrganisation")
    PartnerOrganisation.objects.filter(role="lead").update(state="confirmed")


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0004_search_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='partnerorganisation',
            name='decided_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='partnerorganisation',
            name='decided_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='partnerorganisation',
            name='state',
            field=models.CharField(choices=[('proposed', 'Waiting for the organisation to confirm'), ('confirmed', 'Confirmed'), ('declined', 'Declined by the organisation')], default='proposed', max_length=10),
        ),
        migrations.RunPython(confirm_leads, migrations.RunPython.noop),
    ]
