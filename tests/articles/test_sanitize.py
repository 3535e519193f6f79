"""The one sanitiser: the staff policy for article HTML, the comment policy for readers' text."""

from unittest import mock

import pytest

from articles.rendering import render_markdown
from articles.sanitize import COMMENT, STAFF, sanitize_comment, sanitize_html

from .hostile import HOSTILE_INPUTS, problems, start_tags, url_scheme, visible_text

UGC_REL = "nofollow ugc noopener"


def allowed_attributes(policy):
    """The policy's attributes, plus the rel every link is given."""
    attributes = {tag: set(names) for tag, names in policy.attributes.items()}
    attributes.setdefault("a", set()).add("rel")
    return attributes


def tags_of(html):
    return [tag for tag, _attrs in start_tags(html)]


def attrs_of(html, tag):
    return [dict(attrs) for name, attrs in start_tags(html) if name == tag]


# The checker itself: if it cannot see a problem, the corpus tests prove nothing.


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<script>alert(1)</script>", "forbidden element <script>"),
        ("<svg></svg>", "forbidden element <svg>"),
        ("<u>x</u>", "tag <u> outside the allow-list"),
        ('<p onclick="x">x</p>', "event handler onclick= on <p>"),
        ('<p class="x">x</p>', "attribute class= not allowed on <p>"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "javascript: URL in href= on <a>"),
        ('<a href=" jav&#x09;ascript:alert(1)">x</a>', "javascript: URL in href= on <a>"),
        ('<a href="\x01VBScript:x">x</a>', "vbscript: URL in href= on <a>"),
    ],
)
def test_checker_reports_what_a_browser_would_run(html, expected):
    assert expected in problems(html, COMMENT.tags, allowed_attributes(COMMENT))


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("https://example.org/", "https"),
        ("/relative/path", ""),
        ("//example.org/x", ""),
        ("page:with-colon-later/a", "page"),
        ("\tja\nva\rscript:x", "javascript"),
    ],
)
def test_checker_reads_url_schemes_like_a_browser(url, scheme):
    assert url_scheme(url) == scheme


# The hostile corpus, through both policies.


def test_hostile_corpus_is_large_enough():
    assert len(HOSTILE_INPUTS) >= 40
    assert len(set(HOSTILE_INPUTS)) == len(HOSTILE_INPUTS)


@pytest.mark.parametrize("hostile", HOSTILE_INPUTS, ids=range(len(HOSTILE_INPUTS)))
def test_comment_policy_neutralises_hostile_input(hostile):
    html = sanitize_comment(hostile)
    assert problems(html, COMMENT.tags, allowed_attributes(COMMENT)) == []
    for attrs in attrs_of(html, "a"):
        assert attrs["rel"] == UGC_REL


@pytest.mark.parametrize("hostile", HOSTILE_INPUTS, ids=range(len(HOSTILE_INPUTS)))
def test_staff_policy_neutralises_hostile_input(hostile):
    html = sanitize_html(hostile, STAFF)
    assert problems(html, STAFF.tags, allowed_attributes(STAFF)) == []


@pytest.mark.parametrize("hostile", HOSTILE_INPUTS, ids=range(len(HOSTILE_INPUTS)))
def test_article_markdown_neutralises_hostile_input(hostile):
    """Raw HTML inside an article's Markdown body is cleaned with the staff policy."""
    html = render_markdown(f"Intro paragraph.\n\n{hostile}\n\nClosing paragraph.")
    assert problems(html, STAFF.tags, allowed_attributes(STAFF)) == []


# The staff policy: what article HTML may contain.


def test_staff_policy_keeps_the_structure_of_an_article():
    html = (
        '<h2 id="intro">Intro</h2><h3>Sub</h3><h4>a</h4><h5>b</h5><h6>c</h6>'
        '<ul><li>one</li></ul><ol start="3"><li>three</li></ol>'
        '<p><a href="https://example.org/a" title="A">link</a> <strong>s</strong> <em>e</em></p>'
        '<img src="https://example.org/i.png" alt="An image" width="10" height="20">'
        '<table><thead><tr><th scope="col">h</th></tr></thead>'
        '<tbody><tr><td colspan="2">d</td></tr></tbody></table>'
        "<blockquote><p>quoted</p></blockquote><pre><code>x = 1</code></pre>"
    )
    cleaned = sanitize_html(html, STAFF)
    for tag in ("h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "strong", "em", "img"):
        assert tag in tags_of(cleaned)
    for tag in ("table", "thead", "tr", "th", "tbody", "td", "blockquote", "pre", "code"):
        assert tag in tags_of(cleaned)
    assert attrs_of(cleaned, "h2") == [{}]  # ids are for footnotes only
    assert attrs_of(cleaned, "ol") == [{"start": "3"}]
    assert attrs_of(cleaned, "img") == [
        {"src": "https://example.org/i.png", "alt": "An image", "width": "10", "height": "20"}
    ]
    assert attrs_of(cleaned, "th") == [{"scope": "col"}]
    assert attrs_of(cleaned, "td") == [{"colspan": "2"}]
    assert attrs_of(cleaned, "a")[0]["href"] == "https://example.org/a"


@pytest.mark.parametrize(
    "dangerous",
    [
        "<script>alert(1)</script>",
        '<iframe src="https://example.org/"></iframe>',
        "<style>body{display:none}</style>",
    ],
)
def test_staff_policy_drops_scripts_frames_and_styles_with_their_content(dangerous):
    """Neither run nor shown to readers as text: an editor's paste of an embed code leaves no
    code on the page (the editor is told what went: see test_sanitiser_reports)."""
    cleaned = sanitize_html(f"<p>before</p>{dangerous}<p>after</p>", STAFF)
    assert cleaned == "<p>before</p><p>after</p>"


def test_staff_policy_refuses_h1_so_the_title_stays_the_only_one():
    assert "h1" not in tags_of(sanitize_html("<h1>Second title</h1>", STAFF))


def test_staff_policy_strips_event_handlers_and_styles():
    cleaned = sanitize_html(
        '<p onclick="alert(1)" style="color:red">x</p><img src="/a.png" alt="a" onerror="x">',
        STAFF,
    )
    assert attrs_of(cleaned, "p") == [{}]
    assert attrs_of(cleaned, "img") == [{"src": "/a.png", "alt": "a"}]


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,<b>x</b>", "vbscript:x"],
)
def test_staff_policy_drops_unsafe_link_and_image_urls(url):
    cleaned = sanitize_html(f'<a href="{url}">x</a><img src="{url}" alt="i">', STAFF)
    assert "href" not in attrs_of(cleaned, "a")[0]
    assert "src" not in attrs_of(cleaned, "img")[0]


def test_staff_policy_keeps_mailto_and_relative_links():
    cleaned = sanitize_html('<a href="mailto:desk@example.org">m</a><a href="/about/">r</a>')
    assert [a["href"] for a in attrs_of(cleaned, "a")] == ["mailto:desk@example.org", "/about/"]


def test_staff_links_get_noopener_from_nh3():
    """bleach leaves rel alone; nh3, the second guard, adds it."""
    html = '<a href="https://example.org/">x</a>'
    assert "rel" not in attrs_of(STAFF.bleach_cleaner.clean(html), "a")[0]
    assert attrs_of(sanitize_html(html, STAFF), "a")[0]["rel"] == "noopener"


def test_sanitize_html_of_nothing_is_empty():
    assert sanitize_html(None) == ""
    assert sanitize_html("") == ""


# The comment policy: what a reader's text becomes.


def test_comment_paragraphs_and_line_breaks():
    html = sanitize_comment("First line\r\nsecond line\n\n\nNew paragraph")
    assert html == "<p>First line<br>\nsecond line</p>\n<p>New paragraph</p>"


def test_comment_of_only_whitespace_is_empty():
    assert sanitize_comment("  \n\t ") == ""
    assert sanitize_comment(None) == ""


def test_comment_bare_urls_become_nofollow_links():
    html = sanitize_comment("See https://example.org/sleep?a=1&b=2 for more.")
    assert attrs_of(html, "a") == [{"href": "https://example.org/sleep?a=1&b=2", "rel": UGC_REL}]
    assert visible_text(html) == "See https://example.org/sleep?a=1&b=2 for more."


def test_comment_bare_domain_is_linkified_over_http():
    assert attrs_of(sanitize_comment("Try example.org today"), "a")[0]["href"] == (
        "http://example.org"
    )


def test_comment_url_inside_code_is_not_linkified():
    html = sanitize_comment("<code>https://example.org/</code>")
    assert "a" not in tags_of(html)
    assert "code" in tags_of(html)


def test_comment_link_rel_is_replaced_not_kept():
    html = sanitize_comment('<a href="https://example.org/" rel="author follow">me</a>')
    assert attrs_of(html, "a") == [{"href": "https://example.org/", "rel": UGC_REL}]


def test_comment_link_target_and_other_attributes_are_dropped():
    html = sanitize_comment('<a href="https://example.org/" target="_blank" class="x">me</a>')
    assert set(attrs_of(html, "a")[0]) == {"href", "rel"}


def test_comment_allowed_tags_survive():
    text = (
        "<strong>s</strong> <b>b</b> <em>e</em> <i>i</i> <code>c</code>\n\n"
        "<blockquote>quoted</blockquote>\n\n<ul><li>one</li></ul>\n<ol><li>two</li></ol>"
    )
    tags = set(tags_of(sanitize_comment(text)))
    assert tags == {"p", "strong", "b", "em", "i", "code", "blockquote", "ul", "ol", "li"}


def test_comment_lists_are_not_wrapped_in_paragraphs_or_broken_by_br():
    html = sanitize_comment("<ul>\n<li>one</li>\n<li>two</li>\n</ul>")
    assert tags_of(html) == ["ul", "li", "li"]


@pytest.mark.parametrize(
    "tag_text",
    ["<h2>Shouting</h2>", "<u>underlined</u>", '<img src="/i.png" alt="i">', "<hr>"],
)
def test_comment_disallowed_tags_are_escaped_and_shown_as_text(tag_text):
    html = sanitize_comment(tag_text)
    assert tags_of(html) == ["p"]
    assert visible_text(html) == tag_text


def test_comment_harmless_text_reads_as_typed():
    html = sanitize_comment('5 < 6 & 7 > 3, "quoted" and it\'s fine')
    assert visible_text(html) == '5 < 6 & 7 > 3, "quoted" and it\'s fine'


def test_comment_script_is_shown_not_run():
    html = sanitize_comment("Look: <script>alert('hi')</script>")
    assert "script" not in tags_of(html)
    assert visible_text(html) == "Look: <script>alert('hi')</script>"


def test_comment_html_comments_are_dropped():
    assert visible_text(sanitize_comment("a<!-- secret -->b")) == "ab"


# Two guards: bleach, then nh3 on what bleach (and the linkifier) produced.


def test_comment_runs_bleach_then_nh3_on_its_output():
    calls = []
    bleach_clean = COMMENT.bleach_cleaner.clean
    nh3_clean = COMMENT.nh3_cleaner.clean

    def spy(name, clean):
        def record(html):
            result = clean(html)
            calls.append((name, html, result))
            return result

        return mock.Mock(clean=mock.Mock(side_effect=record))

    with mock.patch.dict(
        COMMENT.__dict__,
        {
            "bleach_cleaner": spy("bleach", bleach_clean),
            "nh3_cleaner": spy("nh3", nh3_clean),
        },
    ):
        result = sanitize_comment("Hello <b>there</b> https://example.org/")

    assert [name for name, _in, _out in calls] == ["bleach", "nh3"]
    (_b, _b_in, bleach_out), (_n, nh3_in, nh3_out) = calls
    assert "<b>there</b>" in bleach_out
    assert nh3_in.startswith(bleach_out.split("https://")[0])  # nh3 reads bleach's output
    assert "<a " in nh3_in  # ...after linkifying
    assert result == nh3_out


def test_staff_html_runs_bleach_then_nh3_on_its_output():
    order = []
    bleach_cleaner = mock.Mock()
    bleach_cleaner.clean.side_effect = lambda html: order.append("bleach") or "<p>bleached</p>"
    nh3_cleaner = mock.Mock()
    nh3_cleaner.clean.side_effect = lambda html: order.append("nh3") or "<p>final</p>"
    with mock.patch.dict(
        STAFF.__dict__, {"bleach_cleaner": bleach_cleaner, "nh3_cleaner": nh3_cleaner}
    ):
        assert sanitize_html("<p>raw</p>", STAFF) == "<p>final</p>"
    assert order == ["bleach", "nh3"]
    nh3_cleaner.clean.assert_called_once_with("<p>bleached</p>")


@pytest.mark.parametrize(
    "text", ["ftp://example.org/file.txt", "irc://example.org/channel", "ssh://example.org"]
)
def test_bare_addresses_of_other_schemes_stay_plain_text(text):
    """Only http(s) addresses become links: no link without a target, none to another scheme."""
    html = sanitize_comment(f"Get it at {text}")
    assert attrs_of(html, "a") == []
    assert text in visible_text(html)


def test_nh3_removes_what_bleach_would_let_through():
    """The second guard works on its own: fed bleach-less HTML, nh3 drops the bad href."""
    assert "href" not in COMMENT.nh3_cleaner.clean('<a href="javascript:alert(1)">x</a>')
    assert "onclick" not in COMMENT.nh3_cleaner.clean('<b onclick="x()">b</b>')


def test_a_tag_written_over_two_lines_gets_no_line_break_inside_it():
    html = sanitize_comment('See <a\nhref="https://example.org">this</a>\nand more')
    assert attrs_of(html, "a")[0]["href"] == "https://example.org"
    assert html.count("<br>") == 1


def test_angle_brackets_in_plain_text_keep_their_line_break():
    html = sanitize_comment("5 < 6\nand 7 > 3")
    assert "<br>" in html
    assert " ".join(visible_text(html).split()) == "5 < 6 and 7 > 3"


@pytest.mark.parametrize("taken", ["comments", "respond", "comment-5", "comment-form", "main"])
def test_an_article_body_cannot_take_an_id_the_page_relies_on(taken):
    html = sanitize_html(f'<h2 id="{taken}">T</h2><p><sup id="{taken}">1</sup></p>', STAFF)
    assert f'id="{taken}"' not in html


def test_markdown_footnotes_keep_their_anchors():
    html = sanitize_html(
        '<p>Fact<sup id="fnref:1"><a href="#fn:1">1</a></sup></p>'
        '<ol><li id="fn:1">Source <a href="#fnref:1">back</a></li></ol>',
        STAFF,
    )
    assert 'id="fnref:1"' in html
    assert 'id="fn:1"' in html


@pytest.mark.parametrize("tag", ["h2", "h3"])
def test_section_headings_keep_ids_with_the_reserved_prefix(tag):
    html = sanitize_html(f'<{tag} id="section-why-it-matters">Why</{tag}>', STAFF)
    assert f'<{tag} id="section-why-it-matters">' in html


@pytest.mark.parametrize(
    "markup",
    [
        '<p id="section-intro">P</p>',  # the prefix only on section headings
        '<h4 id="section-deep">H</h4>',
        '<li id="section-item">L</li>',
        '<h2 id="fn:1">Not a footnote place</h2>',
        '<h2 id="section-">Empty</h2>',
        '<h2 id="section-Upper Case">Spaces</h2>',
        '<h2 id="xsection-a">Not the prefix</h2>',
    ],
)
def test_other_ids_are_dropped_whatever_their_prefix(markup):
    assert "id=" not in sanitize_html(markup, STAFF)
