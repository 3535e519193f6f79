"""Comments come in as the article's discussion: threads, statuses, people, and privacy."""

import re
from datetime import UTC, datetime

import pytest

from articles.models import Article
from articles.people import Person
from comments import threads
from comments.models import Comment, DiscussionSettings, ModerationLog
from tests.factories import StaffFactory

from . import wxr_files as wxr
from .conftest import row

ANSWERED = "2021-03-03 10:00:00"

pytestmark = pytest.mark.django_db


def public_ids(response):
    """The ids of the comments shown on a page, in page order."""
    return [int(pk) for pk in re.findall(r'id="comment-(\d+)"', response.content.decode())]


def imported(run_import, *comments, **options):
    run = run_import(wxr.item(1, "Discussed", name="discussed", comments=comments), **options)
    return run, Article.objects.get(slug="discussed")


def by_body():
    return {comment.body: comment for comment in Comment.objects.all()}


def test_threads_keep_their_parents_dates_and_order(run_import):
    run, article = imported(
        run_import,
        wxr.comment(10, content="Root one", date_gmt="2021-03-02 10:00:00"),
        wxr.comment(11, content="Reply", parent=10, date_gmt="2021-03-02 11:00:00"),
        wxr.comment(12, content="Reply to reply", parent=11, date_gmt="2021-03-02 12:00:00"),
        wxr.comment(13, content="Root two", date_gmt="2021-03-03 10:00:00"),
        wxr.comment(14, content="Second reply", parent=10, date_gmt="2021-03-02 13:00:00"),
    )

    comments = by_body()
    assert comments["Reply"].parent == comments["Root one"]
    assert comments["Reply to reply"].parent == comments["Reply"]
    assert [c.depth for c in Comment.objects.order_by("path")] == [1, 2, 3, 2, 1]
    assert [c.body for c in article.comments.order_by("path")] == [
        "Root one",
        "Reply",
        "Reply to reply",
        "Second reply",
        "Root two",
    ]
    assert comments["Reply"].created_at == datetime(2021, 3, 2, 11, 0, tzinfo=UTC)
    assert row(run, "comment")["imported"] == 5


def test_every_path_holds_its_own_id_after_its_ancestors(run_import):
    imported(
        run_import,
        *[wxr.comment(n, content=f"c{n}", parent=n - 1 if n % 4 else 0) for n in range(1, 40)],
    )

    for comment in Comment.objects.select_related("parent"):
        assert comment.path == threads.path_for(comment)
        assert comment.path.endswith(threads.segment(comment.pk))


def test_a_reply_listed_before_its_parent_still_hangs_from_it(run_import):
    imported(
        run_import,
        wxr.comment(21, content="Child first", parent=20),
        wxr.comment(20, content="Parent later"),
    )

    comments = by_body()
    assert comments["Child first"].parent == comments["Parent later"]


def test_orphans_go_to_the_top_and_replies_to_skipped_comments_climb(run_import):
    run, _article = imported(
        run_import,
        wxr.comment(1, content="Root"),
        wxr.comment(2, content="A pingback", comment_type="pingback", parent=1),
        wxr.comment(3, content="Reply to the pingback", parent=2),
        wxr.comment(4, content="Orphan", parent=999),
        wxr.comment(5, content="Cycle a", parent=6),
        wxr.comment(6, content="Cycle b", parent=5),
    )

    comments = by_body()
    assert comments["Reply to the pingback"].parent == comments["Root"]
    assert comments["Orphan"].parent is None
    assert {comments["Cycle a"].depth, comments["Cycle b"].depth} == {1, 2}
    notes = row(run, "comment")["notes"]
    assert notes["reply to a comment missing from the export: placed at the top"] == 1
    assert notes["reply to a skipped comment: attached to the nearest imported ancestor"] == 1


def test_replies_deeper_than_allowed_hang_from_the_deepest_allowed_ancestor(run_import):
    settings = DiscussionSettings.load()
    settings.max_depth = 3
    settings.save()
    run, _article = imported(
        run_import,
        *[wxr.comment(n, content=f"level {n}", parent=n - 1) for n in range(1, 7)],
    )

    comments = by_body()
    assert [comments[f"level {n}"].depth for n in range(1, 7)] == [1, 2, 3, 3, 3, 3]
    assert {comments[f"level {n}"].parent for n in range(3, 7)} == {comments["level 2"]}
    assert (
        row(run, "comment")["notes"][
            "nested deeper than the thread depth allows: attached to the deepest allowed"
        ]
        == 3
    )


def test_every_status_maps_and_pingbacks_trackbacks_are_counted(run_import):
    run, _article = imported(
        run_import,
        wxr.comment(1, content="Approved", approved="1"),
        wxr.comment(2, content="Held", approved="0"),
        wxr.comment(3, content="Junk", approved="spam"),
        wxr.comment(4, content="Binned", approved="trash"),
        wxr.comment(5, content="Odd", approved="post-trashed"),
        wxr.comment(6, content="Ping", comment_type="pingback"),
        wxr.comment(7, content="Track", comment_type="trackback"),
        wxr.comment(8, content="   ", approved="1"),
    )

    statuses = {comment.body: comment.status for comment in Comment.objects.all()}
    assert statuses == {
        "Approved": "approved",
        "Held": "pending",
        "Junk": "spam",
        "Binned": "removed",
    }
    comment_row = row(run, "comment")
    assert comment_row["read"] == 8
    assert comment_row["reasons"] == {
        "pingback": 1,
        "trackback": 1,
        "status “post-trashed” is not imported": 1,
        "empty": 1,
    }


def test_pending_and_spam_comments_are_not_public(run_import, client):
    _run, article = imported(
        run_import,
        wxr.comment(1, content="Visible words", approved="1"),
        wxr.comment(2, content="Held words", approved="0"),
        wxr.comment(3, content="Spammy words", approved="spam"),
        wxr.comment(4, content="Removed words", approved="trash"),
    )

    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert "Visible words" in page
    for hidden in ("Held words", "Spammy words", "Removed words"):
        assert hidden not in page
    assert public_ids(response) == [Comment.objects.get(body="Visible words").pk]
    feed = client.get(f"{article.get_absolute_url()}comments/feed/").content.decode()
    assert "Visible words" in feed
    assert "Held words" not in feed
    assert "Spammy words" not in feed


def test_commenters_emails_appear_nowhere_public(run_import, client):
    emails = ["Visible.Reader@Example.NET", "held.reader@example.org", "spam.bot@example.info"]
    _run, article = imported(
        run_import,
        wxr.comment(1, email=emails[0], content="One", url="https://reader.example/"),
        wxr.comment(2, email=emails[1], content="Two", approved="0"),
        wxr.comment(3, email=emails[2], content="Three", approved="spam"),
    )

    assert Comment.objects.get(body="One").author_email == "visible.reader@example.net"
    urls = [
        "/",
        article.get_absolute_url(),
        f"{article.get_absolute_url()}comments/feed/",
        "/feeds/articles/",
        "/feeds/articles/atom/",
        "/sitemap.xml",
        article.category.get_absolute_url(),
        "/search/?q=Discussed",
    ]
    for url in urls:
        response = client.get(url)
        body = response.content.decode().lower() + str(response.headers).lower()
        for email in emails:
            assert email.lower() not in body, url
            assert email.split("@")[0].lower() not in body, url


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("fe80::1%eth0", "fe80::1"),
        ("::ffff:192.0.2.44", "192.0.2.44"),
        (" 192.0.2.5 ", "192.0.2.5"),
        ("192.0.2.5:8080", "192.0.2.5"),
        ("unknown", None),
    ],
)
def test_addresses_are_stored_as_a_posted_comments_would_be(run_import, written, stored):
    """A zone id, which PostgreSQL cannot store, would otherwise stop the whole import."""
    imported(run_import, wxr.comment(1, ip=written))

    assert Comment.objects.get().ip_address == stored


def test_hostile_comments_are_sanitised_and_reported(run_import, client):
    run, article = imported(
        run_import,
        wxr.comment(
            1,
            author="<b>Mallory</b><script>x()</script>",
            content='<script>alert(1)</script><a href="javascript:alert(2)">click</a> words',
            url="javascript:alert(3)",
            email="not an email",
            ip="999.1.1.1",
        ),
    )

    comment = Comment.objects.get()
    assert "<script" not in comment.body_html
    assert "javascript:" not in comment.body_html
    assert comment.author_name == "Mallory"
    assert comment.author_url == ""
    assert comment.author_email == ""
    assert comment.ip_address is None
    page = client.get(article.get_absolute_url()).content.decode()
    assert "javascript:" not in page
    assert "<script>alert" not in page
    notes = row(run, "comment")["notes"]
    assert notes["unsafe markup removed (scripts, embeds, event handlers or javascript: links)"]
    assert notes["website dropped (not an http or https address, or too long)"] == 1
    assert notes["invalid email address dropped"] == 1
    assert notes["name cleaned (markup removed or shortened)"] == 1


def test_a_comment_longer_than_ours_allow_is_refused_and_its_reply_climbs(run_import):
    run, _article = imported(
        run_import,
        wxr.comment(1, content="Root"),
        wxr.comment(2, content="x" * 5001, parent=1),
        wxr.comment(3, content="Reply to the long one", parent=2),
    )

    assert by_body()["Reply to the long one"].parent == by_body()["Root"]
    assert row(run, "comment")["reasons"] == {"longer than 5,000 characters": 1}


def test_network_details_are_kept_for_moderation(run_import):
    imported(run_import, wxr.comment(1, ip="2001:db8::7", agent="Browser/1.0 " + "x" * 400))

    comment = Comment.objects.get()
    assert comment.ip_address == "2001:db8::7"
    assert comment.user_agent.startswith("Browser/1.0")
    assert len(comment.user_agent) == 300
    assert comment.moderation_reasons == ["Imported from WordPress"]
    assert comment.notify is False


def test_wordpress_users_are_matched_to_staff_by_login(run_import, client):
    staff = StaffFactory(username="alice", first_name="Alice", last_name="Answers")
    _run, article = imported(
        run_import,
        wxr.comment(1, author="reader", content="Question?"),
        wxr.comment(2, author="alice wp", content="Answer.", parent=1, user_id=1),
        wxr.comment(3, author="Ghost", content="From a user we do not have", user_id=77),
    )

    answer = Comment.objects.get(body="Answer.")
    assert answer.is_staff_reply
    assert answer.user == staff
    # The staff member's public name: the Person the import made for the author "alice".
    assert answer.author_name == staff.person.name == "Alice Author"
    ghost = Comment.objects.get(author_name="Ghost")
    assert not ghost.is_staff_reply
    assert ghost.user is None
    page = client.get(article.get_absolute_url()).content.decode()
    assert "alice wp" not in page


def test_a_staff_reply_comes_in_under_the_staff_members_public_name_and_is_logged(
    run_import, client
):
    staff = StaffFactory(username="alice", first_name="Alice", last_name="Answers")
    Person.objects.create(
        name="Dr Alice Answers", slug="alice", user=staff, role="Registered dietitian"
    )
    imported(
        run_import,
        wxr.comment(1, author="reader", content="Question?"),
        wxr.comment(2, author="alice", content="Answer.", parent=1, user_id=1, date_gmt=ANSWERED),
    )

    answer = Comment.objects.get(body="Answer.")
    assert (answer.author_name, answer.author_role) == ("Dr Alice Answers", "Registered dietitian")
    [entry] = ModerationLog.objects.filter(comment=answer)
    assert (entry.action, entry.actor, entry.to_status) == ("reply", staff, "approved")
    assert entry.at == answer.created_at
    assert not ModerationLog.objects.exclude(comment=answer).exists()


def test_no_email_is_sent_for_an_imported_discussion(run_import, mailoutbox):
    imported(
        run_import,
        wxr.comment(1, content="Held", approved="0"),
        wxr.comment(2, content="Public", approved="1"),
    )

    assert mailoutbox == []


def test_comments_of_skipped_posts_pages_and_attachments_are_counted(run_import):
    run = run_import(
        wxr.item(1, "Binned", status="trash", comments=[wxr.comment(1)]),
        wxr.item(2, "Page", post_type="page", comments=[wxr.comment(2)]),
    )

    assert Comment.objects.count() == 0
    assert row(run, "comment")["reasons"] == {
        "its post was not imported": 1,
        "on a page (flat pages have no discussion)": 1,
    }


def test_the_thread_renders_in_constant_queries(run_import, client, django_assert_max_num_queries):
    _run, article = imported(
        run_import,
        *[wxr.comment(n, content=f"c{n}", parent=n - 1 if n % 3 else 0) for n in range(1, 60)],
    )
    client.get(article.get_absolute_url())

    with django_assert_max_num_queries(25):
        response = client.get(article.get_absolute_url())

    assert len(public_ids(response)) == 59


def test_siblings_read_oldest_first_whatever_the_order_of_the_file(run_import):
    _run, article = imported(
        run_import,
        wxr.comment(5, content="Later root", date_gmt="2021-03-05 10:00:00"),
        wxr.comment(4, content="Earlier root", date_gmt="2021-03-04 10:00:00"),
        wxr.comment(7, content="Later reply", parent=4, date_gmt="2021-03-07 10:00:00"),
        wxr.comment(6, content="Earlier reply", parent=4, date_gmt="2021-03-06 10:00:00"),
    )

    assert [c.body for c in article.comments.order_by("path")] == [
        "Earlier root",
        "Earlier reply",
        "Later reply",
        "Later root",
    ]
