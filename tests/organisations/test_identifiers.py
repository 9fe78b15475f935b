import pytest
from django.core.exceptions import ValidationError

from organisations import identifiers

CASES = [
    # validator, right, wrong
    (identifiers.validate_ods_code, ["RXF", "RXF05", "rxf 05", "A", "ABCDE1234"],
     ["", "RXF-05", "ABCDEFGHIJ", "R*F"]),
    (identifiers.validate_charity_number_england_wales, ["215199", "1089464", "1089 464"],
     ["21519", "10894640", "SC041666", "12a456"]),
    (identifiers.validate_charity_number_scotland, ["SC041666", "sc041666"],
     ["SC04166", "SC0416666", "041666", "NI041666"]),
    (identifiers.validate_charity_number_northern_ireland, ["NIC100001", "nic 100001"],
     ["NI100001", "NIC10000", "100001"]),
    (identifiers.validate_company_number, ["00339181", "SC123456", "oc 123456"],
     ["339181", "003391811", "S1234567", "SC12345"]),
]


@pytest.mark.parametrize("validator,right,wrong", CASES)
def test_each_identifier_format_accepts_the_right_shape_and_refuses_others(validator, right,
                                                                            wrong):
    for value in right:
        validator(value)
    for value in wrong:
        with pytest.raises(ValidationError) as excinfo:
            validator(value)
        assert "like" in excinfo.value.messages[0]  # the message names the expected format


def test_names_are_compared_without_case_punctuation_or_the():
    assert identifiers.normalise_name("The Christie NHS Foundation Trust") == \
        identifiers.normalise_name("christie nhs foundation trust.")
    assert identifiers.normalise_name("A & B") == identifiers.normalise_name("A and B")
