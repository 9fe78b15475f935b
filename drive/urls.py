from django.urls import path

from . import views

app_name = "drive"

urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("summary/", views.summary, name="summary"),
    path("reminders/", views.reminder_log, name="reminders"),
    path("review/related/", views.related_mark, name="related_mark"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/new/", views.indicator_edit, name="indicator_create"),
    path("indicators/<int:indicator_pk>/", views.indicator, name="indicator"),
    path("indicators/<int:indicator_pk>/change/", views.indicator_edit, name="indicator_edit"),
    path("indicators/<int:indicator_pk>/results/<int:result_pk>/remove/", views.result_remove,
         name="result_remove"),
    path("outputs/", views.outputs, name="outputs"),
    path("outputs/export/", views.outputs_export, name="outputs_export"),
    path("outputs/<int:output_pk>/remove/", views.output_remove, name="output_remove"),
    path("commitments/", views.commitments, name="commitments"),
    path("commitments/new/", views.commitment_edit, name="commitment_create"),
    path("commitments/export/<slug:shape>/", views.commitments_export,
         name="commitments_export"),
    path("commitments/<int:commitment_pk>/change/", views.commitment_edit,
         name="commitment_edit"),
    path("commitments/<int:commitment_pk>/<slug:change>/", views.commitment_change_state,
         name="commitment_change"),
    path("<slug:slug>/", views.action, name="action"),
    path("<slug:slug>/evidence/", views.evidence_add, name="evidence_add"),
    path("<slug:slug>/evidence/<int:link_pk>/remove/", views.evidence_remove,
         name="evidence_remove"),
]
