"""The delivery measures at their boundaries (trials/delivery.py)."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from trials.delivery import AT_RISK, MET, MISSED, PENDING, measures, recruitment_measure

START = date(2026, 1, 1)


def _site(**dates):
    fields = {"application_date": None, "approval_date": None, "opened_date": None,
              "first_participant_date": None, "local_target": None, **dates}
    return SimpleNamespace(**fields)


def _state(site, key, today=date(2027, 6, 1), end=None, latest=None):
    return {m.key: m.state for m in measures(site, end, latest, today)}.get(key)


@pytest.mark.parametrize(("days", "state"), [(149, MET), (150, MET), (151, MISSED)])
def test_set_up_counts_150_days_from_application_to_first_participant(days, state):
    site = _site(application_date=START, first_participant_date=START + timedelta(days=days))
    assert _state(site, "setup") == state


@pytest.mark.parametrize(("days", "state"), [(119, PENDING), (120, AT_RISK), (150, AT_RISK),
                                             (151, MISSED)])
def test_set_up_without_a_participant_yet(days, state):
    site = _site(application_date=START)
    assert _state(site, "setup", today=START + timedelta(days=days)) == state


@pytest.mark.parametrize(("days", "state"), [(29, MET), (30, MET), (31, MISSED)])
def test_first_participant_within_30_days_of_opening(days, state):
    site = _site(opened_date=START, first_participant_date=START + timedelta(days=days))
    assert _state(site, "first") == state


@pytest.mark.parametrize(("days", "state"), [(24, PENDING), (25, AT_RISK), (30, AT_RISK),
                                             (31, MISSED)])
def test_open_without_a_participant_is_at_risk_from_day_25(days, state):
    site = _site(opened_date=START)
    assert _state(site, "first", today=START + timedelta(days=days)) == state


@pytest.mark.parametrize(("days", "state"), [(59, MET), (60, MET), (61, MISSED)])
def test_opening_within_60_days_of_approval(days, state):
    site = _site(approval_date=START, opened_date=START + timedelta(days=days))
    assert _state(site, "opening") == state


def test_a_measure_without_its_start_date_is_left_out():
    assert measures(_site(), None, None, START) == []


END = START + timedelta(days=100)


@pytest.mark.parametrize(("recruited", "state"), [
    (50, MET),  # exactly on the line: halfway through, half the target
    (49, AT_RISK), (35, AT_RISK), (34, MISSED), (100, MET), (120, MET)])
def test_recruitment_against_the_straight_line(recruited, state):
    site = _site(opened_date=START, local_target=100)
    halfway = START + timedelta(days=50)
    assert recruitment_measure(site, END, (halfway, recruited), halfway).state == state


def test_recruitment_short_of_target_after_the_planned_end_is_missed():
    site = _site(opened_date=START, local_target=100)
    late = END + timedelta(days=1)
    assert recruitment_measure(site, END, (END, 99), late).state == MISSED
