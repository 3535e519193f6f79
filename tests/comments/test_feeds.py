"""The comment feed of one article: RSS of its approved comments, newest first, each linking
to its place in the thread, with names and text and never an email address."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory
from tests.markup import parse

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def feed_url(article):
    return f"/articles/{article.slug}/comments/feed/"


def channel(response):
    return ET.fromstring(response.content).find("channel")  # noqa: S314 (our own response)


def items(response):
    return channel(response).findall("item")


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def commented(article):
    """Approved comments posted out of id order, and comments that are not public."""
    approved = {
        "middle": CommentFactory(article=article, author_name="Middle", created_at=ago(5)),
        "newest": CommentFactory(article=article, author_name="Newest", created_at=ago(1)),
        "oldest": CommentFactory(article=article, author_name="Oldest", created_at=ago(9)),
    }
    approved["reply"] = CommentFactory(
        parent=approved["oldest"], author_name="Replier", created_at=ago(3)
    )
    approved["staff"] = CommentFactory(
        parent=approved["middle"], staff=True, created_at=ago(2), body="From our team."
    )
    hidden = [
        CommentFactory(article=article, status=status, author_name=f"Hidden {status}")
        for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED)
    ]
    CommentFactory(author_name="On another article")
    return approved, hidden


def test_feed_is_rss_of_the_articles_approved_comments_newest_first(client, article, commented):
    response = client.get(feed_url(article))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    titles = [item.findtext("title") for item in items(response)]
    assert [title.split(" on ")[0] for title in titles] == [
        "Newest",
        "Erin Editor",
        "Replier",
        "Middle",
        "Oldest",
    ]
    assert all(title.endswith(f"“{article.title}”") for title in titles)


def test_each_item_links_to_its_comment_in_the_thread(client, article, commented):
    approved, _hidden = commented

    response = client.get(feed_url(article))

    links = {item.findtext("link") for item in items(response)}
    assert links == {
        f"http://testserver{article.get_absolute_url()}#comment-{comment.pk}"
        for comment in approved.values()
    }


def test_item_links_name_the_page_when_the_discussion_is_paged(
    client, article, commented, discussion_settings
):
    discussion_settings.comments_per_page = 1
    discussion_settings.save()
    approved, _hidden = commented

    links = {item.findtext("link") for item in items(client.get(feed_url(article)))}

    # One thread a page, in thread order: "middle" was posted first, "oldest" last.
    pages = {"middle": 1, "staff": 1, "newest": 2, "oldest": 3, "reply": 3}
    assert links == {
        f"http://testserver{article.get_absolute_url()}?cpage={pages[name]}#comment-{c.pk}"
        for name, c in approved.items()
    }


def test_item_descriptions_are_the_sanitised_comment_text(client, article):
    CommentFactory(article=article, body="Try this: https://example.org/tip\n<script>x</script>")

    description = items(client.get(feed_url(article)))[0].findtext("description")

    assert '<a href="https://example.org/tip" rel="nofollow ugc noopener">' in description
    assert "&lt;script&gt;x&lt;/script&gt;" in description
    assert "<script>" not in description


def test_feed_never_contains_an_email_address(client, article, commented):
    approved, hidden = commented

    response = client.get(feed_url(article))

    xml = response.content.decode()
    emails = [comment.author_email for comment in [*approved.values(), *hidden]]
    assert len(set(emails)) == len(emails) == 8
    for email in emails:
        assert email not in xml
        assert email.split("@")[0] not in xml
    assert "@" not in xml
    assert not any("@" in value for value in response.headers.values())


def test_feed_leaves_out_comments_that_are_not_public(client, article, commented):
    xml = client.get(feed_url(article)).content.decode()

    assert "Hidden" not in xml
    assert "On another article" not in xml


def test_feed_of_an_article_without_comments_is_empty_but_valid(client, article):
    response = client.get(feed_url(article))

    assert response.status_code == 200
    assert items(response) == []
    assert channel(response).findtext("title") == f"Comments on “{article.title}”"
    assert channel(response).findtext("link").endswith(f"{article.get_absolute_url()}#comments")


@pytest.mark.parametrize(
    "unpublished",
    [{"status": "draft", "published_at": None}, {"published_at": timezone.now() + timedelta(1)}],
    ids=["draft", "scheduled"],
)
def test_feed_of_an_unpublished_article_is_404(client, unpublished):
    article = ArticleFactory(**unpublished)
    CommentFactory(article=article)

    assert client.get(feed_url(article)).status_code == 404


def test_feed_of_an_unknown_article_is_404(client):
    assert client.get("/articles/nothing-here/comments/feed/").status_code == 404


def test_the_article_page_announces_its_comment_feed(client, article):
    page = parse(client.get(article.get_absolute_url()))
    feeds = [
        link["href"]
        for link in page.find_all("link", rel="alternate")
        if link.get("type") == "application/rss+xml"
    ]
    assert f"/articles/{article.slug}/comments/feed/" in feeds
