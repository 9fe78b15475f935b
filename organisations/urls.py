from django.urls import path

from . import registry_views, views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/change/", views.organisation_edit, name="edit"),
    path("<int:pk>/join/", views.organisation_join, name="join"),
    path("<int:pk>/history/", views.organisation_history, name="history"),
    path("<int:pk>/review/", views.review_ask, name="review_ask"),
    path("registry/", registry_views.queue, name="registry"),
    path("registry/<int:pk>/", registry_views.detail, name="registry_detail"),
    path("registry/<int:pk>/people/<int:membership_pk>/<str:change>/", registry_views.person,
         name="registry_person"),
    path("registry/<int:pk>/reviews/<int:review_pk>/close/", registry_views.review_close,
         name="registry_review_close"),
    path("registry/<int:pk>/<str:action>/", registry_views.act, name="registry_act"),
    path("<int:pk>/members/<int:membership_pk>/<str:decision>/", views.membership_decide,
         name="decide"),
]
