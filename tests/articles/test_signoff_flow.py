"""The medical sign-off end to end through the admin: an editor submits, a reviewer reads and
sends back with a note, the editor sees it, resubmits, the reviewer approves, a publisher
publishes; a later edit of the body shows as "changed since review"."""

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, Person, SignOff
from tests.markup import parse

from .editor import change_url, logged_in, messages_of, open_form

pytestmark = pytest.mark.django_db


QUEUE = "/admin/articles/article/review/"
LIST = "/admin/articles/article/"


def links(element):
    return [a.text for a in element.find_all("a")]


def review_url(article):
    return f"/admin/articles/article/{article.pk}/review/"


def decide(client, article, decision, note=""):
    page = client.get(review_url(article))
    version = parse(page).one("input", name="seen_version").get("value")
    return client.post(
        review_url(article),
        {"decision": decision, "note": note, "seen_version": version},
        follow=True,
    )


def submit_for_review(client, article, **changes):
    data = open_form(client, article)
    data.pop("_save", None)
    return client.post(
        change_url(article), {**data, **changes, "_submit_for_review": "1"}, follow=True
    )


def test_submit_send_back_approve_publish(
    draft_for_review, editor_user, reviewer_user, publisher_user
):
    editing, reviewing, publishing = (
        logged_in(editor_user),
        logged_in(reviewer_user),
        logged_in(publisher_user),
    )

    response = submit_for_review(editing, draft_for_review)
    assert "“Oats for breakfast” is saved and submitted for medical review." in messages_of(
        response
    )
    assert SignOff.objects.get().state == "submitted"

    queue = reviewing.get(QUEUE)
    assert queue.status_code == 200
    assert "Oats for breakfast" in links(parse(queue).one(id="review-submitted"))
    page = reviewing.get(review_url(draft_for_review))
    assert "The whole text (never signed off)" in page.text
    assert "Oats are a good source of fibre." in page.text

    refused = decide(reviewing, draft_for_review, "send_back", note="  ")
    assert "Say why the article is sent back" in " ".join(messages_of(refused))
    decide(reviewing, draft_for_review, "send_back", note="Cite a trial for the fibre claim.")
    form = editing.get(change_url(draft_for_review))
    assert "Sent back by Rowan Reid, MD" in form.text
    assert "Cite a trial for the fibre claim." in form.text

    submit_for_review(editing, draft_for_review, body="Oats are a good source of soluble fibre.")
    page = reviewing.get(review_url(draft_for_review))
    assert "soluble" in page.text
    response = decide(reviewing, draft_for_review, "approve")
    assert "“Oats for breakfast” is signed off." in messages_of(response)
    draft_for_review.refresh_from_db()
    assert draft_for_review.reviewer == Person.objects.get(slug="rowan-reid")
    assert draft_for_review.reviewed_on == timezone.localdate()
    assert (
        editing.get(change_url(draft_for_review)).text.count("Signed off by Rowan Reid, MD") == 1
    )

    data = open_form(publishing, draft_for_review)
    response = publishing.post(change_url(draft_for_review), {**data, "status": "published"})
    assert response.status_code == 302
    assert Article.objects.published().get() == draft_for_review


def test_an_edit_of_the_body_after_the_sign_off_shows_as_changed_since_review(
    draft_for_review, editor_user, reviewer_user, publisher_user
):
    submit_for_review(logged_in(editor_user), draft_for_review)
    decide(logged_in(reviewer_user), draft_for_review, "approve")
    publishing = logged_in(publisher_user)
    publishing.post(
        change_url(draft_for_review),
        {**open_form(publishing, draft_for_review), "status": "published"},
    )

    editing = logged_in(editor_user)
    data = open_form(editing, draft_for_review)
    response = editing.post(
        change_url(draft_for_review),
        {**data, "body": "Oats are a good source of fibre and protein."},
    )
    # An editor may correct a live article; it stays public and is flagged.
    assert response.status_code == 302
    assert Article.objects.published().get() == draft_for_review

    assert "Changed since review:" in editing.get(change_url(draft_for_review)).text
    changed = editing.get(LIST, {"sign_off": "changed"})
    assert "Oats for breakfast" in links(parse(changed).one(id="result_list"))
    assert "Changed since review" in changed.text
    assert parse(editing.get(LIST, {"sign_off": "submitted"})).find(id="result_list") is None
    queue = logged_in(reviewer_user).get(QUEUE)
    assert "Oats for breakfast" in links(parse(queue).one(id="review-changed"))
    page = logged_in(reviewer_user).get(review_url(draft_for_review))
    assert "source of <del>fibre.</del><ins>fibre and protein.</ins>" in page.text


def test_a_source_added_after_the_sign_off_is_a_change_since_review(
    draft_for_review, reviewer_user
):
    from articles import signoff

    signoff.approve(draft_for_review, reviewer_user)
    assert signoff.review_status(draft_for_review).state == "approved"
    draft_for_review.sources.create(title="A new trial", position=0)
    draft_for_review = Article.objects.get(pk=draft_for_review.pk)
    status = signoff.review_status(draft_for_review)
    assert status.changed_since_review
    assert [change.field for change in status.changes] == ["sources"]


def test_the_reviewer_cannot_approve_text_changed_while_reading(
    draft_for_review, editor_user, reviewer_user
):
    submit_for_review(logged_in(editor_user), draft_for_review)
    reviewing = logged_in(reviewer_user)
    page = reviewing.get(review_url(draft_for_review))
    version = parse(page).one("input", name="seen_version").get("value")
    editing = logged_in(editor_user)
    editing.post(
        change_url(draft_for_review), {**open_form(editing, draft_for_review), "body": "New text."}
    )

    response = reviewing.post(
        review_url(draft_for_review), {"decision": "approve", "seen_version": version}, follow=True
    )

    assert "changed while you were reading" in " ".join(messages_of(response))
    assert not SignOff.objects.approved().exists()


def test_queue_and_review_page_are_for_reviewers_only(
    draft_for_review, editor_user, publisher_user, reviewer_user
):
    for user in (editor_user, publisher_user):
        client = logged_in(user)
        assert client.get(QUEUE).status_code == 403
        assert client.get(review_url(draft_for_review)).status_code == 403
        assert (
            client.post(review_url(draft_for_review), {"decision": "approve"}).status_code == 403
        )
    assert not SignOff.objects.exists()
    assert logged_in(reviewer_user).get(QUEUE).status_code == 200


def test_a_reviewer_without_credentials_cannot_sign_off(draft_for_review, reviewer_user):
    Person.objects.filter(user=reviewer_user).update(credentials="")
    response = decide(logged_in(reviewer_user), draft_for_review, "approve")
    assert "not linked to a person with credentials" in " ".join(messages_of(response))
    draft_for_review.refresh_from_db()
    assert draft_for_review.reviewer is None


def test_review_page_posts_with_csrf(draft_for_review, reviewer_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer_user)
    assert client.post(review_url(draft_for_review), {"decision": "approve"}).status_code == 403
    page = client.get(review_url(draft_for_review))
    assert (
        parse(page).one("form", class_="review-decision").find("input", name="csrfmiddlewaretoken")
    )


def test_the_admin_home_links_reviewers_to_the_queue(draft_for_review, editor_user, reviewer_user):
    from articles import signoff

    signoff.submit(draft_for_review, editor_user)
    home = logged_in(reviewer_user).get("/admin/")
    link = parse(home).one(id="review-summary").find("a", href=QUEUE)
    assert "1 article submitted for review" in link.text
    assert (
        not parse(logged_in(editor_user).get("/admin/"))
        .one(id="review-summary")
        .find("a", href=QUEUE)
    )


def test_the_list_and_the_queue_cost_the_same_queries_for_more_articles(
    draft_for_review, editor_user, reviewer_user
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles import signoff
    from tests.factories import ArticleFactory, SourceFactory

    def queries(client, url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add_articles(count):
        for _number in range(count):
            article = ArticleFactory(category=draft_for_review.category)
            SourceFactory(article=article)
            signoff.approve(article, reviewer_user)
            article.sources.create(title="Added later", position=5)
            article.save()  # as the admin saves an article with its sources
            signoff.submit(ArticleFactory(category=draft_for_review.category), editor_user)

    editing, reviewing = logged_in(editor_user), logged_in(reviewer_user)
    add_articles(2)
    editing.get(LIST), reviewing.get(QUEUE)  # caches filled (content types, settings)
    before = queries(editing, LIST), queries(reviewing, QUEUE)
    add_articles(8)
    after = queries(editing, LIST), queries(reviewing, QUEUE)

    assert after == before
    changed = parse(reviewing.get(QUEUE)).one(id="review-changed")
    assert len(changed.find_all("tr")) == 1 + 10


def test_the_queue_lists_the_oldest_request_first_and_not_what_was_sent_back(
    review_category, editor_user, reviewer_user
):
    from datetime import timedelta

    from articles import signoff
    from tests.factories import ArticleFactory

    late, early, returned = (
        ArticleFactory(title=title, category=review_category, status="draft", published_at=None)
        for title in ("Asked today", "Asked last week", "Sent back")
    )
    for article in (late, early, returned):
        signoff.submit(article, editor_user)
    SignOff.objects.filter(article=early).update(created_at=timezone.now() - timedelta(days=7))
    signoff.approve(returned, reviewer_user)
    returned.body = "Changed after the approval."
    returned.save()
    signoff.send_back(returned, reviewer_user, "Not this change.")

    queue = parse(logged_in(reviewer_user).get(QUEUE))

    assert links(queue.one(id="review-submitted")) == ["Asked last week", "Asked today"]
    assert links(queue.one(id="review-changed")) == []


def test_the_record_of_sign_offs_is_read_only(draft_for_review, editor_user, reviewer_user):
    from articles import signoff

    signoff.submit(draft_for_review, editor_user)
    signoff.send_back(draft_for_review, reviewer_user, "Cite a trial.")
    record = logged_in(editor_user).get("/admin/articles/signoff/")
    rows = parse(record).one(id="result_list").find_all("tr")
    assert [row.find("td", class_="field-state").text for row in rows[1:]] == ["Sent back"]
    sign_off = SignOff.objects.get()
    change = logged_in(reviewer_user).get(f"/admin/articles/signoff/{sign_off.pk}/change/")
    assert change.status_code == 200
    assert "Cite a trial." in change.text
    assert 'name="note"' not in change.text
    assert logged_in(reviewer_user).get("/admin/articles/signoff/add/").status_code == 403
