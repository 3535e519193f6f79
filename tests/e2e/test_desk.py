"""The moderation desk in a real browser: acting in place with the mouse and the keyboard,
the same actions without JavaScript, a pending comment approved from its article, nothing
wider than the screen from a phone to a desktop, and no Content-Security-Policy violation."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from comments.models import Comment, ModerationLog
from tests.factories import ArticleFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

Status = Comment.Status
DESK = "/admin/comments/comment/desk/"
LONG_ADDRESS = "https://example.org/" + "a-very-long-path-segment-" * 12
LONG_WEBSITE = LONG_ADDRESS[:200]  # as long as a website may be
WIDTHS = [360, 768, 1366, 1920]


@pytest.fixture
def moderator():
    """A staff account allowed to moderate (by permission: the Moderators group comes from a
    data migration, which these transactional tests do not keep)."""
    user = UserFactory(username="mona", first_name="Mona", last_name="Reyes", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    return user


@pytest.fixture
def queue(make_comment):
    """An article with an approved comment and three held ones, oldest first: a reply, one
    with links, one with a held word and a very long unbroken word."""
    article = ArticleFactory(title="Sleep and the body clock")
    now = timezone.now()
    parent = make_comment(
        article,
        author_name="Marcus",
        body="I keep the same wake-up time every day, weekends too.",
        created_at=now - timedelta(days=2),
    )
    reply = make_comment(
        article,
        parent=parent,
        status=Status.PENDING,
        author_name="Ines G.",
        author_email="ines@example.org",
        body="Marcus, did you also keep the same bedtime?",
        ip_address="203.0.113.7",
        moderation_reasons=["first comment from this email"],
        created_at=now - timedelta(hours=5),
    )
    links = make_comment(
        article,
        status=Status.PENDING,
        author_name="Kai L.",
        author_email="kai@example.org",
        author_url=LONG_WEBSITE,
        body=f"Sources: {LONG_ADDRESS} https://example.com/study https://example.net/review",
        ip_address="2001:db8:85a3:8d3:1319:8a2e:370:7348",
        moderation_reasons=["3 links"],
        created_at=now - timedelta(hours=3),
    )
    held = make_comment(
        article,
        status=Status.PENDING,
        author_name="Vera S.",
        author_email="vera.with.a.rather.long.address@example.org",
        body="Kefir is a miracle cure, Supercalifragilistic" + "expialidocious" * 8,
        ip_address="198.51.100.23",
        moderation_reasons=["held word: miracle cure"],
        created_at=now - timedelta(hours=1),
    )
    return type("Queue", (), {"article": article, "parent": parent, "cards": [reply, links, held]})


def signed_in(new_context, server, user, **options):
    """A browser context logged in as `user` (the session cookie of a test client)."""
    client = Client()
    client.force_login(user)
    context = new_context(**options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    return context


def open_desk(page, server, query=""):
    page.goto(f"{server.url}{DESK}{query}")
    expect(page.get_by_role("heading", name="Moderation desk")).to_be_visible()


def card(page, comment):
    return page.locator(f"#comment-{comment.pk}")


def status_of(comment):
    return Comment.objects.get(pk=comment.pk).status


def stayed_on_the_page(page):
    """The page was not reloaded since `mark_page` (the marker survives only in place)."""
    return page.evaluate("() => window.deskMarker === 'still here'")


def mark_page(page):
    page.evaluate("() => { window.deskMarker = 'still here'; }")


# With the mouse.


def test_approve_spam_remove_and_undo_in_place_with_the_mouse(
    new_context, server, moderator, queue
):
    page = signed_in(new_context, server, moderator).new_page()
    reply, links, held = queue.cards
    open_desk(page, server)
    mark_page(page)

    card(page, reply).get_by_role("button", name="Approve").click()

    expect(card(page, reply).locator(".desk-done")).to_contain_text("Approved by you")
    expect(card(page, links)).to_be_focused()
    assert status_of(reply) == Status.APPROVED

    card(page, reply).get_by_role("button", name="Undo").click()

    expect(card(page, reply).locator(".desk-done")).to_contain_text("Undone")
    expect(card(page, reply).get_by_role("button", name="Approve")).to_be_visible()
    assert status_of(reply) == Status.PENDING

    card(page, links).get_by_role("button", name="Spam").click()
    expect(card(page, links).locator(".desk-done")).to_contain_text("Marked as spam by you")
    card(page, held).get_by_role("button", name="Remove").click()
    expect(card(page, held).locator(".desk-done")).to_contain_text("Removed by you")

    assert (status_of(links), status_of(held)) == (Status.SPAM, Status.REMOVED)
    assert stayed_on_the_page(page)


def test_reply_in_place_with_the_mouse(new_context, server, moderator, queue):
    page = signed_in(new_context, server, moderator).new_page()
    reply = queue.cards[0]
    open_desk(page, server)
    mark_page(page)

    card(page, reply).get_by_text("Reply", exact=True).click()
    box = card(page, reply).get_by_label("Your reply, published as “Mona Reyes”")
    expect(box).to_be_focused()
    box.fill("Both, Ines: the same bedtime helps the most.")
    card(page, reply).get_by_role("button", name="Publish reply").click()

    expect(card(page, reply).locator(".desk-done")).to_contain_text(
        "Replied by you as “Mona Reyes”"
    )
    staff_reply = Comment.objects.get(parent=reply)
    assert (staff_reply.author_name, staff_reply.is_staff_reply) == ("Mona Reyes", True)
    assert staff_reply.status == Status.APPROVED
    assert status_of(reply) == Status.APPROVED
    assert stayed_on_the_page(page)


def test_edit_in_place(new_context, server, moderator, queue):
    page = signed_in(new_context, server, moderator).new_page()
    held = queue.cards[2]
    open_desk(page, server)

    card(page, held).get_by_text("Edit", exact=True).click()
    card(page, held).get_by_label("Comment", exact=True).fill("Kefir, in my experience, helps.")
    card(page, held).get_by_role("button", name="Save changes").click()

    expect(card(page, held).locator(".desk-done")).to_contain_text("Edited by you")
    expect(card(page, held).locator(".desk-comment")).to_have_text(
        "Kefir, in my experience, helps."
    )
    assert Comment.objects.get(pk=held.pk).body == "Kefir, in my experience, helps."


def test_block_asks_first(new_context, server, moderator, queue):
    page = signed_in(new_context, server, moderator).new_page()
    held = queue.cards[2]
    open_desk(page, server)

    card(page, held).get_by_text("Block commenter", exact=True).click()
    card(page, held).get_by_role("button", name="Yes, block Vera S.").click()

    expect(card(page, held).locator(".desk-done")).to_contain_text("Commenter blocked by you")
    assert status_of(held) == Status.SPAM


# With the keyboard.


def test_the_keys_move_approve_mark_spam_undo_and_remove(new_context, server, moderator, queue):
    page = signed_in(new_context, server, moderator).new_page()
    reply, links, held = queue.cards
    open_desk(page, server)
    mark_page(page)

    page.keyboard.press("j")
    expect(card(page, reply)).to_be_focused()
    expect(card(page, reply)).to_have_class("desk-card status-pending is-current")
    page.keyboard.press("j")
    expect(card(page, links)).to_be_focused()
    page.keyboard.press("k")
    expect(card(page, reply)).to_be_focused()

    page.keyboard.press("a")
    expect(card(page, reply).locator(".desk-done")).to_contain_text("Approved by you")
    expect(card(page, links)).to_be_focused()
    page.keyboard.press("s")
    expect(card(page, links).locator(".desk-done")).to_contain_text("Marked as spam by you")
    expect(card(page, held)).to_be_focused()

    page.keyboard.press("z")
    expect(card(page, links).locator(".desk-done")).to_contain_text("Undone")
    expect(card(page, links)).to_be_focused()
    assert status_of(links) == Status.PENDING

    page.keyboard.press("d")
    expect(card(page, links).locator(".desk-done")).to_contain_text("Removed by you")
    assert [status_of(c) for c in queue.cards] == [Status.APPROVED, Status.REMOVED, Status.PENDING]
    assert stayed_on_the_page(page)


def test_reply_with_the_keyboard(new_context, server, moderator, queue):
    page = signed_in(new_context, server, moderator).new_page()
    reply = queue.cards[0]
    open_desk(page, server)

    page.keyboard.press("j")
    page.keyboard.press("r")
    box = card(page, reply).get_by_label("Your reply, published as “Mona Reyes”")
    expect(box).to_be_focused()
    page.keyboard.type("Same bedtime, yes. ajsdkz")  # the keys are letters typed here
    page.keyboard.press("Tab")  # the notify box
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Enter")

    expect(card(page, reply).locator(".desk-done")).to_contain_text("Replied by you")
    assert Comment.objects.get(parent=reply).body == "Same bedtime, yes. ajsdkz"

    expect(card(page, queue.cards[1])).to_be_focused()  # the next comment
    page.keyboard.press("r")  # its reply panel opens, and Esc closes it
    expect(card(page, queue.cards[1]).locator("textarea").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(card(page, queue.cards[1]).locator("details.desk-reply")).not_to_have_attribute(
        "open", ""
    )
    assert [status_of(c) for c in queue.cards] == [Status.APPROVED, Status.PENDING, Status.PENDING]


def test_question_mark_lists_the_keys_and_escape_closes_it(new_context, server, moderator, queue):
    page = signed_in(new_context, server, moderator).new_page()
    open_desk(page, server)

    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("undo the last action")
    page.keyboard.press("a")  # not while the list is open
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert {status_of(c) for c in queue.cards} == {Status.PENDING}


def test_keys_do_nothing_while_typing_or_with_a_modifier(new_context, server, moderator, queue):
    page = signed_in(new_context, server, moderator).new_page()
    open_desk(page, server)

    search = page.get_by_label("Search name, email, text or IP")
    search.click()
    search.press_sequentially("jadsz")
    expect(search).to_have_value("jadsz")
    page.locator("#desk-cards").focus()
    page.keyboard.press("j")
    page.keyboard.press("Control+a")
    page.keyboard.press("Alt+s")

    assert {status_of(c) for c in queue.cards} == {Status.PENDING}


# Without JavaScript.


def test_the_same_actions_without_javascript(new_context, server, moderator, queue):
    page = signed_in(new_context, server, moderator, java_script_enabled=False).new_page()
    reply, links, held = queue.cards
    open_desk(page, server, f"?article={queue.article.pk}")

    card(page, reply).get_by_role("button", name="Approve").click()

    expect(page.locator(".messagelist")).to_contain_text("Approved the comment by Ines G.")
    assert page.url.endswith(f"?article={queue.article.pk}#comment-{links.pk}")
    assert status_of(reply) == Status.APPROVED
    page.locator(".messagelist").get_by_role("button", name="Undo").click()
    expect(page.locator(".messagelist")).to_contain_text("Undone.")
    assert page.url.endswith(f"#comment-{reply.pk}")
    assert status_of(reply) == Status.PENDING

    card(page, links).get_by_role("button", name="Spam").click()
    expect(page.locator(".messagelist")).to_contain_text("Marked the comment by Kai L. as spam.")
    card(page, held).get_by_role("button", name="Remove").click()
    expect(page.locator(".messagelist")).to_contain_text("Removed the comment by Vera S.")

    card(page, reply).get_by_text("Reply", exact=True).click()  # <details> opens by itself
    card(page, reply).get_by_label("Your reply, published as “Mona Reyes”").fill("Yes, both.")
    card(page, reply).get_by_role("button", name="Publish reply").click()
    expect(page.locator(".messagelist")).to_contain_text("Your reply to Ines G. is published")

    assert [status_of(c) for c in queue.cards] == [Status.APPROVED, Status.SPAM, Status.REMOVED]
    assert Comment.objects.get(parent=reply).author_name == "Mona Reyes"


# On the article.


def test_a_pending_comment_approved_from_its_article(new_context, server, moderator, queue):
    page = signed_in(new_context, server, moderator).new_page()
    reply = queue.cards[0]
    open_desk(page, server)
    card(page, reply).get_by_role("link", name="View in context").click()

    item = page.locator(f"#comment-{reply.pk}")
    expect(item).to_be_visible()
    expect(item).to_contain_text("Awaiting moderation")
    mark_page(page)
    item.get_by_role("button", name="Approve").click()

    expect(item.locator(".comment-moderated")).to_contain_text("Approved by you")
    assert status_of(reply) == Status.APPROVED
    assert stayed_on_the_page(page)
    item.get_by_role("button", name="Undo").click()
    expect(item.get_by_role("button", name="Approve")).to_be_visible()
    assert status_of(reply) == Status.PENDING

    item.get_by_role("button", name="Spam").click()
    expect(item.locator(".comment-moderated")).to_contain_text("Marked as spam by you")
    assert status_of(reply) == Status.SPAM


def test_a_pending_comment_approved_from_its_article_without_javascript(
    new_context, server, moderator, queue
):
    page = signed_in(new_context, server, moderator, java_script_enabled=False).new_page()
    reply = queue.cards[0]
    page.goto(f"{server.url}/comments/{reply.pk}/")

    page.locator(f"#comment-{reply.pk}").get_by_role("button", name="Approve").click()

    expect(page.locator(".messages")).to_contain_text("Approved the comment by Ines G.")
    assert page.url.endswith(f"#comment-{reply.pk}")
    expect(page.locator(f"#comment-{reply.pk}")).not_to_contain_text("Awaiting moderation")
    assert status_of(reply) == Status.APPROVED


# Nothing clipped, no CSP violation.


@pytest.mark.parametrize("width", WIDTHS)
def test_no_card_is_wider_than_the_screen(new_context, server, moderator, queue, width):
    page = signed_in(
        new_context, server, moderator, viewport={"width": width, "height": 900}
    ).new_page()
    open_desk(page, server)
    for panel in ("Reply", "Edit", "Block commenter"):
        card(page, queue.cards[1]).get_by_text(panel, exact=True).click()

    overflow = page.evaluate(
        """() => ({
            page: document.documentElement.scrollWidth - window.innerWidth,
            cards: Array.from(document.querySelectorAll('.desk-card'))
                .map((card) => card.getBoundingClientRect())
                .filter((box) => box.left < 0 || box.right > window.innerWidth).length,
            inside: Array.from(document.querySelectorAll('.desk-card *'))
                .map((element) => element.getBoundingClientRect())
                .filter((box) => box.width && box.right > window.innerWidth).length,
        })"""
    )
    assert overflow == {"page": 0, "cards": 0, "inside": 0}
    assert page.locator(".desk-card").count() == 3


def test_no_csp_violation_on_the_desk(csp_watch, server, moderator, queue):
    client = Client()
    client.force_login(moderator)
    csp_watch.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    page = csp_watch.context.new_page()
    open_desk(page, server)
    reply = queue.cards[0]
    page.keyboard.press("j")
    page.keyboard.press("a")
    expect(card(page, reply).locator(".desk-done")).to_contain_text("Approved by you")
    page.keyboard.press("z")
    expect(card(page, reply).locator(".desk-done")).to_contain_text("Undone")
    page.keyboard.press("?")
    page.keyboard.press("Escape")
    page.goto(f"{server.url}/comments/{reply.pk}/")
    expect(page.locator(f"#comment-{reply.pk}")).to_contain_text("Awaiting moderation")

    assert csp_watch.seen() == []
    assert ModerationLog.objects.filter(comment=reply).count() == 2
