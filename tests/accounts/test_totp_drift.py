"""An authenticator code from one step either side of now signs in (a phone's clock a little
off, a code typed as it turned); older ones do not, and no code works twice."""

import time

import pyotp
import pytest
from allauth.mfa.totp.internal.auth import TOTP, validate_totp_code

from tests.conftest import add_totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_one_step_of_drift_is_allowed_and_no_more():
    secret = pyotp.random_base32()
    now = time.time()
    codes = {step: pyotp.TOTP(secret).at(now + step * 30) for step in (-2, -1, 0, 1, 2)}
    assert validate_totp_code(secret, codes[-1]) and validate_totp_code(secret, codes[1])
    for step in (-2, 2):
        if codes[step] not in (codes[-1], codes[0], codes[1]):  # one in a million coincide
            assert not validate_totp_code(secret, codes[step])


def test_a_code_works_once():
    user = UserFactory()
    secret = add_totp(user)
    totp = TOTP(user.authenticator_set.get(type="totp"))
    code = pyotp.TOTP(secret).now()
    assert totp.validate_code(code)
    assert not totp.validate_code(code)
