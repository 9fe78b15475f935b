import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from . import versions


class CountedOnce(Paginator):
    """A paginator whose count is kept in the cache under the data's version (core.versions)
    and the exact query: counting every matching row on every request was most of a list's
    database time, and the same count is asked for again and again."""

    @cached_property
    def count(self):
        rows = self.object_list
        try:
            sql, params = rows.query.sql_with_params()
        except EmptyResultSet:
            return 0
        except AttributeError:  # not a queryset
            return super().count
        digest = hashlib.sha256(f"{rows.db}|{sql}|{params!r}".encode()).hexdigest()
        key = f"count:{versions.current()}:{digest}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, settings.COUNT_CACHE_SECONDS)
        return count


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


def page_of(request, rows, per_page, *, load=None, remember_count=False):
    """One page of `rows`. `remember_count` keeps the count (CountedOnce) for the large public
    lists, whose rows are written through save() and delete(). With `load`, counting and
    paging run over bare ids, and
    `load(ids)` then fetches only this page's rows with everything they show, so a per-row
    annotation is computed for the page, not for every row skipped to reach the last one."""

    paginator = CountedOnce if remember_count else Paginator
    if load is None:
        return paginator(rows, per_page).get_page(page_number(request))
    page = paginator(rows.values_list("pk", flat=True), per_page).get_page(page_number(request))
    ids = list(page.object_list)
    by_id = {row.pk: row for row in load(ids)}
    page.object_list = [by_id[pk] for pk in ids if pk in by_id]
    return page
