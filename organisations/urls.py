from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/change/", views.organisation_edit, name="edit"),
    path("<int:pk>/join/", views.organisation_join, name="join"),
    path("<int:pk>/history/", views.organisation_history, name="history"),
    path("<int:pk>/members/<int:membership_pk>/<str:decision>/", views.membership_decide,
         name="decide"),
]
