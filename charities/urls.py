from django.urls import path
from django.views.decorators.http import require_safe

from . import views
from .feeds import OfferFeed

app_name = "charities"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("feed/", require_safe(OfferFeed()), name="feed"),
    path("embed/<int:organisation_pk>.<slug:shape>", views.embed, name="embed"),
    path("<int:pk>/", views.offer, name="offer"),
    path("requests/", views.request_list, name="requests"),
    path("requests/<int:pk>/", views.request_detail, name="request"),
    *[path(f"requests/<int:pk>/{change}/", getattr(views, f"request_{change}"),
           name=f"request_{change}")
      for change in ("accept", "decline", "withdraw", "complete", "message")],
    path("charity/<int:organisation_pk>/new/", views.offer_edit, name="offer_create"),
    path("charity/<int:organisation_pk>/<int:pk>/change/", views.offer_edit, name="offer_edit"),
    path("charity/<int:organisation_pk>/profile/", views.profile_edit, name="profile"),
]
