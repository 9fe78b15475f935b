def page_number(request) -> int:
    """The page asked for; anything that is not a positive whole number means page 1."""
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return number if 0 < number < 1_000_000 else 1
