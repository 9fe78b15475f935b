"""The five DRIVE actions, from the NHS Confederation and ABPI report "Collaborate to innovate"."""

from django.db import migrations

ACTIONS = [
    (1, "define-purpose", "Define purpose",
     "Agree together why the partners are working with each other, which topics matter most, "
     "and what each partner hopes to get from the partnership."),
    (2, "review-and-build", "Review and build on what already exists",
     "Look at the research and innovation already happening in this area, involve the people "
     "already active in it, find who else needs to be a partner to fill the gaps, and avoid "
     "repeating work that has been done."),
    (3, "invest-in-infrastructure", "Invest in infrastructure",
     "Commit lasting resources to the partnership: dedicated people, tools, facilities and "
     "support that make research part of everyday care."),
    (4, "value-success", "Value success",
     "Recognise and reward what the partnership achieves, showing how it contributes to the "
     "goals of each organisation and to shared goals, so people stay motivated."),
    (5, "equip-teams", "Equip teams to collaborate",
     "Give teams dedicated time and capacity, so the knowledge and skills the partnership builds "
     "stay in the organisations and become part of routine work."),
]


def load(apps, schema_editor):
    DriveAction = apps.get_model("drive", "DriveAction")
    for number, slug, title, summary in ACTIONS:
        DriveAction.objects.update_or_create(
            number=number, defaults={"slug": slug, "title": title, "summary": summary}
        )


class Migration(migrations.Migration):
    dependencies = [("drive", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
