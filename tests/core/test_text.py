"""Text people send us is kept without the characters no one means to type."""

from core.forms import CharField
from core.text import figure, without_controls


def test_controls_and_direction_overrides_are_taken_out():
    assert without_controls("Rare\x00 cancers\x1b") == "Rare cancers"
    # U+202E would show "exe.txt" as "txt.exe"; the isolates hide text the same way.
    assert without_controls("report\u202etxt.exe\u2066\u2069") == "reporttxt.exe"
    assert without_controls("line one\nline two\ttab") == "line one\nline two\ttab"


def test_a_one_line_box_keeps_one_line():
    assert CharField().clean("Title\r\nBcc: all@example.org") == "Title Bcc: all@example.org"


def test_figures_read_as_people_write_them():
    from decimal import Decimal

    assert [figure(Decimal(v)) for v in ("1250.0000", "12.50", "0.25", "1000000")] == [
        "1,250", "12.5", "0.25", "1,000,000"]
