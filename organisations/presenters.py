from django.utils.html import format_html


def organisation_summary_rows(organisation, *, health_categories, member_count):
    """Rows for the NHS summary list on the organisation page."""
    rows = []
    if organisation.region:
        rows.append(("Region", organisation.get_region_display()))
    for label, value in organisation.identifiers_display:
        rows.append((label[:1].upper() + label[1:], value))
    if organisation.address:
        rows.append(("Address", organisation.address))
    if organisation.register_state:
        state = organisation.get_register_state_display()
        note = f": {organisation.register_note}" if organisation.register_note else ""
        rows.append(("National registers", f"{state}{note}"))
    rows.append(("Verified", f"Yes, {organisation.verified_how}" if organisation.is_verified
                 else "Not yet: a registry administrator has not confirmed who speaks for it"))
    if organisation.website:
        rows.append(("Website", format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>',
                                            organisation.website)))
    if health_categories:
        rows.append(("Health categories", ", ".join(c.name for c in health_categories)))
    rows.append(("Members", str(member_count)))
    return [
        {"key": {"text": key},
         "value": {"html": value} if hasattr(value, "__html__") else {"text": value}}
        for key, value in rows
    ]
