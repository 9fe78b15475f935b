from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import versions

        versions.connect()
        user_logged_in.connect(_start_session_clock, dispatch_uid="portal_session_clock")


def _start_session_clock(sender, request, user, **kwargs):
    """A session's lifetime (SessionTimeoutMiddleware) counts from signing in."""
    import time

    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session["portal_started_at"] = now
        request.session["portal_seen_at"] = now
