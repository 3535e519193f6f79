"""From a WordPress body to ours: paragraphs, block comments, captions and other shortcodes,
headings, old addresses, and the one sanitiser on all of it."""

import pytest

from articles.rendering import render_markdown
from wordpress.addresses import AddressBook
from wordpress.autop import autop
from wordpress.bodies import NOTE_UNSAFE, convert_body
from wordpress.shortcodes import count_shortcodes

from .wxr_files import SITE


def test_blank_lines_make_paragraphs_and_single_breaks_make_br():
    assert autop("One\ntwo\n\nThree") == "<p>One<br>\ntwo</p>\n\n<p>Three</p>"


def test_text_inside_list_items_and_headings_gets_no_paragraph():
    html = autop("<ul>\n<li>One</li>\n<li>Two\nlines</li>\n</ul>\n<h2>Title</h2>After")

    assert "<li>One</li>" in html
    assert "<li>Two<br>\nlines</li>" in html
    assert "<h2>Title</h2>" in html
    assert "<p>After</p>" in html
    assert "<li><p>" not in html


def test_text_inside_a_div_or_blockquote_becomes_paragraphs():
    assert autop("<blockquote>One\n\nTwo</blockquote>") == (
        "<blockquote><p>One</p>\n<p>Two</p>\n</blockquote>"
    )


def test_preformatted_text_is_left_exactly_as_written():
    html = autop("Code:\n\n<pre>line one\n\n    indented</pre>\n\nAfter")

    assert "<pre>line one\n\n    indented</pre>" in html
    assert html.count("<p>") == 2


def test_an_existing_break_is_not_doubled_and_a_tag_over_lines_stays_whole():
    assert autop('Line<br />\nnext <a\nhref="/x">link</a>') == (
        '<p>Line<br />\nnext <a href="/x">link</a></p>'
    )


def test_paragraphs_already_written_are_left_alone():
    assert autop("<p>One</p>\n\n<p>Two</p>") == "<p>One</p>\n\n<p>Two</p>"


def test_block_editor_comments_are_dropped_and_its_html_kept_without_new_breaks():
    body = (
        "<!-- wp:paragraph -->\n<p>First\nline</p>\n<!-- /wp:paragraph -->\n\n"
        '<!-- wp:image {"id":5} /-->\n<!-- wp:heading {"level":3} -->\n<h3>Next</h3>\n'
        "<!-- /wp:heading -->"
    )

    html, _notes = convert_body(body)

    assert "wp:" not in html
    assert "<!--" not in html
    assert "<p>First\nline</p>" in html  # no <br>: block content is not auto-paragraphed
    assert "<h3>Next</h3>" in html


def test_classic_bodies_get_paragraphs():
    html, _notes = convert_body("First\n\nSecond<!--more-->\nthird")

    assert html == "<p>First</p>\n\n<p>Second<br>\nthird</p>"


def test_a_caption_becomes_a_figure_with_its_caption():
    body = (
        '[caption id="attachment_9" align="alignleft" width="300"]'
        '<a href="https://x.example/big.jpg"><img src="https://x.example/a.jpg" alt="A walk" '
        'width="300" height="200" /></a> Walking after dinner[/caption]'
    )

    html, notes = convert_body(body)

    assert html.startswith("<figure><a")
    assert '<img src="https://x.example/a.jpg" alt="A walk" width="300" height="200">' in html
    assert "<figcaption>Walking after dinner</figcaption>" in html
    assert html.endswith("</figure>")
    assert "caption" not in "".join(notes)


def test_a_caption_given_as_an_attribute_is_used():
    html, _notes = convert_body('[caption caption="Old style"]<img src="/a.jpg" alt="">[/caption]')

    assert "<figcaption>Old style</figcaption>" in html


def test_other_shortcodes_are_left_as_text_and_counted():
    html, notes = convert_body(
        'Look: [gallery ids="1,2,3"]\n\n[contact-form-7 id="4"] and [video]x.mp4[/video]'
    )

    assert '[gallery ids="1,2,3"]' in html
    assert notes["shortcode [gallery] left as text"] == 1
    assert notes["shortcode [contact-form-7] left as text"] == 1
    assert notes["shortcode [video] left as text"] == 1


def test_brackets_in_prose_and_escaped_shortcodes_are_not_counted():
    assert count_shortcodes("He said [sic] and cited [1].") == {}
    html, notes = convert_body("Write [[gallery]] to show a gallery.")
    assert "Write [gallery] to show a gallery." in html
    assert not notes


def test_an_h1_in_the_body_becomes_an_h2():
    html, _notes = convert_body("<h1>Big title</h1>\n\nText")

    assert "<h2>Big title</h2>" in html
    assert "<h1" not in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>Text",
        '<a href="javascript:alert(1)">Text</a>',
        '<img src="x" onerror="alert(1)">Text',
        '<iframe src="https://evil.example/"></iframe>Text',
        "<style>body{display:none}</style>Text",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">Text</a>',
    ],
)
def test_hostile_markup_is_removed_and_noted(hostile):
    html, notes = convert_body(hostile)

    lowered = html.lower()
    for word in ("script", "javascript:", "onerror", "iframe", "style", "data:", "alert"):
        assert word not in lowered
    assert "Text" in html
    assert notes[NOTE_UNSAFE] == 1


def test_tags_outside_the_allow_list_are_unwrapped_not_shown_as_text():
    html, _notes = convert_body('<span style="color:red" class="x">Red</span> <font>old</font>')

    assert html == "<p>Red old</p>"


def test_old_site_addresses_are_rewritten_where_known():
    book = AddressBook(SITE)
    book.add_post(11, f"{SITE}/2021/03/walking/", "/articles/walking/")
    book.add_post(12, f"{SITE}/?page_id=12", "/pages/about/")
    book.add_file("2021/03/a.jpg", "/media/wordpress/2021/03/a.jpg")
    body = (
        f'<a href="{SITE}/2021/03/walking/#comments">post</a> '
        f'<a href="http://www.old.example.org/?page_id=12">page</a> '
        f'<img src="{SITE}/wp-content/uploads/2021/03/a.jpg" alt=""> '
        f'<img src="{SITE}/wp-content/uploads/2021/03/missing.jpg" alt=""> '
        '<a href="https://elsewhere.example/2021/03/walking/">elsewhere</a>'
    )

    html, _notes = convert_body(body, resolve=book.resolve)

    assert 'href="/articles/walking/#comments"' in html
    assert 'href="/pages/about/"' in html
    assert 'src="/media/wordpress/2021/03/a.jpg"' in html
    assert f'src="{SITE}/wp-content/uploads/2021/03/missing.jpg"' in html
    assert 'href="https://elsewhere.example/2021/03/walking/"' in html


def test_the_converted_body_renders_unchanged_through_markdown():
    """The HTML is stored as the article's Markdown source; Markdown passes it through."""
    body = (
        "A *starred* word and 2 * 3 and snake_case_name\n\n"
        "1. not a list\n\n<ul>\n<li>Item</li>\n</ul>\n\n"
        "<pre>code\n\n    indented</pre>\n\n"
        '[caption]<img src="/a.jpg" alt="A"> Cap[/caption]\n\n'
        "<table><tr><td>Cell</td></tr></table>"
    )
    html, _notes = convert_body(body)

    assert render_markdown(html) == html
