from django.urls import path
from django.views.decorators.http import require_safe

from . import views
from .feeds import CaseStudyFeed

app_name = "casestudies"

urlpatterns = [
    path("", views.library, name="library"),
    path("feed/", require_safe(CaseStudyFeed()), name="feed"),
    path("curate/", views.workbench, name="workbench"),
    path("new/", views.edit, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/image/", views.image, name="image"),
    path("<int:pk>/change/", views.edit, name="edit"),
    path("<int:pk>/<slug:action>/", views.transition, name="transition"),
    path("nominations/<int:pk>/<slug:action>/", views.nomination_decide, name="nomination"),
    path("nominate/<int:pk>/", views.nominate, name="nominate"),
]
