from django.core.paginator import Paginator


def page_number(request) -> int:
    """The page asked for; anything that is not a positive whole number means page 1."""
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return number if 0 < number < 1_000_000 else 1


def filtered(request, filterset_class, queryset):
    """A list page's filter form and the rows it selects. A value that does not validate selects
    nothing, and the form says why, rather than being silently ignored."""
    filterset = filterset_class(request.GET or None, queryset=queryset)
    if filterset.is_bound and not filterset.is_valid():
        return filterset.form, queryset.none()
    # No DISTINCT: filters on related rows select ids in a subquery, so rows never repeat, and
    # DISTINCT would make the database sort every matching row to count and page them.
    return filterset.form, filterset.qs


def page_of(request, rows, per_page, *, load=None):
    """One page of `rows`. With `load`, counting and paging run over bare ids, and
    `load(ids)` then fetches only this page's rows with everything they show, so a per-row
    annotation is computed for the page, not for every row skipped to reach the last one."""

    if load is None:
        return Paginator(rows, per_page).get_page(page_number(request))
    page = Paginator(rows.values_list("pk", flat=True), per_page).get_page(page_number(request))
    ids = list(page.object_list)
    by_id = {row.pk: row for row in load(ids)}
    page.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return page
