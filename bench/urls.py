"""The portal's URLs and the floor page: what a page costs with the portal's full middleware,
one indexed query and a tiny template, the figure other pages are compared to."""

from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as portal

from . import views

urlpatterns = [path("bench/floor/<int:pk>/", views.floor, name="bench_floor"), *portal]
