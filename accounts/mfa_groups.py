"""Keeps `User.in_mfa_group` true exactly for members of a group in MFA_REQUIRED_GROUPS, however
the membership changes: user.groups.add(...), group.user_set.remove(...), clear(), a group
renamed or deleted. One UPDATE per change, never a query per request."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef
from django.db.models.signals import m2m_changed, post_save, pre_delete

from .models import User


def refresh(user_ids) -> None:
    membership = User.groups.through.objects.filter(
        user=OuterRef("pk"), group__name__in=settings.MFA_REQUIRED_GROUPS)
    User.objects.filter(pk__in=list(user_ids)).update(in_mfa_group=Exists(membership))


def _members(group):
    return list(group.user_set.values_list("pk", flat=True))


def _memberships_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        instance._mfa_members = _members(instance)  # who the clear is about to remove
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        refresh([instance.pk])
    elif action == "post_clear":
        refresh(getattr(instance, "_mfa_members", []))
    else:
        refresh(pk_set or [])


def _group_saved(sender, instance, **kwargs):
    refresh(_members(instance))


def _group_deleting(sender, instance, **kwargs):
    members = _members(instance)
    instance.user_set.clear()  # before the group goes, so its members are refreshed
    refresh(members)


def connect():
    m2m_changed.connect(_memberships_changed, sender=User.groups.through,
                        dispatch_uid="accounts_mfa_groups")
    post_save.connect(_group_saved, sender=Group, dispatch_uid="accounts_mfa_group_saved")
    pre_delete.connect(_group_deleting, sender=Group, dispatch_uid="accounts_mfa_group_deleted")
