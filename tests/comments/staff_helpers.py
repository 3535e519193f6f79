"""Helpers for the staff-side comment tests: moderation, the admin queue, emails, privacy.

Kept apart from tests/comments/conftest.py (the reader-side tests' fixtures): import what you
need from here explicitly.
"""

import importlib
import itertools
import re
import time
from urllib.parse import urlsplit

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from articles.sanitize import sanitize_comment
from comments.models import Comment, DiscussionSettings
from comments.posting import save_in_thread
from comments.stamps import issue_stamp
from tests.factories import UserFactory
from tests.markup import parse

moderators_migration = importlib.import_module("comments.migrations.0002_moderators_group")
MODERATORS = moderators_migration.GROUP
QUEUE_URL = "/admin/comments/comment/"
SETTINGS_URL = "/admin/comments/discussionsettings/"
_bodies = itertools.count(1)


def make_comment(article, parent=None, **fields):
    """A stored comment (approved unless told otherwise), with its path and depth in the thread."""
    number = next(_bodies)
    values = {
        "author_name": "Robin Reader",
        "author_email": "robin@example.org",
        "body": f"Comment number {number}: walking after dinner helped my sleep.",
        "status": Comment.Status.APPROVED,
    }
    values.update(fields)
    comment = Comment(article=article, parent=parent, **values)
    if not comment.body_html:
        comment.body_html = sanitize_comment(comment.body)
    save_in_thread(comment)
    return comment


def moderators_group():
    """The Moderators group as its data migration makes it.

    A transactional test ends by emptying every table, rows from data migrations included, so
    a later one may find the group gone: then it is made again from the migration's own list.
    """
    group, created = Group.objects.get_or_create(name=MODERATORS)
    if created:
        for app_label, model, codename in moderators_migration.PERMISSIONS:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename=codename,
                )
            )
    return group


def make_moderator(**fields):
    """A staff account in the Moderators group (and nothing else)."""
    fields.setdefault("username", f"moderator{next(_bodies)}")
    fields.setdefault("first_name", "Mo")
    fields.setdefault("last_name", "Derator")
    user = UserFactory(is_staff=True, **fields)
    user.groups.add(moderators_group())
    return user


def make_superuser(**fields):
    fields.setdefault("username", f"admin{next(_bodies)}")
    return UserFactory(is_staff=True, is_superuser=True, **fields)


def client_for(user=None, **defaults):
    client = Client(**defaults)
    if user is not None:
        client.force_login(user)
    return client


def post_url(article):
    return reverse("comments:post", kwargs={"slug": article.slug})


def post_data(article, **overrides):
    """The public comment form as a browser posts it, drawn 10 seconds ago."""
    data = {
        "name": "Jamie Walker",
        "email": "jamie@example.org",
        "website": "",
        "body": f"Comment number {next(_bodies)}: I sleep better since I stopped coffee at noon.",
        "parent": "",
        "homepage": "",
        "issued": issue_stamp(article, issued_at=time.time() - 10),
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def post_comment(client, article, ip="203.0.113.7", **overrides):
    """POST the public form from `ip`; returns the response."""
    return client.post(
        post_url(article),
        post_data(article, **overrides),
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
    )


def discussion_settings(**changes):
    """Change the one DiscussionSettings row (and its cached copy)."""
    settings = DiscussionSettings.load()
    for name, value in changes.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def change_url(comment):
    return f"{QUEUE_URL}{comment.pk}/change/"


def reply_url(comment):
    return f"{QUEUE_URL}{comment.pk}/reply/"


def run_action(client, action, comments, query="?status=all"):
    """Run an admin action on `comments` from the queue's "All" view; follows the redirect."""
    return client.post(
        QUEUE_URL + query,
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
        follow=True,
    )


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def form_values(response):
    """What the re-drawn comment form holds: {field name: value}, ticked boxes as "on"."""
    form = parse(response).one("form", id="comment-form")
    values = {}
    for element in form.find_all("input"):
        if element.get("type") == "checkbox":
            values[element["name"]] = "on" if "checked" in element.attrs else ""
        elif element.get("type") != "submit":
            values[element["name"]] = element.get("value", "")
    for element in form.find_all("textarea"):
        values[element["name"]] = element.raw_text.strip()
    return values


def form_errors(response):
    """The form's errors as its error summary lists them, above its fields, as text."""
    form = parse(response).one("form", id="comment-form")
    summary = form.find(id="error-summary")
    return summary.text if summary else ""


def html_of(message):
    """The HTML alternative of an email."""
    (content, mimetype), *_rest = message.alternatives
    assert mimetype == "text/html"
    return content


def unsubscribe_url(message):
    """The address in an email's List-Unsubscribe header."""
    return re.fullmatch(r"<(.+)>", message.extra_headers["List-Unsubscribe"]).group(1)


def unsubscribe_path(message):
    url = unsubscribe_url(message)
    assert url.startswith("http://testserver/comments/unsubscribe/")
    return urlsplit(url).path
