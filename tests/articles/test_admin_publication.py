"""Publishing and scheduling an article with an image, and dating its medical review."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import formats, timezone

from articles.models import Article
from tests.factories import PersonFactory

from .editor import article_with_image, change_url, field_errors, messages_of, open_form

pytestmark = pytest.mark.django_db


def when(moment):
    local = timezone.localtime(moment)
    return {
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


@pytest.fixture
def draft():
    return article_with_image(title="Oats for breakfast", status="draft", published_at=None)


def test_scheduled_without_a_date_is_a_form_error_on_the_date(staff_client, draft):
    data = open_form(staff_client, draft)

    response = staff_client.post(change_url(draft), {**data, "status": "scheduled"})

    assert response.status_code == 200
    assert field_errors(response, "published_at") == ["Choose the date and time to publish it."]
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == ("draft", None)
    assert not Article.objects.published().exists()


def test_scheduled_with_a_past_date_is_refused_with_the_way_out(staff_client, draft):
    """ "Scheduled" promises it is not public yet: a past time is a mistake to correct, not a
    publication now."""
    data = open_form(staff_client, draft)

    response = staff_client.post(
        change_url(draft),
        {**data, "status": "scheduled", **when(timezone.now() - timedelta(hours=2))},
    )

    assert response.status_code == 200
    assert field_errors(response, "published_at") == [
        "This time has passed. Choose a later one to schedule the article, or choose "
        "Published to publish it now."
    ]
    assert Article.objects.get().status == "draft"


def test_scheduled_with_a_future_date_says_when_it_goes_public(staff_client, draft):
    moment = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    data = open_form(staff_client, draft)

    response = staff_client.post(
        change_url(draft), {**data, "status": "scheduled", **when(moment)}, follow=True
    )

    draft.refresh_from_db()
    # Stored as published with its date to come: scheduled until then.
    assert (draft.status, draft.published_at) == ("published", moment)
    assert draft.state == "scheduled"
    assert not draft.is_public
    assert open_form(staff_client, draft)["status"] == "scheduled"
    shown = formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    assert messages_of(response)[0] == (
        f"“Oats for breakfast” is scheduled to become public on {shown}; until then only staff "
        "can see it."
    )


def test_published_with_a_blank_date_is_published_now(staff_client, draft):
    data = open_form(staff_client, draft)

    response = staff_client.post(change_url(draft), {**data, "status": "published"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published"
    assert timezone.now() - draft.published_at < timedelta(minutes=1)
    assert draft.is_public


def test_a_scheduled_article_whose_time_came_saves_as_published(staff_client):
    """Opened after its time came, it shows as Published and saves with its date kept; opened
    just before and saved just after, its unchanged time is not refused as "passed"."""
    moment = (timezone.now() + timedelta(minutes=5)).replace(microsecond=0)
    article = article_with_image(status="published", published_at=moment)
    data = open_form(staff_client, article)
    assert data["status"] == "scheduled"

    with time_machine.travel(moment + timedelta(minutes=1)):
        response = staff_client.post(change_url(article), {**data, "body": "A better opening."})
        assert open_form(staff_client, article)["status"] == "published"

    assert response.status_code == 302, field_errors(response, "published_at")
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("published", moment)


def test_publishing_a_past_date_typed_now_stays_published_with_that_date(staff_client, draft):
    """A past date typed with "Published" backdates the article, public at once."""
    moment = (timezone.now() - timedelta(days=3)).replace(microsecond=0)
    data = open_form(staff_client, draft)

    response = staff_client.post(
        change_url(draft), {**data, "status": "published", **when(moment)}
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.published_at, draft.state) == ("published", moment, "published")


def test_a_stale_form_shows_the_status_as_an_editor_reads_it(staff_client):
    """Another editor scheduled it meanwhile: the comparison says "Scheduled", not a code."""
    article = article_with_image(status="draft", published_at=None)
    data = open_form(staff_client, article)
    article.status, article.published_at = "published", timezone.now() + timedelta(days=2)
    article.save()

    response = staff_client.post(change_url(article), {**data, "title": "A new title"})

    assert response.status_code == 200
    comparison = response.context["adminform"].form.version_conflict
    status = next(d for d in comparison if d.label == "Status")
    assert [(p.theirs, p.yours) for p in status.passages] == [("Scheduled", "Draft")]


def test_a_medical_review_dated_in_the_future_is_refused(staff_client):
    article = article_with_image(reviewer=PersonFactory(name="A. Rahman", credentials="MD"))
    data = open_form(staff_client, article)

    response = staff_client.post(change_url(article), {**data, "reviewed_on": "2031-03-01"})

    assert response.status_code == 200
    assert field_errors(response, "reviewed_on") == [
        "A medical review cannot be dated in the future: give the day it took place."
    ]
    assert Article.objects.get().reviewed_on is None


def test_a_medical_review_dated_today_is_accepted(staff_client):
    article = article_with_image(reviewer=PersonFactory(name="A. Rahman", credentials="MD"))
    today = timezone.localdate()
    data = open_form(staff_client, article)

    response = staff_client.post(change_url(article), {**data, "reviewed_on": today.isoformat()})

    assert response.status_code == 302
    assert Article.objects.get().reviewed_on == today
