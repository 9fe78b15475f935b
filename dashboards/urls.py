from django.urls import path

from . import views

app_name = "dashboards"

urlpatterns = [
    path("organisations/<int:pk>/dashboard/", views.organisation, name="organisation"),
]
