"""The recruitment chart, drawn on the server as SVG: no script, and the same numbers are in a
table beside it."""

WIDTH, HEIGHT, PAD = 600, 240, 40


def recruitment_chart(updates, target):
    """updates: overall RecruitmentUpdate rows in date order."""
    if not updates:
        return None
    top = max([u.recruited for u in updates] + [target or 0, 1])
    first, last = updates[0].date, updates[-1].date
    span = max((last - first).days, 1)

    def x(day):
        return PAD + (WIDTH - 2 * PAD) * ((day - first).days / span)

    def y(value):
        return HEIGHT - PAD - (HEIGHT - 2 * PAD) * (value / top)

    points = " ".join(f"{x(u.date):.1f},{y(u.recruited):.1f}" for u in updates)
    return {
        "width": WIDTH, "height": HEIGHT, "points": points,
        "target_y": f"{y(target):.1f}" if target else None, "top": top,
        "left": PAD, "right": WIDTH - PAD, "bottom": HEIGHT - PAD,
        "latest": updates[-1].recruited,
        "percent": min(100, round(100 * updates[-1].recruited / target)) if target else None,
    }
