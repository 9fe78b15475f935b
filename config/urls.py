from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from core import views as core_views
from home import views as home_views
from reminders import views as reminder_views

# The admin signs people in through allauth, so rate limits and MFA apply there too.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Research partnerships administration"
admin.site.site_title = "Research partnerships"

urlpatterns = [
    path("", home_views.home, name="home"),
    path("health/", core_views.health, name="health"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("cookies/", core_views.cookies, name="cookies"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("feedback/", core_views.feedback, name="feedback"),
    path("pick/<slug:source>/", core_views.pick, name="pick"),
    path("accounts/reminders/", reminder_views.preferences, name="notification_preferences"),
    path("accounts/profile/", account_views.profile, name="profile"),
    path("accounts/calendar/", home_views.calendar_page, name="calendar"),
    path("calendar/<str:token>.ics", home_views.calendar_feed, name="calendar_feed"),
    path("accounts/your-data/", account_views.your_data, name="your_data"),
    path("accounts/your-data/download/", account_views.your_data_download,
         name="your_data_download"),
    path("accounts/close/", account_views.close_account, name="close_account"),
    path("notifications/", reminder_views.notifications, name="notifications"),
    path("notifications/read/", reminder_views.notifications_read, name="notifications_read"),
    path("reminders/unsubscribe/<str:token>/", reminder_views.unsubscribe,
         name="reminders_unsubscribe"),
    path("accounts/", include("allauth.urls")),
    path("", include("dashboards.urls")),
    path("", include("api.urls")),
    path("organisations/", include("organisations.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("partnerships/<int:pk>/drive/", include("drive.urls")),
    path("expertise/", include("charities.urls")),
    path("case-studies/", include("casestudies.urls")),
    path("studies/", include("trials.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
