"""`make audit` fails on a known vulnerability and never calls an unchecked package clean."""

import importlib.util
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location(
    "audit", Path(__file__).resolve().parents[1] / ".ci" / "audit.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


@pytest.mark.parametrize("report, verdict", [
    ({"dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}]},
     "not checked"),
    ({"dependencies": [{"name": "django", "version": "6.1", "vulns": []}]}, "clean"),
    ({"dependencies": [{"name": "django", "version": "6.1", "vulns": [{"id": "PYSEC-1"}]},
                       {"name": "celery", "skip_reason": "not found"}]}, "vulnerable"),
    ({"error": "pip-audit: command not found"}, "failed"),
])
def test_python_verdicts(report, verdict):
    assert audit.python_verdict(report)[0] == verdict


@pytest.mark.parametrize("report, verdict", [
    ({"message": "405 Method Not Allowed", "method": "POST"}, "not checked"),
    ({"error": {"code": "E405"}}, "not checked"),
    ({"metadata": {"vulnerabilities": {"low": 3, "moderate": 1, "high": 0}}}, "clean"),
    ({"metadata": {"vulnerabilities": {"high": 1, "critical": 0}}}, "vulnerable"),
])
def test_npm_verdicts(report, verdict):
    assert audit.npm_verdict(report)[0] == verdict
