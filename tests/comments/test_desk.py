"""The moderation desk's page: who may open it, what each card shows, the header's counts,
the filters, the search, the pages, and a fixed number of queries whatever the queue."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from comments import verbs
from comments.models import Comment
from tests.factories import ArticleFactory, StaffFactory, UserFactory
from tests.markup import parse

from .desk_helpers import DESK_URL, bulk_pending, card_of, cards
from .staff_helpers import QUEUE_URL, client_for, make_comment, make_moderator, make_superuser

pytestmark = pytest.mark.django_db

Status = Comment.Status


@pytest.fixture
def article():
    return ArticleFactory(title="Sleep and the body clock")


def ago(**delta):
    return timezone.now() - timedelta(**delta)


# Who may open it.


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(DESK_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/comments/comment/desk/")


def test_staff_without_the_moderate_permission_are_refused(article):
    make_comment(article, status=Status.PENDING, body="Secret pending text.")

    response = client_for(StaffFactory()).get(DESK_URL)

    assert response.status_code == 403
    assert b"Secret pending text." not in response.content


def test_accounts_that_are_not_staff_cannot_open_it_even_with_the_permission():
    user = UserFactory(is_staff=False)
    user.user_permissions.add(Permission.objects.get(codename="moderate_comment"))

    response = client_for(user).get(DESK_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", [make_moderator, make_superuser])
def test_moderators_and_superusers_open_it_in_the_admin(who):
    response = client_for(who()).get(DESK_URL)

    assert response.status_code == 200
    page = parse(response)
    assert page.one("h1").text == "Moderation desk"
    assert [a.text for a in page.one("div", class_="breadcrumbs").find_all("a")] == [
        "Home",
        "Discussion",
        "Comments",
    ]
    assert page.one("link", href="/static/css/desk.css")
    assert page.one("script", src="/static/js/desk.js")
    assert "no-cache" in response["Cache-Control"]


def test_linked_from_the_admin_home_and_the_comment_list(moderator_client):
    home = parse(moderator_client.get("/admin/"))
    assert home.one(id="moderation-summary").one("a")["href"] == DESK_URL

    tools = parse(moderator_client.get(QUEUE_URL)).one("ul", class_="object-tools")
    assert tools.one("a", href=DESK_URL).text == "Moderation desk"


# The header and the order.


def test_opens_on_pending_comments_oldest_first_with_counts_and_the_oldest_age(
    moderator_client, article
):
    newer = make_comment(article, status=Status.PENDING, created_at=ago(hours=1))
    older = make_comment(article, status=Status.PENDING, created_at=ago(hours=3))
    make_comment(article, status=Status.APPROVED)
    make_comment(article, status=Status.SPAM)

    response = moderator_client.get(DESK_URL)

    assert cards(response) == [older.pk, newer.pk]
    statuses = parse(response).one("nav", class_="desk-statuses")
    links = {a.text: a["href"] for a in statuses.find_all("a")}
    assert links == {
        "Pending (2)": "?",
        "Approved (1)": "?status=approved",
        "Spam (1)": "?status=spam",
        "Removed (0)": "?status=removed",
        "All (4)": "?status=all",
    }
    assert statuses.one("a", class_="selected").text == "Pending (2)"
    oldest = parse(response).one("p", class_="desk-oldest")
    assert "Oldest awaiting moderation: 3 hours ago" in oldest.text
    assert oldest.one("time")["datetime"] == older.created_at.isoformat()


def test_says_when_nothing_awaits_moderation(moderator_client, article):
    make_comment(article)

    page = parse(moderator_client.get(DESK_URL))

    assert "No comment awaits moderation." in page.one("p", class_="desk-oldest").text
    assert page.one("p", class_="desk-empty").text == "Nothing awaits moderation. Well done!"


def test_other_statuses_list_newest_first(moderator_client, article):
    old = make_comment(article, created_at=ago(days=2))
    new = make_comment(article, created_at=ago(hours=1))
    pending = make_comment(article, status=Status.PENDING)

    assert cards(moderator_client.get(DESK_URL, {"status": "approved"})) == [new.pk, old.pk]
    assert cards(moderator_client.get(DESK_URL, {"status": "all"})) == [pending.pk, new.pk, old.pk]


# What a card shows.


def test_a_card_shows_the_whole_comment_and_who_sent_it(moderator_client, article):
    parent = make_comment(
        article, author_name="Marcus", body="I keep the same wake-up time every day, " * 5
    )
    make_comment(article, author_email="ines@example.org")  # an earlier approved comment
    long_text = "Did you also keep the same bedtime? " * 20
    comment = make_comment(
        article,
        parent=parent,
        status=Status.PENDING,
        author_name="Ines G.",
        author_email="ines@example.org",
        author_url="https://ines.example.org/blog",
        body=long_text + "\n\nA second paragraph.",
        ip_address="203.0.113.7",
        moderation_reasons=["first comment from this email"],
        created_at=ago(hours=3),
    )

    card = card_of(moderator_client.get(DESK_URL), comment)

    assert card.one("h2", class_="desk-author").text == "Ines G."
    body = card.one("div", class_="desk-comment")
    assert [p.text for p in body.find_all("p")] == [long_text.strip(), "A second paragraph."]
    meta = {div.one("dt").text: div.one("dd") for div in card.one("dl").find_all("div")}
    assert meta["Email"].one("a")["href"] == "mailto:ines@example.org"
    assert meta["Website"].one("a")["href"] == "https://ines.example.org/blog"
    assert meta["IP address"].text == "203.0.113.7"
    assert meta["Approved comments"].text == "1"
    assert meta["Article"].one("a")["href"] == article.get_absolute_url()
    in_reply = card.one("p", class_="desk-in-reply")
    assert in_reply.text.startswith("In reply to Marcus: I keep the same wake-up time")
    assert in_reply.one("q").text.endswith("…")  # an excerpt
    assert in_reply.one("a")["href"] == f"/comments/{parent.pk}/"
    age = card.one("time", class_="desk-age")
    assert age.text == "3 hours ago"
    assert age["datetime"] == comment.created_at.isoformat()
    assert age["title"]  # the exact date on hover
    assert [li.text for li in card.one("div", class_="desk-reasons").find_all("li")] == [
        "first comment from this email"
    ]
    assert card.one("a", string=None, href=f"/comments/{comment.pk}/").text == "View in context"


def test_the_held_word_and_the_links_are_marked_in_the_text(moderator_client, article):
    comment = make_comment(
        article,
        status=Status.PENDING,
        body="A Miracle Cure, see https://example.com/cure and <em>miracle cure</em> again",
        moderation_reasons=["held word: miracle cure", "1 link"],
    )

    body = card_of(moderator_client.get(DESK_URL), comment).one("div", class_="desk-comment")

    words = body.find_all("mark", class_="desk-mark-word")
    assert [mark.text for mark in words] == ["Miracle Cure", "miracle cure"]
    assert words[1].parent.tag == "em"
    [link_mark] = body.find_all("mark", class_="desk-mark-link")
    assert link_mark.one("a")["href"] == "https://example.com/cure"


def test_a_blocked_word_in_the_name_is_marked_there(moderator_client, article):
    comment = make_comment(
        article,
        status=Status.SPAM,
        author_name="Cheap Casino",
        moderation_reasons=["blocked word: casino"],
    )

    card = card_of(moderator_client.get(DESK_URL, {"status": "spam"}), comment)

    assert card.one("h2").one("mark").text == "Casino"


def test_a_comment_cannot_smuggle_markup_through_the_highlighting(moderator_client, article):
    comment = make_comment(
        article,
        status=Status.PENDING,
        body='<b onclick="x()">bold</b> <script>alert(1)</script> &lt;mark&gt; "quote"',
        author_name='<img src=x onerror="alert(1)">',
        moderation_reasons=["held word: <script>", "held word: bold"],
    )

    card = card_of(moderator_client.get(DESK_URL), comment)

    assert card.find("script") is None
    assert card.find("img") is None
    assert not [element for element in card.iter() if "onclick" in element.attrs]
    body = card.one("div", class_="desk-comment")
    assert [mark.text for mark in body.find_all("mark")] == ["bold", "<script>"]
    assert "<mark>" in body.text  # the typed "&lt;mark&gt;" stays text


def test_the_last_decision_names_the_moderator_publicly(moderator_client, moderator, article):
    other = make_moderator(username="second-login", first_name="Sam", last_name="Second")
    comment = make_comment(article, status=Status.PENDING)
    verbs.remove(comments=[comment], by=other)
    verbs.restore(comments=[comment], by=other)
    mine = make_comment(article, status=Status.PENDING)
    verbs.spam(comments=[mine], by=moderator)

    response = moderator_client.get(DESK_URL, {"status": "all"})

    assert "Last decision: restored by Sam Second" in card_of(response, comment).text
    assert "Last decision: marked as spam by you" in card_of(response, mine).text
    recent = parse(response).one("section", class_="desk-recent")
    assert [li.text.split(" · ")[:2] for li in recent.find_all("li")] == [
        ["You", "marked as spam"],
        ["Sam Second", "restored"],
        ["Sam Second", "removed"],
    ]
    assert "second-login" not in response.content.decode()


def test_a_staff_reply_shows_its_public_name_and_a_badge(moderator_client, moderator, article):
    parent = make_comment(article)
    reply = verbs.reply_as_staff(parent=parent, by=moderator, body="Thanks for asking.").comment

    card = card_of(moderator_client.get(DESK_URL, {"status": "approved"}), reply)

    assert card.one("h2").text == "Mo Derator"
    assert card.one("span", class_="desk-badge-staff").text == "staff"


def test_each_card_has_the_actions_that_apply(moderator_client, article):
    pending = make_comment(article, status=Status.PENDING)
    approved = make_comment(article)
    spam = make_comment(article, status=Status.SPAM)

    response = moderator_client.get(DESK_URL, {"status": "all"})

    def buttons(comment):
        card = card_of(response, comment)
        actions = card.one("div", class_="desk-actions")
        return [b.text for b in actions.find_all("button", class_="desk-button")] + [
            s.text for s in actions.find_all("summary")
        ]

    assert buttons(pending) == ["Approve", "Spam", "Remove", "Reply", "Edit", "Block commenter"]
    assert buttons(approved) == ["Unapprove", "Spam", "Remove", "Reply", "Edit", "Block commenter"]
    assert buttons(spam) == ["Approve", "Remove", "Restore", "Edit", "Block commenter"]


# Filters and search.


def test_filters_by_status(moderator_client, article):
    comments = {status: make_comment(article, status=status) for status in Status.values}

    for status, comment in comments.items():
        assert cards(moderator_client.get(DESK_URL, {"status": status})) == [comment.pk]


def test_filters_by_article(moderator_client, article):
    other = ArticleFactory(title="Walking after meals")
    mine = make_comment(article, status=Status.PENDING)
    make_comment(other, status=Status.PENDING)

    response = moderator_client.get(DESK_URL, {"article": article.pk})

    assert cards(response) == [mine.pk]
    select = parse(response).one("select", name="article")
    assert [o.text for o in select.find_all("option")] == [
        "any article",
        "Sleep and the body clock (1)",
        "Walking after meals (1)",
    ]
    assert select.one("option", selected="")["value"] == str(article.pk)


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        ("held_word", ["held"]),
        ("links", ["links"]),
        ("first_comment", ["first"]),
        ("blocked", ["blocked"]),
        ("hold_all", ["all"]),
    ],
)
def test_filters_by_reason(moderator_client, article, reason, expected):
    reasons = {
        "held": ["held word: melatonin"],
        "links": ["3 links"],
        "first": ["first comment from this email"],
        "blocked": ["blocked email"],
        "all": ["every comment is held for moderation"],
    }
    made = {
        name: make_comment(article, status=Status.PENDING, moderation_reasons=why)
        for name, why in reasons.items()
    }
    made["word"] = make_comment(  # "links" as a held word is not a count of links
        article, status=Status.PENDING, moderation_reasons=["held word: links"]
    )

    response = moderator_client.get(DESK_URL, {"reason": reason})

    listed = set(cards(response))
    if reason == "held_word":
        expected = [*expected, "word"]
    assert listed == {made[name].pk for name in expected}


def test_filters_by_date(moderator_client, article):
    today = make_comment(article, status=Status.PENDING, created_at=timezone.now())
    week = make_comment(article, status=Status.PENDING, created_at=ago(days=3))
    month = make_comment(article, status=Status.PENDING, created_at=ago(days=20))
    make_comment(article, status=Status.PENDING, created_at=ago(days=60))

    assert cards(moderator_client.get(DESK_URL, {"date": "today"})) == [today.pk]
    assert cards(moderator_client.get(DESK_URL, {"date": "7d"})) == [week.pk, today.pk]
    assert cards(moderator_client.get(DESK_URL, {"date": "30d"})) == [month.pk, week.pk, today.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ines", "name"),
        ("IKEA@example", "email"),
        ("bedtime", "text"),
        ("203.0.113.7", "ip"),
        ("203.0.113", "ip"),
        ("2001:db8::1", "ipv6"),
    ],
)
def test_searches_name_email_text_and_ip(moderator_client, article, query, expected):
    made = {
        "name": make_comment(article, status=Status.PENDING, author_name="Ines G."),
        "email": make_comment(article, status=Status.PENDING, author_email="ikea@example.org"),
        "text": make_comment(article, status=Status.PENDING, body="Same bedtime every day?"),
        "ip": make_comment(article, status=Status.PENDING, ip_address="203.0.113.7"),
        "ipv6": make_comment(article, status=Status.PENDING, ip_address="2001:db8::1"),
    }

    response = moderator_client.get(DESK_URL, {"q": query})

    assert cards(response) == [made[expected].pk]
    assert parse(response).one("input", name="q")["value"] == query


def test_counts_follow_the_filters_and_links_keep_them(moderator_client, article):
    other = ArticleFactory()
    make_comment(article, status=Status.PENDING, body="bedtime question")
    make_comment(article, status=Status.SPAM, body="bedtime spam")
    make_comment(other, status=Status.PENDING, body="bedtime elsewhere")

    response = moderator_client.get(DESK_URL, {"article": article.pk, "q": "bedtime"})

    nav = parse(response).one("nav", class_="desk-statuses")
    links = {a.text: a["href"] for a in nav.find_all("a")}
    assert links["Pending (1)"] == f"?article={article.pk}&q=bedtime"
    assert links["Spam (1)"] == f"?status=spam&article={article.pk}&q=bedtime"
    assert links["All (2)"] == f"?status=all&article={article.pk}&q=bedtime"


def test_values_that_do_not_fit_are_ignored(moderator_client, article):
    pending = make_comment(article, status=Status.PENDING)

    response = moderator_client.get(
        DESK_URL, {"status": "nonsense", "article": "x", "reason": "?", "date": "1y", "page": "-3"}
    )

    assert response.status_code == 200
    assert cards(response) == [pending.pk]


# Pages and queries.


def test_twenty_a_page_with_links_that_keep_the_filters(moderator_client, article):
    comments = bulk_pending(article, 45)

    first = moderator_client.get(DESK_URL, {"q": "sleep"})
    third = moderator_client.get(DESK_URL, {"q": "sleep", "page": 3})
    beyond = moderator_client.get(DESK_URL, {"q": "sleep", "page": 99})

    assert cards(first) == [c.pk for c in comments[:20]]
    assert cards(third) == [c.pk for c in comments[40:]]
    assert cards(beyond) == cards(third)
    pages = parse(first).one("nav", class_="desk-pages")
    assert pages.one("a", rel="next")["href"] == "?q=sleep&page=2"
    assert "45 comments · page 1 of 3" in parse(first).one("p", class_="desk-summary").text


def _queue_with_history(article, count, moderator):
    """`count` pending comments; the first page has replies, decisions and known authors."""
    parent = make_comment(article, author_email="reader1@example.org")
    replies = bulk_pending(article, 5, parent=parent)
    verbs.remove(comments=replies[:3], by=moderator)
    verbs.restore(comments=replies[:3], by=moderator)
    bulk_pending(article, count - 5)


@pytest.mark.parametrize("count", [10, 10_000])
def test_a_fixed_number_of_queries_whatever_the_queue(
    moderator_client, moderator, article, count, django_assert_num_queries
):
    _queue_with_history(article, count, moderator)
    moderator_client.get(DESK_URL)  # the session and settings are read once before

    # 11: the moderator's own public name (their Person) is read once, for the in-place notes.
    with django_assert_num_queries(11):
        response = moderator_client.get(DESK_URL)

    assert len(cards(response)) == min(count, 20)
    assert "Last decision: restored by you" in parse(response).text
