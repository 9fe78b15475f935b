from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("organisations/<int:pk>/dashboard/", views.organisation, name="organisation"),
    path("dashboards/regions/", views.regions, name="regions"),
    path("dashboards/regions/<slug:slug>/", views.region, name="region"),
]
