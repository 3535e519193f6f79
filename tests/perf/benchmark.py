"""The benchmark, `make bench`: what an article page costs as its discussion grows.

For N = 10, 100, 1,000 and 10,000 approved comments on one article (comments per page 0 and
the default), in a scratch SQLite database with production settings (DEBUG off):
- in process: SQL queries of a full draw, page size, the median time of a draw with every
  cached copy dropped (the uncached render: templates loaded, settings cached), of a reader
  with a session (thread, related posts and form from their cached copies) and of an
  anonymous reader (the shared copy);
- over HTTP, against gunicorn with 2 workers as `make serve` runs it: requests per second and
  p50/p99 under wrk (Python's http.client when wrk is missing) for the anonymous page, a
  reader with a session, and a static copy of the same HTML served by WhiteNoise;
- posting through the real form, on SQLite and on PostgreSQL (BENCH_POSTGRES_URL, when set):
  comments accepted per second, errors, and rows stored.

Writes tests/perf/RESULTS.md and tests/perf/results.png. `--smoke` runs N = 10 only, with
a second of load, for the test of the harness (tests/perf/test_benchmark.py).
"""

import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SMOKE = "--smoke" in sys.argv
POSTING = "--posting" in sys.argv
SCRATCH = Path(os.environ.get("BENCH_SCRATCH") or tempfile.mkdtemp(prefix="healthsite-bench-"))
SECRET = os.environ.get("BENCH_SECRET") or secrets.token_urlsafe(45)
ENVIRONMENT = {
    "DEBUG": "0",
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "testserver,127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL")
    or f"sqlite:///{SCRATCH / 'bench.sqlite3'}",
    "MEDIA_ROOT": str(SCRATCH / "media"),
    "STATIC_ROOT": str(SCRATCH / "static"),
    "TASKS_BACKEND": "database",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}
for name in ("REDIS_URL", "DJANGO_SETTINGS_MODULE"):
    os.environ.pop(name, None)
os.environ.update(ENVIRONMENT, DJANGO_SETTINGS_MODULE="healthsite.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from articles.models import Article, Category  # noqa: E402
from comments import demo  # noqa: E402
from comments.models import Comment, DiscussionSettings  # noqa: E402
from comments.stamps import issue_stamp  # noqa: E402
from tests.perf import bench_http, bench_report  # noqa: E402
from tests.perf.test_queries import drawn_afresh  # noqa: E402
from tests.servers import gunicorn  # noqa: E402

SIZES = [10] if SMOKE else [10, 100, 1_000, 10_000]
DEFAULT_PER_PAGE = DiscussionSettings._meta.get_field("comments_per_page").default
PER_PAGE = [0, DEFAULT_PER_PAGE]
LOAD_SECONDS = 1 if SMOKE else 4
POSTING_SECONDS = 2 if SMOKE else 8
# Medians of this many requests (fewer where one draw takes long).
REPEATS = {10: 50, 100: 21, 1_000: 11, 10_000: 5}
# Each in-process median is taken this many times, spread over the run, and the lowest kept
# (as timeit advises: other work on a shared machine only ever adds time); posting is run
# this many times on each database, and every run is reported.
ROUNDS = 1 if SMOKE else 5
POSTING_RUNS = 1 if SMOKE else 2
TIMINGS = ("uncached_ms", "session_ms", "anonymous_ms")
HTTP_TURNS = 1 if SMOKE else 2


def repeats(size, per_page):
    return 5 if SMOKE else (REPEATS[size] if not per_page else min(REPEATS[size] * 2, 50))


def set_paging(per_page):
    settings = DiscussionSettings.load()
    settings.comments_per_page = per_page
    settings.rate_limit_per_minute = settings.rate_limit_per_hour = 32_000
    settings.save()


def median_ms(request, times, before=None):
    durations = []
    for _ in range(times):
        if before:
            before()
        start = time.perf_counter()
        response = request()
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    return statistics.median(durations) * 1000


def in_process(article, per_page):
    """The in-process figures of one article at one paging."""
    url = article.get_absolute_url()
    anonymous, reader = Client(), Client()
    reader.cookies["sessionid"] = session_key()
    anonymous.get(url)
    drawn_afresh()
    queries = []
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        page = Client().get(url)
    times = repeats(article.comment_total, per_page)
    reader.get(url)
    return {
        "queries": len(queries),
        "bytes": len(page.content),
        "uncached_ms": median_ms(lambda: reader.get(url), times, before=drawn_afresh),
        "session_ms": median_ms(lambda: reader.get(url), times),
        "anonymous_ms": median_ms(lambda: anonymous.get(url), times),
        "html": page.content,
    }


def calibration_ms():
    """A fixed pure-Python loop (median of five): how fast this machine ran at that moment."""
    durations = []
    for _ in range(5):
        start = time.perf_counter()
        sum(len(str(number)) for number in range(300_000))
        durations.append(time.perf_counter() - start)
    return statistics.median(durations) * 1000


def session_key():
    session = SessionStore()
    session["bench"] = True
    session.save()
    return session.session_key


def seed(staff):
    category = Category.objects.get_or_create(name="Benchmarks", slug="benchmarks")[0]
    articles = []
    for size in SIZES:
        article = Article.objects.create(
            title=f"{size} comments",
            slug=f"bench-{size}",
            body="A benchmark article about walking and sleep. " * 60,
            category=category,
            status=Article.Status.PUBLISHED,
        )
        demo.seed_bulk_comments(article=article, count=size, staff_user=staff)
        article.comment_total = size
        articles.append(article)
    return articles


def over_http(rows, articles):
    """wrk against gunicorn for every row (a size at a paging): anonymous, session, static."""
    static = Path(ENVIRONMENT["STATIC_ROOT"]) / "bench"
    static.mkdir(parents=True, exist_ok=True)
    for row in rows:
        (static / f"{row['size']}-{row['per_page']}.html").write_bytes(row.pop("html"))
    server = gunicorn(workers=bench_http.WORKERS, **ENVIRONMENT)
    by_size = {article.comment_total: article for article in articles}
    try:
        for article in articles:  # every worker loads the site and caches its settings
            bench_http.wait_until_ready(server.url + article.get_absolute_url())
        bench_http.load(server.url + articles[0].get_absolute_url(), seconds=2)
        for row in rows:
            set_paging(row["per_page"])
            url = server.url + by_size[row["size"]].get_absolute_url()
            static_url = f"{server.url}/static/bench/{row['size']}-{row['per_page']}.html"
            kinds = (
                ("anonymous", url, None),
                ("session", url, f"sessionid={session_key()}"),
                ("static", static_url, None),
            )
            for _kind, target, cookie in kinds:
                bench_http.load(target, seconds=1, cookie=cookie)  # warm-up
            # In turns, so that a slower moment of a shared machine weighs on each kind alike
            # (the ratio to the static copy is the figure): the mean rate and p50 of the
            # turns, and the highest p99.
            turns = {kind: [] for kind, _target, _cookie in kinds}
            for _turn in range(HTTP_TURNS):
                for kind, target, cookie in kinds:
                    turns[kind].append(
                        bench_http.load(target, seconds=LOAD_SECONDS / HTTP_TURNS, cookie=cookie)
                    )
            for kind, measured in turns.items():
                rates, p50s, p99s, errors = zip(*measured, strict=True)
                row.update(
                    {
                        f"{kind}_rps": statistics.mean(rates),
                        f"{kind}_p50": statistics.mean(p50s),
                        f"{kind}_p99": max(p99s),
                    }
                )
                row["http_errors"] = row.get("http_errors", 0) + sum(errors)
            # No static request finished in the time (a machine loaded by other work): no ratio.
            row["ratio"] = row["anonymous_rps"] / row["static_rps"] if row["static_rps"] else None
    finally:
        server.stop()


def posting_figures():
    """This process's database: migrate, seed one article, post through gunicorn."""
    call_command("migrate", verbosity=0)
    call_command("flush", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    category = Category.objects.create(name="Posting", slug="posting")
    article = Article.objects.create(
        title="Posting", slug="posting", body="Post here.", category=category, status="published"
    )
    set_paging(DEFAULT_PER_PAGE)
    server = gunicorn(workers=bench_http.WORKERS, **ENVIRONMENT)
    try:
        bench_http.wait_until_ready(server.url + article.get_absolute_url())
        bench_http.load(server.url + article.get_absolute_url(), seconds=2)
        started = time.monotonic()
        accepted, errors, sent = bench_http.post_comments(
            server.url,
            article.get_absolute_url(),
            seconds=POSTING_SECONDS,
            stamp=lambda: issue_stamp(article, issued_at=time.time() - 10),
        )
        duration = time.monotonic() - started
    finally:
        server.stop()
    return {
        "database": connection.vendor,
        "accepted_per_s": accepted / duration,
        "accepted": accepted,
        "errors": errors,
        "sent": sent,
        "stored": Comment.objects.filter(article=article).count(),
    }


def posting_in_child(database_url):
    scratch = Path(tempfile.mkdtemp(prefix="healthsite-bench-post-"))
    result = subprocess.run(
        [sys.executable, __file__, "--posting", *(["--smoke"] if SMOKE else [])],
        env={
            **os.environ,
            "BENCH_DATABASE_URL": database_url or f"sqlite:///{scratch / 'posting.sqlite3'}",
            "BENCH_SCRATCH": str(scratch),
            "BENCH_SECRET": SECRET,
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode or not lines:
        return {"database": database_url or "sqlite", "failed": result.stderr[-2000:]}
    return json.loads(lines[-1])


def main():
    started, load_before, calibration_before = time.monotonic(), os.getloadavg(), calibration_ms()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    staff = get_user_model().objects.create_user(
        "bench", "bench@example.org", "bench", is_staff=True
    )
    articles = seed(staff)
    rows = {}
    for round_number in range(1, ROUNDS + 1):  # rounds spread over minutes, the lowest kept
        for article in articles:
            for per_page in PER_PAGE:
                set_paging(per_page)
                figures = in_process(article, per_page)
                row = rows.setdefault(
                    (article.comment_total, per_page),
                    {"size": article.comment_total, "per_page": per_page, **figures},
                )
                for name in TIMINGS:
                    row[name] = min(row[name], figures[name])
                print(
                    f"round {round_number} N={article.comment_total:>6} per page={per_page:>3}: "
                    f"{figures['queries']} queries, {figures['bytes'] / 1024:.0f} KB, "
                    f"uncached {figures['uncached_ms']:.1f} ms, session "
                    f"{figures['session_ms']:.1f} ms, anonymous {figures['anonymous_ms']:.1f} ms",
                    flush=True,
                )
    rows = list(rows.values())
    over_http(rows, articles)
    databases = [None]
    if os.environ.get("BENCH_POSTGRES_URL"):
        databases.append(os.environ["BENCH_POSTGRES_URL"])
    # Runs in turns (SQLite, PostgreSQL, SQLite, ...), for the reason HTTP_TURNS gives.
    posting = [
        {**posting_in_child(database), "run": run + 1}
        for run in range(POSTING_RUNS)
        for database in databases
    ]
    posting.sort(key=lambda result: (result["database"] != "sqlite", result["run"]))
    duration = time.monotonic() - started
    output = Path(os.environ.get("BENCH_OUTPUT") or Path(__file__).parent)
    bench_report.write(
        output,
        rows=rows,
        posting=posting,
        context={
            "duration": duration,
            "client": "wrk" if bench_http.wrk_available() else "Python http.client",
            "load_seconds": LOAD_SECONDS,
            "posting_seconds": POSTING_SECONDS,
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.platform()}",
            "python": platform.python_version(),
            "django": django.get_version(),
            "sqlite": connection.Database.sqlite_version,
            "load": f"{load_before[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end",
            "calibration": f"{calibration_before:.0f} ms at the start, {calibration_ms():.0f} ms "
            "at the end",
            "rounds": ROUNDS,
            "posting_runs": POSTING_RUNS,
        },
    )
    print((output / "RESULTS.md").read_text())


if __name__ == "__main__":
    if POSTING:
        print(json.dumps(posting_figures()))
    else:
        main()
