"""Addresses of records, built without resolving the URL patterns for every row: a list of 20
partnerships asked `reverse()` about 100 times a page. The first call for a name (and shape of
values) works out its address once, with stand-in values, and later calls put the real values
in their places."""

import functools
import re

from django.urls import NoReverseMatch, get_script_prefix, reverse

# Values that need no quoting in a path, so putting them in by hand gives what reverse() would.
PLAIN = re.compile(r"[A-Za-z0-9_-]+", re.ASCII)
DIGITS = re.compile(r"[0-9]+", re.ASCII)
# A stand-in has the shape of the value it stands for (digits, or a word), so a pattern that
# would refuse the value refuses its stand-in too, and the call falls back to reverse().
STAND_INS = {True: ("987650001", "987650002", "987650003"),
             False: ("zqstandina", "zqstandinb", "zqstandinc")}


@functools.lru_cache(maxsize=512)
def _parts(name, shape, prefix):
    stand_ins = [STAND_INS[digits][position] for position, digits in enumerate(shape)]
    try:
        address = reverse(name, args=stand_ins)
    except NoReverseMatch:
        return None
    parts = []
    for stand_in in stand_ins:
        if address.count(stand_in) != 1:
            return None  # the pattern uses a value twice, or not at all: leave it to reverse()
        before, address = address.split(stand_in)
        parts.append(before)
    parts.append(address)
    return tuple(parts)


def link(name, *args) -> str:
    """reverse(name, args=args), for up to three ints or plain slugs, from a kept pattern."""
    values = [str(arg) for arg in args]
    if len(values) <= 3 and all(PLAIN.fullmatch(value) for value in values):
        shape = tuple(bool(DIGITS.fullmatch(value)) for value in values)
        parts = _parts(name, shape, get_script_prefix())
        if parts is not None:
            return "".join(part for pair in zip(parts, [*values, ""], strict=True) for part in pair)
    return reverse(name, args=args)
