"""The benchmark's floors (bench/run.py), served only under bench/settings.py (bench/urls.py):
what a page costs with the portal's full middleware and one indexed query, rendered in the
portal's real layout (the fair floor every page is held to) or in a three-line template (the tiny
floor, which shows what the layout itself costs).
"""

from django.http import Http404
from django.shortcuts import render

from partnerships.models import Partnership


def _title(pk):
    title = Partnership.objects.filter(pk=pk).values_list("title", flat=True).first()
    if title is None:
        raise Http404("No such partnership")
    return title


def floor(request, pk):
    return render(request, "bench/fair_floor.jinja", {"title": _title(pk)})


def tiny_floor(request, pk):
    return render(request, "bench/floor.jinja", {"title": _title(pk)})
