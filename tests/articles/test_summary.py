"""The article's summary: the editor's excerpt, or the body's opening paragraphs as they read
now, wherever the article is described; automatic excerpts stored before are blanked."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.rendering import render_markdown, summary_of_html
from tests.factories import ArticleFactory, CategoryFactory, RelatedLinkFactory
from tests.markup import parse

from .editor import change_url, demo_article, open_form
from .test_feeds import xml_of

pytestmark = pytest.mark.django_db

NEW_OPENING = "Ten minutes on foot after dinner is enough to make a difference."
HEADING = "What happens after you eat"


def descriptions(client, article):
    """Every place a reader or a machine reads the article's description, by name."""
    page = parse(client.get(article.get_absolute_url()))
    head = page.one("head")

    def meta(key):
        return (head.find("meta", name=key) or head.find("meta", property=key))["content"]

    jsonld = json.loads(head.one("script", type="application/ld+json").raw_text)
    shares = {
        anchor.classes[-1].removeprefix("share-"): anchor["href"]
        for anchor in page.one("nav", "share-buttons").find_all("a")
    }
    rss = xml_of(client.get("/feeds/articles/"))
    atom = xml_of(client.get("/feeds/articles/atom/"))
    atom_ns = "{http://www.w3.org/2005/Atom}"
    found = {
        "meta description": meta("description"),
        "og:description": meta("og:description"),
        "twitter:description": meta("twitter:description"),
        "JSON-LD description": jsonld["description"],
        "pinterest share": parse_qs(urlsplit(shares["pinterest"]).query)["description"][0],
        "email share": parse_qs(urlsplit(shares["email"]).query)["body"][0].split("\n\n")[0],
        "RSS": next(
            item.findtext("description")
            for item in rss.iter("item")
            if item.findtext("title") == article.title
        ),
        "Atom": next(
            entry.findtext(f"{atom_ns}summary")
            for entry in atom.iter(f"{atom_ns}entry")
            if entry.findtext(f"{atom_ns}title") == article.title
        ),
    }
    for name, url in [("home page", "/"), ("search result", "/search/?q=dinner")]:
        # On the home page, the newest article is the lead story; the others are cards.
        stories = [
            story
            for story in parse(client.get(url)).find_all("article")
            if {"lead-story", "article-card"} & set(story.classes)
        ]
        [story] = [story for story in stories if story.one("h2").text == article.title]
        text = story.find("p", class_="card-text") or story.one("p", class_="lead-story-summary")
        found[name] = text.text
    return found


def teaser_texts(client, article):
    page = parse(client.get(article.get_absolute_url()))
    return [p.text for p in page.find_all("p", class_="card-text") if "small" in p.classes]


def test_an_edited_body_is_described_everywhere_without_headings(client, staff_client):
    article = demo_article("walking-after-meals")
    curating = ArticleFactory(category=CategoryFactory(slug="other"), title="Curating")
    RelatedLinkFactory(article=curating, target=article)
    similar = ArticleFactory(category=article.category, title="Similar")
    data = open_form(staff_client, article)
    body = data["body"].replace(data["body"].split("\n\n")[0], NEW_OPENING, 1)

    response = staff_client.post(change_url(article), {**data, "body": body})

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.excerpt == ""
    assert article.summary.startswith(f"{NEW_OPENING} When you eat a meal")
    for name, text in descriptions(client, article).items():
        assert text.startswith(NEW_OPENING), name
        assert HEADING not in text, name
        assert "In many cultures" not in text, name
    for other in (curating, similar):
        assert teaser_texts(client, other)[0].startswith(NEW_OPENING), other.title


def test_the_editors_excerpt_is_the_description_everywhere(client):
    article = ArticleFactory(
        title="Dinner walks", excerpt="Our own words.", body="After dinner, a walk."
    )
    assert set(descriptions(client, article).values()) == {"Our own words."}


@pytest.mark.parametrize(
    ("markdown", "summary"),
    [
        (
            "Most people think.\n\n## Why sleep matters\n\nSleep supports memory.",
            "Most people think. Sleep supports memory.",
        ),
        (
            "![Oats](/o.jpg)\n\nOpening.\n\n- one\n- two\n\nClosing[^1].\n\n[^1]: A source.",
            "Opening. Closing.",
        ),
        ("Line one  \nline two.", "Line one line two."),
        ("## Only a heading", ""),
        ("Fish &amp; chips &lt; 3", "Fish & chips < 3"),
    ],
    ids=["headings", "lists-and-footnotes", "line-break", "no-paragraph", "entities"],
)
def test_summary_is_built_from_paragraphs_only(markdown, summary):
    assert summary_of_html(render_markdown(markdown)) == summary


def test_a_long_body_is_cut_at_forty_words_reading_only_its_start():
    paragraph = " ".join(f"word{i}" for i in range(30))
    html = render_markdown("\n\n".join([paragraph] * 2000))
    summary = summary_of_html(html)
    assert len(summary.split()) == 40
    assert summary.endswith("word9…")


# The data migration.

BEFORE = [("articles", "0005_article_version_and_new_upload_checks")]
AFTER = [("articles", "0006_blank_automatic_excerpts")]
OLD_BODY_HTML = (
    "<p>Walking helps.</p>\n<h2>Why it matters</h2>\n<p>Fish &amp; chips are fine too.</p>"
)


@pytest.mark.django_db(transaction=True)
def test_the_migration_blanks_automatic_excerpts_and_keeps_written_ones():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Article = apps.get_model("articles", "Article")
    category = apps.get_model("articles", "Category").objects.create(name="Old", slug="old")
    stored = {
        # What the old code wrote: headings run in; entities kept (before 15a5485) or decoded.
        "automatic": "Walking helps. Why it matters Fish & chips are fine too.",
        "automatic, older": "Walking helps. Why it matters Fish &amp; chips are fine too.",
        "written": "Our own summary.",
        "blank": "",
    }
    for slug, excerpt in stored.items():
        Article.objects.create(
            title=slug,
            slug=slug.replace(", ", "-"),
            body="(not read)",
            body_html=OLD_BODY_HTML,
            excerpt=excerpt,
            category=category,
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    Article = executor.loader.project_state(AFTER).apps.get_model("articles", "Article")
    assert dict(Article.objects.values_list("title", "excerpt")) == {
        "automatic": "",
        "automatic, older": "",
        "written": "Our own summary.",
        "blank": "",
    }
