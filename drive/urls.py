from django.urls import path

from . import views

app_name = "drive"

urlpatterns = [
    path("", views.task_list, name="task_list"),
    path("summary/", views.summary, name="summary"),
    path("reminders/", views.reminder_log, name="reminders"),
    path("<slug:slug>/", views.action, name="action"),
]
