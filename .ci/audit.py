#!/usr/bin/env python3
"""Known-vulnerability audit of the locked Python and npm packages (`make audit`, CI).

Fails on any known vulnerability in a Python package, and on a high or critical one in an npm
package. When an advisory database cannot be reached (a closed network: pip-audit then calls
every package "not found on PyPI", and npm's bulk advisory endpoint answers 405), it says
NOT CHECKED instead of pretending the packages are clean, and does not fail.
"""

import json
import subprocess  # noqa: S404 - fixed commands, no shell
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def python_verdict(report: dict) -> tuple[str, list[str]]:
    if "error" in report:  # pip-audit missing or crashed: that is a broken check, not a pass
        return "failed", [str(report["error"])[-300:]]
    dependencies = report.get("dependencies", [])
    if not dependencies or all("skip_reason" in d for d in dependencies):
        return "not checked", []
    found = [f"{d['name']} {d.get('version', '')}: {v['id']}"
             for d in dependencies for v in d.get("vulns", [])]
    return ("vulnerable" if found else "clean"), found


def npm_verdict(report: dict) -> tuple[str, list[str]]:
    if "error" in report or "metadata" not in report and "message" in report:
        return "not checked", []
    counts = report.get("metadata", {}).get("vulnerabilities", {})
    serious = {level: counts.get(level, 0) for level in ("high", "critical")}
    found = [f"{n} {level}" for level, n in serious.items() if n]
    return ("vulnerable" if found else "clean"), found


def _json(command) -> dict:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    try:
        return json.loads(result.stdout or "{}")
    except json.JSONDecodeError:
        return {"error": result.stderr[-500:]}


def main() -> int:
    python = _json([str(ROOT / ".venv/bin/pip-audit"), "--require-hashes", "--disable-pip",
                    "-r", "requirements.lock", "--format", "json", "--progress-spinner", "off"])
    npm = _json(["npm", "audit", "--omit=dev", "--json"])
    failed = False
    for name, (verdict, found) in (("Python (pip-audit)", python_verdict(python)),
                                   ("npm (npm audit)", npm_verdict(npm))):
        if verdict == "not checked":
            print(f"{name}: NOT CHECKED - the advisory database could not be reached.")
        elif verdict == "clean":
            print(f"{name}: no known vulnerability.")
        elif verdict == "failed":
            failed = True
            print(f"{name}: THE AUDIT DID NOT RUN: " + "; ".join(found))
        else:
            failed = True
            print(f"{name}: KNOWN VULNERABILITIES: " + "; ".join(found))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
