"""Two app servers (gunicorn, 2 workers each) behind one imagined load balancer, sharing one
database and, when REDIS_URL is set, one Redis: every comment is kept once, no answer is a
server error, approvals from both servers add up, and the per-address limit holds across the
servers when they share Redis. Without it each process counts alone (see the README,
"Deploying on several servers").

`.ci/run` runs these on SQLite (one file, as on one machine) and on PostgreSQL with Redis.
The figures are printed at the end of the run's output.
"""

import os
import re
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from comments.models import Comment
from comments.stamps import issue_stamp, submission_key
from comments.tasks import send_moderator_alert
from tests.comments.staff_helpers import QUEUE_URL, discussion_settings, make_moderator
from tests.concurrency import run_together
from tests.factories import ArticleFactory
from tests.markup import parse

from .live_client import Visitor, csrf_token, refusal_message
from .live_site import AppServers, collect_static
from .test_site import PRODUCTION_SECRET

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]

READERS = 8
COMMENTS_EACH = 100
# Every tenth form is sent to both servers at the same moment (a double click through the
# load balancer): one comment is stored, both answers send the reader to it.
SENT_TWICE_EVERY = 10
MODERATORS = 2
PASSWORD = "correct horse battery"
# Far above what one reader sends in a run: nothing in the throughput test is refused.
HIGH_LIMIT = 1000
# The cross-server limit: one address, 12 posts alternating between the servers.
LIMIT = 5
LIMITED_POSTS = 12
# Between two looks at the queue: moderators read before they click.
MODERATOR_PAUSE = 1
# A moderator's loop ends at the latest this long after the readers are done.
MODERATION_GRACE_SECONDS = 60


class QuickHasher(PBKDF2PasswordHasher):
    """The servers' own algorithm, with few rounds: logging in is quick, and the server then
    stores the password again with its full number of rounds, as after an upgrade."""

    iterations = 1000


@pytest.fixture(scope="session")
def static_root(tmp_path_factory):
    folder = tmp_path_factory.mktemp("static")
    collect_static(folder)
    return folder


@pytest.fixture
def app_servers(shared_database, settings, static_root, tmp_path):
    """AppServers on this test's data; from here on SECRET_KEY is the servers', so the form
    stamps and the sessions made in the test are theirs. Stopped at the end if still up."""
    settings.SECRET_KEY = PRODUCTION_SECRET
    servers = AppServers(static_root, tmp_path)
    yield servers
    servers.stop()


def comment_form(article, token, *, reader, number):
    return {
        "csrfmiddlewaretoken": token,
        "name": f"Reader {reader}",
        "email": f"reader{reader}@example.org",
        "website": "",
        "body": f"Reader {reader}, comment {number}: an evening walk helped me sleep.",
        "parent": "",
        "homepage": "",
        # Drawn 10 s ago, past the 3-second "too fast" rule, with its own one-time key.
        "issued": issue_stamp(article, issued_at=time.time() - 10),
    }


def post_as_reader(visitor, article, reader):
    """One reader's comments: [(submission key, [answers])], the answers of a form sent to
    both servers at once in one list."""
    token = csrf_token(visitor.get(article.get_absolute_url()))
    url = reverse("comments:post", kwargs={"slug": article.slug})
    sent = []
    for number in range(COMMENTS_EACH):
        form = comment_form(article, token, reader=reader, number=number)
        if number % SENT_TWICE_EVERY == SENT_TWICE_EVERY - 1:
            answers = run_together(
                *(
                    lambda s=server, f=form: visitor.post(url, f, server=s)
                    for server in visitor.servers
                )
            )
        else:
            answers = [visitor.post(url, form)]
        sent.append((submission_key(form["issued"]), answers))
    return sent


def log_in(visitor, username):
    login_url = "/admin/login/?next=/admin/"
    token = csrf_token(visitor.get(login_url))
    answer = visitor.post(
        login_url,
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
    )
    assert (answer.status, answer.location) == (302, "/admin/"), answer.body[:500]


SELECTABLE = re.compile(r'name="_selected_action" value="(\d+)"')
MESSAGES = re.compile(r'<ul class="messagelist">(.*?)</ul>', re.DOTALL)
APPROVED = re.compile(r"(\d+) comments? approved\.")


def moderate(visitor, readers_done):
    """Approve the first page of the queue (its default view: pending), every
    MODERATOR_PAUSE, each request to the next server, until the readers are done and the
    queue is empty. Returns the approvals the admin reported in its messages, summed, and
    the ids of the comments this desk selected."""
    reported = 0
    chosen = set()
    deadline = None
    while True:
        queue = visitor.get(QUEUE_URL)
        assert queue.status == 200, queue.body[:500]
        for messages in MESSAGES.findall(queue.body):
            reported += sum(int(count) for count in APPROVED.findall(messages))
        selected = SELECTABLE.findall(queue.body)
        chosen.update(selected)
        if selected:
            answer = visitor.post(
                QUEUE_URL,
                {
                    "csrfmiddlewaretoken": csrf_token(queue),
                    "action": "approve",
                    "_selected_action": selected,
                    "index": "0",
                },
            )
            assert answer.status == 302, answer.body[:500]
        elif readers_done.is_set():
            return reported, chosen
        if readers_done.is_set():
            deadline = deadline or time.monotonic() + MODERATION_GRACE_SECONDS
            assert time.monotonic() < deadline, "the queue did not empty"
        time.sleep(MODERATOR_PAUSE)


def comment_count_on_page(answer):
    """The number in the discussion's heading ("1,234 Comments")."""
    heading = parse(answer.body).one("h2", id="comments-heading").text
    return int(heading.split()[0].replace(",", ""))


def alerts_queued():
    """{comment id: moderator alerts queued for it} in the database's task queue."""
    tasks = DBTaskResult.objects.filter(task_path=send_moderator_alert.module_path)
    return Counter(task["args"][0] for task in tasks.values_list("args_kwargs", flat=True))


def readers_and_desks(servers, article, moderators):
    """READERS post while the moderators' desks approve, all through both servers. Returns
    the readers' [(submission key, [answers])], and per desk the approvals reported and the
    comments it selected."""
    desks = [Visitor(f"192.0.2.{n + 1}", servers, first=n) for n in range(len(moderators))]
    readers = [Visitor(f"198.51.100.{n + 1}", servers, first=n) for n in range(READERS)]
    readers_done = threading.Event()
    with ThreadPoolExecutor(max_workers=len(readers) + len(desks)) as pool:
        list(pool.map(log_in, desks, [moderator.username for moderator in moderators]))
        approving = [pool.submit(moderate, desk, readers_done) for desk in desks]
        try:
            posting = [
                pool.submit(post_as_reader, reader, article, n) for n, reader in enumerate(readers)
            ]
            sent = [form for job in posting for form in job.result()]
        finally:
            readers_done.set()
        reported, chosen = zip(*(job.result() for job in approving), strict=True)
    return sent, reported, chosen


def test_two_servers_keep_every_comment_once_and_count_approvals_once(app_servers, live_report):
    """8 readers post 100 comments each through both servers (every tenth form sent to both
    at once) while 2 moderators approve from both: each form is stored once, every post is
    accepted, nothing answers 5xx, no server logs a fault, each comment queues one alert for
    the moderators, their reported approvals add up to the approved rows, and the page counts
    them all."""
    article = ArticleFactory(title="Evening walks and sleep", slug="evening-walks")
    discussion_settings(
        rate_limit_per_minute=HIGH_LIMIT, rate_limit_per_hour=HIGH_LIMIT, comments_per_page=50
    )
    moderators = [make_moderator(username=f"desk{n}") for n in range(MODERATORS)]
    for moderator in moderators:
        moderator.password = make_password(PASSWORD, hasher=QuickHasher())
        moderator.save(update_fields=["password"])
    servers = app_servers.start(2)
    started, cpu_before = time.monotonic(), os.times()

    sent, reported, chosen = readers_and_desks(servers, article, moderators)
    duration = time.monotonic() - started
    page = Visitor("198.51.100.99", servers).get(article.get_absolute_url())
    logs = app_servers.stop()
    cpu = [after - before for after, before in zip(os.times(), cpu_before, strict=True)]

    answers = [answer for _key, pair in sent for answer in pair]
    statuses = Counter(answer.status for answer in answers)
    refusals = [answer for answer in answers if 400 <= answer.status < 500]
    accepted_keys = [key for key, pair in sent if any(a.status == 303 for a in pair)]
    stored = Comment.objects.filter(article=article)
    stored_keys = Counter(stored.values_list("submission_key", flat=True))
    approved = stored.filter(status=Comment.Status.APPROVED).count()
    live_report(
        f"{app_servers.stack}: {len(sent)} forms ({len(answers)} posts), accepted "
        f"{len(accepted_keys)}, stored {stored.count()}; answers {dict(statuses)}; refusals "
        f"{dict(Counter(a.status for a in refusals))}; 5xx {sum(a.status >= 500 for a in answers)}"
        f"; approved {approved}, reported by the desks {list(reported)} (selected by both: "
        f"{len(set.intersection(*chosen))}); count on the page {comment_count_on_page(page)}; "
        f"requests per server {[len(log.requests) for log in logs]}; {duration:.1f} s, CPU "
        f"{cpu[2] + cpu[3]:.1f} s in the servers, {cpu[0] + cpu[1]:.1f} s in the clients"
    )

    assert [log.faults for log in logs] == [[] for _log in logs]
    assert not [answer for answer in answers if answer.status >= 500]
    assert all(refusal_message(answer) for answer in refusals)
    assert len(accepted_keys) == len(set(accepted_keys)) == READERS * COMMENTS_EACH
    assert stored_keys == Counter(accepted_keys)
    assert statuses == {303: len(answers)}
    assert alerts_queued() == Counter(stored.values_list("pk", flat=True))
    assert approved == len(accepted_keys)
    assert sum(reported) == approved
    assert page.status == 200
    assert comment_count_on_page(page) == approved
    assert all(log.requests for log in logs), "each server answered requests"


def start_of_a_fresh_hour():
    """Wait, when the hour is about to turn, for the next one: the hourly window of the
    limit then spans the whole test."""
    left = 3600 - time.time() % 3600
    if left < 30:
        time.sleep(left + 1)


def test_one_address_is_limited_in_total_across_servers(app_servers, live_report):
    """12 comments from one address, alternating between the servers, with a limit of 5 an
    hour: with Redis, 5 pass and 7 are refused (429 with a message and Retry-After). Without
    it each server's workers count their own, and at least 5 pass on each server."""
    article = ArticleFactory()
    discussion_settings(rate_limit_per_minute=HIGH_LIMIT, rate_limit_per_hour=LIMIT)
    servers = app_servers.start(2)
    start_of_a_fresh_hour()
    visitor = Visitor("203.0.113.9", servers)
    token = csrf_token(visitor.get(article.get_absolute_url()))
    url = reverse("comments:post", kwargs={"slug": article.slug})

    answers = [
        visitor.post(url, comment_form(article, token, reader=9, number=n))
        for n in range(LIMITED_POSTS)
    ]
    logs = app_servers.stop()

    accepted = [answer for answer in answers if answer.status == 303]
    refused = [answer for answer in answers if answer.status != 303]
    stored = Comment.objects.filter(article=article).count()
    live_report(
        f"{app_servers.stack}, limit {LIMIT} an hour, one address, {LIMITED_POSTS} posts "
        f"alternating between the servers: accepted {len(accepted)} (per server "
        f"{[sum(a.port == s.port for a in accepted) for s in servers]}), refused "
        f"{dict(Counter(a.status for a in refused))}, stored {stored}"
    )

    assert [log.faults for log in logs] == [[] for _log in logs]
    assert stored == len(accepted)
    assert all(answer.status == 429 for answer in refused)
    assert all("Please wait about" in refusal_message(answer) for answer in refused)
    assert all(int(answer.headers["Retry-After"]) > 0 for answer in refused)
    if app_servers.shared_cache:
        assert [answer.status for answer in answers] == [303] * LIMIT + [429] * (
            LIMITED_POSTS - LIMIT
        )
    else:
        # Each server (each worker, even) counts alone: what the README warns of.
        assert len(accepted) >= 2 * LIMIT
