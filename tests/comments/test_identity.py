"""Staff appear in public under a display name, or as "The <site name> team": never under
their login name, on any public page, feed or email."""

import pytest
from django.test import Client

from articles.models import Person, SiteSettings
from comments import verbs
from comments.identity import staff_public_name
from comments.models import Comment
from tests.factories import StaffFactory, TagFactory
from tests.markup import parse

from .factories import CommentFactory
from .staff_helpers import client_for, make_comment, post_comment

pytestmark = pytest.mark.django_db

LOGIN_MARK = "zqlogin"


def test_the_public_name_is_the_full_name_in_one_spelling():
    staff = StaffFactory(username="zqlogin1", first_name="  Ada ", last_name=" Lovelace  ")

    assert staff_public_name(staff) == "Ada Lovelace"


def test_without_a_full_name_the_site_team_signs():
    site = SiteSettings.load()
    site.site_name = "Wellness Weekly"
    site.save()
    staff = StaffFactory(username="zqlogin2", first_name="", last_name="")

    assert staff_public_name(staff) == "The Wellness Weekly team"


def test_a_staff_member_with_a_person_replies_under_its_name_and_role(article):
    staff = StaffFactory(username="zqlogin3", first_name="Ada", last_name="Login")
    Person.objects.create(
        name="Priya Raman", slug="priya", role="Registered dietitian", user=staff
    )
    parent = make_comment(article)

    reply = verbs.reply_as_staff(parent=parent, by=staff, body="Thanks for asking.").comment

    assert (reply.author_name, reply.author_role) == ("Priya Raman", "Registered dietitian")
    item = parse(Client().get(article.get_absolute_url())).one(id=f"comment-{reply.pk}")
    assert "Priya Raman" in item.text
    assert item.one(class_="staff-role").text == "Registered dietitian"
    assert "zqlogin3" not in item.text and "Ada" not in item.text


@pytest.fixture
def staff_replies(article, mailoutbox, on_commit):
    """Staff replies of two accounts whose login names share a mark, posted both ways (the
    public form and the reply verb), to commenters who asked to be emailed about replies."""
    named = StaffFactory(username=f"{LOGIN_MARK}named", first_name="Dee", last_name="Named")
    nameless = StaffFactory(username=f"{LOGIN_MARK}bare", first_name="", last_name="")
    article.tags.add(TagFactory(slug="swim"))
    asked = make_comment(article, notify=True, author_email="asked@example.org")
    held = make_comment(article, status="pending", notify=True, author_email="held@example.org")
    with on_commit():
        post_comment(client_for(nameless), article, body="From the form.", parent=str(asked.pk))
        verbs.reply_as_staff(parent=held, by=named, body="From the desk.", notify=True)
        verbs.reply_as_staff(parent=asked, by=nameless, body="From the desk again.")
    assert Comment.objects.filter(is_staff_reply=True).count() == 3
    return {"article": article, "asked": asked, "nameless": nameless, "mail": mailoutbox}


def public_urls(article, asked):
    return [
        "/",
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?replyto={asked.pk}",
        article.category.get_absolute_url(),
        "/tag/swim/",
        "/feeds/articles/",
        "/feeds/articles/atom/",
        f"/articles/{article.slug}/comments/feed/",
        "/sitemap.xml",
    ]


def test_no_public_page_or_feed_shows_a_staff_login_name(staff_replies):
    reader = Client()
    article, asked = staff_replies["article"], staff_replies["asked"]

    shown = {url: reader.get(url).content.decode() for url in public_urls(article, asked)}

    assert [url for url, text in shown.items() if LOGIN_MARK in text.lower()] == []
    page = shown[article.get_absolute_url()]
    assert "Dee Named" in page and "The Healthsite team" in page
    feed = shown[f"/articles/{article.slug}/comments/feed/"]
    assert "Dee Named" in feed and "The Healthsite team" in feed


def test_no_email_shows_a_staff_login_name(staff_replies):
    mail = staff_replies["mail"]

    texts = [
        " ".join([message.subject, message.body, message.alternatives[0][0]]) for message in mail
    ]

    assert len(texts) >= 3  # a published notice and reply notifications
    assert [text for text in texts if LOGIN_MARK in text.lower()] == []
    assert any("The Healthsite team replied" in text for text in texts)
    assert any("Dee Named" in text for text in texts)


def test_the_form_tells_staff_the_name_they_reply_under(staff_replies):
    staff = Client()
    staff.force_login(staff_replies["nameless"])

    page = staff.get(staff_replies["article"].get_absolute_url()).content.decode()

    assert "You are replying as <strong>The Healthsite team</strong>" in page
    assert LOGIN_MARK not in page.lower()


def test_replies_stored_under_a_login_name_are_renamed_by_the_migration():
    """Staff replies from before (the form fell back to the login name) take the public name."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("comments.migrations.0009_staff_reply_public_names")
    bare = StaffFactory(username=f"{LOGIN_MARK}old", first_name="", last_name="")
    named = StaffFactory(username=f"{LOGIN_MARK}new", first_name="Ann", last_name="Lee")
    old = CommentFactory(staff=True, user=bare, author_name=bare.username)
    other = CommentFactory(staff=True, user=named, author_name=named.username)
    chosen = CommentFactory(staff=True, user=named, author_name="Dr Ann Lee")

    migration.rename_login_named_replies(apps, None)

    names = dict(Comment.objects.values_list("pk", "author_name"))
    assert names[old.pk] == "The Healthsite team"
    assert names[other.pk] == "Ann Lee"
    assert names[chosen.pk] == "Dr Ann Lee"
