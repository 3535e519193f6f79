"""The one moderation policy, `comments.moderation.decide()`, rule by rule.

Each rule is shown through the public form where a person sees the outcome (the page they get
back, what is stored, what the discussion shows), and with `decide()` directly for the detail.
"""

import time
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from articles.sanitize import sanitize_comment
from comments import moderation, ratelimit
from comments.models import Comment, DiscussionSettings
from comments.moderation import Outcome
from comments.stamps import FORM_STAMP_SALT, issue_stamp
from tests.factories import ArticleFactory

from .staff_helpers import (
    client_for,
    discussion_settings,
    form_errors,
    form_values,
    make_comment,
    make_moderator,
    post_comment,
    post_data,
)

pytestmark = pytest.mark.django_db

Status = Comment.Status
IP = "198.51.100.20"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


def new_comment(article, **fields):
    """An unsaved comment as the form builds it."""
    values = {
        "author_name": "Jamie Walker",
        "author_email": "jamie@example.org",
        "author_url": "",
        "body": "Cutting caffeine after noon helped me fall asleep sooner.",
    }
    values.update(fields)
    comment = Comment(article=article, **values)
    comment.body_html = sanitize_comment(comment.body)
    return comment


def decide(comment, *, form_data=None, ip=IP, user_agent=BROWSER, **settings_changes):
    """The policy's decision on `comment`, sent with `form_data` (the public form's stamp and
    hidden field; by default a valid stamp drawn 10 seconds ago)."""
    settings = DiscussionSettings.load()
    for name, value in settings_changes.items():
        setattr(settings, name, value)
    if form_data is None:
        form_data = {"issued": issue_stamp(comment.article, issued_at=time.time() - 10)}
    return moderation.decide(
        comment,
        form_stamp=form_data.get("issued", ""),
        honeypot=form_data.get("homepage", ""),
        ip_address=ip,
        user_agent=user_agent,
        settings=settings,
    )


def assert_kept_and_redrawn(response, sent):
    """The form comes back with what the person typed, the hidden field empty, a new stamp."""
    values = form_values(response)
    for name in ("name", "email", "website", "body"):
        assert values[name] == sent[name]
    assert values["notify"] == "on"
    assert values["homepage"] == ""
    assert values["issued"] != sent["issued"]
    stamp = signing.loads(values["issued"], salt=FORM_STAMP_SALT)
    assert abs(stamp["at"] - time.time()) < 5


@pytest.fixture
def article():
    return ArticleFactory()


# Rejected outright: nothing stored, the person told what to do, their text kept.


def test_honeypot_filled_is_rejected_with_a_friendly_message_and_the_text_kept(client, article):
    sent = post_data(
        article, homepage="https://bot.example", website="https://jamie.example", notify="on"
    )
    response = client.post(f"/articles/{article.slug}/comments/", sent, REMOTE_ADDR=IP)

    assert response.status_code == 200
    assert not Comment.objects.exists()
    assert "hidden field was filled in" in form_errors(response)
    assert "turn off autofill" in form_errors(response)
    assert_kept_and_redrawn(response, sent)


def test_form_sent_within_three_seconds_is_rejected_and_the_text_kept(client, article):
    sent = post_data(
        article,
        issued=issue_stamp(article, issued_at=time.time() - 1),
        website="https://jamie.example",
        notify="on",
    )
    response = client.post(f"/articles/{article.slug}/comments/", sent, REMOTE_ADDR=IP)

    assert response.status_code == 200
    assert not Comment.objects.exists()
    assert "faster than a person can write" in form_errors(response)
    assert_kept_and_redrawn(response, sent)


def test_the_redrawn_form_can_be_sent_again_after_a_few_seconds(client, article):
    """The fresh stamp of a rejected form works: waiting and sending again stores the comment."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        sent = post_data(article, issued=issue_stamp(article, issued_at=time.time() - 1))
        response = client.post(f"/articles/{article.slug}/comments/", sent, REMOTE_ADDR=IP)
        again = form_values(response)
        traveller.shift(timedelta(seconds=5))
        response = client.post(f"/articles/{article.slug}/comments/", again, REMOTE_ADDR=IP)

    assert response.status_code == 303
    assert Comment.objects.get().body == sent["body"]


def test_form_older_than_a_day_is_rejected_as_expired(client, article):
    sent = post_data(article, website="https://jamie.example", notify="on")
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        response = client.post(f"/articles/{article.slug}/comments/", sent, REMOTE_ADDR=IP)
        assert_kept_and_redrawn(response, sent)

    assert response.status_code == 200
    assert not Comment.objects.exists()
    assert "This form has expired" in form_errors(response)


@pytest.mark.parametrize(
    "issued",
    [
        pytest.param(None, id="missing"),
        pytest.param("", id="empty"),
        pytest.param("eyJhcnRpY2xlIjoxLCJhdCI6MH0:forged:signature", id="forged"),
        pytest.param(
            signing.dumps({"article": 1, "at": time.time() - 10}, salt="another.salt"),
            id="other-salt",
        ),
        pytest.param(
            signing.dumps({"at": time.time() - 10}, salt=FORM_STAMP_SALT), id="no-article"
        ),
    ],
)
def test_missing_or_forged_stamp_is_rejected_as_expired(client, article, issued):
    response = client.post(
        f"/articles/{article.slug}/comments/", post_data(article, issued=issued), REMOTE_ADDR=IP
    )

    assert response.status_code == 200
    assert not Comment.objects.exists()
    assert "This form has expired" in form_errors(response)


def test_stamp_drawn_for_another_article_is_rejected_as_expired(client, article):
    other = ArticleFactory()
    sent = post_data(article, issued=issue_stamp(other, issued_at=time.time() - 10))
    response = client.post(f"/articles/{article.slug}/comments/", sent, REMOTE_ADDR=IP)

    assert not Comment.objects.exists()
    assert "This form has expired" in form_errors(response)


def test_decide_names_each_rejection(article):
    comment = new_comment(article)
    cases = {
        "honeypot": {"homepage": "x", "issued": issue_stamp(article, issued_at=time.time() - 9)},
        "too fast": {"issued": issue_stamp(article)},
        "expired form": {"issued": issue_stamp(article, issued_at=time.time() - 25 * 3600)},
    }
    for reason, form_data in cases.items():
        decision = decide(comment, form_data=form_data)
        assert (decision.outcome, decision.reasons) == (Outcome.REJECT, [reason])
        assert decision.message


def test_form_just_under_a_day_old_is_accepted(article):
    decision = decide(
        new_comment(article),
        form_data={"issued": issue_stamp(article, issued_at=time.time() - 23.9 * 3600)},
    )

    assert decision.outcome == Outcome.STORE


def test_honeypot_is_checked_before_anything_else(article):
    """A bot that fills every field is rejected, not stored as spam, whatever it wrote."""
    decision = decide(
        new_comment(article, body="cheap pills"),
        form_data={"homepage": "x", "issued": "forged"},
        blocked_words="pills",
    )

    assert decision.outcome == Outcome.REJECT
    assert decision.reasons == ["honeypot"]


def test_same_text_on_the_same_article_within_a_day_is_rejected(client, article):
    earlier = make_comment(
        article, status=Status.PENDING, created_at=timezone.now() - timedelta(hours=23)
    )
    sent = post_data(article, body=earlier.body, email=earlier.author_email)
    response = client.post(f"/articles/{article.slug}/comments/", sent, REMOTE_ADDR=IP)

    assert response.status_code == 200
    assert Comment.objects.count() == 1
    assert "already posted this comment" in form_errors(response)
    assert form_values(response)["body"] == earlier.body


def test_same_text_on_another_article_or_a_day_later_is_accepted(client, article):
    earlier = make_comment(article, created_at=timezone.now() - timedelta(hours=2))
    old = make_comment(article, created_at=timezone.now() - timedelta(hours=25))
    other = ArticleFactory()

    on_other = post_comment(client, other, body=earlier.body)
    a_day_later = post_comment(client, article, body=old.body)

    assert on_other.status_code == 303
    assert a_day_later.status_code == 303
    assert Comment.objects.filter(article=other, body=earlier.body).exists()
    assert Comment.objects.filter(article=article, body=old.body).count() == 2


def test_decide_reports_a_duplicate(article):
    make_comment(article, body="The very same words.", author_email="jamie@example.org")
    decision = decide(new_comment(article, body="The very same words."))

    assert (decision.outcome, decision.reasons) == (Outcome.REJECT, ["duplicate"])


# Spam: blocked words, emails and IP addresses.


@pytest.mark.parametrize(
    ("fields", "ip", "user_agent"),
    [
        pytest.param({"body": "Buy CHEAP PILLS today"}, IP, BROWSER, id="body"),
        pytest.param({"author_name": "Cheap Pills Shop"}, IP, BROWSER, id="name"),
        pytest.param({"author_email": "sales@cheap-pills.example"}, IP, BROWSER, id="email"),
        pytest.param({"author_url": "https://Cheap-Pills.example/"}, IP, BROWSER, id="website"),
        pytest.param({}, "192.0.2.99", BROWSER, id="ip"),
        pytest.param({}, IP, "CheapPillsBot/1.0", id="user-agent"),
    ],
)
def test_blocked_word_anywhere_marks_spam(article, fields, ip, user_agent):
    decision = decide(
        new_comment(article, **fields),
        ip=ip,
        user_agent=user_agent,
        blocked_words="nothing-matches\n  Cheap Pills  \n192.0.2.99\ncheappillsbot\ncheap-pills",
    )

    assert decision.outcome == Outcome.STORE
    assert decision.status == Status.SPAM
    assert len(decision.reasons) == 1
    assert decision.reasons[0].startswith("blocked word: ")


def test_blocked_word_reason_names_the_word(article):
    decision = decide(new_comment(article, body="Try our CASINO bonus"), blocked_words="Casino")

    assert decision.reasons == ["blocked word: casino"]


def test_blocked_email_and_ip_mark_spam(article):
    by_email = decide(
        new_comment(article, author_email="Troll@Example.org"), blocked_emails="troll@example.org"
    )
    by_ip = decide(new_comment(article), ip="192.0.2.13", blocked_ips="192.0.2.1\n192.0.2.13\n")

    assert (by_email.status, by_email.reasons) == (Status.SPAM, ["blocked email"])
    assert (by_ip.status, by_ip.reasons) == (Status.SPAM, ["blocked IP address"])


@pytest.mark.parametrize(
    ("ip", "blocked"),
    [
        ("192.0.2.77", "192.0.2.0/24"),
        ("2001:db8:1:2::99", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::99", "2001:db8:1:2::5"),  # one address of the /64 blocks it all
    ],
)
def test_blocked_ip_lists_take_networks(article, ip, blocked):
    if "/" not in blocked and ":" in blocked:
        blocked = str(ratelimit.network_of(blocked))  # what "block this commenter" stores
    decision = decide(new_comment(article), ip=ip, blocked_ips=blocked)

    assert (decision.status, decision.reasons) == (Status.SPAM, ["blocked IP address"])


def test_a_blocked_list_with_a_typo_still_blocks_the_other_entries(article):
    decision = decide(new_comment(article), ip="192.0.2.13", blocked_ips="not-an-ip\n192.0.2.13")

    assert decision.status == Status.SPAM


def test_spam_wins_over_holding(article):
    decision = decide(
        new_comment(
            article, body="pills https://a.example.com https://b.example.com https://c.example.com"
        ),
        blocked_words="pills",
        held_words="pills",
    )

    assert decision.status == Status.SPAM


def test_blocked_word_is_stored_as_spam_unseen_and_unannounced(
    client, article, mailoutbox, django_capture_on_commit_callbacks
):
    make_moderator(email="mod@example.org")
    discussion_settings(blocked_words="miracle cure")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, article, body="A MIRACLE CURE for insomnia, click here")

    comment = Comment.objects.get()
    assert (comment.status, comment.moderation_reasons) == (
        Status.SPAM,
        ["blocked word: miracle cure"],
    )
    assert response.status_code == 303
    assert response["Location"] == f"/articles/{article.slug}/#comments"
    page = client.get(article.get_absolute_url()).content.decode()
    assert "MIRACLE CURE" not in page
    assert f'id="comment-{comment.pk}"' not in page
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("settings_changes", "reason"),
    [
        ({"blocked_emails": "jamie@example.org"}, "blocked email"),
        ({"blocked_ips": "203.0.113.7"}, "blocked IP address"),
    ],
)
def test_blocked_commenter_is_stored_as_spam_through_the_form(
    client, article, mailoutbox, django_capture_on_commit_callbacks, settings_changes, reason
):
    make_moderator(email="mod@example.org")
    discussion_settings(**settings_changes)
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, article, email="Jamie@Example.org")

    comment = Comment.objects.get()
    assert (comment.status, comment.moderation_reasons) == (Status.SPAM, [reason])
    assert mailoutbox == []


# Pending: links, held words, the "hold every comment" policy, first comments.


def test_more_links_than_the_threshold_is_held(article):
    body = "See https://a.example.com, https://b.example.com and <a href='https://c.example.com'>this</a>."
    three = decide(new_comment(article, body=body), moderation_mode="known_authors")
    two = decide(new_comment(article, body="https://a.example.com https://b.example.com"))

    assert (three.status, three.reasons[0]) == (Status.PENDING, "3 links")
    assert "links" not in " ".join(two.reasons)


def test_link_threshold_is_read_from_the_settings(article):
    decision = decide(
        new_comment(article, body="One link: https://a.example.com"), link_threshold=0
    )

    assert decision.reasons[0] == "1 link"


def test_held_word_is_held_with_the_word_as_reason(article):
    decision = decide(
        new_comment(article, author_url="https://supplements.example"),
        held_words="diet pills\nSupplements",
        moderation_mode="known_authors",
    )

    assert decision.status == Status.PENDING
    assert decision.reasons[0] == "held word: supplements"


def test_hold_every_comment_policy_holds_a_known_author(article):
    make_comment(article, author_email="jamie@example.org")
    decision = decide(new_comment(article), moderation_mode="hold_all")

    assert (decision.status, decision.reasons) == (
        Status.PENDING,
        ["every comment is held for moderation"],
    )


def test_known_authors_policy_holds_a_first_comment(article):
    make_comment(article, author_email="jamie@example.org", status=Status.PENDING)
    make_comment(article, author_email="jamie@example.org", status=Status.SPAM)
    make_comment(article, author_email="someone.else@example.org")
    decision = decide(new_comment(article), moderation_mode="known_authors")

    assert (decision.status, decision.reasons) == (
        Status.PENDING,
        ["first comment from this email"],
    )


def test_reasons_add_up(article):
    decision = decide(
        new_comment(
            article,
            body="vitamin https://a.example.com https://b.example.com https://c.example.com",
        ),
        held_words="vitamin",
        moderation_mode="known_authors",
    )

    assert decision.reasons == ["3 links", "held word: vitamin", "first comment from this email"]


def test_held_comment_through_the_form_waits_with_its_reasons(client, article):
    discussion_settings(held_words="melatonin")
    response = post_comment(
        client,
        article,
        body="Melatonin: https://a.example.com https://b.example.com https://c.example.com",
    )

    comment = Comment.objects.get()
    assert comment.status == Status.PENDING
    assert comment.moderation_reasons == [
        "3 links",
        "held word: melatonin",
        "every comment is held for moderation",
    ]
    assert response.status_code == 303
    assert response["Location"] == f"/articles/{article.slug}/#comments"
    page = client.get(response["Location"]).content.decode()
    assert "awaiting moderation" in page
    other_reader = client_for()
    assert (
        f'id="comment-{comment.pk}"'
        not in other_reader.get(article.get_absolute_url()).content.decode()
    )


# Approved: known authors, and staff replies.


def test_a_known_email_under_another_name_is_held_as_a_first_comment(client, article):
    """As WordPress does: a previously approved comment needs the same name and email, so
    typing someone's address is not enough to be published at once."""
    make_comment(ArticleFactory(), author_name="Jamie Walker", author_email="jamie@example.org")
    discussion_settings(moderation_mode="known_authors")

    post_comment(client, article, name="Someone Else", email="jamie@example.org")

    comment = Comment.objects.get(article=article)
    assert comment.status == Status.PENDING
    assert comment.moderation_reasons == ["first comment from this email"]


def test_known_author_is_approved_at_once(client, article):
    make_comment(ArticleFactory(), author_name="Jamie Walker", author_email="jamie@example.org")
    discussion_settings(moderation_mode="known_authors")
    response = post_comment(client, article, email="JAMIE@example.org")

    comment = Comment.objects.get(article=article)
    assert comment.status == Status.APPROVED
    assert comment.moderation_reasons == ["known author"]
    assert comment.moderated_at is not None
    assert response.status_code == 303
    assert response["Location"] == f"/articles/{article.slug}/#comment-{comment.pk}"
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' in page


def test_known_author_with_too_many_links_is_still_held(article):
    make_comment(article, author_name="Jamie Walker", author_email="jamie@example.org")
    decision = decide(
        new_comment(
            article, body="https://a.example.com https://b.example.com https://c.example.com"
        ),
        moderation_mode="known_authors",
    )

    assert (decision.status, decision.reasons) == (Status.PENDING, ["3 links"])


def test_staff_reply_is_approved_at_once(article, staff_user):
    parent = make_comment(article)
    client = client_for(staff_user)
    response = client.post(
        f"/articles/{article.slug}/comments/",
        {
            "body": "Thanks, Robin: our sleep guide covers this.",
            "parent": parent.pk,
            "issued": issue_stamp(article, issued_at=time.time() - 10),
        },
        REMOTE_ADDR=IP,
    )

    reply = Comment.objects.get(parent=parent)
    assert (reply.status, reply.moderation_reasons) == (Status.APPROVED, ["staff reply"])
    assert reply.is_staff_reply and reply.user == staff_user
    assert response["Location"] == f"/articles/{article.slug}/#comment-{reply.pk}"


def test_decide_approves_staff_replies_before_any_other_rule(article, staff_user):
    comment = new_comment(article, body="pills", user=staff_user, is_staff_reply=True)
    decision = decide(comment, form_data={}, blocked_words="pills")

    assert (decision.status, decision.reasons) == (Status.APPROVED, ["staff reply"])


def test_a_known_author_may_write_their_name_in_other_capitals(client, article):
    make_comment(ArticleFactory(), author_name="Jamie Walker", author_email="jamie@example.org")
    discussion_settings(moderation_mode="known_authors")

    post_comment(client, article, name="jamie walker", email="jamie@example.org")

    assert Comment.objects.get(article=article).status == Status.APPROVED
