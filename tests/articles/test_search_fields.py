"""The search and social title and description: the editor's own when written, else the title
and the summary (the excerpt, else the opening of the body as it reads now)."""

import pytest

from tests.factories import ArticleFactory
from tests.markup import parse

from .test_seo import jsonld_of

pytestmark = pytest.mark.django_db


def metas(response):
    head = parse(response).find("head")
    tags = head.find_all("meta")
    named = {m.get("name"): m.get("content") for m in tags if m.get("name")}
    props = {m.get("property"): m.get("content") for m in tags if m.get("property")}
    return head.find("title").text, named, props


def test_the_editors_title_and_description_are_used_everywhere(client):
    article = ArticleFactory(
        title="Why sleep matters",
        seo_title="Sleep: why seven hours matter",
        seo_description="What a week of short nights does,\n and what helps.",
    )
    response = client.get(article.get_absolute_url())
    title, named, props = metas(response)
    assert title.startswith("Sleep: why seven hours matter | ")
    assert props["og:title"] == "Sleep: why seven hours matter"
    assert named["description"] == "What a week of short nights does, and what helps."
    assert props["og:description"] == named["description"]
    data = jsonld_of(response)
    assert data["headline"] == "Sleep: why seven hours matter"
    assert data["description"] == named["description"]
    assert parse(response).one("h1").text == "Why sleep matters"


def test_left_blank_they_are_the_title_and_the_summary_of_the_body_as_it_reads_now(client):
    article = ArticleFactory(title="Why sleep matters", body="## Why\n\nSleep supports memory.")
    article.body = "## Why\n\nSleep repairs the body."
    article.save()
    response = client.get(article.get_absolute_url())
    title, named, props = metas(response)
    assert title.startswith("Why sleep matters | ")
    assert props["og:title"] == "Why sleep matters"
    assert named["description"] == props["og:description"] == "Sleep repairs the body."
    assert jsonld_of(response)["description"] == "Sleep repairs the body."


def test_a_written_excerpt_comes_before_the_body(client):
    article = ArticleFactory(excerpt="The editor's excerpt.", body="Body text.")
    _title, named, _props = metas(client.get(article.get_absolute_url()))
    assert named["description"] == "The editor's excerpt."


def test_the_admin_form_hints_at_the_lengths(admin_client):
    response = admin_client.get("/admin/articles/article/add/")
    page = parse(response)
    title = page.one("input", name="seo_title")
    description = page.one("textarea", name="seo_description")
    assert title["data-length-hint"] == "60"
    assert description["data-length-hint"] == "160"
    assert "best up to 60 characters" in page.find("div", class_="field-seo_title").text
    assert "best up to 160 characters" in page.find("div", class_="field-seo_description").text
