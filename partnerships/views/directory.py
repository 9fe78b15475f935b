import csv

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render

from core.csv import safe_row
from core.paging import page_number

from ..filters import PartnershipFilter
from ..selectors import directory_queryset, my_partnerships

PAGE_SIZE = 20


def _filtered(request):
    filterset = PartnershipFilter(request.GET or None, queryset=directory_queryset(request.user))
    valid = filterset.is_valid() if filterset.is_bound else True
    results = filterset.qs if valid else filterset.queryset.none()
    return filterset, valid, results


def directory(request):
    filterset, valid, results = _filtered(request)
    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(page_number(request))
    return render(request, "partnerships/directory.jinja", {
        "filterset": filterset, "form": filterset.form, "page": page, "count": paginator.count,
        "valid": valid, "export_query": request.GET.urlencode(),
    })


class _Echo:
    def write(self, value):
        return value


def directory_csv(request):
    """The filtered directory as CSV, each row linking back to its record."""
    _, _, results = _filtered(request)
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
    roles = list(my_partnerships(request.user))
    return render(request, "partnerships/mine.jinja", {"roles": roles})
