"""Acting from the desk: each action without a script (a POST, then 303 back to the same place
with a message and its Undo) and with one (JSON with the card as it is now), bulk actions,
replying, editing and blocking, and the same buttons on an article page."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from comments.models import Comment, DiscussionSettings, ModerationLog
from tests.factories import ArticleFactory, StaffFactory
from tests.markup import parse

from .desk_helpers import (
    BULK_URL,
    DESK_URL,
    JSON,
    UNDO_URL,
    act_url,
    card_fragment,
    edit_url,
    form_fields,
    reply_url,
    undo_token_of,
)
from .staff_helpers import (
    client_for,
    discussion_settings,
    make_comment,
    make_moderator,
    messages_of,
)

pytestmark = pytest.mark.django_db

Status = Comment.Status


@pytest.fixture
def article():
    return ArticleFactory(title="Sleep and the body clock")


@pytest.fixture
def queue(article):
    """Three comments awaiting moderation, oldest first."""
    now = timezone.now()
    return [
        make_comment(
            article,
            status=Status.PENDING,
            author_name=name,
            author_email=f"{name.lower()}@example.org",
            ip_address=f"203.0.113.{number}",
            created_at=now - timedelta(hours=10 - number),
        )
        for number, name in enumerate(["Ann", "Ben", "Cleo"], 1)
    ]


def status_of(comment):
    return Comment.objects.get(pk=comment.pk).status


def from_desk(back="", next_id=""):
    return {"origin": "desk", "back": back, "next": next_id}


def text_messages(response):
    return [parse(message).text for message in messages_of(response)]


# Without a script.


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", Status.APPROVED, "Approved the comment by Ann."),
        ("spam", Status.SPAM, "Marked the comment by Ann as spam."),
        ("remove", Status.REMOVED, "Removed the comment by Ann."),
    ],
)
def test_an_action_comes_back_to_the_next_card_with_a_message_and_undo(
    moderator_client, queue, action, status, message
):
    ann, ben, _cleo = queue
    back = "q=example&page=1&status=pending"

    response = moderator_client.post(act_url(ann, action), from_desk(back, ben.pk))

    assert response.status_code == 303
    assert response["Location"] == f"{DESK_URL}?q=example#comment-{ben.pk}"
    assert status_of(ann) == status
    page = moderator_client.get(response["Location"])
    assert text_messages(page) == [f"{message} Undo"]
    undo = parse(page).one("form", class_="desk-undo-form")
    assert undo["action"] == UNDO_URL
    assert form_fields(undo)["back"] == "q=example"


def test_undo_puts_the_comment_back_and_returns_to_its_card(moderator_client, queue):
    ann = queue[0]
    done = moderator_client.post(act_url(ann, "spam"), from_desk(next_id=queue[1].pk))
    token = undo_token_of(moderator_client.get(done["Location"]))

    response = moderator_client.post(UNDO_URL, {"token": token, **from_desk()})

    assert response.status_code == 303
    assert response["Location"] == f"{DESK_URL}#comment-{ann.pk}"
    assert status_of(ann) == Status.PENDING
    assert text_messages(moderator_client.get(response["Location"])) == ["Undone."]


def test_a_comment_still_listed_keeps_its_own_anchor(moderator_client, queue):
    ann = queue[0]

    response = moderator_client.post(act_url(ann, "approve"), from_desk("status=all", 99))

    assert response["Location"] == f"{DESK_URL}?status=all#comment-{ann.pk}"


def test_the_last_card_goes_back_to_the_list(moderator_client, queue):
    response = moderator_client.post(act_url(queue[2], "approve"), from_desk())

    assert response["Location"] == f"{DESK_URL}#desk-cards"


def test_restore_and_unapprove(moderator_client, article):
    spam = make_comment(article, status=Status.PENDING)
    moderator_client.post(act_url(spam, "spam"), from_desk())
    approved = make_comment(article)

    moderator_client.post(act_url(spam, "restore"), from_desk())
    moderator_client.post(act_url(approved, "unapprove"), from_desk())

    assert (status_of(spam), status_of(approved)) == (Status.PENDING, Status.PENDING)


def test_nothing_changed_says_so_without_undo(moderator_client, article):
    approved = make_comment(article, author_name="Ann")

    response = moderator_client.post(act_url(approved, "approve"), from_desk(), follow=True)

    assert text_messages(response) == ["Nothing changed: the comment by Ann is approved."]
    assert parse(response).find("form", class_="desk-undo-form") is None


def test_only_known_filters_travel_back(moderator_client, queue):
    back = "status=spam&page=2&next=https://evil.example/&article=abc&q=x"

    response = moderator_client.post(
        act_url(queue[0], "approve"), {"origin": "elsewhere", "back": back, "next": "//evil"}
    )

    assert response["Location"] == f"{DESK_URL}?status=spam&q=x&page=2#desk-cards"


def test_actions_answer_post_only_to_moderators(client, moderator_client, queue, article):
    ann = queue[0]
    editor = client_for(StaffFactory())

    assert moderator_client.get(act_url(ann, "approve")).status_code == 405
    assert editor.post(act_url(ann, "approve"), from_desk()).status_code == 403
    assert editor.post(BULK_URL, {"action": "approve", "selected": [ann.pk]}).status_code == 403
    assert editor.post(reply_url(ann), {f"reply-{ann.pk}-body": "Hi"}).status_code == 403
    assert client.post(act_url(ann, "approve")).status_code == 302  # to the login page
    assert moderator_client.post(act_url(ann, "delete"), from_desk()).status_code == 404
    assert moderator_client.post(DESK_URL + "999999/approve/", from_desk()).status_code == 404
    assert status_of(ann) == Status.PENDING


def test_actions_need_the_csrf_token(moderator, queue):
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)

    response = client.post(act_url(queue[0], "approve"), from_desk())

    assert response.status_code == 403
    assert status_of(queue[0]) == Status.PENDING


# With a script: JSON.


def test_json_answer_carries_the_card_saying_what_was_done(moderator_client, queue):
    ann = queue[0]

    response = moderator_client.post(act_url(ann, "approve"), from_desk(), **JSON)

    assert response.status_code == 200
    data = response.json()
    assert data["message"] == "Approved the comment by Ann."
    assert (data["done"], data["status"]) == ("Approved by you", "approved")
    assert data["level"] == "success"
    card = card_fragment(data)
    assert card["id"] == f"comment-{ann.pk}"
    assert "is-done" in card.classes  # no longer in the pending list: one line
    assert card.one("div", class_="desk-done").text == "Approved by you · Undo"
    assert form_fields(card.one("form", class_="desk-undo-form"))["token"] == data["undo"]

    undone = moderator_client.post(UNDO_URL, {"token": data["undo"], **from_desk()}, **JSON)

    assert undone.json()["done"] == "Undone."
    again = card_fragment(undone.json())
    assert "is-done" not in again.classes
    assert again.one("button", class_="desk-button-approve")
    assert status_of(ann) == Status.PENDING


def test_json_card_stays_whole_when_still_listed(moderator_client, queue):
    data = moderator_client.post(act_url(queue[0], "spam"), from_desk("status=all"), **JSON).json()

    card = card_fragment(data)
    assert "is-done" not in card.classes
    assert card.one("span", class_="desk-status").text == "Spam"
    assert card.one("div", class_="desk-done").text == "Marked as spam by you · Undo"


def test_undo_is_only_for_the_moderator_who_acted(moderator_client, queue):
    token = moderator_client.post(act_url(queue[0], "spam"), from_desk(), **JSON).json()["undo"]
    someone_else = client_for(make_moderator())

    refused = someone_else.post(UNDO_URL, {"token": token, **from_desk()}, **JSON)
    forged = moderator_client.post(UNDO_URL, {"token": token[:-2] + "xx"}, **JSON)

    assert refused.status_code == forged.status_code == 400
    assert "nothing was changed" in refused.json()["message"]
    assert status_of(queue[0]) == Status.SPAM


def test_undo_expires_after_a_day(moderator_client, queue):
    token = moderator_client.post(act_url(queue[0], "spam"), from_desk(), **JSON).json()["undo"]

    with time_machine.travel(timezone.now() + timedelta(days=1, minutes=1)):
        response = moderator_client.post(UNDO_URL, {"token": token, **from_desk()}, follow=True)

    assert text_messages(response) == [
        "This undo has expired or is not yours: nothing was changed."
    ]
    assert status_of(queue[0]) == Status.SPAM


# Bulk.


def test_bulk_action_on_the_selection_with_one_undo(moderator_client, queue):
    ann, ben, cleo = queue

    response = moderator_client.post(
        BULK_URL, {"action": "spam", "selected": [ann.pk, ben.pk], **from_desk("page=1")}
    )

    assert response["Location"] == f"{DESK_URL}#desk-cards"
    assert [status_of(c) for c in queue] == [Status.SPAM, Status.SPAM, Status.PENDING]
    page = moderator_client.get(response["Location"])
    assert text_messages(page) == ["2 comments marked as spam. Undo"]
    moderator_client.post(UNDO_URL, {"token": undo_token_of(page), **from_desk()})
    assert {status_of(c) for c in queue} == {Status.PENDING}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "approve"}, "Select the comments first, with their boxes."),
        ({"action": "", "selected": ["1"]}, "Choose an action for the selected comments."),
        ({"action": "erase", "selected": ["1"]}, "Choose an action for the selected comments."),
    ],
)
def test_bulk_without_a_selection_or_an_action(moderator_client, queue, data, message):
    response = moderator_client.post(BULK_URL, data, follow=True)

    assert text_messages(response) == [message]
    assert {status_of(c) for c in queue} == {Status.PENDING}


def test_the_desk_bulk_form_lists_the_actions(moderator_client, queue):
    page = parse(moderator_client.get(DESK_URL))

    form = page.one("form", id="desk-bulk")
    assert form["action"] == BULK_URL
    assert [o["value"] for o in form.one("select").find_all("option")] == [
        "",
        "approve",
        "unapprove",
        "spam",
        "remove",
        "restore",
        "block",
    ]
    assert len(page.find_all("input", name="selected", form="desk-bulk")) == 3


# Reply.


def test_reply_approves_the_parent_and_publishes_under_the_public_name(moderator_client, queue):
    ann = queue[0]

    response = moderator_client.post(
        reply_url(ann),
        {f"reply-{ann.pk}-body": "Thanks, Ann.", f"reply-{ann.pk}-notify": "on", **from_desk()},
    )

    assert response.status_code == 303
    reply = Comment.objects.get(parent=ann)
    assert (reply.author_name, reply.is_staff_reply, reply.status) == (
        "Mo Derator",
        True,
        Status.APPROVED,
    )
    assert reply.notify is True
    assert status_of(ann) == Status.APPROVED
    page = moderator_client.get(response["Location"])
    assert text_messages(page) == ["Your reply to Ann is published, signed “Mo Derator”. Undo"]

    moderator_client.post(UNDO_URL, {"token": undo_token_of(page), **from_desk()})

    assert status_of(reply) == Status.REMOVED
    assert status_of(ann) == Status.PENDING


def test_reply_json_and_its_errors(moderator_client, queue):
    ann = queue[0]

    empty = moderator_client.post(reply_url(ann), {f"reply-{ann.pk}-body": ""}, **JSON)
    done = moderator_client.post(reply_url(ann), {f"reply-{ann.pk}-body": "Yes."}, **JSON)

    assert empty.status_code == 400
    assert empty.json()["errors"] == {"body": ["This field is required."]}
    assert done.json()["done"] == "Replied by you as “Mo Derator”"


def test_a_reply_with_errors_without_a_script_keeps_what_was_typed(moderator_client, queue):
    ann = queue[0]

    response = moderator_client.post(reply_url(ann), {f"reply-{ann.pk}-body": "x", **from_desk()})

    assert response.status_code == 200
    page = parse(response)
    assert page.one("textarea").raw_text.strip() == "x"
    assert "at least 2 characters" in page.one("ul", class_="errorlist").text
    assert page.one("label", for_=f"id_reply-{ann.pk}-body").text == (
        "Your reply, published as “Mo Derator”"
    )
    assert not Comment.objects.filter(parent=ann).exists()


def test_spam_cannot_be_answered(moderator_client, article):
    spam = make_comment(article, status=Status.SPAM)

    response = moderator_client.post(reply_url(spam), {f"reply-{spam.pk}-body": "Hello"}, **JSON)

    assert response.status_code == 400
    assert "Restore it first" in response.json()["message"]
    assert not Comment.objects.filter(parent=spam).exists()


# Edit.


def test_edit_the_text_name_and_website(moderator_client, queue):
    ann = queue[0]
    data = {
        f"edit-{ann.pk}-body": "Fixed *text*",
        f"edit-{ann.pk}-author_name": "Ann B.",
        f"edit-{ann.pk}-author_url": "ann.example.org",
    }

    response = moderator_client.post(edit_url(ann), {**data, **from_desk()}, **JSON)

    ann.refresh_from_db()
    assert (ann.body, ann.author_name, ann.author_url) == (
        "Fixed *text*",
        "Ann B.",
        "https://ann.example.org",
    )
    card = card_fragment(response.json())
    assert card.one("div", class_="desk-comment").text == "Fixed *text*"
    assert card.one("div", class_="desk-done").text == "Edited by you"
    assert ModerationLog.objects.filter(comment=ann, action="edit").count() == 1


def test_edit_errors(moderator_client, queue):
    ann = queue[0]
    data = {f"edit-{ann.pk}-body": "Text", f"edit-{ann.pk}-author_name": ""}

    as_json = moderator_client.post(edit_url(ann), data, **JSON)
    as_page = moderator_client.post(edit_url(ann), {**data, **from_desk()})

    assert as_json.status_code == 400
    assert as_json.json()["errors"] == {"author_name": ["This field is required."]}
    assert as_page.status_code == 200
    assert "This field is required." in parse(as_page).one("ul", class_="errorlist").text
    assert Comment.objects.get(pk=ann.pk).author_name == "Ann"


# Block.


def test_block_adds_the_commenter_to_the_lists_and_undo_takes_them_out(moderator_client, queue):
    ann = queue[0]

    response = moderator_client.post(act_url(ann, "block"), from_desk(), follow=True)

    settings = DiscussionSettings.objects.get()
    assert "ann@example.org" in settings.blocked_emails
    assert "203.0.113.1" in settings.blocked_ips
    assert status_of(ann) == Status.SPAM
    assert text_messages(response)[0].startswith("Blocked Ann: their email and IP address")
    moderator_client.post(UNDO_URL, {"token": undo_token_of(response), **from_desk()})
    settings = DiscussionSettings.objects.get()
    assert "ann@example.org" not in settings.blocked_emails
    assert status_of(ann) == Status.PENDING


# From the article page.


def test_from_the_article_an_action_returns_to_the_comment(moderator_client, article, queue):
    ann, ben, _cleo = queue

    approved = moderator_client.post(act_url(ann, "approve"), {"origin": "article"})
    spammed = moderator_client.post(act_url(ben, "spam"), {"origin": "article"})

    assert approved.status_code == 303
    assert approved["Location"] == f"/articles/{article.slug}/#comment-{ann.pk}"
    assert spammed["Location"] == f"/articles/{article.slug}/#comments"


def test_from_the_article_json_has_no_card(moderator_client, queue):
    data = moderator_client.post(act_url(queue[0], "approve"), {"origin": "article"}, **JSON)

    assert set(data.json()) == {"message", "done", "undo", "status", "level"}


def test_returning_to_a_later_page_of_the_article(moderator_client, article):
    discussion_settings(comments_per_page=2)
    for _ in range(4):
        make_comment(article)
    pending = make_comment(article, status=Status.PENDING)

    response = moderator_client.post(act_url(pending, "approve"), {"origin": "article"})

    query = urlencode({"cpage": 3})
    assert response["Location"] == f"/articles/{article.slug}/?{query}#comment-{pending.pk}"
