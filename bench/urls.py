"""The portal's URLs and the two floor pages (bench/views.py), the figures other pages are
compared to."""

from django.urls import path

from config.urls import handler403, handler404, handler500  # noqa: F401
from config.urls import urlpatterns as portal

from . import views

urlpatterns = [path("bench/floor/<int:pk>/", views.floor, name="bench_floor"),
               path("bench/tiny-floor/<int:pk>/", views.tiny_floor, name="bench_tiny_floor"),
               *portal]
