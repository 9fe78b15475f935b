from django.urls import path
from django.views.decorators.http import require_safe

from . import views
from .feeds import StudyFeed

app_name = "trials"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("export.csv", views.directory_csv, name="export"),
    path("feed/", require_safe(StudyFeed()), name="feed"),
    path("import/", views.import_record, name="import"),
    path("new/", views.edit, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.edit, name="edit"),
    path("<int:pk>/sites/", views.add_site, name="add_site"),
    path("<int:pk>/sites/<int:site_pk>/change/", views.site_edit, name="site_edit"),
    path("<int:pk>/sites/<int:site_pk>/figures/", views.site_figures, name="site_figures"),
    path("<int:pk>/recruitment/", views.add_recruitment, name="recruitment"),
    path("<int:pk>/recruitment/<int:update_pk>/", views.change_recruitment,
         name="recruitment_change"),
    path("<int:pk>/recruitment/<int:update_pk>/delete/", views.delete_recruitment,
         name="recruitment_delete"),
    path("<int:pk>/link/", views.link_partnership, name="link"),
]
