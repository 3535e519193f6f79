"""A snapshot keeps what an article says; a comparison shows, escaped, what changed."""

from django.utils import translation

from articles import snapshots
from articles.citations import Source
from tests.factories import ArticleFactory


def test_a_snapshot_keeps_the_text_and_the_sources_in_order(db):
    article = ArticleFactory(title="Sleep and light", body="Morning light sets the clock.")
    Source.objects.create(article=article, position=2, title="Later", url="https://b.example/")
    Source.objects.create(article=article, position=1, title="Trial", publisher="BMJ", date="2024")

    taken = snapshots.take(article)

    assert taken["title"] == "Sleep and light"
    assert taken["body"] == "Morning light sets the clock."
    assert taken["sources"] == ["Trial (BMJ, 2024)", "Later <https://b.example/>"]


def test_a_comparison_lists_only_changed_fields_with_words_marked_and_escaped():
    old = {"title": "Sleep", "body": "Light <b>helps</b> sleep."}
    new = {"title": "Sleep", "body": "Light <b>helps</b> deep sleep.", "excerpt": "New"}

    changes = snapshots.compare(old, new)

    assert [change.field for change in changes] == ["excerpt", "body"]
    body = changes[1].html
    assert "<ins>deep </ins>" in body
    assert "&lt;b&gt;helps&lt;/b&gt;" in body
    assert "<b>" not in body


def test_only_a_change_to_reviewed_text_calls_for_a_new_sign_off():
    signed = {"title": "Sleep", "body": "Text.", "sources": ["A"], "status": "draft"}

    assert not snapshots.reviewed_text_changed(signed, {**signed, "status": "published"})
    assert snapshots.reviewed_text_changed(signed, {**signed, "sources": ["A", "B"]})
    assert snapshots.reviewed_text_changed(signed, {**signed, "body": "Text, changed."})


def test_a_comparison_shows_dates_as_the_readers_language_writes_them(settings):
    settings.TIME_ZONE = "Europe/Paris"
    old = {"published_at": "2026-03-01T08:30:00+00:00", "reviewed_on": "2025-12-24"}
    new = {"published_at": "2026-03-02T23:15:00+00:00", "reviewed_on": "2026-01-05"}

    published, reviewed = snapshots.compare(old, new)

    assert (published.old, published.new) == (
        "March 1, 2026 at 9:30 AM",
        "March 3, 2026 at 12:15 AM",
    )
    assert (reviewed.old, reviewed.new) == ("December 24, 2025", "January 5, 2026")
    with translation.override("fr"):
        assert snapshots.compare(old, new)[1].new == "5 janvier 2026"


def test_a_date_not_written_by_a_snapshot_is_shown_as_it_is():
    changes = snapshots.compare({"reviewed_on": ""}, {"reviewed_on": "soon"})
    assert changes[0].new == "soon"


def test_a_date_moved_within_a_minute_shows_what_changed():
    old = {"published_at": "2026-03-01T08:30:00+00:00"}
    new = {"published_at": "2026-03-01T08:30:30+00:00"}
    (change,) = snapshots.compare(old, new)
    assert change.old != change.new
    assert "<ins>" in change.html
