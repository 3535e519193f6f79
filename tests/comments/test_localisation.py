"""The discussion's dates and counts go through Django's localisation: another language shows
its own date format and plural forms without a change to code or templates."""

import datetime as dt

import pytest
from django.utils import formats, timezone, translation

from comments.rendering import LocalDateTimes
from tests.markup import parse

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

POSTED = dt.datetime(2026, 3, 5, 15, 7, 42, tzinfo=dt.UTC)


def comment_times(client, article):
    page = parse(client.get(article.get_absolute_url()))
    return [time.text for time in page.one(id="comments").find_all("time")]


def test_comment_dates_follow_the_active_language(client, article, settings):
    settings.TIME_ZONE = "UTC"
    CommentFactory(article=article, created_at=POSTED)

    assert comment_times(client, article) == ["March 5, 2026 at 3:07 PM"]
    with translation.override("fr"):
        assert comment_times(client, article) == ["5 mars 2026 15:07"]
    with translation.override("de"):
        assert comment_times(client, article) == ["5. März 2026 15:07"]


def test_comment_dates_are_local_time(client, article, settings):
    settings.TIME_ZONE = "America/New_York"
    CommentFactory(article=article, created_at=POSTED)

    assert comment_times(client, article) == ["March 5, 2026 at 10:07 AM"]


def test_comments_in_the_same_minute_read_the_same_and_others_differ(client, article):
    CommentFactory(article=article, created_at=POSTED)
    CommentFactory(article=article, created_at=POSTED + dt.timedelta(seconds=15))
    CommentFactory(article=article, created_at=POSTED + dt.timedelta(minutes=1))

    first, second, third = comment_times(client, article)
    assert first == second
    assert third != first


@pytest.mark.parametrize(
    ("count", "heading"), [(0, "0 Comments"), (1, "1 Comment"), (2, "2 Comments")]
)
def test_the_heading_counts_with_plural_forms(client, article, count, heading):
    for _number in range(count):
        CommentFactory(article=article)

    page = parse(client.get(article.get_absolute_url()))

    assert page.one(id="comments-heading").text == heading


MOMENTS = [
    POSTED + dt.timedelta(minutes=37 * step, seconds=step % 60) for step in range(0, 4000, 7)
] + [
    dt.datetime(2026, 1, 1, 0, 0, tzinfo=dt.UTC),  # midnight
    dt.datetime(2026, 6, 30, 12, 0, tzinfo=dt.UTC),  # noon
    dt.datetime(2026, 3, 8, 7, 30, tzinfo=dt.UTC),  # New York's clocks go forward
    dt.datetime(2026, 11, 1, 5, 30, tzinfo=dt.UTC),  # and back
]


@pytest.mark.parametrize("language", ["en-us", "fr", "de", "ja", "pt-br"])
@pytest.mark.parametrize("time_zone", ["UTC", "America/New_York"])
@pytest.mark.parametrize("format_name", ["DATETIME_FORMAT", "DATE_FORMAT", "TIME_FORMAT"])
def test_the_threads_formatter_says_what_date_format_says(
    settings, language, time_zone, format_name
):
    settings.TIME_ZONE = time_zone
    with translation.override(language):
        formatter = LocalDateTimes(format_name)
        expected = [
            formats.date_format(timezone.localtime(moment), format_name) for moment in MOMENTS
        ]
        assert [formatter(moment) for moment in MOMENTS] == expected
