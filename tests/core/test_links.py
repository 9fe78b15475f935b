"""core.links gives exactly what reverse() gives, for every named address our lists link to."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from core.links import link

CASES = [
    ("partnerships:detail", (5,)), ("partnerships:register", (7, "purpose")),
    ("drive:action", (3, "define-purpose")), ("drive:indicator", (1, 22)),
    ("drive:task_list", (40,)), ("organisations:detail", (12,)), ("trials:detail", (9,)),
    ("charities:offer", (4,)), ("casestudies:detail", (8,)), ("partnerships:directory", ()),
]


@pytest.mark.parametrize(("name", "args"), CASES)
def test_a_link_is_what_reverse_gives(name, args):
    assert link(name, *args) == reverse(name, args=args)
    assert link(name, *args) == reverse(name, args=args)  # and again, from the kept pattern


def test_a_value_the_pattern_refuses_still_raises():
    link("partnerships:detail", 1)
    with pytest.raises(NoReverseMatch):
        link("partnerships:detail", "not-a-number")


def test_a_value_that_is_not_plain_goes_to_reverse():
    with pytest.raises(NoReverseMatch):
        reverse("drive:action", args=(3, "a b"))
    with pytest.raises(NoReverseMatch):
        link("drive:action", 3, "a b")


def test_the_script_prefix_is_honoured():
    set_script_prefix("/portal/")
    try:
        assert link("partnerships:detail", 5) == "/portal/partnerships/5/"
    finally:
        set_script_prefix("/")
    assert link("partnerships:detail", 5) == "/partnerships/5/"
