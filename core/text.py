"""Text people or files send us, made safe to keep; figures written as people read them."""

from decimal import Decimal

# Control characters no one means to type (NUL, escape, bell, ...). Tab and line breaks are
# kept: callers decide whether a line break belongs where the text goes.
_CONTROL = {c: None for c in range(32) if chr(c) not in "\t\n\r"} | {127: None}


def without_controls(text: str) -> str:
    return text.translate(_CONTROL)


def figure(value: Decimal) -> str:
    """A decimal as people write it: 1,250 or 12.5, never 1250.0000."""
    value = value.normalize()
    if value == value.to_integral():
        return f"{value:,.0f}"
    return f"{value:,f}".rstrip("0").rstrip(".")
