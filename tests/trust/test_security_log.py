"""Security events are logged as one structured line each: UTC time, person, IP, what."""

import json
import logging

import pytest
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from core.logs import JsonFormatter, PlainFormatter
from partnerships import services as partnership_services
from partnerships.models import PartnershipPerson
from tests.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _events(caplog, logger="portal.security"):
    return [r for r in caplog.records if r.name == logger]


def _named(caplog, name, logger="portal.security"):
    found = [r for r in _events(caplog, logger) if r.getMessage() == name]
    assert found, [r.getMessage() for r in _events(caplog, logger)]
    return found[-1]


def _one_line(text):
    return len(text.splitlines()) == 1


def test_a_typed_email_cannot_forge_a_log_line(client, person, caplog):
    # A quoted local part is a valid address and may hold quotes, braces and a vertical tab,
    # which splitlines() and some log viewers treat as a line break.
    forged = '"x\\"}\x0b{\\"message\\":\\"signed_in\\",\\"person\\":1}"@example.org'
    with caplog.at_level(logging.INFO):
        client.post(reverse("account_login"), {"login": forged, "password": "wrong"})
    record = _named(caplog, "sign_in_failed")
    for formatter in (JsonFormatter(), PlainFormatter()):
        assert _one_line(formatter.format(record))
    parsed = json.loads(JsonFormatter().format(record))
    assert parsed["email"] == forged  # kept exactly, as data, inside one line
    assert parsed["message"] == "sign_in_failed" and parsed["ip"] == "127.0.0.1"
    assert parsed["time"].endswith("+00:00")


def test_typed_text_in_an_audit_line_cannot_forge_one(client, person, caplog):
    client.force_login(person)
    name = 'Forged Charity\n{"message": "membership.approved"}\u2028'
    with caplog.at_level(logging.INFO):
        client.post(reverse("organisations:create"), {
            "name": name, "kind": "charity", "region": "london",
            "charity_number_england_wales": "1234567"})
    record = _named(caplog, "organisation.created", logger="portal.audit")
    line = JsonFormatter().format(record)
    assert _one_line(line) and _one_line(PlainFormatter().format(record))
    assert json.loads(line)["details"]["name"].startswith("Forged Charity")


def test_sign_in_sign_out_and_failures_are_logged(client, person, caplog):
    with caplog.at_level(logging.INFO):
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong"})
        sign_in(client, person)
        client.post(reverse("account_logout"))
    assert _named(caplog, "sign_in_failed").portal["email"] == person.email
    assert _named(caplog, "signed_in").portal["person"] == person.pk
    assert _named(caplog, "signed_out").portal["person"] == person.pk


def test_a_lock_out_is_logged(client, person, caplog):
    with caplog.at_level(logging.INFO):
        for _ in range(6):
            response = client.post(reverse("account_login"),
                                   {"login": person.email, "password": "wrong"})
    assert "Too many wrong passwords" in response.content.decode()
    assert _named(caplog, "sign_in_locked_out").portal["email"] == person.email


def test_a_permission_denial_is_logged(client, roles, partnership, caplog):
    client.force_login(roles["viewer"])
    with caplog.at_level(logging.INFO):
        response = client.post(reverse("partnerships:edit", args=[partnership.pk]), {})
    assert response.status_code == 403
    record = _named(caplog, "permission_denied")
    assert record.portal["person"] == roles["viewer"].pk
    assert record.portal["path"] == reverse("partnerships:edit", args=[partnership.pk])


def test_adding_an_authenticator_is_logged(client, person, caplog,
                                           django_capture_on_commit_callbacks):
    sign_in(client, person)
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    if response.redirect_chain:  # allauth asks for the password first
        client.post(response.redirect_chain[-1][0], {"password": PASSWORD})
        client.get(reverse("mfa_activate_totp"))
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    with caplog.at_level(logging.INFO), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    added = [r.portal for r in _events(caplog) if r.getMessage() == "mfa_added"]
    assert {"person": person.pk, "ip": "127.0.0.1", "kind": "totp"} in added


def test_a_role_change_is_an_audit_line_with_who_and_where(client, roles, partnership, caplog):
    contributor = PartnershipPerson.objects.get(partnership=partnership, user=roles["contributor"])
    with caplog.at_level(logging.INFO):
        partnership_services.person_change_role(
            user=roles["lead"], person=contributor, role=PartnershipPerson.Role.VIEWER)
    record = _named(caplog, "person.role_changed", logger="portal.audit")
    assert record.portal["person"] == roles["lead"].pk
    assert record.portal["target"] == f"partnerships.partnership:{partnership.pk}"


def test_audit_lines_carry_the_requests_address(client, person, caplog):
    sign_in(client, person, PASSWORD)
    with caplog.at_level(logging.INFO):
        response = client.post(reverse("organisations:create"), {
            "name": "Brand New Research Charity", "kind": "charity",
            "charity_number_england_wales": "1234567", "region": "london"})
    assert response.status_code == 302
    events = _events(caplog, "portal.audit")
    assert events, "registering an organisation writes an audit line"
    assert events[-1].portal["ip"] == "127.0.0.1"


def test_a_form_without_its_csrf_token_is_a_plain_403_and_logged(person, caplog):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    with caplog.at_level(logging.INFO):
        response = client.post(reverse("organisations:create"), {"name": "x"})
    assert response.status_code == 403
    assert "This form has expired" in response.content.decode()
    assert _named(caplog, "permission_denied").portal["reason"] == "csrf"


@pytest.mark.parametrize("trusted, forwarded, logged", [
    (0, "203.0.113.9", "127.0.0.1"),  # no proxy trusted: a forged header is ignored
    (1, "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # what the load balancer saw
])
def test_the_logged_address_trusts_only_the_configured_proxies(
        client, person, caplog, settings, trusted, forwarded, logged):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = trusted
    with caplog.at_level(logging.INFO):
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong"},
                    HTTP_X_FORWARDED_FOR=forwarded)
    assert _named(caplog, "sign_in_failed").portal["ip"] == logged


def test_joining_or_leaving_a_group_and_staff_flags_are_logged(person, caplog):
    from django.contrib.auth.models import Group

    curators, _ = Group.objects.get_or_create(name="Curators")
    with caplog.at_level(logging.INFO):
        person.groups.add(curators)
        person.groups.remove(curators)
        person.is_staff = True
        person.save()
    changes = [r.portal for r in _events(caplog) if r.getMessage() == "roles_changed"]
    assert [(c["subject"], c["change"], c["groups"]) for c in changes] == [
        (person.pk, "add", ["Curators"]), (person.pk, "remove", ["Curators"])]
    assert _named(caplog, "account_flags_changed").portal["is_staff"] is True


def test_a_sign_in_does_not_log_a_flag_change(client, person, caplog):
    with caplog.at_level(logging.INFO):
        sign_in(client, person)
    assert not [r for r in _events(caplog) if r.getMessage() == "account_flags_changed"]
