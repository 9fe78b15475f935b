"""Identifier formats of UK organisations, each with a message that names the expected format."""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible


def _clean(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


@deconstructible
class IdentifierFormat:
    """Checks an identifier as people type it: spaces and letter case do not matter. Digits are
    0-9 only: another script's digits (Arabic-Indic, full-width) would make a look-alike of a
    real number that slips past every uniqueness check."""

    def __init__(self, pattern, message):
        self.pattern = pattern
        self.message = message

    def __call__(self, value):
        if not re.fullmatch(self.pattern, _clean(value), flags=re.ASCII):
            raise ValidationError(self.message, code="invalid_format")

    def __eq__(self, other):
        return isinstance(other, IdentifierFormat) and other.pattern == self.pattern


_check = IdentifierFormat

validate_ods_code = _check(
    r"[A-Z0-9]{1,9}",
    "Enter an ODS code of 1 to 9 letters and numbers, like RXF for a trust or RXF05 for a site",
)
validate_charity_number_england_wales = _check(
    r"\d{6,7}",
    "Enter a charity number for England and Wales of 6 or 7 digits, like 1089464",
)
validate_charity_number_scotland = _check(
    r"SC\d{6}", "Enter a Scottish charity number of SC and 6 digits, like SC041666"
)
validate_charity_number_northern_ireland = _check(
    r"NIC\d{6}", "Enter a Northern Ireland charity number of NIC and 6 digits, like NIC100001"
)
validate_company_number = _check(
    r"\d{8}|[A-Z]{2}\d{6}",
    "Enter a Companies House number of 8 characters: 8 digits like 00339181, "
    "or 2 letters and 6 digits like SC123456",
)


def normalise_identifier(value: str) -> str:
    return _clean(value)


# Addresses many unrelated people hold: a join-at-once domain must be the organisation's own.
# nhs.net is every NHS employee's; the rest are public mail services.
SHARED_EMAIL_DOMAINS = frozenset({
    "nhs.net", "nhs.uk", "hscni.net", "wales.nhs.uk", "scot.nhs.uk",
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "live.co.uk", "msn.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "icloud.com", "me.com",
    "mac.com", "aol.com", "aol.co.uk", "protonmail.com", "proton.me", "pm.me", "gmx.com",
    "gmx.co.uk", "mail.com", "zoho.com", "yandex.com", "btinternet.com", "btopenworld.com",
    "sky.com", "virginmedia.com", "ntlworld.com", "talktalk.net", "tiscali.co.uk",
    "blueyonder.co.uk",
})


def normalise_name(name: str) -> str:
    """The name used to spot duplicates: case, punctuation, "the" and "&" do not matter."""
    name = (name or "").lower().replace("&", " and ")
    name = re.sub(r"[^\w\s]", " ", name)
    words = [w for w in name.split() if w != "the"]
    return " ".join(words)


# Kept in capitals when a register's upper-case name is made readable.
ACRONYMS = frozenset({"NHS", "UK", "ICB", "CIC", "CIO", "PLC", "LLP", "LTD", "GP", "HSC", "CCG",
                      "NIHR", "MRC", "UCL", "BHF", "JDRF", "T1D", "II", "III", "IV"})
SMALL_WORDS = frozenset({"and", "of", "for", "the", "in", "on", "at", "to", "with"})


def readable_name(name: str) -> str:
    """Registers often give names in capitals (THE CHRISTIE NHS FOUNDATION TRUST); people read
    "The Christie NHS Foundation Trust" more easily. Names with lower case are left alone."""
    if name != name.upper():
        return name
    words = []
    for position, word in enumerate(name.split()):
        if word in ACRONYMS:
            words.append("Ltd" if word == "LTD" else word)
        elif position and word.lower() in SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)
