"""The benchmark's floor (bench/run.py): what a page costs with the portal's full middleware, one
indexed query and a tiny Jinja2 template. Served only under bench/settings.py (bench/urls.py).
"""

from django.http import Http404
from django.shortcuts import render

from partnerships.models import Partnership


def floor(request, pk):
    title = Partnership.objects.filter(pk=pk).values_list("title", flat=True).first()
    if title is None:
        raise Http404("No such partnership")
    return render(request, "bench/floor.jinja", {"title": title})
