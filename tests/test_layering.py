"""The house: each app imports only the apps below it, no module circles, and imports sit at the
top of modules except where docs/adr/0007 gives the reason."""

import ast
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
APPS = ["accounts", "bench", "casestudies", "charities", "config", "core", "drive", "home",
        "organisations", "partnerships", "registers", "reminders", "trials"]

# (file, module): imports allowed inside a function, each with its reason in docs/adr/0007.
INSIDE_FUNCTIONS = {
    ("reminders/sweep.py", ".tasks"),  # the sweep queues the tasks that call it
    ("core/logs.py", "allauth.account.adapter"),  # LOGGING loads core.logs before the apps
    ("config/gunicorn.py", "config.jinja2"),  # gunicorn reads its config before Django starts
}


def test_the_import_contracts_in_pyproject_are_kept():
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def _imports_inside_functions():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            # App loading order (AppConfig.ready), migrations, and the benchmark's runner, which
            # is a script that configures Django before it may import models.
            if path.name == "apps.py" or "/migrations/" in relative or relative == "bench/run.py":
                continue
            for function in ast.walk(ast.parse(path.read_text())):
                if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    for node in ast.walk(function):
                        if isinstance(node, ast.ImportFrom):
                            yield relative, "." * node.level + (node.module or "")
                        elif isinstance(node, ast.Import):
                            yield from ((relative, alias.name) for alias in node.names)


def test_imports_sit_at_the_top_of_modules_unless_there_is_a_documented_reason():
    assert set(_imports_inside_functions()) <= INSIDE_FUNCTIONS
