"""The moderation queue and the Discussion settings page, as a moderator uses them."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment, DiscussionSettings
from tests.factories import ArticleFactory
from tests.markup import parse

from .staff_helpers import (
    QUEUE_URL,
    SETTINGS_URL,
    change_url,
    discussion_settings,
    make_comment,
    messages_of,
    post_comment,
    reply_url,
    run_action,
)

pytestmark = pytest.mark.django_db

Status = Comment.Status


@pytest.fixture
def article():
    return ArticleFactory(title="Sleep and the body clock")


@pytest.fixture
def mixed(article):
    """One comment in each status; the spam one was caught on arrival, the removed one had been
    approved."""
    return {
        "pending": make_comment(article, status=Status.PENDING, author_email="p@example.org"),
        "approved": make_comment(article, status=Status.APPROVED, author_email="a@example.org"),
        "spam": make_comment(article, status=Status.SPAM, author_email="s@example.org"),
        "removed": make_comment(
            article,
            status=Status.REMOVED,
            previous_status=Status.APPROVED,
            author_email="r@example.org",
        ),
    }


def statuses(comments):
    return {name: Comment.objects.get(pk=comment.pk).status for name, comment in comments.items()}


def listed(response):
    """The ids of the comments listed in the queue, in order."""
    return [
        int(box["value"]) for box in parse(response).find_all("input", name="_selected_action")
    ]


def row_of(response, comment):
    """{column: text} of the comment's row in the queue."""
    for row in parse(response).one("table", id="result_list").find_all("tr"):
        box = row.find("input", name="_selected_action")
        if box is not None and int(box["value"]) == comment.pk:
            return {
                cell["class"].split()[0].removeprefix("field-"): cell
                for cell in row.find_all()
                if cell.tag in ("td", "th") and cell.get("class", "").startswith("field-")
            }
    raise AssertionError(f"comment {comment.pk} is not listed")


# The queue.


def test_queue_opens_on_the_comments_awaiting_moderation(moderator_client, mixed):
    response = moderator_client.get(QUEUE_URL)

    assert response.status_code == 200
    assert listed(response) == [mixed["pending"].pk]
    [by_status] = [
        details
        for details in parse(response).find_all("details")
        if details.get("data-filter-title") == "status"
    ]
    assert by_status.one("li", class_="selected").text == "Pending"


@pytest.mark.parametrize("status", ["approved", "spam", "removed"])
def test_queue_filters_by_status(moderator_client, mixed, status):
    assert listed(moderator_client.get(QUEUE_URL, {"status": status})) == [mixed[status].pk]


def test_queue_shows_every_comment_under_all_newest_first(moderator_client, article):
    old = make_comment(article, created_at=timezone.now() - timedelta(days=3))
    new = make_comment(article, status=Status.SPAM)
    middle = make_comment(
        article, status=Status.PENDING, created_at=timezone.now() - timedelta(days=1)
    )

    assert listed(moderator_client.get(QUEUE_URL, {"status": "all"})) == [
        new.pk,
        middle.pk,
        old.pk,
    ]


def test_queue_filters_by_article(moderator_client, article):
    other = ArticleFactory(title="Morning light")
    mine = make_comment(article, status=Status.PENDING)
    make_comment(other, status=Status.PENDING)

    response = moderator_client.get(QUEUE_URL)
    sidebar = parse(response).one("nav", id="changelist-filter").text
    assert "Sleep and the body clock" in sidebar and "Morning light" in sidebar
    filtered = moderator_client.get(QUEUE_URL, {"article__id__exact": article.pk})
    assert listed(filtered) == [mine.pk]


def test_queue_filters_by_date(moderator_client, article):
    today = make_comment(article, status=Status.PENDING)
    make_comment(article, status=Status.PENDING, created_at=timezone.now() - timedelta(days=10))
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)

    response = moderator_client.get(
        QUEUE_URL,
        {
            "created_at__gte": start.isoformat(sep=" "),
            "created_at__lt": (start + timedelta(days=1)).isoformat(sep=" "),
        },
    )

    assert listed(response) == [today.pk]
    assert "Past 7 days" in parse(response).one("nav", id="changelist-filter").text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ottoline", "by_name"),
        ("ottoline", "by_name"),
        ("quiet.reader@", "by_email"),
        ("chamomile", "by_body"),
        ("192.0.2.77", "by_ip"),
    ],
)
def test_queue_searches_name_email_body_and_ip(moderator_client, article, query, expected):
    found = {
        "by_name": make_comment(article, author_name="Ottoline Morrell"),
        "by_email": make_comment(article, author_email="quiet.reader@example.org"),
        "by_body": make_comment(article, body="Chamomile tea before bed works for me."),
        "by_ip": make_comment(article, ip_address="192.0.2.77"),
    }
    make_comment(article, ip_address="192.0.2.7")

    response = moderator_client.get(QUEUE_URL, {"status": "all", "q": query})

    assert listed(response) == [found[expected].pk]


def test_queue_search_by_ip_is_exact(moderator_client, article):
    make_comment(article, ip_address="192.0.2.77")

    assert listed(moderator_client.get(QUEUE_URL, {"status": "all", "q": "192.0.2.7"})) == []


def test_queue_columns_show_what_a_moderator_decides_on(moderator_client, article):
    make_comment(article, author_email="kim@example.org")
    make_comment(ArticleFactory(), author_email="kim@example.org")
    make_comment(article, author_email="kim@example.org", status=Status.SPAM)
    comment = make_comment(
        article,
        status=Status.PENDING,
        author_name="Kim Lee",
        author_email="Kim@Example.org",
        author_url="https://kim.example.com/",
        body="Sleep " * 40,
        moderation_reasons=["3 links", "held word: supplements"],
        ip_address="198.51.100.23",
    )

    response = moderator_client.get(QUEUE_URL)

    headers = [
        th.text
        for th in parse(response).one("table", id="result_list").find("thead").find_all("th")
    ]
    assert headers[1:-1] == [
        "Comment", "Author", "Email", "Website", "Article", "Status", "Why",
        "Approved comments", "IP address", "Posted",
    ]  # fmt: skip
    row = row_of(response, comment)
    assert row["excerpt"].text.endswith("…")
    assert len(row["excerpt"].text) <= 90
    assert row["author"].text == "Kim Lee"
    assert row["author_email"].text == "kim@example.org"  # stored in one spelling
    website = row["website"].one("a")
    assert website["href"] == "https://kim.example.com/"
    assert "nofollow" in website["rel"]
    assert row["article_link"].one("a")["href"] == article.get_absolute_url()
    assert row["article_link"].text == "Sleep and the body clock"
    assert row["status"].text == "Pending"
    assert row["reasons"].text == "3 links; held word: supplements"
    assert row["approved_count"].text == "2"
    assert row["ip_address"].text == "198.51.100.23"
    assert row["created_at"].text


def test_queue_marks_staff_replies(moderator_client, article, moderator):
    reply = make_comment(article, is_staff_reply=True, user=moderator, author_name="Mo Derator")

    row = row_of(moderator_client.get(QUEUE_URL, {"status": "all"}), reply)

    assert row["author"].text == "Mo Derator (staff)"


def test_approved_count_leaves_out_the_comment_itself_whatever_the_email_case(
    moderator_client, article
):
    """A staff account's address keeps its capitals on its replies; the count still holds."""
    first = make_comment(article, author_email="Dr.Lee@Example.org")
    second = make_comment(article, author_email="Dr.Lee@Example.org")
    lone = make_comment(article, author_email="Only.Once@Example.org")

    response = moderator_client.get(QUEUE_URL, {"status": "approved"})

    assert row_of(response, first)["approved_count"].text == "1"
    assert row_of(response, second)["approved_count"].text == "1"
    assert row_of(response, lone)["approved_count"].text == "0"


def test_queue_shows_the_reasons_stored_by_the_policy(client, moderator_client, article):
    discussion_settings(held_words="melatonin")
    post_comment(client, article, body="Melatonin worked for me.")

    response = moderator_client.get(QUEUE_URL)

    assert row_of(response, Comment.objects.get())["reasons"].text == (
        "held word: melatonin; every comment is held for moderation"
    )


def test_admin_index_shows_how_many_comments_await_moderation(moderator_client, mixed, article):
    make_comment(article, status=Status.PENDING)

    summary = parse(moderator_client.get("/admin/")).one(id="moderation-summary")

    assert "2 comments awaiting moderation" in summary.text
    assert summary.one("a")["href"] == f"{QUEUE_URL}desk/"


def test_admin_index_says_one_comment_in_the_singular(moderator_client, article):
    make_comment(article, status=Status.PENDING)

    summary = parse(moderator_client.get("/admin/")).one(id="moderation-summary")

    assert "1 comment awaiting moderation" in summary.text


# The actions, on a mixed selection (from the "All" view).


def test_approve_a_mixed_selection(moderator_client, moderator, mixed):
    response = run_action(moderator_client, "approve", mixed.values())

    assert messages_of(response) == ["3 comments approved."]
    assert set(statuses(mixed).values()) == {Status.APPROVED}
    approved = Comment.objects.get(pk=mixed["approved"].pk)
    assert approved.moderated_by is None  # it did not change
    for name in ("pending", "spam", "removed"):
        comment = Comment.objects.get(pk=mixed[name].pk)
        assert comment.moderated_by == moderator
        assert timezone.now() - comment.moderated_at < timedelta(seconds=10)


def test_mark_a_mixed_selection_as_spam(moderator_client, moderator, mixed):
    response = run_action(moderator_client, "mark_spam", mixed.values())

    assert messages_of(response) == ["3 comments marked as spam."]
    assert set(statuses(mixed).values()) == {Status.SPAM}
    assert Comment.objects.get(pk=mixed["removed"].pk).moderated_by == moderator
    assert Comment.objects.get(pk=mixed["spam"].pk).moderated_by is None


def test_remove_a_mixed_selection(moderator_client, mixed):
    response = run_action(moderator_client, "remove", mixed.values())

    assert messages_of(response) == ["3 comments removed."]
    assert set(statuses(mixed).values()) == {Status.REMOVED}


def test_restore_a_mixed_selection(moderator_client, moderator, mixed):
    """Spam caught on arrival goes back to the queue; a removed approved comment is public."""
    response = run_action(moderator_client, "restore", mixed.values())

    assert messages_of(response) == ["2 comments restored."]
    assert statuses(mixed) == {
        "pending": Status.PENDING,
        "approved": Status.APPROVED,
        "spam": Status.PENDING,
        "removed": Status.APPROVED,
    }
    assert Comment.objects.get(pk=mixed["removed"].pk).moderated_by == moderator


def test_restore_returns_each_comment_to_its_previous_status(moderator_client, mixed):
    run_action(moderator_client, "remove", [mixed["approved"]])
    run_action(moderator_client, "mark_spam", [mixed["pending"]])
    run_action(moderator_client, "remove", [mixed["pending"]])  # spam, then removed

    run_action(moderator_client, "restore", mixed.values())

    assert statuses(mixed)["approved"] == Status.APPROVED
    assert statuses(mixed)["pending"] == Status.PENDING


def test_single_action_message_is_singular(moderator_client, mixed):
    assert messages_of(run_action(moderator_client, "approve", [mixed["pending"]])) == [
        "1 comment approved."
    ]


def test_actions_work_on_what_the_queue_lists(moderator_client, mixed):
    """From the default (pending) view, a selection can only touch the comments listed there."""
    response = run_action(moderator_client, "mark_spam", mixed.values(), query="")

    assert messages_of(response) == ["1 comment marked as spam."]
    assert statuses(mixed)["approved"] == Status.APPROVED


def test_block_this_commenter(client, moderator_client, article, mixed):
    discussion_settings(blocked_emails="already@example.org", blocked_ips="")
    troll = make_comment(
        article, status=Status.PENDING, author_email="Troll@Example.org", ip_address="192.0.2.66"
    )
    again = make_comment(article, author_email="troll@example.org", ip_address="192.0.2.66")

    response = run_action(moderator_client, "block_commenter", [troll, again])

    assert messages_of(response) == [
        "Blocked 1 email address(es) and 1 IP address(es); 2 comment(s) marked as spam."
    ]
    assert {Comment.objects.get(pk=c.pk).status for c in (troll, again)} == {Status.SPAM}
    settings = DiscussionSettings.objects.get()
    assert settings.blocked_emails.splitlines() == ["already@example.org", "troll@example.org"]
    assert settings.blocked_ips.splitlines() == ["192.0.2.66"]

    run_action(moderator_client, "block_commenter", [troll, mixed["approved"]])

    settings = DiscussionSettings.objects.get()
    assert settings.blocked_emails.splitlines() == [
        "already@example.org",
        "troll@example.org",
        "a@example.org",
    ]
    assert settings.blocked_ips.splitlines() == ["192.0.2.66"]

    post_comment(client, article, email="troll@example.org")
    assert Comment.objects.latest("pk").moderation_reasons == ["blocked email"]


def test_blocking_keeps_settings_changed_elsewhere_meanwhile(moderator_client, article):
    """The lists are read from the database, not from a cached copy that may be old."""
    DiscussionSettings.load()  # cached in this process
    DiscussionSettings.objects.filter(pk=1).update(blocked_words="casino")  # another server
    troll = make_comment(article, author_email="troll@example.org", ip_address="192.0.2.66")

    run_action(moderator_client, "block_commenter", [troll])

    settings = DiscussionSettings.objects.get()
    assert settings.blocked_words == "casino"
    assert settings.blocked_emails == "troll@example.org"


def test_settings_page_shows_the_stored_row_not_a_cached_copy(moderator_client):
    DiscussionSettings.load()
    DiscussionSettings.objects.filter(pk=1).update(held_words="miracle cure")

    page = moderator_client.get("/admin/comments/discussionsettings/1/change/").content.decode()

    assert "miracle cure" in page


def test_purge_ip_and_browser_of_old_comments(moderator_client, article):
    old = make_comment(
        article,
        ip_address="192.0.2.1",
        user_agent="Firefox",
        created_at=timezone.now() - timedelta(days=91),
    )
    recent = make_comment(article, ip_address="192.0.2.2", user_agent="Safari")

    response = run_action(moderator_client, "purge_network_data", [old, recent])

    assert messages_of(response) == ["IP address and browser forgotten for 1 comment."]
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, old.user_agent) == (None, "")
    assert (recent.ip_address, recent.user_agent) == ("192.0.2.2", "Safari")


def test_export_the_commenters_data_as_json(moderator_client, article):
    selected = make_comment(article, author_email="ann@example.org", ip_address="192.0.2.3")
    elsewhere = make_comment(ArticleFactory(), author_email="ANN@example.org")
    make_comment(article, author_email="other@example.org")

    response = run_action(moderator_client, "export_commenters", [selected])

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="commenter-data.json"'
    [person] = json.loads(response.content)
    assert person["email"] == "ann@example.org"
    assert [c["id"] for c in person["comments"]] == [selected.pk, elsewhere.pk]
    assert person["comments"][0]["ip_address"] == "192.0.2.3"
    assert person["comments"][0]["comment"] == selected.body


def test_erase_commenters_keeping_their_text(moderator_client, article):
    comment = make_comment(
        article,
        author_name="Ann Other",
        author_email="ann@example.org",
        author_url="https://ann.example.com",
        ip_address="192.0.2.3",
        user_agent="Firefox",
        notify=True,
    )
    make_comment(ArticleFactory(), author_email="Ann@example.org")

    response = run_action(moderator_client, "erase_commenters_keep_text", [comment])

    assert messages_of(response) == ["Erased 1 commenter(s): 2 comment(s) anonymised."]
    comment.refresh_from_db()
    assert (comment.author_name, comment.author_email, comment.author_url) == ("Anonymous", "", "")
    assert (comment.ip_address, comment.user_agent, comment.notify) == (None, "", False)
    assert comment.status == Status.APPROVED
    assert comment.body.startswith("Comment number")
    assert not Comment.objects.filter(author_email__iexact="ann@example.org").exists()


def test_erase_commenters_and_their_text(client, moderator_client, article):
    comment = make_comment(article, author_email="ann@example.org", body="Private story.")
    reply = make_comment(article, parent=comment, body="Thanks for sharing.")

    response = run_action(moderator_client, "erase_commenters_remove_text", [comment])

    assert messages_of(response) == ["Erased 1 commenter(s): 1 comment(s) anonymised."]
    comment.refresh_from_db()
    assert (comment.body, comment.body_html, comment.status) == ("", "", Status.REMOVED)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Private story." not in page
    assert "Comment removed" in page
    assert f'id="comment-{reply.pk}"' in page


def test_remove_keeps_approved_replies_in_place(client, moderator_client, article):
    parent = make_comment(article, body="The removed words.")
    reply = make_comment(article, parent=parent, body="A reply that stays.")

    run_action(moderator_client, "remove", [parent])

    thread = parse(client.get(article.get_absolute_url())).one("ol", class_="comment-list")
    placeholder = thread.one("li", class_="comment-removed")
    assert placeholder.one("p", class_="comment-removed-note").text == "Comment removed"
    assert placeholder.one("li", id=f"comment-{reply.pk}")
    assert "A reply that stays." in thread.text
    assert "The removed words." not in thread.text


# View in context, reply as staff, the change form.


def test_view_in_context_goes_to_the_comment_on_the_article(client, moderator_client, article):
    """Approved comments for everyone, held ones for moderators (who see them in place)."""
    comment = make_comment(article)
    held = make_comment(article, status=Status.PENDING)

    response = moderator_client.get(QUEUE_URL, {"status": "all"})
    context_link = row_of(response, comment)["links"].find_all("a")[0]
    assert context_link.text == "view in context"
    assert context_link["href"] == f"/comments/{comment.pk}/"
    redirect = client.get(context_link["href"])
    assert redirect.status_code == 302
    assert redirect["Location"] == f"/articles/{article.slug}/#comment-{comment.pk}"
    held_link = row_of(response, held)["links"].find_all("a")[0]
    assert (held_link.text, held_link["href"]) == ("view in context", f"/comments/{held.pk}/")
    redirect = moderator_client.get(held_link["href"])
    assert redirect["Location"] == f"/articles/{article.slug}/#comment-{held.pk}"
    assert client.get(f"/comments/{held.pk}/").status_code == 404
    spam = make_comment(article, status=Status.SPAM)
    spam_link = row_of(moderator_client.get(QUEUE_URL, {"status": "all"}), spam)["links"]
    assert spam_link.find_all("a")[0]["href"] == f"/articles/{article.slug}/#comments"


def test_reply_as_staff_form_shows_the_comment(moderator_client, article):
    parent = make_comment(article, author_name="Robin", body="Does light at night matter?")

    response = moderator_client.get(reply_url(parent))

    assert response.status_code == 200
    page = parse(response)
    assert "Replying to Robin on “Sleep and the body clock”" in page.text
    assert page.one("blockquote").text == "Does light at night matter?"
    assert page.one("textarea", name="body")
    link = row_of(moderator_client.get(QUEUE_URL, {"status": "all"}), parent)["links"]
    assert link.find_all("a")[1]["href"] == reply_url(parent)


def test_reply_as_staff_publishes_an_approved_staff_reply(
    client, moderator_client, moderator, article
):
    parent = make_comment(article)

    response = moderator_client.post(
        reply_url(parent), {"body": "Yes: dim the lights an hour before bed.", "notify": "on"}
    )

    assert response.status_code == 302
    assert response["Location"] == QUEUE_URL
    reply = Comment.objects.get(parent=parent)
    assert reply.status == Status.APPROVED
    assert reply.moderation_reasons == ["staff reply"]
    assert reply.is_staff_reply and reply.user == moderator
    assert (reply.author_name, reply.author_email) == ("Mo Derator", "mo@example.org")
    assert (reply.depth, reply.path.startswith(parent.path)) == (2, True)
    assert reply.notify is True
    assert messages_of(moderator_client.get(QUEUE_URL)) == ["Your reply is published."]
    item = parse(client.get(article.get_absolute_url())).one("li", id=f"comment-{reply.pk}")
    assert item.one(class_="staff-badge")
    assert "dim the lights" in item.text


def test_reply_as_staff_approves_a_pending_parent_first(moderator_client, moderator, article):
    parent = make_comment(article, status=Status.PENDING)

    response = moderator_client.get(reply_url(parent))
    assert "replying approves it" in response.content.decode()
    moderator_client.post(reply_url(parent), {"body": "Welcome, and thank you."})

    parent.refresh_from_db()
    assert parent.status == Status.APPROVED
    assert parent.moderated_by == moderator
    assert Comment.objects.get(parent=parent).status == Status.APPROVED


def test_reply_as_staff_errors_are_shown_in_the_form(moderator_client, article):
    parent = make_comment(article)

    response = moderator_client.post(reply_url(parent), {"body": ""})

    assert response.status_code == 200
    assert "This field is required." in parse(response).one(id="content-main").text
    assert not Comment.objects.filter(parent=parent).exists()


def test_reply_as_staff_too_deep_is_refused_and_nothing_changes(moderator_client, article):
    discussion_settings(max_depth=2)
    top = make_comment(article)
    held = make_comment(article, parent=top, status=Status.PENDING)

    response = moderator_client.post(reply_url(held), {"body": "A reply too deep."})

    assert response.status_code == 200
    assert "as deep as replies go" in parse(response).one(id="content-main").text
    assert parse(response).one("textarea", name="body").text == "A reply too deep."
    held.refresh_from_db()
    assert held.status == Status.PENDING
    assert Comment.objects.count() == 2


def test_reply_as_staff_to_a_missing_comment_is_404(moderator_client):
    assert moderator_client.get(f"{QUEUE_URL}999999/reply/").status_code == 404


def change_form(comment, **changes):
    data = {
        "status": comment.status,
        "body": comment.body,
        "author_name": comment.author_name,
        "author_email": comment.author_email,
        "author_url": comment.author_url,
    }
    if comment.notify:
        data["notify"] = "on"
    data.update(changes)
    return data


def test_editing_the_body_rebuilds_its_html_through_the_sanitiser(
    client, moderator_client, article
):
    comment = make_comment(article)

    response = moderator_client.post(
        change_url(comment),
        change_form(
            comment, body="Edited <script>alert(1)</script> see https://sleep.example.com"
        ),
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body.startswith("Edited <script>")
    assert "<script" not in comment.body_html
    assert "&lt;script&gt;" in comment.body_html
    assert '<a href="https://sleep.example.com" rel="nofollow ugc noopener">' in comment.body_html
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "Edited" in page


def test_changing_the_status_in_the_change_form_is_a_moderation(
    moderator_client, moderator, article
):
    comment = make_comment(article)

    moderator_client.post(change_url(comment), change_form(comment, status="removed"))

    comment.refresh_from_db()
    assert comment.status == Status.REMOVED
    assert comment.previous_status == Status.APPROVED
    assert comment.moderated_by == moderator
    run_action(moderator_client, "restore", [comment])
    assert Comment.objects.get(pk=comment.pk).status == Status.APPROVED


def test_change_form_keeps_the_moderation_record_read_only(moderator_client, article):
    comment = make_comment(article, ip_address="192.0.2.3", moderation_reasons=["3 links"])

    response = moderator_client.post(
        change_url(comment), change_form(comment, ip_address="10.0.0.1", is_staff_reply="on")
    )

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.ip_address == "192.0.2.3"
    assert comment.is_staff_reply is False
    page = moderator_client.get(change_url(comment)).content.decode()
    assert "3 links" in page and "192.0.2.3" in page


# The Discussion settings page.


def settings_form(**changes):
    settings = DiscussionSettings.load()
    data = {}
    for field in DiscussionSettings._meta.concrete_fields:
        if field.name == "id":
            continue
        value = getattr(settings, field.name)
        if isinstance(value, bool):
            if value:
                data[field.name] = "on"
        else:
            data[field.name] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def test_discussion_settings_list_opens_the_single_page(moderator_client):
    response = moderator_client.get(SETTINGS_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{SETTINGS_URL}1/change/"
    assert moderator_client.get(response["Location"]).status_code == 200


def test_discussion_settings_cannot_be_added_or_deleted(moderator_client):
    DiscussionSettings.load()
    page = moderator_client.get(f"{SETTINGS_URL}1/change/").content.decode()

    assert moderator_client.get(f"{SETTINGS_URL}add/").status_code == 403
    assert moderator_client.post(f"{SETTINGS_URL}1/delete/").status_code == 403
    assert DiscussionSettings.objects.count() == 1
    assert "deletelink" not in page


def test_every_discussion_setting_is_on_the_page_with_help_text(moderator_client):
    DiscussionSettings.load()
    page = parse(moderator_client.get(f"{SETTINGS_URL}1/change/"))

    fields = [f for f in DiscussionSettings._meta.concrete_fields if f.editable and f.name != "id"]
    assert len(fields) == 15
    for field in fields:
        assert field.help_text, field.name
        row = page.one("div", class_=f"field-{field.name}")
        assert " ".join(str(field.help_text).split()) in row.text, field.name


def test_saving_the_discussion_settings_changes_the_behaviour(client, moderator_client, article):
    response = moderator_client.post(
        f"{SETTINGS_URL}1/change/",
        settings_form(link_threshold=0, max_depth=1, blocked_words="casino"),
    )
    assert response.status_code == 302

    post_comment(client, article, body="One link: https://sleep.example.com")
    assert Comment.objects.get().moderation_reasons[0] == "1 link"
    post_comment(client, article, body="Casino bonus", ip="203.0.113.99")
    assert Comment.objects.latest("pk").status == Status.SPAM

    top = make_comment(article)
    refused = post_comment(client, article, parent=str(top.pk), ip="203.0.113.98")
    assert refused.status_code == 200
    assert "as deep as replies go" in refused.content.decode()


def test_discussion_settings_are_validated(moderator_client):
    response = moderator_client.post(
        f"{SETTINGS_URL}1/change/", settings_form(max_depth=11, rate_limit_per_minute=0)
    )

    assert response.status_code == 200
    assert DiscussionSettings.load().max_depth == 5
    text = parse(response).text
    assert "less than or equal to 10" in text
    assert "greater than or equal to 1" in text


@pytest.mark.parametrize("status", [Status.SPAM, Status.REMOVED])
def test_spam_and_removed_comments_cannot_be_answered_as_staff(moderator_client, article, status):
    """Replying approves a pending parent; it must never publish spam or a removed comment."""
    parent = make_comment(article, status=status)

    response = moderator_client.post(reply_url(parent), {"body": "A reply."}, follow=True)

    assert messages_of(response) == [
        "Spam and removed comments cannot be answered. Restore it first."
    ]
    parent.refresh_from_db()
    assert parent.status == status
    assert not Comment.objects.filter(parent=parent).exists()
    queue = moderator_client.get(QUEUE_URL, {"status": status}).content.decode()
    assert reply_url(parent) not in queue


def test_blocking_an_ipv6_commenter_blocks_their_whole_64(client, moderator_client, article):
    """A /64 is one household's or server's range: blocking one address of it would be
    undone by the next address."""
    troll = make_comment(article, ip_address="2001:db8:1:2::5")

    run_action(moderator_client, "block_commenter", [troll])

    assert DiscussionSettings.objects.get().blocked_ips == "2001:db8:1:2::/64"
    post_comment(client, article, email="new@example.org", ip="2001:db8:1:2::abcd")
    assert Comment.objects.latest("pk").moderation_reasons == ["blocked IP address"]


def test_a_stale_settings_form_cannot_undo_a_block(moderator_client, article):
    """Open the settings page, block a commenter meanwhile, then save the page: refused with a
    message, and the block stays."""
    page = parse(moderator_client.get(f"{SETTINGS_URL}1/change/"))
    seen_version = page.one("input", name="seen_version")["value"]
    troll = make_comment(article, author_email="troll@example.org", ip_address="192.0.2.66")
    run_action(moderator_client, "block_commenter", [troll])

    response = moderator_client.post(
        f"{SETTINGS_URL}1/change/",
        settings_form(blocked_emails="", seen_version=seen_version),
    )

    assert response.status_code == 200
    assert "changed by someone else since you opened this page" in response.content.decode()
    assert DiscussionSettings.objects.get().blocked_emails == "troll@example.org"


def test_a_fresh_settings_form_saves(moderator_client):
    page = parse(moderator_client.get(f"{SETTINGS_URL}1/change/"))
    seen_version = page.one("input", name="seen_version")["value"]

    response = moderator_client.post(
        f"{SETTINGS_URL}1/change/", settings_form(held_words="miracle", seen_version=seen_version)
    )

    assert response.status_code == 302
    assert DiscussionSettings.objects.get().held_words == "miracle"


def test_reply_as_staff_rechecks_a_parent_marked_spam_meanwhile(moderator, article):
    """The page was drawn while the comment was pending; another moderator marked it spam
    before the reply was sent: the reply is refused and the spam stays spam."""
    from comments import verbs

    parent = make_comment(article, status=Status.PENDING)
    Comment.objects.filter(pk=parent.pk).update(status=Status.SPAM)

    with pytest.raises(verbs.ReplyRefused):
        verbs.reply_as_staff(parent=parent, by=moderator, body="Hello")

    assert Comment.objects.get(pk=parent.pk).status == Status.SPAM
    assert not Comment.objects.filter(parent=parent).exists()
