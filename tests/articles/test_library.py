"""Library images in a body: `![alt](media:42 "caption")` becomes the image with its renditions,
and the sanitiser keeps exactly the attributes that takes."""

import pytest
from PIL import Image

from articles.library import MediaImage, markdown_for, missing_images, referenced_ids
from articles.rendering import reading_time, render_markdown, table_of_contents
from articles.sanitize import STAFF, sanitize_html
from tests.factories import ArticleFactory, image_file
from tests.markup import parse

from .media import library_image

pytestmark = pytest.mark.django_db


def test_an_upload_is_cleaned_and_resized_once():
    upload = image_file("walk.jpg", size=(2000, 1000), exif=b"Exif\x00\x00secret")
    image = MediaImage.objects.create(image=upload, alt="A walk")
    widths = sorted({r["width"] for r in image.renditions})
    assert widths == [480, 960, 1600]
    assert {r["type"] for r in image.renditions} == {"image/jpeg", "image/webp"}
    with Image.open(image.image.path) as stored:
        assert "exif" not in stored.info
    assert (image.width, image.height) == (2000, 1000)


def test_an_image_alone_in_its_paragraph_is_a_figure_with_srcset_and_caption():
    media = library_image(credit="Photo: Ana Ruiz")
    html = render_markdown(f'Intro.\n\n![Oats in a bowl]({media.reference} "Breakfast, simply")\n')
    figure = parse(html).find("figure")
    img = figure.find("img")
    assert img["alt"] == "Oats in a bowl"
    assert img["loading"] == "lazy"
    assert img["decoding"] == "async"
    assert (img["width"], img["height"]) == ("1200", "800")
    assert img["srcset"] == media.picture.jpeg_srcset
    assert img["srcset"].count("w,") == 2  # 480w, 960w, 1200w
    assert img["src"] == media.picture.src
    assert img["sizes"] == "(min-width: 992px) 720px, 100vw"
    assert figure.find("figcaption").text == "Breakfast, simply Photo: Ana Ruiz"
    assert figure.find("figcaption").find("small").text == "Photo: Ana Ruiz"
    assert [p.text for p in parse(html).find_all("p")] == ["Intro."]


def test_an_image_inside_a_sentence_stays_inline_and_uses_the_library_alt_when_none_is_written():
    media = library_image(alt="Library alt")
    html = render_markdown(f"See ![]({media.reference}) here.")
    paragraph = parse(html).find("p")
    assert paragraph.find("figure") is None
    assert paragraph.find("img")["alt"] == "Library alt"
    assert paragraph.raw_text == "See  here."


def test_a_reference_to_no_library_image_is_dropped_and_named_as_missing():
    media = library_image()
    source = f"Before ![gone](media:999999) after. ![kept]({media.reference})"
    assert parse(render_markdown(source)).find("img")["alt"] == "kept"
    assert missing_images(source) == [999999]
    assert "Before  after." in render_markdown(source)


def test_references_are_read_in_one_query(django_assert_num_queries):
    first, second = library_image(), library_image()
    source = f"![a]({first.reference})\n\n![b]({second.reference})"
    with django_assert_num_queries(1):
        render_markdown(source)
    with django_assert_num_queries(0):
        render_markdown("Text about social media:2 hours a day.")
    assert referenced_ids("Text about social media:2 hours a day.") == set()


@pytest.mark.parametrize(
    "attribute",
    [
        'srcset="https://tracker.example/pixel.gif 1w"',
        'srcset="//tracker.example/media/a.jpg 480w"',
        'srcset="/media/a.jpg 480w, javascript:alert(1) 2w"',
        'srcset="/media/../admin/logout/ 1w"',
        'srcset="/media/library/../../static/x.jpg 1w"',
        'sizes="9999px"',
        'loading="eager"',
        'decoding="sync"',
        'fetchpriority="high"',
    ],
)
def test_a_typed_image_keeps_none_of_those_attributes_but_its_own_values(attribute):
    html = sanitize_html(f'<img src="/media/a.jpg" alt="x" {attribute}>', STAFF)
    name = attribute.split("=")[0]
    assert name not in parse(html).find("img").attrs


def test_the_values_a_library_image_needs_are_kept():
    typed = (
        '<img src="/media/a-480.jpg" alt="x" srcset="/media/a-480.jpg 480w, /media/a.jpg 960w" '
        'sizes="(min-width: 992px) 720px, 100vw" loading="lazy" decoding="async">'
    )
    img = parse(sanitize_html(typed, STAFF)).find("img")
    assert img["srcset"] == "/media/a-480.jpg 480w, /media/a.jpg 960w"
    assert img["loading"] == "lazy"


def test_reading_time_counts_the_words_of_the_page():
    assert reading_time("") == (0, 0)
    assert reading_time("<p>One two three.</p>") == (3, 1)
    assert reading_time("<p>" + "word " * 231 + "</p>") == (231, 2)


def test_the_article_page_shows_its_reading_time(client):
    article = ArticleFactory(body="word " * 1300, status="published")
    response = client.get(article.get_absolute_url())
    assert "6 min read" in parse(response).find(class_="article-meta").text


def test_a_reference_too_large_for_any_id_is_missing_not_an_error(staff_client):
    huge = "9" * 30
    source = f"Before ![gone](media:{huge}) after."
    assert parse(render_markdown(source)).find("img") is None
    assert missing_images(source) == [int(huge)]
    response = staff_client.post("/admin/articles/article/preview/", {"body": source})
    assert response.status_code == 200
    assert response.json()["notes"] == [
        f"The body refers to a library image that does not exist: media:{huge}."
    ]


@pytest.mark.parametrize(
    ("alt", "caption"),
    [
        ("The `oats` tin & a [label]", 'The "best" `bowl` (warm) & cheap'),
        ("&amp; is an entity, a \\ a backslash", "x ** y"),
    ],
)
def test_the_chooser_markdown_keeps_the_alt_text_and_caption_as_written(alt, caption):
    media = library_image(alt=alt, caption=caption)
    page = parse(render_markdown(f"Intro.\n\n{markdown_for(media)}\n\nMore."))
    assert page.find("img")["alt"] == alt
    assert page.find("figcaption").text == caption


def test_reading_time_and_contents_read_sanitised_html_whole():
    """Words are counted, and headings read, past an attribute value holding ">" and
    entities, as the reader sees the text."""
    html = render_markdown(
        '![a > b](https://example.org/i.png "x > y")\n\nCaf&eacute;&nbsp;au lait &lt;b&gt;.'
    )
    assert reading_time(html) == (4, 1)
    long_body = render_markdown(
        '## Caf&eacute; *au* lait\n\n![a > b](https://example.org/i.png "x > y")\n\n'
        "## Sleep &amp; rest\n\n### Naps\n\n" + "word " * 400
    )
    assert [
        (heading.level, heading.text, [sub.text for sub in heading.subsections])
        for heading in table_of_contents(long_body)
    ] == [(2, "Café au lait", []), (2, "Sleep & rest", ["Naps"])]
