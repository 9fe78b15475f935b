from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from charities import services
from charities.models import ExpertiseRequest
from reminders import sweep as reminders
from tests.factories import CharityFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(offer, partnership, leader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.request_create(user=leader, offer=offer, partnership=partnership,
                                       what_is_needed="Help shaping our patient materials")


def test_asking_emails_the_charity(asked):
    assert mail.outbox[-1].to == ["staff@helpful.org"]
    assert "asks for your help" in mail.outbox[-1].subject


def test_accepting_adds_the_charity_as_a_charity_partner_and_tells_the_partnership(
        asked, charity_staff, partnership, charity, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_answer(user=charity_staff, request_=asked, accept=True)
    assert partnership.partners.get(organisation=charity).role == "charity"
    assert mail.outbox[-1].to == ["leader@northshire.nhs.uk"]
    services.request_complete(user=charity_staff, request_=asked)
    asked.refresh_from_db()
    assert asked.state == "completed"


def test_declining_needs_a_reason_the_partnership_sees(client, asked, charity_staff):
    client.force_login(charity_staff)
    url = reverse("charities:request_decline", args=[asked.pk])
    html = client.post(url, {"decline-reason": ""}).content.decode()
    assert "nhsuk-error-summary" in html
    client.post(url, {"decline-reason": "We are full until spring"})
    asked.refresh_from_db()
    assert (asked.state, asked.decline_reason) == ("declined", "We are full until spring")


@pytest.mark.parametrize("first,then", [
    ("withdraw", "accept"), ("decline", "accept"), ("withdraw", "complete"),
    ("decline", "withdraw"), ("complete", None),
])
def test_state_changes_that_are_not_allowed_are_refused(asked, charity_staff, leader, first,
                                                        then):
    actions = {
        "accept": lambda: services.request_answer(user=charity_staff, request_=asked,
                                                  accept=True),
        "decline": lambda: services.request_answer(user=charity_staff, request_=asked,
                                                   accept=False, reason="No capacity"),
        "withdraw": lambda: services.request_withdraw(user=leader, request_=asked),
        "complete": lambda: services.request_complete(user=leader, request_=asked),
    }
    if first == "complete":  # completing needs an accepted request
        with pytest.raises(ValidationError, match="cannot be completed"):
            actions["complete"]()
        return
    actions[first]()
    with pytest.raises(ValidationError):
        actions[then]()


def test_the_requester_cannot_accept_their_own_request(client, asked, leader):
    with pytest.raises(PermissionDenied):
        services.request_answer(user=leader, request_=asked, accept=True)
    client.force_login(leader)
    accept = reverse("charities:request_accept", args=[asked.pk])
    assert client.post(accept).status_code == 403
    asked.refresh_from_db()
    assert asked.state == "requested"


def test_staff_of_another_charity_cannot_see_or_answer(client, asked):
    other = UserFactory()
    MembershipFactory(user=other, organisation=CharityFactory(), role="admin")
    client.force_login(other)
    assert client.get(asked.get_absolute_url()).status_code == 404
    accept = reverse("charities:request_accept", args=[asked.pk])
    assert client.post(accept).status_code == 404
    assert "Patient panel" not in client.get(reverse("charities:requests")).content.decode()


def test_viewers_cannot_request(client, offer, partnership, roles):
    client.force_login(roles["viewer"])
    response = client.post(offer.get_absolute_url(), {
        "partnership": partnership.pk, "what_is_needed": "Help",
        "needed_by_0": "", "needed_by_1": "", "needed_by_2": ""})
    assert response.status_code == 403
    assert not ExpertiseRequest.objects.exists()


def test_a_lead_asks_through_the_offer_page(client, offer, partnership, leader):
    client.force_login(leader)
    response = client.post(offer.get_absolute_url(), {
        "partnership": partnership.pk, "what_is_needed": "Review our consent form",
        "needed_by_0": "1", "needed_by_1": "2", "needed_by_2": "2027"})
    request_ = ExpertiseRequest.objects.get()
    assert response.headers["Location"] == request_.get_absolute_url()
    response = client.post(offer.get_absolute_url(), {
        "partnership": partnership.pk, "what_is_needed": "Again",
        "needed_by_0": "", "needed_by_1": "", "needed_by_2": ""})
    assert "already asked this offer" in response.content.decode()


@pytest.mark.parametrize("value", ["nul\x00byte", "<script>x</script>", "y" * 4000, "  "])
def test_odd_text_in_every_request_and_offer_field_is_never_a_500(client, offer, partnership,
                                                                  leader, charity_staff,
                                                                  charity, value):
    client.force_login(leader)
    response = client.post(offer.get_absolute_url(), {
        "partnership": value, "what_is_needed": value,
        "needed_by_0": value, "needed_by_1": value, "needed_by_2": value})
    assert response.status_code == 200 and "<script>x</script>" not in response.content.decode()
    client.force_login(charity_staff)
    fields = ("kind", "title", "description", "health_categories", "regions", "capacity",
              "how_to_ask", "status")
    response = client.post(reverse("charities:offer_create", args=[charity.pk]),
                           dict.fromkeys(fields, value))
    assert response.status_code == 200


def test_messages_go_to_the_other_side(client, asked, charity_staff,
                                       django_capture_on_commit_callbacks):
    client.force_login(charity_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("charities:request_message", args=[asked.pk]),
                    {"message-text": "Which sites are involved?"})
    assert mail.outbox[-1].to == ["leader@northshire.nhs.uk"]
    assert asked.messages.get().text == "Which sites are involved?"


def test_unanswered_for_five_working_days_reminds_the_charity(asked, charity_staff):
    london = ZoneInfo("Europe/London")
    friday = datetime(2027, 1, 8, 10, tzinfo=london)
    ExpertiseRequest.objects.filter(pk=asked.pk).update(created_at=friday)

    def due(day):
        return [d for d in reminders.everything_due(day) if d.kind == "request-unanswered"]

    assert due(friday + timedelta(days=6)) == []  # Thursday: 4 working days
    found = due(friday + timedelta(days=7))  # the next Friday: 5 working days
    assert [d.email for d in found] == ["staff@helpful.org"]
    services.request_withdraw(user=asked.requested_by, request_=asked)
    assert due(friday + timedelta(days=9)) == []


def test_the_email_says_who_asked_in_plain_text_with_a_one_line_subject(
        offer, partnership, leader, django_capture_on_commit_callbacks):
    from partnerships.models import Partnership

    Partnership.objects.filter(pk=partnership.pk).update(title="Children's health\r\nBcc: x@y.z")
    partnership.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_create(user=leader, offer=offer, partnership=partnership,
                                what_is_needed="Help, please")
    message = mail.outbox[-1]
    assert "\n" not in message.subject and "\r" not in message.subject
    assert "Children's health Bcc: x@y.z asks for your help" in message.subject
    assert "Children's health" in message.body and "&#39;" not in message.body
    assert f"By: {leader.display_name}" in message.body
    assert message.body.count("http://") + message.body.count("https://") >= 1
    html = message.alternatives[0][0]
    assert "Children&#39;s health" in html or "Children&#x27;s health" in html


def test_the_charity_sees_who_asked(client, asked, charity_staff, leader):
    client.force_login(charity_staff)
    html = client.get(reverse("charities:request", args=[asked.pk])).content.decode()
    assert "Asked by" in html and leader.display_name in html


@pytest.mark.parametrize("first,then", [("withdraw", "accept"), ("withdraw", "complete"),
                                        ("decline", "withdraw")])
def test_a_refused_move_from_a_stale_page_is_a_plain_message_not_an_error_page(
        client, asked, charity_staff, leader, first, then):
    """Issue 18: a request already withdrawn or declined in another tab."""
    who = {"withdraw": leader, "complete": leader, "accept": charity_staff,
           "decline": charity_staff}
    client.force_login(who[first])
    data = {"decline-reason": "No capacity"} if first == "decline" else {}
    client.post(reverse(f"charities:request_{first}", args=[asked.pk]), data)
    client.force_login(who[then])
    response = client.post(reverse(f"charities:request_{then}", args=[asked.pk]), follow=True)
    assert response.status_code == 200
    assert "nhsuk-error-summary" not in response.content.decode()
    assert "cannot" in response.content.decode().lower()
