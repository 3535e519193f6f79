"""
Measure the WordPress import on a fresh SQLite database (not a test: timings are never asserted).

    python tests/wordpress/measure_import.py comments           # 10,000 comments on 200 posts
    python tests/wordpress/measure_import.py size --mb 200      # a 200 MB export: time, peak RSS

Prints the seconds taken (wall clock, and the CPU time of the import itself, which is what it
costs on an idle machine) and the process's peak resident memory.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.wordpress import wxr_files as wxr  # noqa: E402

PARAGRAPH = (
    "Sleep, movement and food work together: a short walk after dinner helps some people fall "
    "asleep sooner, and a regular wake-up time steadies the rest of the day. "
)


def thread(post_id, count):
    """`count` comments on one post: threads five deep, every tenth pending, one in 50 spam."""
    comments = []
    for n in range(count):
        wp_id = post_id * 1000 + n
        parent = wp_id - 1 if n % 5 else 0
        approved = "spam" if n % 50 == 49 else ("0" if n % 10 == 9 else "1")
        comments.append(
            wxr.comment(
                wp_id,
                author=f"Reader {n}",
                email=f"reader{n}@example.net",
                parent=parent,
                approved=approved,
                content=f"Comment {n}: {PARAGRAPH}\n\nA second paragraph, https://example.org/{n}",
                date_gmt=f"2021-04-{1 + n % 28:02d} 10:{n % 60:02d}:00",
            )
        )
    return comments


def write_comments_export(path, posts=200, per_post=50):
    with path.open("w", encoding="utf-8") as out:
        out.write(wxr.head())
        out.write(wxr.author("alice", "Alice Author"))
        for post_id in range(1, posts + 1):
            body = "\n\n".join([PARAGRAPH * 3] * 6)
            out.write(
                wxr.item(
                    post_id, f"Post {post_id}", content=body, comments=thread(post_id, per_post)
                )
            )
        out.write(wxr.TAIL)


def write_large_export(path, megabytes):
    """Posts with long bodies and a few comments each, until the file is `megabytes` big."""
    written, post_id = 0, 0
    with path.open("w", encoding="utf-8") as out:
        out.write(wxr.head())
        out.write(wxr.author("alice", "Alice Author"))
        while written < megabytes * 2**20:
            post_id += 1
            body = "\n\n".join([PARAGRAPH * 4] * 60)
            item = wxr.item(post_id, f"Post {post_id}", content=body, comments=thread(post_id, 10))
            out.write(item)
            written += len(item.encode())
        out.write(wxr.TAIL)
    return post_id


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["comments", "size"])
    parser.add_argument("--mb", type=int, default=200)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="wp-measure-"))
    os.environ.update(
        DEBUG="0",
        SECRET_KEY="measure-only-" + "x" * 50,
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        DJANGO_SETTINGS_MODULE="healthsite.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    from wordpress.importer import import_wordpress

    call_command("migrate", verbosity=0)
    export = folder / "export.xml"
    if args.what == "comments":
        write_comments_export(export)
    else:
        posts = write_large_export(export, args.mb)
        print(f"{posts} posts")
    print(
        f"export: {export.stat().st_size / 2**20:.1f} MB; peak RSS before: {peak_rss_mb():.0f} MB"
    )
    started, cpu_started = time.perf_counter(), cpu_seconds()
    run = import_wordpress(export)
    elapsed, cpu = time.perf_counter() - started, cpu_seconds() - cpu_started
    rows = run.report["rows"]
    print(
        f"imported {rows['post']['imported']} posts and {rows['comment']['imported']} comments "
        f"in {elapsed:.1f} s ({cpu:.1f} s of CPU; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores); peak RSS {peak_rss_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
