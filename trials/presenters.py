"""How a study's recruitment is shown: the chart, drawn on the server as SVG (no script), and the
per-site table. The same numbers are in tables beside the chart."""

from datetime import timedelta

from django.utils import timezone

from . import delivery

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 24, 56  # room for the axis labels


def _nice_top(value):
    """A round number at or above `value` for the top of the scale: 10, 20, 50, 100, 200..."""
    step = 1
    while True:
        for multiple in (1, 2, 5):
            if step * multiple >= value:
                return step * multiple
        step *= 10


def _date_label(day):
    return f"{day.day} {day:%b %Y}"


def recruitment_chart(updates, target, *, start=None, end=None):
    """updates: the whole study's RecruitmentUpdate rows in date order. The planned trajectory
    (a straight line from none at the start to the target at the end) is drawn when the study
    has a target and both dates."""
    if not updates:
        return None
    planned = bool(target and start and end and end > start)
    days = [u.date for u in updates] + ([start, end] if planned else [])
    first, last = min(days), max(days)
    if last == first:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    span = (last - first).days
    top = _nice_top(max([u.recruited for u in updates] + [target or 0, 1]))
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day):
        return round(LEFT + inner_w * (day - first).days / span, 1)

    def y(value):
        return round(TOP + inner_h * (1 - value / top), 1)

    points = [{"x": x(u.date), "y": y(u.recruited), "value": f"{u.recruited:,}",
               "date": _date_label(u.date)} for u in updates]
    middle = first + timedelta(days=span // 2)
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
        "bottom": HEIGHT - BOTTOM, "mid_x": LEFT + inner_w / 2,
        "points": points,
        "line": " ".join(f"{p['x']},{p['y']}" for p in points),
        "y_ticks": [{"y": y(v), "label": f"{v:,}"} for v in (0, top // 2, top)],
        "x_ticks": [{"x": x(d), "label": _date_label(d)} for d in (first, middle, last)],
        "target_y": y(target) if target else None,
        "target": f"{target:,}" if target else None,
        "trajectory": {"x1": x(start), "y1": y(0), "x2": x(end), "y2": y(target)}
        if planned else None,
        "latest": f"{updates[-1].recruited:,}",
        "percent": min(100, round(100 * updates[-1].recruited / target)) if target else None,
    }


def site_rows(sites, site_updates, *, end=None, today=None):
    """Each site with its local target, its latest count, the share of its target and the
    delivery measures (trials/delivery.py)."""
    today = today or timezone.localdate()
    latest = {}
    for update in site_updates.order_by("date", "pk"):
        latest[update.site_id] = update
    rows = []
    for site in sites:
        update = latest.get(site.pk)
        recruited = update.recruited if update else None
        rows.append({
            "site": site, "name": site.organisation.name,
            "target": f"{site.local_target:,}" if site.local_target is not None else "Not set",
            "recruited": f"{recruited:,}" if recruited is not None else "None reported",
            "as_of": _date_label(update.date) if update else "",
            "percent": (f"{round(100 * recruited / site.local_target)}%"
                        if recruited is not None and site.local_target else ""),
            "measures": delivery.measures(site, end, (update.date, update.recruited)
                                          if update else None, today),
            "latest": (update.date, update.recruited) if update else None,
        })
    return rows
