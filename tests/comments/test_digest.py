"""Service levels: the admin home says how many comments wait and how long the oldest has;
the daily digest (opt-in) emails moderators the comments that waited more than a day."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory
from tests.markup import parse

from .staff_helpers import (
    QUEUE_URL,
    discussion_settings,
    html_of,
    make_comment,
    make_moderator,
)

pytestmark = pytest.mark.django_db

Status = Comment.Status


def waiting(article, hours, **fields):
    return make_comment(
        article,
        status=Status.PENDING,
        created_at=timezone.now() - timedelta(hours=hours),
        **fields,
    )


# The admin home.


def test_admin_home_shows_the_age_of_the_oldest_pending_comment(moderator_client):
    article = ArticleFactory()
    waiting(article, 3.2)
    waiting(article, 0.5)
    make_comment(article, created_at=timezone.now() - timedelta(days=9))  # approved: not counted

    summary = parse(moderator_client.get("/admin/")).one(id="moderation-summary")

    assert "2 comments awaiting moderation" in summary.text
    assert summary.one(class_="moderation-oldest").text == "(oldest: 3 hours)"


def test_admin_home_with_nothing_pending_shows_no_age(moderator_client):
    summary = parse(moderator_client.get("/admin/")).one(id="moderation-summary")

    assert "0 comments awaiting moderation" in summary.text
    assert summary.find(class_="moderation-oldest") is None


def test_admin_home_summary_is_one_query(moderator_client, django_assert_max_num_queries):
    article = ArticleFactory()
    moderator_client.get("/admin/")
    with django_assert_max_num_queries(30) as few:
        moderator_client.get("/admin/")
    for hours in range(20):
        waiting(article, hours)

    with django_assert_max_num_queries(len(few.captured_queries)):
        moderator_client.get("/admin/")


# The digest command.


def digest(*args):
    out = io.StringIO()
    call_command("send_moderation_digest", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def overdue():
    """Comments that waited more than a day on two articles, and one that did not yet."""
    make_moderator(email="mo@example.org")
    sleep = ArticleFactory(title="Sleep and screens")
    tea = ArticleFactory(title="Green tea")
    comments = {
        "oldest": waiting(tea, 50, author_name="Olive", body="Is matcha different?"),
        "sleep": waiting(sleep, 30, author_name="Sid", body="Blue light filters?"),
        "tea": waiting(tea, 26, author_name="Tam", body="How much is too much?"),
        "recent": waiting(sleep, 5, author_name="Rae", body="Thanks for this."),
    }
    return {"sleep": sleep, "tea": tea, **comments}


def test_off_by_default_sends_nothing_and_says_so(overdue, mailoutbox):
    output = digest()

    assert "Nothing sent: the daily moderation digest is off" in output
    assert mailoutbox == []


def test_nothing_overdue_sends_nothing_and_says_so(mailoutbox):
    discussion_settings(moderation_digest=True)
    make_moderator(email="mo@example.org")
    waiting(ArticleFactory(), 23)

    output = digest()

    assert output.strip() == "Nothing sent: no comment has waited more than a day."
    assert mailoutbox == []


def test_the_digest_lists_overdue_comments_by_article_with_admin_links(overdue, mailoutbox):
    discussion_settings(moderation_digest=True)

    output = digest()

    assert output.strip() == (
        "Sent the moderation digest: 3 overdue comment(s) on 2 article(s), to 1 moderator(s)."
    )
    [message] = mailoutbox
    assert message.to == ["mo@example.org"]
    assert message.subject == "3 comments have waited more than a day for moderation"
    text = message.body
    assert "Thanks for this." not in text  # five hours: not overdue
    # The article whose comment waited longest first; its comments oldest first.
    assert text.index("== Green tea (2) ==") < text.index("== Sleep and screens (1) ==")
    assert text.index("Is matcha different?") < text.index("How much is too much?")
    for comment in (overdue["oldest"], overdue["sleep"], overdue["tea"]):
        link = f"http://testserver/admin/comments/comment/{comment.pk}/change/"
        assert link in text and f'href="{link}"' in html_of(message)
    assert "waiting for 2\xa0days, 2\xa0hours" in text


def test_the_digest_links_each_article_to_its_pending_queue(overdue, mailoutbox):
    discussion_settings(moderation_digest=True)

    digest()

    queue = f"http://testserver{QUEUE_URL}?status=pending&article__id__exact={overdue['tea'].article_id}"
    assert queue in mailoutbox[0].body
    assert f'<a href="{queue.replace("&", "&amp;")}">Green tea</a>' in html_of(mailoutbox[0])


def test_dry_run_says_what_it_would_send(overdue, mailoutbox):
    discussion_settings(moderation_digest=True)

    output = digest("--dry-run")

    assert "Would send the digest: 3 overdue comment(s) on 2 article(s)" in output
    assert mailoutbox == []


def test_no_moderator_to_write_to_is_an_error(mailoutbox):
    discussion_settings(moderation_digest=True)
    waiting(ArticleFactory(), 30)

    with pytest.raises(CommandError, match="no active moderator has an email address"):
        digest()
    assert mailoutbox == []


def test_a_mail_server_failure_is_an_error(overdue, settings):
    discussion_settings(moderation_digest=True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there

    with pytest.raises(CommandError, match="The digest could not be sent"):
        digest()


def test_the_setting_is_on_the_discussion_settings_page(moderator_client):
    page = parse(moderator_client.get("/admin/comments/discussionsettings/1/change/"))

    assert "daily digest to moderators" in page.one(class_="field-moderation_digest").text.lower()
