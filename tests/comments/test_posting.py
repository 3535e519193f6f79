"""Posting through the article's comment form: what is stored, where the reader is sent, what
they are told, and which replies and discussions are refused."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from comments import posting
from comments.models import Comment
from comments.stamps import submission_key
from tests.factories import ArticleFactory, StaffFactory, UserFactory
from tests.markup import parse

from .factories import CommentFactory, comment_form_data

pytestmark = pytest.mark.django_db

AWAITING_MESSAGE = "Your comment is awaiting moderation"
AWAITING_NOTE = "Your comment is awaiting moderation."
CLOSED_MESSAGE = "Comments are closed on this article."


def comments_url(article):
    return reverse("comments:post", kwargs={"slug": article.slug})


def page_messages(client, response):
    """The messages the comment flow shows at the top of the discussion, on the page a
    redirect leads to (never in the page-top message area as well)."""
    page = parse(client.get(response["Location"]))
    assert page.find("div", class_="messages") is None
    return " ".join(
        box.text for box in page.one(id="comments").find_all(class_="discussion-notice")
    )


def parent_error(response):
    box = parse(response).find("div", class_="parent-errors")
    return box.text if box else ""


# A comment and a reply ---------------------------------------------------------------------


def test_top_level_comment_is_stored_pending_and_the_reader_told_it_awaits_moderation(
    client, article, post_comment
):
    response = post_comment(
        client,
        article,
        name="  Dana   Walker ",
        email="Dana.Walker@Example.COM",
        website="https://dana.example.org/",
        body="Walking after dinner helped me.\n\nSecond thought: https://example.org/sleep",
        notify="on",
        ip="203.0.113.9",
        user_agent="Mozilla/5.0 (X11; Linux) Firefox/140.0",
    )

    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert (comment.article, comment.parent, comment.depth) == (article, None, 1)
    assert comment.path == f"{comment.pk:010d}"
    assert comment.author_name == "Dana Walker"
    assert comment.author_email == "dana.walker@example.com"
    assert comment.author_url == "https://dana.example.org/"
    assert comment.notify is True
    assert not comment.is_staff_reply and comment.user is None
    assert comment.ip_address == "203.0.113.9"
    assert comment.user_agent == "Mozilla/5.0 (X11; Linux) Firefox/140.0"
    assert comment.body.startswith("Walking after dinner")
    assert comment.body_html == (
        "<p>Walking after dinner helped me.</p>\n<p>Second thought: "
        '<a href="https://example.org/sleep" rel="nofollow ugc noopener">'
        "https://example.org/sleep</a></p>"
    )
    assert AWAITING_MESSAGE in page_messages(client, response)


def test_reply_is_stored_pending_under_its_parent(client, post_comment):
    parent = CommentFactory()

    response = post_comment(client, parent.article, parent=str(parent.pk), body="Same for me.")

    assert response.status_code == 303
    assert response["Location"] == f"{parent.article.get_absolute_url()}#comments"
    reply = Comment.objects.get(parent=parent)
    assert reply.status == Comment.Status.PENDING
    assert reply.depth == 2
    assert reply.path == parent.path + f"{reply.pk:010d}"
    assert AWAITING_MESSAGE in page_messages(client, response)


def test_a_very_long_user_agent_is_kept_shortened(client, article, post_comment):
    response = post_comment(client, article, user_agent="Agent/" + "x" * 500)

    assert response.status_code == 303
    assert Comment.objects.get().user_agent == ("Agent/" + "x" * 500)[:300]


def test_a_signed_in_reader_who_is_not_staff_is_held_like_anyone(client, article, post_comment):
    client.force_login(UserFactory())

    post_comment(client, article)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert not comment.is_staff_reply
    assert comment.author_name == "Dana Walker"


def test_the_form_is_csrf_protected(article, comment_data):
    client = Client(enforce_csrf_checks=True)

    response = client.post(comments_url(article), comment_data(article))

    assert response.status_code == 403
    assert not Comment.objects.exists()


# Reply rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status", [Comment.Status.PENDING, Comment.Status.REMOVED, Comment.Status.SPAM]
)
def test_reply_to_a_comment_that_is_not_public_is_a_form_error(client, post_comment, status):
    parent = CommentFactory(status=status)

    response = post_comment(client, parent.article, parent=str(parent.pk), body="Me too!")

    assert response.status_code == 200
    assert "not available" in parent_error(response)
    assert Comment.objects.count() == 1
    assert "Me too!" in parse(response).one("textarea", name="body").text


def test_reply_to_a_comment_on_another_article_is_a_form_error(client, article, post_comment):
    elsewhere = CommentFactory()

    response = post_comment(client, article, parent=str(elsewhere.pk))

    assert response.status_code == 200
    assert "not available" in parent_error(response)
    assert Comment.objects.count() == 1


def test_reply_to_a_comment_at_the_default_max_depth_of_5_is_a_form_error(
    client, discussion, post_comment
):
    assert discussion.e.depth == 5

    response = post_comment(client, discussion.article, parent=str(discussion.e.pk))

    assert response.status_code == 200
    assert "as deep as replies go" in parent_error(response)
    assert not Comment.objects.filter(parent=discussion.e).exists()


def test_reply_just_above_the_max_depth_is_accepted(client, discussion, post_comment):
    response = post_comment(client, discussion.article, parent=str(discussion.d.pk), body="Deep")

    assert response.status_code == 303
    assert Comment.objects.get(body="Deep").depth == 5


def test_max_depth_follows_the_discussion_settings(
    client, discussion, post_comment, discussion_settings
):
    discussion_settings.max_depth = 2
    discussion_settings.save()

    too_deep = post_comment(client, discussion.article, parent=str(discussion.b.pk), body="No")
    allowed = post_comment(client, discussion.article, parent=str(discussion.a.pk), body="Yes")

    assert too_deep.status_code == 200
    assert "as deep as replies go" in parent_error(too_deep)
    assert allowed.status_code == 303
    assert Comment.objects.get(body="Yes").depth == 2
    assert not Comment.objects.filter(body="No").exists()


def test_max_depth_of_1_turns_replies_off(client, discussion, post_comment, discussion_settings):
    discussion_settings.max_depth = 1
    discussion_settings.save()

    response = post_comment(client, discussion.article, parent=str(discussion.a.pk))

    assert response.status_code == 200
    assert "as deep as replies go" in parent_error(response)


@pytest.mark.parametrize(
    "raw",
    [
        "abc",
        "1e3",
        "-1",
        "1.0",
        "0x1",
        "1;DROP TABLE",
        "99999999",
        "²",
        "١٢",
        "9" * 19,  # above the largest 64-bit id
        "9" * 20,
        "9" * 4301,  # int() refuses more than 4,300 digits
        "0" * 4300 + "1",
    ],
    ids=lambda raw: raw if len(raw) < 20 else f"{len(raw)}-digits",
)
def test_reply_to_a_parent_that_is_not_a_comment_id_is_a_form_error(
    client, article, post_comment, raw
):
    CommentFactory(article=article)

    response = post_comment(client, article, parent=raw)

    assert response.status_code == 200
    assert parent_error(response)
    assert Comment.objects.count() == 1
    # Sent again, it is a new comment (the form says so): the bad parent is not kept.
    assert parse(response).one("input", name="parent").get("value", "") == ""
    assert "post it as a new comment" in parent_error(response)


# Closed discussions ------------------------------------------------------------------------


@pytest.fixture
def closed_by_flag():
    return ArticleFactory(comments_open=False)


@pytest.fixture
def closed_by_age(discussion_settings):
    discussion_settings.close_after_days = 30
    discussion_settings.save()
    return ArticleFactory(published_at=timezone.now() - timedelta(days=31))


@pytest.mark.parametrize("closed", ["closed_by_flag", "closed_by_age"])
def test_closed_discussion_shows_a_notice_instead_of_the_form(client, request, closed):
    article = request.getfixturevalue(closed)
    CommentFactory(article=article, author_name="Earlier Reader")

    page = parse(client.get(article.get_absolute_url()))

    assert page.find("form", id="comment-form") is None
    assert page.one("p", class_="comments-closed").text == CLOSED_MESSAGE
    assert "Earlier Reader" in page.one("section", id="comments").text
    assert page.find("a", class_="comment-reply-link") is None


@pytest.mark.parametrize("closed", ["closed_by_flag", "closed_by_age"])
def test_post_to_a_closed_discussion_is_refused_with_a_message(
    client, request, closed, post_comment
):
    article = request.getfixturevalue(closed)

    response = post_comment(client, article)

    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comments"
    assert CLOSED_MESSAGE in page_messages(client, response)
    assert not Comment.objects.exists()


def test_staff_cannot_post_to_a_closed_discussion_either(staff_client, closed_by_flag):
    response = staff_client.post(comments_url(closed_by_flag), {"body": "Staff here."})

    assert response.status_code == 303
    assert not Comment.objects.exists()


def test_discussion_younger_than_the_closing_age_is_open(
    client, discussion_settings, post_comment
):
    discussion_settings.close_after_days = 30
    discussion_settings.save()
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=29))

    assert parse(client.get(article.get_absolute_url())).find("form", id="comment-form")
    assert post_comment(client, article).status_code == 303
    assert Comment.objects.count() == 1


def test_get_on_the_comments_url_goes_to_the_discussion(client, article):
    response = client.get(comments_url(article))

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#comments"


@pytest.mark.parametrize(
    "unpublished",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"published_at": timezone.now() + timedelta(days=2)},
    ],
    ids=["draft", "scheduled"],
)
def test_post_to_an_unpublished_article_is_404(client, post_comment, unpublished):
    article = ArticleFactory(**unpublished)

    assert post_comment(client, article).status_code == 404
    assert client.get(comments_url(article)).status_code == 404
    assert not Comment.objects.exists()


def test_post_to_an_unknown_article_is_404(client):
    assert client.post("/articles/no-such-article/comments/", {"body": "Hi"}).status_code == 404


# Staff replies -----------------------------------------------------------------------------


def test_staff_comment_is_a_staff_reply_published_at_once(staff_client, staff_user, discussion):
    response = staff_client.post(
        comments_url(discussion.article),
        {"body": "Thanks for sharing, A!", "parent": str(discussion.a.pk)},
        REMOTE_ADDR="198.51.100.4",
    )

    reply = Comment.objects.get(body="Thanks for sharing, A!")
    assert response.status_code == 303
    assert response["Location"] == f"{discussion.article.get_absolute_url()}#comment-{reply.pk}"
    assert reply.status == Comment.Status.APPROVED
    assert reply.is_staff_reply
    assert reply.user == staff_user
    assert reply.author_name == "Erin Editor"
    assert reply.moderated_at is not None
    assert reply.ip_address == "198.51.100.4"
    item = parse(staff_client.get(response["Location"])).one("li", id=f"comment-{reply.pk}")
    assert "staff-reply" in item.classes
    assert item.one("span", class_="staff-badge").text == "Staff"
    assert "Erin Editor" in item.one("span", class_="comment-author").text


def test_staff_reply_signs_as_the_team_when_the_account_has_no_full_name(client, article):
    """Never the login name: "The <site name> team"."""
    client.force_login(StaffFactory(username="moderator7", first_name="", last_name=""))

    client.post(comments_url(article), {"body": "From the team."})

    assert Comment.objects.get().author_name == "The Healthsite team"


def test_staff_reply_ignores_a_name_and_email_sent_with_it(staff_client, article, comment_data):
    staff_client.post(
        comments_url(article),
        comment_data(article, name="Somebody Else", email="other@example.com"),
    )

    reply = Comment.objects.get()
    assert reply.author_name == "Erin Editor"
    assert reply.author_email != "other@example.com"


def test_only_staff_replies_carry_the_badge(client, discussion):
    page = parse(client.get(discussion.article.get_absolute_url()))

    assert page.find("span", class_="staff-badge") is None


# The author's own pending comment ----------------------------------------------------------


def test_author_sees_their_pending_comment_in_place_marked_awaiting(
    client, discussion, post_comment
):
    post_comment(client, discussion.article, parent=str(discussion.a.pk), body="Mine, pending.")
    pending = Comment.objects.get(body="Mine, pending.")

    page = parse(client.get(discussion.article.get_absolute_url()))

    item = page.one("li", id=f"comment-{pending.pk}")
    assert item.one("p", class_="comment-awaiting-moderation").text == AWAITING_NOTE
    assert "Mine, pending." in item.one("div", class_="comment-content").text
    assert item.parent.parent is page.one("li", id=f"comment-{discussion.a.pk}")
    assert item.find("a", class_="comment-reply-link") is None
    assert page.one("h2", id="comments-heading").text == "9 Comments"


def test_nobody_else_sees_a_pending_comment(client, discussion, post_comment):
    post_comment(client, discussion.article, body="Mine, pending.")
    pending = Comment.objects.get(body="Mine, pending.")

    response = Client().get(discussion.article.get_absolute_url())

    assert f'id="comment-{pending.pk}"' not in response.content.decode()
    assert "Mine, pending." not in response.content.decode()
    assert AWAITING_NOTE not in response.content.decode()


def test_once_approved_everyone_sees_the_comment_without_the_note(client, article, post_comment):
    post_comment(client, article, body="Mine, soon public.")
    Comment.objects.update(status=Comment.Status.APPROVED)
    comment = Comment.objects.get()

    for reader in (client, Client()):
        page = parse(reader.get(article.get_absolute_url()))
        item = page.one("li", id=f"comment-{comment.pk}")
        assert item.find("p", class_="comment-awaiting-moderation") is None
        assert "comment-awaiting" not in item.classes


def test_a_pending_comment_the_author_sees_disappears_when_removed(client, article, post_comment):
    post_comment(client, article, body="Mine, then removed.")
    Comment.objects.update(status=Comment.Status.REMOVED)

    content = client.get(article.get_absolute_url()).content.decode()

    assert "Mine, then removed." not in content


def test_staff_reply_from_an_account_with_a_very_long_name_is_stored(client, article):
    """The account's name is cut to the comment's 100 characters, not refused with a 500."""
    staff = StaffFactory(first_name="Alexandra" * 10, last_name="Longname" * 10)
    client.force_login(staff)

    response = client.post(comments_url(article), {"body": "A staff reply."})

    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.is_staff_reply
    assert comment.author_name == staff.get_full_name()[:100]


def test_an_open_discussion_says_when_it_closes(client, article, discussion_settings):
    discussion_settings.close_after_days = 30
    discussion_settings.save()

    page = client.get(article.get_absolute_url()).content.decode()

    closes = timezone.localtime(article.published_at + timedelta(days=30))
    assert "Comments close on" in page
    assert closes.strftime("%B") in page


# The same form sent twice ------------------------------------------------------------------


def test_each_drawing_of_the_form_has_its_own_stamp(client, article):
    def stamp():
        page = parse(client.get(article.get_absolute_url()))
        return page.one("input", name="issued")["value"]

    first, second = stamp(), stamp()

    assert submission_key(first) and submission_key(second)
    assert submission_key(first) != submission_key(second)


def test_a_form_sent_twice_stores_one_comment_and_both_go_to_the_discussion(
    client, article, comment_data
):
    data = comment_data(article)
    url = comments_url(article)

    first = client.post(url, data)
    second = client.post(url, data)

    assert Comment.objects.count() == 1
    assert first.status_code == second.status_code == 303
    assert second["Location"] == first["Location"] == f"{article.get_absolute_url()}#comments"
    assert AWAITING_MESSAGE in page_messages(client, second)


def test_a_form_sent_again_from_another_browser_shows_it_the_comment_awaiting(
    article, comment_data
):
    """A retry after a lost answer (a new connection, the cookie not yet kept): the held
    comment is shown to the browser that sent it again."""
    data = comment_data(article, body="Sent once, answered twice.")
    Client().post(comments_url(article), data)
    again = Client()

    response = again.post(comments_url(article), data)

    assert response.status_code == 303
    pending = Comment.objects.get()
    page = parse(again.get(response["Location"]))
    assert AWAITING_MESSAGE in page.one(class_="discussion-notice").text
    assert page.one("li", id=f"comment-{pending.pk}")


def test_a_public_comment_sent_twice_goes_to_its_anchor_both_times(staff_client, article):
    data = comment_form_data(article, body="A staff answer, double clicked.")

    first = staff_client.post(comments_url(article), data)
    second = staff_client.post(comments_url(article), data)

    comment = Comment.objects.get()
    assert comment.is_public
    assert first["Location"] == second["Location"] == comment.get_absolute_url()
    assert second["Location"].endswith(f"#comment-{comment.pk}")


def test_the_same_text_from_a_fresh_form_is_still_a_duplicate(client, article, comment_data):
    """The same text from a fresh form is still refused as a duplicate (nothing stored)."""
    text = "The same words twice."
    client.post(comments_url(article), comment_data(article, body=text))

    response = client.post(comments_url(article), comment_data(article, body=text))

    assert response.status_code == 200
    assert "already posted this comment" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_form_sent_again_with_other_text_comes_back_with_it_and_a_fresh_form_posts_it(
    client, article, comment_data
):
    """The reader went back, changed the text and sent the same form again: the new text is
    neither dropped in silence nor stored under the old form's key."""
    data = comment_data(article, body="My first thought.")
    client.post(comments_url(article), data)

    again = client.post(comments_url(article), {**data, "body": "A better second thought."})

    page = parse(again)
    assert again.status_code == 200
    assert "already sent, with another text" in page.one(id="error-summary").text
    assert page.one("textarea", name="body").text.strip() == "A better second thought."
    assert list(Comment.objects.values_list("body", flat=True)) == ["My first thought."]
    fresh = comment_data(article, body="A better second thought.")
    assert client.post(comments_url(article), fresh).status_code == 303
    assert Comment.objects.count() == 2


def test_another_reader_may_say_the_same_words(client, article, comment_data):
    """The duplicate rule is per person: two readers may both write "Thank you!"."""
    client.post(comments_url(article), comment_data(article, body="Thank you!"))

    other = client.post(
        comments_url(article),
        comment_data(article, body="Thank you!", name="Sam", email="sam@example.org"),
    )

    assert other.status_code == 303
    assert Comment.objects.filter(body="Thank you!").count() == 2


def test_a_form_stored_between_the_check_and_the_insert_goes_to_that_comment(
    client, article, comment_data
):
    """The race, played in order: the unique key refuses the insert (inside a savepoint, so
    the request goes on) and the reader is sent to the comment already stored."""
    data = comment_data(article, body="Mine, sent twice at once.")
    key = submission_key(data["issued"])
    stored = CommentFactory(article=article, body="Mine, sent twice at once.", submission_key=key)
    found = [None, stored]  # not yet stored when checked first; there when the insert fails

    with mock.patch.object(posting, "_stored_with_key", side_effect=found):
        response = client.post(comments_url(article), data)

    assert response.status_code == 303
    assert response["Location"] == stored.get_absolute_url()
    assert Comment.objects.count() == 1


def test_posting_reads_the_article_alone_once(client, article, post_comment):
    """Not with the versions its page's cached parts are keyed by: a post needs none of them."""
    with CaptureQueriesContext(connection) as queries:
        response = post_comment(client, article, body="A walk after dinner helps me sleep.")

    assert response.status_code == 303
    reads = [q["sql"] for q in queries.captured_queries if 'FROM "articles_article"' in q["sql"]]
    assert len(reads) == 1
    assert "(SELECT" not in reads[0]
    assert 'JOIN "articles_category"' not in reads[0]
