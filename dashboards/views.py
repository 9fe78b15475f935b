import csv

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from core import versions
from core.csv import safe_row
from core.middleware import public_page
from drive.commitments import SECTORS
from organisations.models import HealthCategory, Membership, Organisation, Region

from . import figures
from .charts import bar_chart


@login_required
@require_safe
def organisation(request, pk):
    """The organisation's own people see its whole portfolio, private partnerships included;
    to anyone else it does not exist."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not Membership.objects.filter(user=request.user, organisation=organisation,
                                     state=Membership.State.ACTIVE).exists():
        raise Http404("No such dashboard")
    categories = list(HealthCategory.objects.order_by("name"))
    chosen_slug = request.GET.get("health_category", "")
    chosen = next((c for c in categories if c.slug == chosen_slug), None)
    sector = request.GET.get("sector", "")
    period = request.GET.get("period", "")
    errors = []
    if chosen_slug and chosen is None:
        errors.append(("health_category", "Choose a health category from the list"))
    if sector not in dict(SECTORS):
        errors.append(("sector", "Choose a partner sector from the list"))
        sector = ""
    if period not in dict(figures.PERIODS):
        errors.append(("period", "Choose a period from the list"))
        period = ""
    # Worked out once per person, filters, day and version of the data (any write anywhere
    # starts again): a dashboard is read far more often than its partnerships change.
    tables = versions.remembered(
        f"dashboard:{REGION_CACHE_VERSION}",
        (organisation.pk, request.user.pk, chosen.pk if chosen else None, sector, period),
        lambda: figures.organisation_dashboard(organisation, user=request.user,
                                               health_category=chosen, sector=sector,
                                               period=period))
    # A download of one table; an unknown one shows the page, as any unknown parameter does.
    table = next((t for t in tables if t.key == request.GET.get("csv")), None)
    if table is not None:
        return _csv(table, slugify(organisation.name)[:60])
    return render(request, "dashboards/organisation.jinja", {
        "organisation": organisation, "tables": [(t, bar_chart(t)) for t in tables],
        "categories": [("", "All health categories"), *((c.slug, c.name) for c in categories)],
        "chosen": chosen, "errors": dict(errors),
        "error_list": [{"text": text, "href": f"#{name}"} for name, text in errors],
        "sectors": [("", "All partner sectors"), *SECTORS], "sector": sector,
        "periods": figures.PERIODS, "period": period})


def _csv(table, name):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{table.key}.csv"'
    writer = csv.writer(response)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(safe_row(row))
    return response


REGION_SECONDS = 600
# Cached tables are pickles of figures.Table: change this when Table or the figures change, so
# a deploy never reads a pickle of the previous shape.
REGION_CACHE_VERSION = 1


@require_safe
@public_page
def regions(request):
    return render(request, "dashboards/regions.jinja", {"regions": Region.choices})


@require_safe
@public_page
def region(request, slug):
    """Public figures only, for anyone: what the region's organisations do in the open."""
    label = dict(Region.choices).get(slug)
    if label is None:
        raise Http404("No such region")
    # Public figures over thousands of organisations and sites: worked out once every
    # REGION_SECONDS (the page says when), not on every request.
    tables, organisations, worked_out = cache.get_or_set(
        f"dashboards:region:{REGION_CACHE_VERSION}:{slug}",
        lambda: (*figures.region_rollup(slug), timezone.now()), REGION_SECONDS)
    table = next((t for t in tables if t.key == request.GET.get("csv")), None)
    if table is not None:
        return _csv(table, slug)
    return render(request, "dashboards/region.jinja", {
        "label": label, "slug": slug, "organisations": organisations,
        "worked_out": worked_out, "minutes": REGION_SECONDS // 60,
        "tables": [(t, bar_chart(t)) for t in tables]})
