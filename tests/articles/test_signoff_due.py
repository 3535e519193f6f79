"""Reviews due: REVIEW_VALID_MONTHS after the review date, due in the 30 days before, overdue
from that day; on the admin home, in the article list's filter and in the weekly email."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command

from articles import groups, review_due
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.markup import parse

from .editor import logged_in

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
LIST = "/admin/articles/article/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC)):
        yield


@pytest.fixture
def reviews(review_category):
    """One article on each side of each limit (12 months: overdue on or before 2025-06-15,
    due on or before 2025-07-15)."""

    def reviewed(title, day):
        return ArticleFactory(title=title, category=review_category, reviewed_on=day)

    return {
        "overdue": reviewed("Overdue at the limit", datetime.date(2025, 6, 15)),
        "due_first": reviewed("Due, a day inside", datetime.date(2025, 6, 16)),
        "due_last": reviewed("Due, its last day", datetime.date(2025, 7, 15)),
        "current": reviewed("Current, a day after", datetime.date(2025, 7, 16)),
        "never": reviewed("Never reviewed", None),
    }


def titles(response):
    table = parse(response).find(id="result_list")
    if table is None:
        return set()
    return {cell.find("a").text for cell in table.find_all("th", class_="field-title")}


def test_months_before_keeps_the_day_or_takes_the_last_of_the_month():
    assert review_due.months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert review_due.months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)
    assert review_due.months_after(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("overdue", {"Overdue at the limit"}),
        ("due", {"Due, a day inside", "Due, its last day"}),
        ("current", {"Current, a day after"}),
        ("never", {"Never reviewed"}),
    ],
)
def test_the_article_list_filters_by_review(staff_client, reviews, choice, expected):
    assert titles(staff_client.get(LIST, {"review": choice})) == expected


def test_the_valid_months_come_from_the_setting(staff_client, reviews, settings):
    settings.REVIEW_VALID_MONTHS = 6
    assert "Current, a day after" in titles(staff_client.get(LIST, {"review": "overdue"}))


def test_the_admin_home_lists_due_and_overdue_reviews_only(staff_client, reviews):
    panel = parse(staff_client.get("/admin/")).one(id="review-summary")
    listed = [item.text for item in panel.find_all("li")]
    assert listed == [
        "Overdue at the limit — overdue since June 15, 2026",
        "Due, a day inside — due by June 16, 2026",
        "Due, its last day — due by July 15, 2026",
    ]


def test_drafts_and_categories_without_review_are_not_due(staff_client, reviews):
    ArticleFactory(
        title="Draft", status="draft", published_at=None, reviewed_on=datetime.date(2020, 1, 1)
    )
    ArticleFactory(
        title="No review needed",
        category=CategoryFactory(requires_review=False),
        reviewed_on=datetime.date(2020, 1, 1),
    )
    due = [article.title for article in review_due.due_articles()]
    assert "Draft" not in due and "No review needed" not in due
    assert len(due) == 3


def test_the_change_form_says_when_the_review_is_due(staff_client, reviews):
    page = staff_client.get(f"/admin/articles/article/{reviews['due_first'].pk}/change/")
    assert "The review is due: it expires on June 16, 2026." in page.text


# The weekly reminder.


def reviewer_account(username, email):
    user = UserFactory(username=username, email=email, is_staff=True)
    user.groups.add(Group.objects.get(name=groups.REVIEWERS))
    return user


def run(*args):
    out = StringIO()
    call_command("send_review_reminders", *args, stdout=out)
    return out.getvalue()


def test_each_reviewer_with_an_address_gets_the_list(reviews, editor_user):
    reviewer_account("rev1", "one@example.org")
    reviewer_account("rev2", "two@example.org")
    reviewer_account("rev3", "")

    output = run()

    assert output == "Sent the review reminders: 3 review(s) due or overdue, to 2 reviewer(s).\n"
    assert sorted(message.to[0] for message in mail.outbox) == [
        "one@example.org",
        "two@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "3 medical reviews are due (1 overdue)"
    assert "Overdue at the limit\n  overdue since June 15, 2026" in message.body
    assert "Due, its last day\n  due by July 15, 2026" in message.body
    assert "Current, a day after" not in message.body
    assert f"/admin/articles/article/{reviews['overdue'].pk}/change/" in message.body
    html = message.alternatives[0][0]
    assert "<strong>overdue since June 15, 2026</strong>" in html


def test_nothing_is_sent_when_every_review_is_current(review_category):
    reviewer_account("rev1", "one@example.org")
    ArticleFactory(category=review_category, reviewed_on=TODAY)
    assert run() == "Nothing sent: every published article's review is current.\n"
    assert mail.outbox == []


def test_dry_run_sends_nothing(reviews):
    reviewer_account("rev1", "one@example.org")
    assert "Nothing was sent (--dry-run)" in run("--dry-run")
    assert mail.outbox == []


def test_no_reviewer_to_write_to_is_an_error(reviews):
    with pytest.raises(CommandError, match="no active member of the Medical reviewers group"):
        run()


def test_a_bad_argument_is_an_error():
    with pytest.raises(CommandError, match="unrecognized arguments: --weekly"):
        run("--weekly")


def test_reviewers_see_the_due_list_in_the_queue(reviews, reviewer_user):
    panel = parse(logged_in(reviewer_user).get("/admin/articles/article/review/")).one(
        id="review-due"
    )
    assert len(panel.find_all("tr", class_="review-due-due")) == 2
    assert len(panel.find_all("tr", class_="review-due-overdue")) == 1
