"""Marking, for moderators, the words and links that held a comment: in text only, on the
sanitised HTML, without letting anything the commenter wrote become markup."""

from articles.sanitize import sanitize_comment
from comments import reasons
from comments.highlight import highlight_html, highlight_text

WORD = '<mark class="desk-mark desk-mark-word">'
LINK = '<mark class="desk-mark desk-mark-link">'


def test_words_are_marked_in_text_never_inside_a_tag_or_an_attribute():
    html = sanitize_comment("Cure? See https://cure.example.com/cure and <em>CURE</em>.")

    marked = highlight_html(html, ["cure"], links=False)

    assert marked == (
        f"<p>{WORD}Cure</mark>? See "
        '<a href="https://cure.example.com/cure" rel="nofollow ugc noopener">'
        f"https://{WORD}cure</mark>.example.com/{WORD}cure</mark></a> "
        f"and <em>{WORD}CURE</mark></em>.</p>"
    )


def test_links_are_wrapped_whole():
    html = sanitize_comment("Read https://example.com/a and https://example.com/b")

    marked = highlight_html(html, [])

    assert marked.count(LINK) == 2
    assert marked.count("</a></mark>") == 2


def test_the_longest_word_wins_and_text_stays_escaped():
    html = sanitize_comment('A miracle cure & "more" <script>x</script>')

    marked = highlight_html(html, ["miracle", "miracle cure", "<script>"], links=False)

    assert f"{WORD}miracle cure</mark>" in marked
    assert f"{WORD}&lt;script&gt;</mark>" in marked
    assert "&amp;" in marked
    assert "<script>" not in marked


def test_attribute_values_are_escaped_again():
    marked = highlight_html('<a href="https://example.com/?a=1&amp;b=&quot;2&quot;">x</a>', [])

    assert 'href="https://example.com/?a=1&amp;b=&quot;2&quot;"' in marked


def test_plain_values_are_escaped_with_their_words_marked():
    assert highlight_text("<b>Casino</b> Joe", ["casino"]) == (
        f"&lt;b&gt;{WORD}Casino</mark>&lt;/b&gt; Joe"
    )
    assert highlight_text("", ["x"]) == ""


def test_the_words_are_read_back_from_the_stored_reasons():
    stored = [
        reasons.held_word("miracle cure"),
        reasons.blocked_word("casino"),
        reasons.links(3),
        "first comment from this email",
    ]

    assert reasons.matched_words(stored) == ["miracle cure", "casino"]
    assert reasons.matched_words(None) == []
