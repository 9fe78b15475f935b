"""Every form, every field in error: each message says what to fix, in NHS style, never Django's
generic wording ("This field is required.", "Select a valid choice...", "Ensure this value...")."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.trust.test_fuzz_forms import FORM_NAMES, _fields, world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

GENERIC = re.compile(r"This field is required|Select a valid choice|Enter a valid value|"
                     r"Ensure this value|is not one of the available choices|"
                     r"Enter a list of values", re.I)
MESSAGE = re.compile(r'class="nhsuk-error-message"[^>]*>(.*?)</span>\s*</?', re.S)
SUMMARY = re.compile(r'class="nhsuk-error-summary__list"[^>]*>(.*?)</ul>', re.S)


def _messages(html):
    found = [re.sub(r"<[^>]+>", "", m) for m in MESSAGE.findall(html)]
    for summary in SUMMARY.findall(html):
        found += [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", summary, re.S)]
    return [" ".join(m.replace("Error:", "").split()) for m in found]


@pytest.mark.parametrize("values", ["empty", "wrong"])
@pytest.mark.parametrize("form", FORM_NAMES)
def test_every_error_message_names_what_to_fix(client, world, form, values):  # noqa: F811
    user, url, *page = world[form]
    client.force_login(user)
    names, files = _fields(client, url, page[0] if page else url)
    post = {}
    for name in names:
        if name in files:
            post[name] = SimpleUploadedFile("x.txt", b"" if values == "empty" else b"nonsense")
        elif name in {"action", "_picker_find"}:
            continue  # which button was pressed, not an answer
        else:
            post[name] = "" if values == "empty" else ("99999999999999999999" if "organisation"
                                                        in name else "x" * 6000)
    response = client.post(url, post, follow=True)
    assert response.status_code < 500
    for message in _messages(response.content.decode()):
        assert message, f"an empty error message on {form}"
        assert not GENERIC.search(message), f"{form}: {message!r}"


@pytest.mark.parametrize("path,signed_in", [
    ("/accounts/signup/", False), ("/accounts/login/", False), ("/accounts/password/reset/", False),
    ("/accounts/password/change/", True), ("/accounts/email/", True),
])
def test_account_forms_sent_empty_say_what_to_fill_in(client, django_user_model, path, signed_in):
    from tests.factories import UserFactory

    if signed_in:
        client.force_login(UserFactory())
    html = client.post(path, {"action_add": ""} if "email" in path else {}).content.decode()
    messages = _messages(html)
    assert messages, f"no error shown on {path}"
    for message in messages:
        assert not GENERIC.search(message), f"{path}: {message!r}"
