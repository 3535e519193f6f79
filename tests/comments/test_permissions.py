"""Who may moderate: the Moderators group (comments.moderate_comment) and superusers.

Editors (staff with every articles permission) cannot see the queue, its actions, the
commenters' addresses or the Discussion settings; anonymous visitors are sent to log in.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from comments.models import Comment, DiscussionSettings
from tests.factories import ArticleFactory, StaffFactory
from tests.markup import parse

from .staff_helpers import (
    QUEUE_URL,
    SETTINGS_URL,
    change_url,
    client_for,
    make_comment,
    make_moderator,
    make_superuser,
    reply_url,
    run_action,
)

pytestmark = pytest.mark.django_db

Status = Comment.Status
ACTIONS = [
    "approve",
    "mark_spam",
    "remove",
    "restore",
    "block_commenter",
    "purge_network_data",
    "export_commenters",
    "erase_commenters_keep_text",
    "erase_commenters_remove_text",
]


@pytest.fixture
def held():
    return make_comment(
        ArticleFactory(),
        status=Status.PENDING,
        author_email="private.person@example.org",
        ip_address="192.0.2.44",
    )


def queue_urls(comment):
    return [
        QUEUE_URL,
        f"{QUEUE_URL}?status=all",
        change_url(comment),
        reply_url(comment),
        f"{QUEUE_URL}{comment.pk}/history/",
    ]


def action_names(response):
    select = parse(response).one("select", name="action")
    return [option["value"] for option in select.find_all("option") if option["value"]]


def test_migration_created_the_moderators_group():
    group = Group.objects.get(name="Moderators")
    codenames = set(group.permissions.values_list("content_type__app_label", "codename"))

    assert codenames == {
        ("comments", "moderate_comment"),
        ("comments", "view_comment"),
        ("comments", "change_comment"),
        ("comments", "view_discussionsettings"),
        ("comments", "change_discussionsettings"),
    }


def test_moderator_sees_the_queue_its_actions_emails_and_ips(held):
    client = client_for(make_moderator())

    for url in queue_urls(held):
        assert client.get(url).status_code == 200, url
    response = client.get(QUEUE_URL)
    assert action_names(response) == ACTIONS
    page = response.content.decode()
    assert "private.person@example.org" in page
    assert "192.0.2.44" in page
    assert "192.0.2.44" in client.get(change_url(held)).content.decode()


def test_moderator_sees_comments_and_discussion_settings_on_the_admin_index(held):
    page = parse(client_for(make_moderator()).get("/admin/"))

    links = {a["href"] for a in page.find_all("a")}
    assert QUEUE_URL in links
    assert SETTINGS_URL in links
    assert page.one(id="moderation-summary")


def test_moderator_cannot_delete_comments(held):
    client = client_for(make_moderator())

    assert client.post(f"{QUEUE_URL}{held.pk}/delete/", {"post": "yes"}).status_code == 403
    assert "delete_selected" not in action_names(client.get(QUEUE_URL))
    assert Comment.objects.filter(pk=held.pk).exists()


def test_editor_gets_403_on_every_queue_address(held):
    client = client_for(StaffFactory())

    for url in queue_urls(held):
        assert client.get(url).status_code == 403, url


def test_editor_cannot_run_an_action_or_change_a_comment(held):
    client = client_for(StaffFactory())

    response = client.post(QUEUE_URL, {"action": "approve", "_selected_action": [held.pk]})
    assert response.status_code == 403
    response = client.post(
        change_url(held),
        {"status": "approved", "body": held.body, "author_name": "x", "author_email": "x@x.org"},
    )
    assert response.status_code == 403
    response = client.post(reply_url(held), {"body": "An editor's reply."})
    assert response.status_code == 403
    held.refresh_from_db()
    assert held.status == Status.PENDING
    assert Comment.objects.count() == 1


def test_editor_sees_neither_the_queue_nor_the_settings_on_the_admin_index(held):
    response = client_for(StaffFactory()).get("/admin/")

    assert response.status_code == 200
    page = parse(response)
    assert page.find(id="moderation-summary") is None
    links = {a["href"] for a in page.find_all("a")}
    assert QUEUE_URL not in links
    assert SETTINGS_URL not in links
    assert "/admin/articles/article/" in links
    assert "awaiting moderation" not in page.text


def test_editor_cannot_open_the_discussion_settings():
    DiscussionSettings.load()
    client = client_for(StaffFactory())

    assert client.get(SETTINGS_URL).status_code == 403  # refused, not redirected
    assert client.get(f"{SETTINGS_URL}1/change/").status_code == 403
    assert client.post(f"{SETTINGS_URL}1/change/", {"max_depth": 1}).status_code == 403
    assert DiscussionSettings.load().max_depth == 5


def test_a_user_given_only_the_moderate_permission_may_moderate(held):
    """The permission, not the group's name, is what counts."""
    from django.contrib.auth.models import Permission

    editor = StaffFactory()
    editor.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="comments", codename__in=["moderate_comment", "change_comment"]
        )
    )
    client = client_for(editor)

    assert client.get(QUEUE_URL).status_code == 200
    run_action(client, "approve", [held])
    assert Comment.objects.get(pk=held.pk).status == Status.APPROVED


def test_change_permission_without_moderate_is_not_enough(held):
    from django.contrib.auth.models import Permission

    editor = StaffFactory()
    editor.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="comments").exclude(
            codename="moderate_comment"
        )
    )

    assert client_for(editor).get(QUEUE_URL).status_code == 403


def test_anonymous_visitor_is_sent_to_the_admin_login(held):
    client = Client()

    for url in [*queue_urls(held), SETTINGS_URL, "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/?next="), url
    response = client.post(QUEUE_URL, {"action": "approve", "_selected_action": [held.pk]})
    assert response.status_code == 302
    assert Comment.objects.get(pk=held.pk).status == Status.PENDING


def test_reader_account_without_staff_status_is_sent_to_the_login(held):
    from tests.factories import UserFactory

    response = client_for(UserFactory()).get(QUEUE_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_superuser_can_do_everything(held):
    client = client_for(make_superuser())

    for url in queue_urls(held):
        assert client.get(url).status_code == 200, url
    assert action_names(client.get(QUEUE_URL)) == ["delete_selected", *ACTIONS]
    assert client.get(SETTINGS_URL, follow=True).status_code == 200
    assert "awaiting moderation" in parse(client.get("/admin/")).one(id="moderation-summary").text
    run_action(client, "approve", [held])
    assert Comment.objects.get(pk=held.pk).status == Status.APPROVED
    response = client.post(f"{QUEUE_URL}{held.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=held.pk).exists()


def test_superuser_cannot_add_comments_or_a_second_settings_row():
    client = client_for(make_superuser())

    assert client.get(f"{QUEUE_URL}add/").status_code == 403
    assert client.get(f"{SETTINGS_URL}add/").status_code == 403


def test_settings_page_opens_on_a_new_site_before_the_row_exists():
    """The change page itself creates the one row with its defaults."""
    assert not DiscussionSettings.objects.exists()
    client = client_for(make_superuser())

    response = client.get(f"{SETTINGS_URL}1/change/")

    assert response.status_code == 200
    assert DiscussionSettings.objects.count() == 1
    assert client.get(f"{SETTINGS_URL}2/change/").status_code == 302  # no such row: back home


def test_viewing_the_discussion_settings_needs_the_moderate_permission():
    """They hold blocked emails and IP addresses: the ordinary view permission is not enough."""
    from django.contrib.auth.models import Permission

    DiscussionSettings.load()
    editor = StaffFactory()
    editor.user_permissions.add(
        Permission.objects.get(codename="view_discussionsettings"),
        Permission.objects.get(codename="change_discussionsettings"),
    )
    client = client_for(editor)

    assert client.get(SETTINGS_URL).status_code == 403
    assert client.get(f"{SETTINGS_URL}1/change/").status_code == 403
