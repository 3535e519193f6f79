"""Key points and the table of contents: section ids from the Markdown, and when a body is
long enough to be given a table of contents."""

import pytest

from articles import rendering
from articles.rendering import TOC_MIN_HEADINGS, TOC_MIN_WORDS, render_markdown, table_of_contents
from tests.factories import ArticleFactory
from tests.markup import parse

pytestmark = pytest.mark.django_db


def words(count):
    return " ".join(f"word{n}" for n in range(count))


def long_body(*headings, words_per_section=None):
    """A body over the length that gets a table of contents, with these ## / ### headings."""
    per_section = words_per_section or TOC_MIN_WORDS // max(1, len(headings)) + 20
    return "\n\n".join(f"{heading}\n\n{words(per_section)}" for heading in headings)


def test_section_headings_get_ids_from_their_text():
    html = render_markdown("## Why it *matters*\n\nx\n\n### Salt & sugar\n\ny\n\n#### Deeper\n\nz")

    page = parse(html)
    assert page.one("h2")["id"] == "section-why-it-matters"
    assert page.one("h3")["id"] == "section-salt-sugar"
    assert "id" not in page.one("h4").attrs


def test_repeated_and_wordless_headings_get_distinct_ids():
    html = render_markdown("## Tips\n\n## Tips\n\n# Tips\n\n## ???\n\n## ✓")

    assert [h["id"] for h in parse(html).find_all("h2")] == [
        "section-tips",
        "section-tips-2",
        "section-tips-3",
        "section-part",
        "section-part-2",
    ]


@pytest.mark.parametrize("taken", ["comments", "respond", "comment-5", "main"])
def test_an_id_the_editor_gives_a_heading_is_replaced(taken):
    """Markdown's {#id} cannot give a heading an id the page relies on."""
    html = render_markdown(f"## Join in {{#{taken}}}\n\nText.")

    assert f'id="{taken}"' not in html
    assert parse(html).one("h2")["id"] == "section-join-in"


def test_a_long_body_with_sections_gets_a_table_of_contents_with_subsections():
    html = render_markdown(long_body("## Sleep", "### Naps", "### Nights", "## Food", "## Move"))

    sections = table_of_contents(html)

    assert [(s.text, s.id) for s in sections] == [
        ("Sleep", "section-sleep"),
        ("Food", "section-food"),
        ("Move", "section-move"),
    ]
    assert [(s.text, s.level) for s in sections[0].subsections] == [("Naps", 3), ("Nights", 3)]


def test_a_short_body_gets_no_table_of_contents():
    html = render_markdown(long_body("## A", "## B", "## C", words_per_section=20))

    assert table_of_contents(html) == []


def test_a_long_body_with_too_few_sections_gets_no_table_of_contents():
    headings = ["## A", "## B", "## C", "## D"][: TOC_MIN_HEADINGS - 1]
    html = render_markdown(long_body(*headings, words_per_section=TOC_MIN_WORDS))

    assert table_of_contents(html) == []


def test_an_article_counts_its_words_once_for_reading_time_and_contents(monkeypatch):
    article = ArticleFactory(body=long_body("## Sleep", "## Food", "## Move"))
    read = []  # the texts whose words were counted
    counting = rendering._words
    monkeypatch.setattr(rendering, "_words", lambda html: read.append(html) or counting(html))

    assert article.reading_time[1] >= 1
    assert [section.text for section in article.table_of_contents] == ["Sleep", "Food", "Move"]
    assert read.count(article.body_html) == 1
    # A new body is counted again: a short one has no table of contents.
    short = long_body("## Sleep", "## Food", "## Move", words_per_section=5)
    article.body_html = render_markdown(short)
    assert article.table_of_contents == []
    assert read.count(article.body_html) == 1


def test_the_article_page_links_each_section_of_its_table_of_contents(client):
    article = ArticleFactory(body=long_body("## Sleep & rest", "### Naps", "## Food", "## Move"))

    page = parse(client.get(article.get_absolute_url()))

    toc = page.one("nav", "table-of-contents")
    assert toc["aria-labelledby"] == "toc-heading"
    assert toc.one("h2").text == "In this article"
    targets = [link["href"] for link in toc.find_all("a")]
    assert targets == [
        "#section-sleep-rest",
        "#section-naps",
        "#section-food",
        "#section-move",
    ]
    body = page.one("div", "article-body")
    for target in targets:
        assert body.one(id=target[1:]) is not None, target
    assert [a.text for a in toc.find_all("a")] == ["Sleep & rest", "Naps", "Food", "Move"]


def test_key_points_come_before_the_table_of_contents_and_the_body(client):
    article = ArticleFactory(
        key_points="One.\nTwo.", body=long_body("## Sleep", "## Food", "## Move")
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert html.index('class="key-points"') < html.index('class="table-of-contents"')
    assert html.index('class="table-of-contents"') < html.index('class="article-body"')


def test_key_points_are_escaped(client):
    article = ArticleFactory(key_points="<script>alert(1)</script> & more")

    response = client.get(article.get_absolute_url())

    assert "<script>alert(1)</script>" not in response.content.decode()
    box = parse(response).one("aside", "key-points")
    assert box.one("li").text == "<script>alert(1)</script> & more"
