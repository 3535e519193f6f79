"""The benchmark: how long large discussions and the moderation queue take. Run `make bench`.

It works in a throwaway SQLite database (or DATABASE_URL when set to a scratch database) and
prints, for discussions of 10, 1,000 and 10,000 comments, how long seeding took and the
article page's median time, size and SQL query count; then the moderation queue with 100,000
comments. Speed is measured here, not in the test suite.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRATCH = Path(tempfile.mkdtemp(prefix="healthsite-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{SCRATCH / 'bench.sqlite3'}")
os.environ.setdefault("MEDIA_ROOT", str(SCRATCH / "media"))
os.environ.setdefault("DEBUG", "1")
os.environ["ALLOWED_HOSTS"] = "testserver"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthsite.settings")
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import Article, Category  # noqa: E402
from comments import demo, threads  # noqa: E402
from comments.models import Comment  # noqa: E402

REPEAT = 5


def timed_get(client, url):
    client.get(url)  # warm-up
    durations = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        durations.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(durations), len(response.content), len(queries)


def discussion_rows(staff):
    category = Category.objects.create(name="Benchmarks", slug="benchmarks")
    rows = []
    for size in (10, 1_000, 10_000):
        article = Article.objects.create(
            title=f"{size} comments",
            slug=f"bench-{size}",
            body="Benchmark.",
            category=category,
            status=Article.Status.PUBLISHED,
        )
        start = time.perf_counter()
        demo.seed_bulk_comments(article=article, count=size, staff_user=staff)
        seeded = time.perf_counter() - start
        median, size_bytes, queries = timed_get(Client(), article.get_absolute_url())
        rows.append((size, seeded, median, size_bytes, queries))
    return rows


def queue_rows(staff):
    article = Article.objects.get(slug="bench-10")
    first = (Comment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    statuses = ["pending", "approved", "spam", "removed"]
    Comment.objects.bulk_create(
        [
            Comment(
                pk=pk,
                article=article,
                path=threads.segment(pk),
                depth=1,
                author_name=f"Reader {pk % 977}",
                author_email=f"reader{pk % 977}@example.org",
                body="A benchmark comment.",
                body_html="<p>A benchmark comment.</p>",
                status=statuses[pk % 4],
                ip_address=f"10.0.{pk % 250}.{pk % 200}",
            )
            for pk in range(first, first + 100_000)
        ],
        batch_size=5000,
    )
    demo._reset_id_sequence()
    client = Client()
    client.force_login(staff)
    rows = []
    for label, query in [
        ("queue (pending)", ""),
        ("all comments", "?status=all"),
        ("search by email", "?status=all&q=reader42%40example.org"),
    ]:
        median, _size, queries = timed_get(client, f"/admin/comments/comment/{query}")
        rows.append((label, median, queries))
    return rows, Comment.objects.count()


def main():
    call_command("migrate", verbosity=0)
    staff = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
    print(f"Database: {connection.vendor}; median of {REPEAT} requests after a warm-up\n")
    print(f"{'comments':>9} {'seed (s)':>9} {'page (ms)':>10} {'page (KB)':>10} {'queries':>8}")
    for size, seeded, median, size_bytes, queries in discussion_rows(staff):
        kilobytes = size_bytes / 1024
        print(f"{size:>9,} {seeded:>9.2f} {median * 1000:>10.1f} {kilobytes:>10.0f} {queries:>8}")
    rows, total = queue_rows(staff)
    print(f"\nModeration queue with {total:,} comments")
    print(f"{'view':<18} {'time (ms)':>10} {'queries':>8}")
    for label, median, queries in rows:
        print(f"{label:<18} {median * 1000:>10.1f} {queries:>8}")


if __name__ == "__main__":
    main()
