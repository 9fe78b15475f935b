from django.urls import path
from django.views.decorators.http import require_safe

from .feeds import PartnershipFeed
from .views import detail, directory, invitations, register

app_name = "partnerships"

urlpatterns = [
    path("", directory.directory, name="directory"),
    path("export.csv", directory.directory_csv, name="export"),
    path("feed/", require_safe(PartnershipFeed()), name="feed"),
    path("mine/", directory.mine, name="mine"),
    path("new/", register.start, name="start"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/change/", detail.edit, name="edit"),
    path("<int:pk>/history/", detail.history, name="history"),
    path("<int:pk>/register/<slug:step>/", register.register, name="register"),
    path("<int:pk>/partners/add/", register.partner_add, name="partner_add"),
    path("<int:pk>/partners/propose/", register.partner_propose, name="partner_propose"),
    path("<int:pk>/partners/<int:partner_pk>/remove/", register.partner_remove,
         name="partner_remove"),
    path("<int:pk>/partners/<int:partner_pk>/<slug:answer>/", register.partner_decide,
         name="partner_decide"),
    path("<int:pk>/people/<int:person_pk>/role/", register.person_role, name="person_role"),
    path("<int:pk>/people/<int:person_pk>/remove/", register.person_remove,
         name="person_remove"),
    path("<int:pk>/invitations/<int:invitation_pk>/<slug:action>/",
         invitations.invitation_manage, name="invitation_manage"),
    path("invitations/<str:signed>/", invitations.invitation, name="invitation"),
    path("invitations/<str:signed>/accept/", invitations.invitation_accept,
         name="invitation_accept"),
    path("invitations/<str:signed>/decline/", invitations.invitation_decline,
         name="invitation_decline"),
]
