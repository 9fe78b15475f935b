"""Study delivery at each site against the UK clinical research delivery measures, by rules
written down here (and on the study page):

- Set-up: 150 days or fewer from the application to the site's first participant.
- Opening: open to recruitment 60 days or fewer after approval.
- First participant: 30 days or fewer after the site opened.
- Recruitment to time and target: the site's latest count against a straight line from none on
  the day it opened to its local target on the study's planned end of recruitment.

Each is Met, At risk, Missed, or Not due yet. A deadline counts whole days: day 150 is still
met, day 151 missed. Before the event, a measure is at risk in its last stretch (from day 120,
45 and 25: the last is when the site is reminded), and missed once the deadline has passed.
Recruitment is met on or above the line, at risk from 70 % of it, missed below 70 % or when the
planned end has passed short of the target.
"""

from dataclasses import dataclass
from datetime import date

MET, AT_RISK, MISSED, PENDING = "Met", "At risk", "Missed", "Not due yet"
COLOUR = {MET: "green", AT_RISK: "orange", MISSED: "red", PENDING: "grey"}
SETUP_DAYS, OPEN_DAYS, FIRST_DAYS = 150, 60, 30
WARN_FROM = {SETUP_DAYS: 120, OPEN_DAYS: 45, FIRST_DAYS: 25}
ON_TRACK_SHARE = 0.7
STATES = [MET, AT_RISK, MISSED, PENDING]
# Short names for tables, by Measure.key.
SHORT_NAMES = [("setup", "Set-up in 150 days"), ("opening", "Open in 60 days"),
               ("first", "First participant in 30 days"), ("recruitment", "Recruitment")]


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    state: str
    detail: str

    @property
    def colour(self):
        return COLOUR[self.state]


def _deadline(key, name, start, done, limit, today, what):
    if start is None:
        return None
    if done is not None:
        days = (done - start).days
        return Measure(key, name, MET if days <= limit else MISSED,
                       f"{what} in {days} days (the measure is {limit})")
    days = (today - start).days
    if days > limit:
        state = MISSED
    elif days >= WARN_FROM[limit]:
        state = AT_RISK
    else:
        state = PENDING
    return Measure(key, name, state, f"Day {days} of {limit}, {what.lower()} not yet")


def planned_by(site, end: date | None, on: date) -> float | None:
    """How many the straight line says the site should have recruited by `on`."""
    if not (site.opened_date and end and site.local_target) or end <= site.opened_date:
        return None
    share = (on - site.opened_date).days / (end - site.opened_date).days
    return site.local_target * min(max(share, 0.0), 1.0)


def recruitment_measure(site, end, latest, today) -> Measure | None:
    """`latest`: (date, recruited) of the site's latest count, or None."""
    if not (site.opened_date and end and site.local_target):
        return None
    recruited, counted_on = (latest[1], latest[0]) if latest else (0, today)
    target = site.local_target
    if recruited >= target:
        return Measure("recruitment", "Recruitment to time and target", MET,
                       f"{recruited} of {target}: target reached")
    planned = planned_by(site, end, counted_on)
    if today > end:
        state = MISSED
    elif recruited >= planned:
        state = MET
    elif recruited >= ON_TRACK_SHARE * planned:
        state = AT_RISK
    else:
        state = MISSED
    return Measure("recruitment", "Recruitment to time and target", state,
                   f"{recruited} of {target} by {counted_on:%-d %B %Y}; the line says "
                   f"{planned:.0f} by then")


def measures(site, end, latest, today) -> list[Measure]:
    """Every measure that applies to the site (those without their start date are left out)."""
    found = [
        _deadline("setup", "Set-up within 150 days", site.application_date,
                  site.first_participant_date, SETUP_DAYS, today, "First participant"),
        _deadline("opening", "Open within 60 days of approval", site.approval_date,
                  site.opened_date, OPEN_DAYS, today, "Opened"),
        _deadline("first", "First participant within 30 days of opening", site.opened_date,
                  site.first_participant_date, FIRST_DAYS, today, "First participant"),
        recruitment_measure(site, end, latest, today),
    ]
    return [m for m in found if m is not None]
