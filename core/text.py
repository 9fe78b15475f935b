"""Text people or files send us, made safe to keep; figures written as people read them."""

from decimal import Decimal

# Control characters no one means to type (NUL, escape, bell, ...). Tab and line breaks are
# kept: callers decide whether a line break belongs where the text goes.
_CONTROL = {c: None for c in range(32) if chr(c) not in "\t\n\r"} | {127: None}
# Bidirectional overrides and isolates: they make a title read differently from what it holds
# (a name that shows reversed, a file name that hides its ending).
_CONTROL |= dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_controls(text: str) -> str:
    return text.translate(_CONTROL)


def figure(value: Decimal) -> str:
    """A decimal as people write it: 1,250 or 12.5, never 1250.0000."""
    value = value.normalize()
    if value == value.to_integral():
        return f"{value:,.0f}"
    return f"{value:,f}".rstrip("0").rstrip(".")
