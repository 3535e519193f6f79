"""No cached page is ever stale, across processes: two gunicorn servers, each process with its
own local-memory cache (no REDIS_URL), share one database. A reader keeps asking server B for
an article (its anonymous copy cached there); changes made through server A's admin or by
another process (this test, as a command or the importer would) show on B's very next answer.
"""

import pytest
from django.contrib.auth.hashers import make_password

from comments import verbs
from comments.models import Comment
from tests.comments.staff_helpers import (
    QUEUE_URL,
    discussion_settings,
    make_comment,
    make_moderator,
)
from tests.factories import ArticleFactory
from tests.live_client import Visitor, csrf_token
from tests.servers import gunicorn
from tests.test_several_servers import (  # noqa: F401 (fixtures)
    PASSWORD,
    QuickHasher,
    app_servers,  # noqa: F811
    log_in,
    static_root,
)

pytestmark = [pytest.mark.live, pytest.mark.django_db(transaction=True)]


def start_single_process_servers(servers):
    """Two servers of one process each, so B's second answer is surely from B's cache."""
    for name in ("a", "b"):
        servers.running.append(
            gunicorn(workers=1, logs=servers.folder, name=name, **servers.environment)
        )
    return servers.running


def cached_page(reader, url):
    """B's page, asked twice: the second answer comes from B's own cache."""
    first = reader.get(url)
    second = reader.get(url)
    assert first.status == second.status == 200
    return second.body


def test_changes_made_elsewhere_show_at_once_on_another_servers_cached_page(
    shared_database,
    app_servers,  # noqa: F811
):
    article = ArticleFactory(title="Evening walks and sleep", slug="evening-walks")
    kept = make_comment(article, body="Kept: walking after dinner helped me.")
    waiting = make_comment(
        article, body="Waiting: a short stroll before bed.", status=Comment.Status.PENDING
    )
    moderator = make_moderator(username="desk")
    moderator.password = make_password(PASSWORD, hasher=QuickHasher())
    moderator.save(update_fields=["password"])
    server_a, server_b = start_single_process_servers(app_servers)
    reader = Visitor("198.51.100.7", [server_b])
    url = article.get_absolute_url()

    page = cached_page(reader, url)
    assert "Kept: walking" in page
    assert "Waiting: a short stroll" not in page

    # A moderator approves the pending comment through server A's admin.
    desk = Visitor("198.51.100.8", [server_a])
    log_in(desk, "desk")
    queue = desk.get(QUEUE_URL)
    answer = desk.post(
        QUEUE_URL,
        {
            "csrfmiddlewaretoken": csrf_token(queue),
            "action": "approve",
            "_selected_action": [waiting.pk],
            "index": "0",
        },
    )
    assert answer.status == 302
    page = cached_page(reader, url)
    assert "Waiting: a short stroll" in page

    # An editor changes the article (another process: here, this test).
    article.title = "Evening walks and better sleep"
    article.save()
    page = cached_page(reader, url)
    assert "Evening walks and better sleep" in page

    # The discussion settings change: replies allowed one level deep only, so no Reply link.
    assert "replyto=" in page
    discussion_settings(max_depth=1)
    page = cached_page(reader, url)
    assert "replyto=" not in page

    # A moderator removes a comment.
    verbs.remove(comments=[kept], by=moderator)
    page = cached_page(reader, url)
    assert "Kept: walking" not in page
    assert "Waiting: a short stroll" in page

    logs = app_servers.stop()
    assert [log.faults for log in logs] == [[], []]
