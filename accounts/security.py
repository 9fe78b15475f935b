"""Security events: logged as structured lines (core/logs.py), and the sessions they end."""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, pre_save

from core.logs import current_request, security

from .sessions import end_other_sessions


def _signed_in(sender, request, user, **kwargs):
    security("signed_in", request=request, person=user)


def _signed_out(sender, request, user, **kwargs):
    security("signed_out", request=request, person=user)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password; the email is what was typed, encoded by the logger.
    security("sign_in_failed", request=request, email=credentials.get("email")
             or credentials.get("username"))


def _password_changed(sender, request, user, **kwargs):
    ended = end_other_sessions(request, user)
    security("password_changed", request=request, person=user, other_sessions_ended=ended)


def _password_reset(sender, request, user, **kwargs):
    ended = end_other_sessions(request, user)
    security("password_reset", request=request, person=user, other_sessions_ended=ended)


def _email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    ended = end_other_sessions(request, user)
    security("email_changed", request=request, person=user, other_sessions_ended=ended)


def _mfa(name):
    def receiver(sender, request, user, authenticator=None, **kwargs):
        kind = getattr(authenticator, "type", None)
        security(name, request=request, person=user, kind=str(kind) if kind else None)
    return receiver


def _groups_changed(sender, instance, action, pk_set, reverse, **kwargs):
    """Curators and other groups are roles: who gained or lost one, and who changed it (the
    admin site, usually), as a security line."""

    if action not in {"post_add", "post_remove", "post_clear"} or reverse:
        return
    names = sorted(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    security("roles_changed", request=current_request(), subject=instance.pk,
             change=action.removeprefix("post_"), groups=names)


FLAGS = {"is_active", "is_staff", "is_superuser"}


def _flags_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields is not None
                                      and not FLAGS & set(update_fields)):
        return
    before = sender.objects.filter(pk=instance.pk).values(
        "is_active", "is_staff", "is_superuser").first()
    if before is None:
        return
    changed = {flag: getattr(instance, flag) for flag, value in before.items()
               if getattr(instance, flag) != value}
    if changed:
        security("account_flags_changed", request=current_request(), subject=instance.pk,
                 **changed)


RECEIVERS = [
    (auth_signals.user_logged_in, _signed_in),
    (auth_signals.user_logged_out, _signed_out),
    (auth_signals.user_login_failed, _sign_in_failed),
    (account_signals.password_changed, _password_changed),
    (account_signals.password_set, _password_changed),
    (account_signals.password_reset, _password_reset),
    (account_signals.email_changed, _email_changed),
    (mfa_signals.authenticator_added, _mfa("mfa_added")),
    (mfa_signals.authenticator_removed, _mfa("mfa_removed")),
    (mfa_signals.authenticator_reset, _mfa("mfa_reset")),
    (mfa_signals.authentication_failed, _mfa("mfa_failed")),
]


def connect():
    for signal, receiver in RECEIVERS:
        signal.connect(receiver, dispatch_uid=f"portal_security_{receiver.__name__}_{id(signal)}")
    user_model = get_user_model()
    m2m_changed.connect(_groups_changed, sender=user_model.groups.through,
                        dispatch_uid="portal_security_groups")
    pre_save.connect(_flags_changed, sender=user_model, dispatch_uid="portal_security_flags")
