"""Comments awaiting moderation in their place on the article, for moderators only: marked,
with Approve and Spam; readers (anonymous, staff who do not moderate, other commenters) never
see them; the thread is still read in one query and the page is never cached."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.factories import ArticleFactory, StaffFactory
from tests.markup import parse

from .desk_helpers import act_url, bulk_pending, form_fields
from .staff_helpers import client_for, discussion_settings, make_comment, post_comment
from .thread_markup import thread_tree

pytestmark = pytest.mark.django_db

Status = Comment.Status
PENDING_TEXT = "A comment still awaiting moderation."


@pytest.fixture
def article():
    return ArticleFactory(title="Sleep and the body clock")


@pytest.fixture
def thread(article):
    """An approved comment with a pending reply, a pending top-level comment, and a pending
    reply under a comment marked as spam (which only shows as "comment removed")."""
    first = make_comment(article, body="Approved text.")
    reply = make_comment(article, parent=first, status=Status.PENDING, body=PENDING_TEXT)
    top = make_comment(article, status=Status.PENDING, body="Pending at the top.")
    spam = make_comment(article, body="Spam text.")
    under_spam = make_comment(article, parent=spam, status=Status.PENDING, body="Under spam.")
    Comment.objects.filter(pk=spam.pk).update(status=Status.SPAM)
    return type(
        "Thread",
        (),
        {"first": first, "reply": reply, "top": top, "spam": spam, "under_spam": under_spam},
    )


def page_of(client, article):
    return client.get(article.get_absolute_url())


def test_moderators_see_pending_comments_in_their_place(moderator_client, article, thread):
    response = page_of(moderator_client, article)

    assert thread_tree(response) == [
        (thread.first.pk, [(thread.reply.pk, [])]),
        (thread.top.pk, []),
        ("removed", [(thread.under_spam.pk, [])]),
    ]
    page = parse(response)
    item = page.one("li", id=f"comment-{thread.reply.pk}")
    assert "comment-awaiting" in item.classes
    assert item.one("p", class_="comment-awaiting-moderation").text == "Awaiting moderation"
    forms = item.one("div", class_="comment-moderation").find_all("form")
    assert [(f["action"], f.one("button").text) for f in forms] == [
        (act_url(thread.reply, "approve"), "Approve"),
        (act_url(thread.reply, "spam"), "Spam"),
    ]
    fields = form_fields(forms[0])
    assert fields["origin"] == "article"
    assert fields["csrfmiddlewaretoken"]
    assert page.one("script", src="/static/js/moderate.js")
    assert "Spam text." not in response.content.decode()
    assert page.one("h2", id="comments-heading").text == "1 Comment"  # still the public count


def test_approved_comments_carry_no_moderation_buttons(moderator_client, article, thread):
    page = parse(page_of(moderator_client, article))

    first = page.one("li", id=f"comment-{thread.first.pk}").find("article", class_="comment-body")
    assert first.find("div", class_="comment-moderation") is None
    assert len(page.find_all("div", class_="comment-moderation")) == 3


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_readers_and_staff_who_do_not_moderate_never_see_them(client, article, thread, who):
    viewer = client if who == "anonymous" else client_for(StaffFactory())

    response = page_of(viewer, article)

    body = response.content.decode()
    for text in (PENDING_TEXT, "Pending at the top.", "Under spam.", "Awaiting moderation"):
        assert text not in body
    assert thread_tree(response) == [(thread.first.pk, [])]
    assert parse(response).find("script", src="/static/js/moderate.js") is None
    assert viewer.get(f"/comments/{thread.reply.pk}/").status_code == 404


def test_another_commenter_sees_only_their_own_pending_comment(client, article, thread):
    post_comment(client, article, body="My own question, awaiting moderation.")
    mine = Comment.objects.get(body="My own question, awaiting moderation.")

    response = page_of(client, article)

    assert thread_tree(response) == [(thread.first.pk, []), (mine.pk, [])]
    assert PENDING_TEXT not in response.content.decode()
    own = parse(response).one("li", id=f"comment-{mine.pk}")
    assert own.one("p", class_="comment-awaiting-moderation").text == (
        "Your comment is awaiting moderation."
    )
    assert own.find("div", class_="comment-moderation") is None


def test_staff_pages_are_never_cached(moderator_client, client, article, thread):
    staff = page_of(moderator_client, article)
    reader = page_of(client, article)

    for directive in ("no-cache", "no-store", "private", "max-age=0"):
        assert directive in staff["Cache-Control"]
    assert "no-store" not in reader.get("Cache-Control", "")


def test_the_thread_is_still_read_in_one_query(moderator_client, article):
    """The page costs the same with 5 or 200 pending comments: their rows come with the
    approved ones."""
    make_comment(article)
    bulk_pending(article, 5)
    page_of(moderator_client, article)  # creates the settings rows (new versions)
    page_of(moderator_client, article)  # caches the related posts under those versions
    with CaptureQueriesContext(connection) as few:
        page_of(moderator_client, article)
    bulk_pending(article, 195)
    with CaptureQueriesContext(connection) as many:
        response = page_of(moderator_client, article)

    assert len(many) == len(few)
    assert len(parse(response).find_all("li", class_="comment-awaiting")) == 200
    thread_reads = [q for q in many.captured_queries if 'FROM "comments_comment"' in q["sql"]]
    assert len(thread_reads) == 1


def test_view_in_context_of_a_pending_comment_lands_on_it(moderator_client, article, thread):
    response = moderator_client.get(f"/comments/{thread.top.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{thread.top.pk}"


def test_paged_discussion_shows_a_pending_thread_on_the_page_its_link_names(
    moderator_client, article
):
    """A pending thread between the second and the third public one belongs to page 1 (the
    pages' ranges of paths end where the next page's first thread starts)."""
    discussion_settings(comments_per_page=2)
    approved = [make_comment(article), make_comment(article)]
    pending = make_comment(article, status=Status.PENDING)
    approved += [make_comment(article), make_comment(article)]

    location = moderator_client.get(f"/comments/{pending.pk}/")["Location"]

    assert location == f"{article.get_absolute_url()}?cpage=1#comment-{pending.pk}"
    ids = [tree[0] for tree in thread_tree(moderator_client.get(location))]
    assert ids == [approved[0].pk, approved[1].pk, pending.pk]
