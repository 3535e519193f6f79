"""A reader stops reply emails from the link in one, in a real browser: opening the link
changes nothing, one click unsubscribes, and the undo on the next page switches it back."""

import re

import pytest
from playwright.sync_api import expect

from comments import tasks
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_one_click_unsubscribes_and_the_undo_restores(csp_watch, server, make_comment, mailoutbox):
    article = ArticleFactory(title="Evening walks and sleep", slug="evening-walks")
    robins = make_comment(article, notify=True, author_email="robin@example.org")
    reply = make_comment(article, parent=robins, author_name="Sam Nightowl", body="Same here!")
    tasks.send_reply_notification.call(reply.pk, server.url)
    [email] = mailoutbox
    link = re.fullmatch(r"<(.+)>", email.extra_headers["List-Unsubscribe"]).group(1)
    page = csp_watch.context.new_page()
    heading = page.get_by_role("heading", level=1)

    page.goto(link)
    expect(heading).to_have_text("Stop emails about replies?")
    robins.refresh_from_db()
    assert robins.notify is True  # opening the link, as a mail scanner does, changes nothing

    page.get_by_role("button", name="Unsubscribe").click()
    expect(heading).to_have_text("You are unsubscribed")
    robins.refresh_from_db()
    assert robins.notify is False

    page.get_by_role("button", name="Keep emailing me about replies").click()
    expect(heading).to_have_text("You are subscribed again")
    robins.refresh_from_db()
    assert robins.notify is True
    assert csp_watch.seen() == []
