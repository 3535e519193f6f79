"""No commenter's email address in any public response: every public URL, fetched by an
anonymous reader, against comments of every status with distinct addresses."""

import pytest
from django.http import HttpResponse
from django.test import Client

from comments.models import Comment, DiscussionSettings
from comments.unsubscribe import unsubscribe_token
from tests.factories import (
    ArticleFactory,
    FlatPageFactory,
    PersonFactory,
    StaffFactory,
    TagFactory,
)

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

EMAILS = {
    "approved": "appr0ved.reader@example.net",
    "reply": "r3ply.writer@example.com",
    "pending": "pend1ng.person@example.org",
    "spam": "sp4m.sender@example.info",
    "removed": "rem0ved.voice@example.net",
    "staff": "st4ff.member@healthsite.example",
}


@pytest.fixture
def commented_site(discussion_settings):
    tag = TagFactory(slug="sleep")
    staff = StaffFactory(email=EMAILS["staff"])
    # The author is the staff member who replies: their page must not show their account.
    author = PersonFactory(slug="dana-writer", user=staff, bio="Dana writes about sleep.")
    article = ArticleFactory(tags=[tag], title="Chamomile and sleep", author=author)
    FlatPageFactory(url="/terms/", title="Terms")
    approved = CommentFactory(
        article=article,
        author_email=EMAILS["approved"],
        author_url="https://reader.example.org/",
        body="Chamomile tea works for me.",
        notify=True,
    )
    removed = CommentFactory(
        article=article, author_email=EMAILS["removed"], status=Comment.Status.REMOVED
    )
    CommentFactory(parent=removed, author_email=EMAILS["reply"], body="Chamomile again.")
    CommentFactory(parent=approved, staff=True, user=staff, body="Thanks for chamomile tips.")
    CommentFactory(article=article, author_email=EMAILS["pending"], status="pending")
    CommentFactory(article=article, author_email=EMAILS["spam"], status=Comment.Status.SPAM)
    assert set(Comment.objects.values_list("author_email", flat=True)) == set(EMAILS.values())
    return {"article": article, "tag": tag, "approved": approved, "author": author}


def public_urls(site):
    article = site["article"]
    return [
        "/",
        "/?page=1",
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?replyto={site['approved'].pk}",
        f"{article.get_absolute_url()}?cpage=1",
        article.category.get_absolute_url(),
        site["tag"].get_absolute_url(),
        site["author"].get_absolute_url(),
        f"{site['author'].get_absolute_url()}?page=1",
        "/search/?q=chamomile",
        "/search/?q=sleep",
        "/feeds/articles/",
        "/feeds/articles/atom/",
        f"/articles/{article.slug}/comments/feed/",
        f"/articles/{article.slug}/comments/",
        f"/comments/{site['approved'].pk}/",
        "/sitemap.xml",
        "/robots.txt",
        "/pages/terms/",
        "/no-such-page/",
        "/articles/no-such-article/",
        f"/comments/unsubscribe/{unsubscribe_token(site['approved'])}/",
        "/comments/unsubscribe/not-a-real-token/",
    ]


def leaks(response):
    text = " ".join(
        [response.content.decode(errors="replace"), *map(str, response.headers.items())]
    ).lower()
    return [
        address for address in EMAILS.values() if address in text or address.split("@")[0] in text
    ]


@pytest.mark.parametrize("avatars", ["initials", "gravatar"])
@pytest.mark.parametrize("comments_per_page", [0, 1])
def test_no_commenter_email_in_any_public_response(commented_site, avatars, comments_per_page):
    settings = DiscussionSettings.load()
    settings.avatars = avatars
    settings.comments_per_page = comments_per_page
    settings.save()
    reader = Client()

    found = {}
    statuses = {}
    for url in public_urls(commented_site):
        response = reader.get(url)
        statuses[url] = response.status_code
        if leaks(response):
            found[url] = leaks(response)

    assert found == {}
    assert statuses[commented_site["article"].get_absolute_url()] == 200
    assert statuses[commented_site["author"].get_absolute_url()] == 200
    assert statuses["/no-such-page/"] == 404
    assert all(status in (200, 302, 400, 404) for status in statuses.values()), statuses


def test_the_sweep_reads_the_pages_that_show_comments(client, commented_site):
    """The sweep covers pages where the comments really are drawn, so a leak would show."""
    article = commented_site["article"]

    page = client.get(article.get_absolute_url()).content.decode()
    feed = client.get(f"/articles/{article.slug}/comments/feed/").content.decode()

    assert "Chamomile tea works for me." in page
    assert "Thanks for chamomile tips." in page
    assert "Comment removed" in page
    assert "Chamomile tea works for me." in feed


def test_the_leak_finder_looks_at_content_and_headers():
    in_body = HttpResponse(f"Write to {EMAILS['spam'].upper()}")
    in_header = HttpResponse("nothing here")
    in_header["X-Debug"] = EMAILS["pending"].split("@")[0]

    assert leaks(in_body) == [EMAILS["spam"]]
    assert leaks(in_header) == [EMAILS["pending"]]
    assert leaks(HttpResponse("nothing here")) == []
