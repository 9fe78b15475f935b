"""Guidance and prompts for each DRIVE action, written for this portal from the report's intent."""

from django.db import migrations

GUIDANCE = {
    "define-purpose": (
        "Partnerships that last start from a purpose every partner can say in one breath. "
        "Agree it together, write down what each organisation hopes to gain, and decide now how "
        "you will know it is working.",
        [
            ("What are the partnership's shared aims?", "Two or three sentences all partners agree with", True),
            ("Which topics or conditions will it focus on?", "", True),
            ("What does each partner hope to gain?", "Name each organisation and what success means for it", True),
            ("How will you recognise success?", "Measures you could report in a year", False),
            ("What is out of scope?", "", False),
        ],
    ),
    "review-and-build": (
        "Before investing, look at what already exists: research, registries, networks, patient "
        "groups and other partnerships working on the same problem. Build on them, invite the "
        "people already active, and avoid repeating work.",
        [
            ("What related work, studies or partnerships already exist?", "The suggestions below can help", True),
            ("Who is already active in this area, and how will you involve them?", "", True),
            ("Which gaps will this partnership fill?", "", False),
            ("Who else needs to be a partner to overcome the challenges?", "", False),
        ],
    ),
    "invest-in-infrastructure": (
        "Research becomes part of care when it has lasting resources: dedicated people, time, "
        "tools, data and facilities. Agree what each partner commits and for how long.",
        [
            ("What people, time and funding does each partner commit?", "", True),
            ("Which tools, data, facilities or networks will you use or build?", "", True),
            ("How will the investment last beyond the first project?", "", False),
        ],
    ),
    "value-success": (
        "People keep collaborating when what they achieve is recognised. Decide how you will "
        "show each organisation what the partnership brings to its own goals and to shared ones.",
        [
            ("How will the partnership contribute to each organisation's goals?", "", True),
            ("How will you recognise and reward the people who make it work?", "", True),
            ("How and to whom will you report what the partnership achieves?", "", False),
        ],
    ),
    "equip-teams": (
        "Knowledge and skills stay when teams have dedicated capacity to collaborate. Plan the "
        "time, training and roles that let the partnership's way of working become routine.",
        [
            ("Who has dedicated time for the partnership, and how much?", "", True),
            ("What training or support do teams need to collaborate?", "", True),
            ("How will you keep what you learn when people move on?", "", False),
        ],
    ),
}


def load(apps, schema_editor):
    DriveAction = apps.get_model("drive", "DriveAction")
    DrivePrompt = apps.get_model("drive", "DrivePrompt")
    for slug, (guidance, prompts) in GUIDANCE.items():
        action = DriveAction.objects.filter(slug=slug).first()
        if action is None:  # a database emptied by a test run; its loader puts them back
            continue
        action.guidance = guidance
        action.save(update_fields=["guidance"])
        for position, (text, hint, required) in enumerate(prompts, start=1):
            DrivePrompt.objects.update_or_create(
                action=action, position=position,
                defaults={"text": text, "hint": hint, "required": required})


class Migration(migrations.Migration):
    dependencies = [("drive", "0003_progress")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
