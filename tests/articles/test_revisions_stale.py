"""A restore or a draft's publication confirmed on a page drawn before someone else's save:
refused, and shown again against the newer text, so no editor's save is undone unseen."""

import pytest
from django.test import Client

from articles.models import Article
from tests.factories import ArticleFactory, StaffFactory
from tests.form_data import form_data
from tests.markup import parse

from .editor import change_url, messages_of, open_form
from .media import library_image
from .revision_steps import hidden_fields, restore_url, save

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(StaffFactory())
    return client


def test_a_restore_confirmed_after_another_save_is_refused_and_shows_the_newer_text(
    editor_client,
):
    article = ArticleFactory(body="Oats release energy slowly.")
    save(editor_client, article)
    save(editor_client, article, body="Oats are filling.")
    page = editor_client.get(restore_url(article, 1))

    other = Client()
    other.force_login(StaffFactory())
    save(other, article, body="Oats are filling and cheap.")
    response = editor_client.post(restore_url(article, 1), hidden_fields(page), follow=True)

    assert Article.objects.get(pk=article.pk).body == "Oats are filling and cheap."
    assert article.revisions.count() == 3
    assert messages_of(response) == [
        "The article was saved by someone else since this page was opened. The comparison "
        "now shows the text they saved: confirm again to restore revision 1 over it."
    ]
    assert "cheap" in parse(response).one("table", class_="revision-diff").text

    again = editor_client.post(restore_url(article, 1), hidden_fields(response), follow=True)
    assert messages_of(again) == ["Revision 1 was restored as revision 4."]
    assert Article.objects.get(pk=article.pk).body == "Oats release energy slowly."


def test_publishing_a_draft_saved_before_newer_live_text_names_the_saves_it_replaces(
    editor_client,
):
    article = ArticleFactory(body="Oats release energy slowly.")
    save(editor_client, article)
    save(editor_client, article, "_save_draft_revision", body="Oats, a draft.")
    save(editor_client, article, body="Oats are filling.")
    save(editor_client, article, body="Oats are filling and cheap.")

    warning = parse(editor_client.get(restore_url(article, 2))).one(class_="revision-newer-live")

    assert " ".join(warning.text.split()) == (
        "The live text was saved after this draft (revisions 3 and 4): publishing the draft "
        "replaces what they changed with its text. Compare the draft with the live text"
    )
    link = warning.find("a")["href"]
    assert link.endswith("/revisions/compare/?old=2&new=4")
    assert editor_client.get(link).status_code == 200


def draft_submit(data):
    data = {**data}
    data.pop("_save", None)
    data["_save_draft_revision"] = "pressed"
    return data


def test_a_draft_saved_from_a_form_opened_before_another_draft_does_not_replace_it_unseen(
    editor_client,
):
    article = ArticleFactory(body="Oats release energy slowly.")
    save(editor_client, article)
    mine = {**open_form(editor_client, article), "body": "Oats, my draft."}

    other = Client()
    other.force_login(StaffFactory())
    save(other, article, "_save_draft_revision", body="Oats, their draft.")
    refused = editor_client.post(change_url(article), draft_submit(mine))

    assert refused.status_code == 200
    assert "Another draft revision (revision 2) was saved since you opened this form" in (
        refused.content.decode()
    )
    assert article.revisions.get(pending=True).snapshot["body"] == "Oats, their draft."

    again = form_data(refused, "article_form")
    assert again["body"] == "Oats, my draft."
    editor_client.post(change_url(article), draft_submit(again))
    assert article.revisions.get(pending=True).snapshot["body"] == "Oats, my draft."


def test_restoring_a_revision_whose_library_image_was_deleted_says_so_first(editor_client):
    media = library_image()
    article = ArticleFactory(body=f"Oats.\n\n![Oats]({media.reference})")
    save(editor_client, article)
    save(editor_client, article, body="Oats, no image.")
    number = media.pk
    media.delete()

    page = parse(editor_client.get(restore_url(article, 1)))

    assert page.one(class_="revision-missing-images").text.strip() == (
        f"The body refers to a library image that does not exist: media:{number}."
    )


def test_a_draft_older_than_one_live_save_names_it_and_a_fresh_draft_warns_nothing(
    editor_client,
):
    article = ArticleFactory(body="Oats release energy slowly.")
    save(editor_client, article)
    save(editor_client, article, "_save_draft_revision", body="Oats, a draft.")
    assert not parse(editor_client.get(restore_url(article, 2))).find_all(
        class_="revision-newer-live"
    )

    save(editor_client, article, body="Oats are filling.")
    warning = parse(editor_client.get(restore_url(article, 2))).one(class_="revision-newer-live")
    assert " ".join(warning.text.split()).startswith(
        "The live text was saved after this draft (revision 3): publishing the draft replaces "
        "what it changed with its text."
    )
