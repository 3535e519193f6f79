"""Restoring a revision writes its text back as a new revision; a published article's changes
kept as a draft revision leave the live page alone until the draft is published."""

import pytest
from django.test import Client

from articles.models import Article, Person, Source
from tests.factories import ArticleFactory, StaffFactory
from tests.form_data import form_data
from tests.markup import parse

from .editor import change_url, messages_of, open_form
from .revision_steps import (
    confirm,
    history_rows,
    preview_url,
    restore_url,
    revisions_url,
    save,
)

pytestmark = pytest.mark.django_db

FIRST = "Oats release energy slowly.\n\n## Why\n\nTheir fibre slows digestion."
SECOND = "Oats are a poor breakfast.\n\n## Why\n\nThey are bland."


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(StaffFactory())
    return client


def article_page(article):
    return Client().get(article.get_absolute_url()).content.decode()


def test_restoring_a_revision_keeps_a_new_one_and_the_page_shows_the_restored_text(
    editor_client,
):
    article = ArticleFactory(title="Oats", body=FIRST)
    save(editor_client, article)
    save(editor_client, article, title="Oats, reconsidered", body=SECOND)
    assert "poor breakfast" in article_page(article)
    version = Article.objects.get(pk=article.pk).version

    page = editor_client.get(restore_url(article, 1))
    assert "Restore revision 1?" in page.content.decode()
    assert "poor" in parse(page).one("table", class_="revision-diff").text
    response = confirm(editor_client, restore_url(article, 1))

    assert messages_of(response) == ["Revision 1 was restored as revision 3."]
    article.refresh_from_db()
    assert (article.title, article.body) == ("Oats", FIRST)
    assert article.version == version + 1
    # Rendered again by the one renderer: the heading and its section id are back.
    assert 'id="section-why"' in article.body_html and "fibre" in article.body_html
    assert history_rows(response)[0]["what"] == "Restored from revision 1 (the live text)"
    assert history_rows(response)[0]["changed"] == "Title, body"
    page = article_page(article)
    assert "Their fibre slows digestion." in page
    assert "poor breakfast" not in page


def test_a_restore_brings_back_the_sources_and_keeps_status_and_date(editor_client):
    article = ArticleFactory(body=FIRST)
    Source.objects.create(article=article, position=1, title="Fibre study", publisher="BMJ")
    save(editor_client, article)
    published_at = Article.objects.get(pk=article.pk).published_at
    data = open_form(editor_client, article)
    data["sources-0-DELETE"] = "on"
    editor_client.post(change_url(article), data)
    assert not article.sources.exists()
    Article.objects.filter(pk=article.pk).update(status="draft")

    confirm(editor_client, restore_url(article, 1))

    assert [(s.title, s.publisher) for s in article.sources.all()] == [("Fibre study", "BMJ")]
    article.refresh_from_db()
    assert (article.status, article.published_at) == ("draft", published_at)


def test_a_restore_needs_a_post_with_the_csrf_token(editor_client):
    article = ArticleFactory(body=FIRST)
    save(editor_client, article)
    save(editor_client, article, body=SECOND)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(StaffFactory())

    assert strict.get(restore_url(article, 1)).status_code == 200
    assert strict.post(restore_url(article, 1)).status_code == 403
    article.refresh_from_db()
    assert article.body == SECOND
    assert article.revisions.count() == 2


def test_a_change_form_opened_before_a_restore_cannot_undo_it(editor_client):
    article = ArticleFactory(body=FIRST)
    save(editor_client, article)
    save(editor_client, article, body=SECOND)
    stale = open_form(editor_client, article)
    confirm(editor_client, restore_url(article, 1))

    response = editor_client.post(change_url(article), {**stale, "body": "Typed meanwhile."})

    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    article.refresh_from_db()
    assert article.body == FIRST


def published_with_two_revisions(client):
    article = ArticleFactory(title="Oats", body=FIRST)
    save(client, article)
    return article


def test_a_draft_revision_leaves_the_live_page_unchanged_until_published(editor_client):
    article = published_with_two_revisions(editor_client)

    response = save(editor_client, article, submit="_save_draft_revision", body=SECOND)

    assert messages_of(response) == [
        "Your changes were kept as draft revision 2. The live article is unchanged until the "
        "draft is published."
    ]
    article.refresh_from_db()
    assert article.body == FIRST
    page = article_page(article)
    assert "Their fibre" in page and "poor breakfast" not in page
    history = history_rows(response)
    assert [row["what"] for row in history] == [
        "Draft revision, not published",
        "Saved (the live text)",
    ]
    # The draft is offered for publication; the live text has nothing to restore.
    assert [row["actions"] for row in history] == ["Preview · Edit · Publish", "Preview"]
    # The change form and the article list say a draft is waiting.
    form = editor_client.get(change_url(article)).content.decode()
    assert "This article has an unpublished draft revision." in form
    listing = parse(editor_client.get("/admin/articles/article/"))
    assert listing.one("td", class_="field-draft_revision").text == "Unpublished draft"

    preview = editor_client.get(preview_url(article, 2))
    assert preview.status_code == 200
    assert "no-cache" in preview["Cache-Control"]
    banner = parse(preview).one("div", class_="revision-preview-banner")
    assert "Preview of an unpublished revision" in banner.text
    assert "poor breakfast" in parse(preview).one("div", class_="article-body").text
    assert "poor breakfast" not in article_page(article)

    page = editor_client.get(restore_url(article, 2)).content.decode()
    assert "Publish draft revision 2?" in page
    response = confirm(editor_client, restore_url(article, 2))

    assert messages_of(response) == ["Draft revision 2 is now the live text (revision 3)."]
    assert history_rows(response)[0]["what"] == "Draft revision 2 published (the live text)"
    assert "poor breakfast" in article_page(article)
    assert not article.revisions.filter(pending=True).exists()
    assert "unpublished draft" not in editor_client.get(change_url(article)).content.decode()


def test_a_draft_revision_keeps_the_text_only(editor_client):
    article = published_with_two_revisions(editor_client)

    response = save(
        editor_client, article, submit="_save_draft_revision", body=SECOND, status="draft"
    )

    assert response.status_code == 200
    assert "A draft revision keeps the title, excerpt, key points, body, author and sources" in (
        response.content.decode()
    )
    assert "Save the change to Status with Save" in response.content.decode()
    assert article.revisions.count() == 1
    article.refresh_from_db()
    assert (article.status, article.body) == ("published", FIRST)


def test_a_draft_revision_keeps_the_typed_sources_without_saving_them(editor_client):
    article = published_with_two_revisions(editor_client)
    data = open_form(editor_client, article)
    data.pop("_save")
    data.update(
        {"_save_draft_revision": "1", "sources-0-title": "New trial", "sources-0-position": "1"}
    )

    editor_client.post(change_url(article), data)

    assert not article.sources.exists()
    draft = article.revisions.get(pending=True)
    assert draft.snapshot["sources"] == ["New trial"]
    preview = parse(editor_client.get(preview_url(article, draft.number)))
    assert preview.one("ol", class_="citations").text == "New trial"


def test_only_a_published_article_offers_a_draft_revision(editor_client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    published = ArticleFactory()

    assert "_save_draft_revision" not in editor_client.get(change_url(draft)).content.decode()
    assert "_save_draft_revision" in editor_client.get(change_url(published)).content.decode()


def test_a_draft_can_be_set_aside(editor_client):
    article = published_with_two_revisions(editor_client)
    save(editor_client, article, submit="_save_draft_revision", body=SECOND)
    page = parse(editor_client.get(restore_url(article, 2)))
    discard = page.one("form", action=f"{revisions_url(article)}2/discard/")
    token = discard.one("input", name="csrfmiddlewaretoken")["value"]

    response = editor_client.post(discard["action"], {"csrfmiddlewaretoken": token}, follow=True)

    assert "no longer offered for publication" in messages_of(response)[0]
    assert not article.revisions.filter(pending=True).exists()
    assert article.revisions.count() == 2
    article.refresh_from_db()
    assert article.body == FIRST


def test_a_restore_writes_back_the_author_who_wrote_it(editor_client):
    article = ArticleFactory(body=FIRST)
    first_author = Person.objects.create(name="Ann Author", slug="ann-author")
    Article.objects.filter(pk=article.pk).update(author=first_author)
    save(editor_client, article)
    save(editor_client, article, author="")

    confirm(editor_client, restore_url(article, 1))

    article.refresh_from_db()
    assert article.author == first_author


def test_an_editor_goes_on_editing_a_draft_revision(editor_client):
    article = published_with_two_revisions(editor_client)
    data = open_form(editor_client, article)
    data.pop("_save")
    data.update(
        {
            "_save_draft_revision": "1",
            "body": SECOND,
            "sources-0-title": "Oat trial",
            "sources-0-publisher": "BMJ",
            "sources-0-position": "1",
        }
    )
    editor_client.post(change_url(article), data)

    held = editor_client.get(f"{change_url(article)}?revision=2")

    page = parse(held)
    assert "You are editing the text of revision 2" in page.one("div", class_="revision-held").text
    assert page.one("textarea", name="body").text == " ".join(SECOND.split())
    assert page.one("input", name="sources-0-title")["value"] == "Oat trial"
    # Only a draft revision can be saved from it: Save would mix it with the live sources.
    assert page.find("input", name="_save") is None
    data = form_data(held, "article_form", submit="_save_draft_revision")
    data["body"] = SECOND + "\n\nOne more line."
    response = editor_client.post(change_url(article), data, follow=True)

    assert messages_of(response)[0].startswith("Your changes were kept as draft revision 3.")
    draft = article.revisions.get(pending=True)
    assert draft.number == 3
    assert draft.snapshot["body"].endswith("One more line.")
    assert draft.snapshot["sources"] == ["Oat trial (BMJ)"]
    article.refresh_from_db()
    assert article.body == FIRST
    assert not article.sources.exists()


def test_a_form_holding_a_draft_never_saves_over_the_live_text(editor_client):
    article = published_with_two_revisions(editor_client)
    save(editor_client, article, submit="_save_draft_revision", body=SECOND)
    data = form_data(editor_client.get(f"{change_url(article)}?revision=2"), "article_form")

    response = editor_client.post(change_url(article), data)

    assert response.status_code == 200
    assert "This form holds the text of a draft revision" in response.content.decode()
    article.refresh_from_db()
    assert article.body == FIRST
    assert article.revisions.count() == 2


def test_the_article_list_filters_the_articles_with_a_draft_waiting(editor_client):
    waiting = published_with_two_revisions(editor_client)
    save(editor_client, waiting, submit="_save_draft_revision", body=SECOND)
    other = ArticleFactory(title="Sleep")

    def titles(query):
        page = parse(editor_client.get(f"/admin/articles/article/?{query}"))
        return [cell.text for cell in page.find_all("th", class_="field-title")]

    assert titles("draft_revision=waiting") == [waiting.title]
    assert titles("draft_revision=none") == [other.title]
