import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from core.csv import safe_row
from organisations.models import HealthCategory, Membership, Organisation

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
    error = ("Choose a health category from the list" if chosen_slug and chosen is None
             else "")
    tables = figures.organisation_dashboard(organisation, health_category=chosen)
    wanted = request.GET.get("csv")
    if wanted:
        table = next((t for t in tables if t.key == wanted), None)
        if table is None:
            raise Http404("No such table")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{slugify(organisation.name)[:60]}-{table.key}.csv"')
        writer = csv.writer(response)
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow(safe_row(row))
        return response
    return render(request, "dashboards/organisation.jinja", {
        "organisation": organisation, "tables": [(t, bar_chart(t)) for t in tables],
        "categories": categories, "chosen": chosen, "error": error})
