"""Reading indicators: the status rule, when the next result is due, and the trend chart.

The status rule (shown on the indicators page too). The target is reached along a straight line
from the baseline (its date and value) to the target (its date and value). At the latest
result's date, the line gives the share of the way the partners planned to have come; the
result gives the share they have come, in the indicator's direction.
- Target met: the latest result is at or beyond the target.
- On track: no more than 10 percentage points behind the line.
- At risk: 10 to 25 points behind.
- Off track: more than 25 points behind.
- No result yet: nothing entered.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from core.text import figure as number

from .models import Indicator

ON_TRACK_GAP, AT_RISK_GAP = Decimal("0.10"), Decimal("0.25")
STATUS_COLOUR = {"Target met": "green", "On track": "green", "At risk": "orange",
                 "Off track": "red", "No result yet": "grey"}
RULE = ("We draw a straight line from the baseline to the target. At the latest result's date, "
        "an indicator is on track when it is no more than 10 percentage points behind that "
        "line, at risk when 10 to 25 points behind, and off track when further behind. It has "
        "met its target when the latest result reaches it.")


def months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    # The same day of the month, or the month's last day.
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def next_due(indicator, results) -> date:
    """The end of the next period to report: one period after the latest result, or after the
    baseline when there is none."""
    last = results[-1].period_end if results else indicator.baseline_date
    return months_later(last, Indicator.MONTHS[indicator.frequency])


def _share(indicator, value) -> Decimal:
    span = indicator.target_value - indicator.baseline_value
    return (value - indicator.baseline_value) / span if span else Decimal(1)


def _planned_share(indicator, on: date) -> Decimal:
    days = (indicator.target_date - indicator.baseline_date).days
    passed = (on - indicator.baseline_date).days
    return Decimal(min(max(passed, 0), days)) / Decimal(days)


@dataclass
class Status:
    label: str
    colour: str
    came: Decimal | None = None  # the share of the way come, 0 to 1 (or more)
    planned: Decimal | None = None


def status_of(indicator, results) -> Status:
    if not results:
        return Status("No result yet", STATUS_COLOUR["No result yet"])
    latest = results[-1]
    came = _share(indicator, latest.value)
    planned = _planned_share(indicator, latest.period_end)
    if came >= 1:
        label = "Target met"
    elif planned - came <= ON_TRACK_GAP:
        label = "On track"
    elif planned - came <= AT_RISK_GAP:
        label = "At risk"
    else:
        label = "Off track"
    return Status(label, STATUS_COLOUR[label], came, planned)


# The trend chart ---------------------------------------------------------------------------

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 280, 80, 620, 20, 240


def nice_scale(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """An axis from a round number to a round number in 3 to 5 round steps (1, 2 or 5 times a
    power of ten) that holds low and high."""
    if high == low:
        high = low + 1
    raw = (high - low) / 5
    power = Decimal(10) ** raw.adjusted()
    step = next(power * m for m in (1, 2, 5, 10) if power * m >= raw)
    return (low / step).to_integral_value("ROUND_FLOOR") * step, \
        (high / step).to_integral_value("ROUND_CEILING") * step, step


def trend_chart(indicator, results) -> dict:
    """Where to draw the baseline, each result, the planned line and the target, for
    drive/components/trend.jinja (styled as the studies' recruitment chart). The table beside
    it carries the same numbers."""
    points = [(indicator.baseline_date, indicator.baseline_value)] + [
        (r.period_end, r.value) for r in results]
    days = [d for d, _ in points] + [indicator.target_date]
    values = [v for _, v in points] + [indicator.target_value]
    first, last = min(days), max(days)
    low, high, step = nice_scale(min(values), max(values))
    span = max((last - first).days, 1)

    def x(day):
        return round(LEFT + (RIGHT - LEFT) * (day - first).days / span, 1)

    def y(value):
        return round(TOP + (BOTTOM - TOP) * (1 - float((value - low) / (high - low))), 1)

    status = status_of(indicator, results)
    latest = (f"The latest result, {number(results[-1].value)} {indicator.unit} on "
              f"{results[-1].period_end:%-d %B %Y}, is {status.label.lower()}."
              if results else "No result has been entered yet.")
    return {
        "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": RIGHT, "top": TOP,
        "bottom": BOTTOM,
        "title": (f"{indicator.name}: baseline {number(indicator.baseline_value)} "
                  f"{indicator.unit} on {indicator.baseline_date:%-d %B %Y}, target "
                  f"{number(indicator.target_value)} {indicator.unit} by "
                  f"{indicator.target_date:%-d %B %Y}. {latest} The table has the numbers."),
        "y_ticks": [{"y": y(low + step * k), "label": number(low + step * k)}
                    for k in range(int((high - low) / step) + 1)],
        "x_ticks": [{"x": LEFT, "label": f"{first:%b %Y}"}, {"x": RIGHT, "label": f"{last:%b %Y}"}],
        "baseline": {"x": x(indicator.baseline_date), "y": y(indicator.baseline_value)},
        "planned": {"x1": x(indicator.baseline_date), "y1": y(indicator.baseline_value),
                    "x2": x(indicator.target_date), "y2": y(indicator.target_value)},
        "target_y": y(indicator.target_value), "target": number(indicator.target_value),
        "line": " ".join(f"{x(d)},{y(v)}" for d, v in points),
        "points": [{"x": x(r.period_end), "y": y(r.value), "value": number(r.value),
                    "date": f"{r.period_end:%-d %B %Y}"} for r in results],
    }
