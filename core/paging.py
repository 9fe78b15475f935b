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
    return filterset.form, filterset.qs.distinct()


def page_of(request, rows, per_page):
    from django.core.paginator import Paginator

    return Paginator(rows, per_page).get_page(page_number(request))
