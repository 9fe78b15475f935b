import csv

from django.contrib.auth.decorators import login_required
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from core.csv import safe_row
from core.middleware import public_page
from core.paging import filtered, page_of

from .. import services
from ..filters import PartnershipFilter
from ..models import Partnership
from ..selectors import directory_queryset, directory_rows, my_partnerships

PAGE_SIZE = 20


def _filtered(request):
    return filtered(request, PartnershipFilter, directory_queryset(request.user))


@public_page
def directory(request):
    form, results = _filtered(request)
    # Read only if the template's remembered results are not in the cache.
    page = SimpleLazyObject(lambda: page_of(
        request, results, PAGE_SIZE,
        load=lambda ids: directory_rows(Partnership.objects.filter(pk__in=ids)),
        remember_count=True))
    return render(request, "partnerships/directory.jinja", {
        "form": form, "page": page, "export_query": request.GET.urlencode(),
    })


class _Echo:
    def write(self, value):
        return value


def directory_csv(request):
    """The filtered directory as CSV, each row linking back to its record."""
    _, results = _filtered(request)
    base = request.build_absolute_uri("/")[:-1]
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(["Title", "Lead organisation", "Status", "Health categories",
                               "Partners", "Start date", "Link"])
        for partnership in results.iterator(chunk_size=500):
            yield writer.writerow(safe_row([
                partnership.title, partnership.lead_organisation.name,
                partnership.get_status_display(),
                "; ".join(c.name for c in partnership.health_categories.all()),
                partnership.partner_count,
                partnership.start_date.isoformat() if partnership.start_date else "",
                base + partnership.get_absolute_url(),
            ]))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="partnerships.csv"'
    return response


@login_required
def mine(request):
    # Read only if the template's remembered table is not in the cache.
    roles = SimpleLazyObject(lambda: list(my_partnerships(request.user)))
    return render(request, "partnerships/mine.jinja", {
        "roles": roles,
        # Only members of an NHS organisation lead a partnership; others are told how to join.
        "can_register": services.nhs_organisations_of(request.user).exists()})
