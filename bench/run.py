"""Benchmark the portal at scale: `.venv/bin/python bench/run.py [--duration 10] [--no-soak]`.

What it does, in order:
1. Uses the PostgreSQL database `portal_bench` (created when missing), migrates it and seeds it with
   `seed_scale --partnerships 10000` unless bench.lead is already there (`--reseed` rebuilds it).
2. Collects static files into var/bench-static and starts gunicorn (config/gunicorn.py) with
   production settings (bench/settings.py adds the bench app's floor page and moves STATIC_ROOT)
   on a free loopback port, with Redis db 14 as cache and broker.
3. Signs in bench.lead@example.org (a session made with Django's test client force_login), warms
   every page up, then drives each with wrk at 1 and 16 connections (`--connections`) for
   `--duration` seconds, through bench/report.lua (p50/p95/p99, non-2xx and socket errors),
   waiting for gunicorn's backlog to drain between runs.
4. Counts the queries of each page in-process (test client, CaptureQueriesContext).
5. Optionally soaks the directory and My partnerships with 64 connections for 60 s (`--no-soak`
   to skip), then times the reminder sweep over the due items in-process (`--no-sweep` to skip);
   the sweep queues its tasks on Redis db 14, which is purged, and its ReminderDelivery rows are
   deleted afterwards, so the run repeats.
6. Prints a table (req/s, p50, p95, p99, requests done, errors = non-2xx + socket errors,
   queries per request, ratio of req/s to the floor page's at the same client count) and writes
   everything to var/bench-results.json. gunicorn is stopped at the end and on Ctrl-C.

Needs wrk (`apt-get install wrk`), PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth) and
Redis at 127.0.0.1:6379; `--pg` and `--redis` change those.
"""

import argparse
import contextlib
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess  # noqa: S404 - runs our own manage.py, gunicorn and wrk, never user input
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python")
DB_NAME = "portal_bench"
RESULTS = ROOT / "var" / "bench-results.json"
STATIC_ROOT = ROOT / "var" / "bench-static"
LUA = ROOT / "bench" / "report.lua"
GUNICORN_LOG = ROOT / "var" / "bench-gunicorn.log"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page and "
                        "client count (default 10)")
    parser.add_argument("--connections", default="1,16", help="client counts (default 1,16)")
    parser.add_argument("--partnerships", type=int, default=10_000)
    parser.add_argument("--reseed", action="store_true", help="drop and rebuild portal_bench")
    parser.add_argument("--soak", action=argparse.BooleanOptionalAction, default=True,
                        help="64 connections for --soak-duration s on two pages (default on)")
    parser.add_argument("--soak-duration", type=int, default=60)
    parser.add_argument("--sweep", action=argparse.BooleanOptionalAction, default=True,
                        help="time the reminder sweep (default on)")
    parser.add_argument("--workers", type=int, default=4,
                        help="gunicorn workers (default 4: 2 cores, sync workers wait on "
                             "PostgreSQL, and wrk needs some CPU too)")
    parser.add_argument("--timeout", type=int, default=10, help="wrk's request timeout, s")
    parser.add_argument("--pages", default="", help="comma-separated page names to run "
                        "(default all)")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    return parser.parse_args()


def log(message):
    print(f"[bench] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_env(args, port) -> dict:
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "BENCH_STATIC_ROOT": str(STATIC_ROOT),
        "DATABASE_URL": f"{args.pg}/{DB_NAME}",
        "REDIS_URL": args.redis,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_HOST": "localhost",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(args.workers),
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    })
    return env


def manage(env, *argv):
    subprocess.run([PYTHON, "manage.py", *argv], cwd=ROOT, env=env, check=True)  # noqa: S603


# Database ------------------------------------------------------------------------------------

def prepare_database(args, env):
    import psycopg

    with psycopg.connect(f"{args.pg}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                              [DB_NAME]).fetchone()
        if exists and args.reseed:
            log(f"dropping {DB_NAME}")
            conn.execute(f"DROP DATABASE {DB_NAME} WITH (FORCE)")
            exists = None
        if not exists:
            log(f"creating {DB_NAME}")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
    manage(env, "migrate", "--noinput", "-v0")
    with psycopg.connect(f"{args.pg}/{DB_NAME}", autocommit=True) as conn:
        seeded = conn.execute("SELECT 1 FROM accounts_user WHERE email = %s",
                              ["bench.lead@example.org"]).fetchone()
        if not seeded:
            log(f"seeding {args.partnerships} partnerships (about a minute at 10,000)")
            manage(env, "seed_scale", "--partnerships", str(args.partnerships))
        else:
            log(f"{DB_NAME} already seeded (use --reseed to rebuild)")
        # Fresh statistics, and a visibility map so id-only pages are index-only scans, as
        # autovacuum would leave a long-running database.
        conn.execute("VACUUM ANALYZE")
        # As docker-compose.yml sets for production: an SSD-class machine, where random reads
        # cost little more than sequential ones.
        conn.execute(f"ALTER DATABASE {DB_NAME} SET random_page_cost = 1.1")
        conn.execute(f"ALTER DATABASE {DB_NAME} SET effective_cache_size = '1GB'")


# Django in this process: the session, the URLs, query counts and the sweep -------------------

def setup_django(env):
    for key in ("DJANGO_SETTINGS_MODULE", "BENCH_STATIC_ROOT", "DATABASE_URL", "REDIS_URL",
                "SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS", "SITE_URL",
                "EMAIL_HOST", "LOG_LEVEL", "SECURE_HSTS_SECONDS"):
        os.environ[key] = env[key]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def bench_pages():
    """(name, path) of each page, for bench.lead, with ids looked up in portal_bench."""
    from django.contrib.auth import get_user_model

    from partnerships.models import PartnershipPerson
    from partnerships.selectors import directory_queryset
    from partnerships.views.directory import PAGE_SIZE

    user = get_user_model().objects.get(email="bench.lead@example.org")
    role = (PartnershipPerson.objects.filter(user=user, role="lead",
                                             partnership__status="active")
            .order_by("partnership_id").first())
    pk = role.partnership_id
    last_page = max(1, math.ceil(directory_queryset(user).count() / PAGE_SIZE))
    membership = user.memberships.filter(state="active").select_related("organisation").first()
    organisation = membership.organisation
    return user, [
        ("floor", f"/bench/floor/{pk}/"),
        ("tiny_floor", f"/bench/tiny-floor/{pk}/"),
        ("home", "/"),
        ("notifications", "/notifications/"),
        ("directory", "/partnerships/"),
        ("directory_filter", "/partnerships/?status=active&health_category=cancer-and-neoplasms"),
        ("directory_search", "/partnerships/?q=diabetes+screening"),
        ("directory_last_page", f"/partnerships/?page={last_page}"),
        ("partnership", f"/partnerships/{pk}/"),
        ("drive_task_list", f"/partnerships/{pk}/drive/"),
        ("my_partnerships", "/partnerships/mine/"),
        ("studies", "/studies/"),
        ("expertise", "/expertise/"),
        ("case_studies", "/case-studies/"),
        ("org_dashboard", f"/organisations/{organisation.pk}/dashboard/"),
        ("region", f"/dashboards/regions/{organisation.region or 'london'}/"),
        ("api_partnerships", "/api/v1/partnerships/"),
    ]


def session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


# Sequential scans a main page may make of a table of more than LARGE_TABLE rows, and why. Any
# other fails the run (plan_check): a new one means a missing index or a query to rewrite.
LARGE_TABLE = 5_000
ALLOWED_SCANS = {
    # The count behind "N partnerships found": listed ones OR the person's own, which no one
    # index serves. Worked out once per version of the data and kept (core/paging.py).
    ("directory", "partnerships_partnership"): "the remembered count",
    ("directory_last_page", "partnerships_partnership"): "the remembered count",
    ("directory_filter", "partnerships_partnership"): "the remembered count",
    ("api_partnerships", "partnerships_partnership"): "the cursor's filtered first page",
}


def count_queries(user, pages) -> tuple[dict, dict]:
    """Each page's query count, and each query's plan: planning and execution time and any
    sequential scan of a large table (EXPLAIN ANALYZE, in-process)."""
    import re

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from core import versions

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s",
                       [LARGE_TABLE])
        large = {row[0] for row in cursor.fetchall()}
    counts, plans = {}, {}
    for name, path in pages:
        client.get(path)  # first: templates compiled, session and user-session rows settled
        # A new version of the data: the page works everything out, as after any write, so
        # the counts and plans are of that work, not of reading kept results back.
        versions.changed()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code} in-process")
        counts[name] = len(captured.captured_queries)
        planning = execution = 0.0
        scans = set()
        for query in captured.captured_queries:
            if not query["sql"].lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + query["sql"])
                plan = "\n".join(row[0] for row in cursor.fetchall())
            planning += float(re.search(r"Planning Time: ([\d.]+)", plan).group(1))
            execution += float(re.search(r"Execution Time: ([\d.]+)", plan).group(1))
            scans |= {t for t in re.findall(r"Seq Scan on (\w+)", plan) if t in large}
        plans[name] = {"planning_ms": round(planning, 1), "execution_ms": round(execution, 1),
                       "large_scans": sorted(scans)}
    return counts, plans


def plan_check(plans) -> list[str]:
    """The sequential scans of large tables that no entry of ALLOWED_SCANS explains."""
    return [f"{page}: sequential scan of {table}" for page, plan in plans.items()
            for table in plan["large_scans"] if (page, table) not in ALLOWED_SCANS]


def time_sweep(redis_url) -> dict:
    from django.db import connection
    from django.utils import timezone

    from config.celery import app
    from reminders import registry
    from reminders import sweep as reminders
    from reminders.models import ReminderDelivery

    ReminderDelivery.objects.all().delete()  # from an interrupted run
    executed = [0]

    def counter(execute, sql, params, many, context):
        executed[0] += 1
        return execute(sql, params, many, context)

    now = timezone.now()
    started = time.monotonic()
    with connection.execute_wrapper(counter):
        due_started = time.monotonic()
        due = sum(1 for _ in registry.everything_due(now))
        due_seconds = time.monotonic() - due_started
        due_queries = executed[0]
        counts = reminders.sweep(now)
    seconds = time.monotonic() - started
    rows = ReminderDelivery.objects.count()
    purged = app.control.purge()
    ReminderDelivery.objects.all().delete()
    return {"due_items": due, "finding_due_seconds": round(due_seconds, 2),
            "finding_due_queries": due_queries,
            "sweep_seconds": round(seconds - due_seconds, 2),
            "sweep_queries": executed[0] - due_queries, "counts": counts,
            "deliveries_recorded": rows, "tasks_purged_from_broker": purged,
            "broker": redis_url}


# gunicorn and wrk ---------------------------------------------------------------------------

@contextlib.contextmanager
def gunicorn(env, port):
    GUNICORN_LOG.parent.mkdir(exist_ok=True)
    with open(GUNICORN_LOG, "w") as out:
        process = subprocess.Popen(  # noqa: S603
            [str(VENV_BIN / "gunicorn"), "config.wsgi", "-c", "config/gunicorn.py"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {GUNICORN_LOG}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health/",  # noqa: S310
                                            timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer /health/; see {GUNICORN_LOG}")
            time.sleep(0.5)
        log(f"gunicorn {process.pid} answering on 127.0.0.1:{port}")
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the master stops its workers
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log("gunicorn stopped")


def fetch(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            return response.status, response.geturl()
    except urllib.error.HTTPError as exc:
        return exc.code, url


def drain(base, cookie, limit=120):
    """wrk stops at the deadline, but gunicorn still serves the requests it had accepted; wait
    until /health/ answers promptly so the next page is not measured behind that backlog."""
    deadline = time.monotonic() + limit
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError):
            fetch(base + "/health/", cookie)
        quick = quick + 1 if time.monotonic() - started < 0.5 else 0


RESULT_LINE = re.compile(r"BENCH_RESULT (.*)")


def wrk(url, cookie, connections, duration, timeout) -> dict:
    command = [shutil.which("wrk") or "wrk", f"-t{min(connections, 2)}", f"-c{connections}",
               f"-d{duration}s", f"--timeout={timeout}s", "-s", str(LUA),
               "-H", f"Cookie: {cookie}", url]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    match = RESULT_LINE.search(done.stdout)
    if not match:
        raise SystemExit(f"wrk printed no result:\n{done.stdout}\n{done.stderr}")
    raw = {k: float(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    socket_errors = int(raw["connect"] + raw["read"] + raw["write"] + raw["timeout"])
    return {
        "requests": int(raw["requests"]),
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50"] / 1000, 1), "p95_ms": round(raw["p95"] / 1000, 1),
        "p99_ms": round(raw["p99"] / 1000, 1), "max_ms": round(raw["max"] / 1000, 1),
        "non2xx": int(raw["non2xx"]), "socket_errors": socket_errors,
        "errors": int(raw["non2xx"]) + socket_errors,
        "socket": {k: int(raw[k]) for k in ("connect", "read", "write", "timeout")},
    }


# Report -------------------------------------------------------------------------------------

def table(rows, queries):
    """Each page's figures, with its req/s as a share of the fair floor's (the real layout) and
    of the tiny floor's, at the same client count."""
    floors = {name: {r["clients"]: r["rps"] for r in rows if r["page"] == name}
              for name in ("floor", "tiny_floor")}
    header = (f"{'page':<22} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'p99 ms':>8} {'done':>6} {'errors':>7} {'queries':>7} {'vs fair':>8} "
              f"{'vs tiny':>8}")
    lines = [header, "-" * len(header)]
    for r in rows:
        ratios = []
        for name in ("floor", "tiny_floor"):
            base = floors[name].get(r["clients"])
            ratios.append(r["rps"] / base if base else float("nan"))
        r["ratio_to_floor"], r["ratio_to_tiny_floor"] = (round(x, 3) for x in ratios)
        lines.append(f"{r['page']:<22} {r['clients']:>7} {r['rps']:>8.1f} {r['p50_ms']:>8.1f} "
                     f"{r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['requests']:>6} {r['errors']:>7} "
                     f"{queries.get(r['page'], '-'):>7} {ratios[0]:>8.2f} {ratios[1]:>8.2f}")
    return "\n".join(lines)


def main():
    args = parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    port = free_port()
    env = bench_env(args, port)
    started = time.monotonic()
    prepare_database(args, env)
    log("collecting static files into var/bench-static")
    manage(env, "collectstatic", "--noinput", "-v0")
    setup_django(env)
    user, pages = bench_pages()
    if args.pages:
        wanted = set(args.pages.split(",")) | {"floor", "tiny_floor"}
        pages = [p for p in pages if p[0] in wanted]
    cookie = session_cookie(user)
    clients = [int(c) for c in args.connections.split(",")]
    results = {"partnerships": args.partnerships, "duration_s": args.duration,
               "workers": args.workers, "cpus": os.cpu_count(), "pages": dict(pages),
               "runs": [], "soak": [], "sweep": None}

    log("counting queries per page in-process, with their plans")
    queries, plans = count_queries(user, pages)
    results["queries"], results["plans"] = queries, plans
    for name, plan in plans.items():
        log(f"{name:<22} {queries[name]:>3} queries, planning {plan['planning_ms']:>5} ms, "
            f"execution {plan['execution_ms']:>6} ms, large scans: "
            f"{', '.join(plan['large_scans']) or 'none'}")
    unexplained = plan_check(plans)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    base = f"http://127.0.0.1:{port}"
    with gunicorn(env, port):
        log("warming up")
        for name, path in pages:
            for _ in range(args.workers):
                status, final = fetch(base + path, cookie)
                if status != 200 or not final.endswith(path):
                    raise SystemExit(f"{name} {path} answered {status} ({final}): "
                                     "is the session signed in?")
        for connections in clients:
            for name, path in pages:
                result = wrk(base + path, cookie, connections, args.duration, args.timeout)
                result.update(page=name, clients=connections)
                results["runs"].append(result)
                drain(base, cookie)
                log(f"{name:<22} c={connections:<3} {result['rps']:>8.1f} req/s "
                    f"p50 {result['p50_ms']} ms p95 {result['p95_ms']} ms "
                    f"errors {result['errors']}")
        if args.soak:
            for name in ("directory", "my_partnerships"):
                path = dict(pages).get(name)
                if path is None:
                    continue
                log(f"soak: {name}, 64 connections, {args.soak_duration}s")
                result = wrk(base + path, cookie, 64, args.soak_duration, args.timeout)
                result.update(page=name, clients=64)
                results["soak"].append(result)
                drain(base, cookie)
    if args.sweep:
        log("timing the reminder sweep in-process (tasks to Redis db 14, purged after)")
        results["sweep"] = time_sweep(env["REDIS_URL"])

    print()
    print(table(results["runs"], queries))
    for soak in results["soak"]:
        print(f"soak {soak['page']:<18} 64 clients {soak['rps']:.1f} req/s, p50 "
              f"{soak['p50_ms']} ms, p95 {soak['p95_ms']} ms, p99 {soak['p99_ms']} ms, "
              f"non-2xx {soak['non2xx']}, socket errors {soak['socket']}")
    if results["sweep"]:
        s = results["sweep"]
        print(f"reminder sweep: {s['due_items']:,} due items found in "
              f"{s['finding_due_seconds']}s ({s['finding_due_queries']:,} queries); sweep "
              f"recorded {s['deliveries_recorded']:,} deliveries in {s['sweep_seconds']}s "
              f"({s['sweep_queries']:,} queries); counts {s['counts']}")
    results["elapsed_s"] = round(time.monotonic() - started, 1)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, default=str))
    log(f"results written to {RESULTS.relative_to(ROOT)} ({results['elapsed_s']}s in all)")
    for page_table, why in ALLOWED_SCANS.items():
        print(f"allowed sequential scan: {page_table[0]} of {page_table[1]} ({why})")
    if unexplained:
        raise SystemExit("plan check failed, a main page scans a large table:\n  "
                         + "\n  ".join(unexplained))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        log("interrupted")
        sys.exit(130)
