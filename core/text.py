"""Text people or files send us, made safe to keep."""

# Control characters no one means to type (NUL, escape, bell, ...). Tab and line breaks are
# kept: callers decide whether a line break belongs where the text goes.
_CONTROL = {c: None for c in range(32) if chr(c) not in "\t\n\r"} | {127: None}


def without_controls(text: str) -> str:
    return text.translate(_CONTROL)
