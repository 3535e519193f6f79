"""What the comment flow tells the commenter after a redirect, shown where they land: a pending
comment's message opens the discussion with the comment as it will appear; a published one's
sits beside the comment. Each message shows once, never in the page-top message area too."""

import pytest
from django.contrib.messages import INFO, SUCCESS
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string

from comments.models import Comment
from tests.comments.factories import comment_form_data
from tests.factories import ArticleFactory
from tests.markup import parse

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

AWAITING = "Thank you! Your comment is awaiting moderation"
PUBLISHED = "Thank you! Your comment is published."


def follow(client, response):
    assert response.status_code == 303
    return parse(client.get(response["Location"]))


def test_a_pending_comment_opens_the_discussion_with_the_message_and_the_comment(
    client, article, post_comment
):
    CommentFactory(article=article, body="An earlier comment.")
    response = post_comment(client, article, body="My own first comment.")

    pending = Comment.objects.get(body="My own first comment.")
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    discussion = follow(client, response).one("section", id="comments")
    notice = discussion.one(class_="discussion-notice")
    # Right under the heading, before the thread.
    assert [child.tag for child in discussion.children if hasattr(child, "tag")][:2] == [
        "h2",
        "div",
    ]
    assert AWAITING in notice.one(class_="alert").text
    preview = notice.one(class_="comment-preview")
    assert "My own first comment." in preview.text
    assert "Your comment is awaiting moderation." in preview.text
    assert "Dana Walker" in preview.text
    assert preview.find(id=f"comment-{pending.pk}") is None  # one element has the id
    in_place = preview.one("a", href=f"#comment-{pending.pk}")
    assert in_place.text == "See it in its place"
    assert discussion.one("li", id=f"comment-{pending.pk}")


def test_the_message_shows_once_and_not_at_the_top_of_the_page(client, article, post_comment):
    response = post_comment(client, article)

    page = follow(client, response)
    assert page.find("div", class_="messages") is None
    assert page.text.count(AWAITING) == 1
    again = parse(client.get(article.get_absolute_url()))
    assert AWAITING not in again.text
    assert again.find(class_="discussion-notice") is None
    pending = Comment.objects.get()
    assert again.one("li", id=f"comment-{pending.pk}")  # still shown in place to its author


def test_a_published_comment_has_the_message_beside_it(staff_client, article):
    CommentFactory(article=article)
    response = staff_client.post(
        f"/articles/{article.slug}/comments/", comment_form_data(article, body="Staff answer.")
    )

    reply = Comment.objects.get(body="Staff answer.")
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    page = follow(staff_client, response)
    item = page.one("li", id=f"comment-{reply.pk}")
    assert item.one(class_="comment-notice", role="status").text == PUBLISHED
    assert page.text.count(PUBLISHED) == 1
    assert page.find(class_="discussion-notice") is None


def test_a_published_comment_not_on_the_page_has_its_message_at_the_top(
    staff_client, article, discussion_settings
):
    discussion_settings.comments_per_page = 1
    discussion_settings.page_order = discussion_settings.PageOrder.OLDEST
    discussion_settings.save()
    CommentFactory(article=article, body="First thread.")
    staff_client.post(
        f"/articles/{article.slug}/comments/", comment_form_data(article, body="Staff thread.")
    )

    page = parse(staff_client.get(f"{article.get_absolute_url()}?cpage=1"))

    assert "Staff thread." not in page.text
    assert page.one(class_="discussion-notice").text == PUBLISHED


def test_a_closed_discussion_says_so_at_the_top_of_the_discussion(client, post_comment):
    closed = ArticleFactory(comments_open=False)

    page = follow(client, post_comment(client, closed))

    notice = page.one("section", id="comments").one(class_="discussion-notice")
    assert notice.text == "Your comment was not sent. Comments are closed on this article."


def test_other_messages_stay_at_the_top_of_the_page():
    html = render_to_string(
        "includes/messages.html",
        {
            "messages": [
                Message(INFO, "Saved.", extra_tags=""),
                Message(SUCCESS, "For the discussion.", extra_tags="discussion comment-4"),
            ]
        },
    )

    box = parse(html).one("div", class_="messages")
    assert box.text == "Saved."


def test_only_discussion_messages_leave_the_top_of_the_page():
    html = render_to_string(
        "includes/messages.html",
        {"messages": [Message(SUCCESS, "For the discussion.", extra_tags="discussion")]},
    )

    assert parse(html).find("div", class_="messages") is None
