"""Reading exports: every WXR version, CDATA and UTF-8 as written, and every kind of bad file
refused with what is wrong and on which line, before anything is written."""

import io

import pytest
from django.core.management.base import CommandError

from articles.models import Article, Category
from comments.models import Comment
from wordpress import wxr
from wordpress.models import ImportedItem, ImportRun
from wordpress.records import post_from
from wordpress.wxr import WXRError, WXRReader

from . import wxr_files as files

pytestmark = pytest.mark.django_db


def records(data):
    reader = WXRReader(io.BytesIO(data))
    return list(reader), reader.channel


def refusal(data):
    with pytest.raises(WXRError) as raised:
        records(data)
    return raised.value


def nothing_written():
    return not (
        Article.objects.exists()
        or Comment.objects.exists()
        or Category.objects.exists()
        or ImportedItem.objects.exists()
        or ImportRun.objects.exists()
    )


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_each_version_is_read_with_its_namespaces(version):
    data = files.export(
        files.item(
            7,
            "Walking after meals",
            content="<p>Body</p>",
            excerpt="Short",
            comments=[files.comment(3, content="Nice", version=version)],
        ),
        version=version,
    )

    items, channel = records(data)
    post = post_from(items[-1])

    assert channel.version == version
    assert channel.site_url == files.SITE
    assert (post.wp_id, post.title, post.content, post.excerpt) == (
        7,
        "Walking after meals",
        "<p>Body</p>",
        "Short",
    )
    assert post.author == "alice"
    assert [(c.wp_id, c.content) for c in post.comments] == [(3, "Nice")]


def test_cdata_split_around_its_own_end_marker_is_read_whole():
    """WordPress writes "]]>" inside text as "]]]]><![CDATA[>": two sections, one text."""
    data = files.export(files.item(1, "a ]]> b", content="<p>x]]>y]]]]></p>"))

    post = post_from(records(data)[0][-1])

    assert post.title == "a ]]> b"
    assert post.content == "<p>x]]>y]]]]></p>"


def test_utf8_in_every_field_is_kept():
    text = "Schlaf & Gesundheit: Übung, 睡眠, сон, نوم 😴"
    data = files.export(
        files.item(
            2,
            text,
            content=f"<p>{text}</p>",
            excerpt=text,
            name="schlaf-übung",
            author="zoë",
            terms=(("category", "gesundheit", text), ("post_tag", "сон", "сон")),
            comments=[files.comment(1, author=text, content=text, email="zoë@example.org")],
        ),
        authors=[files.author("zoë", text)],
    )

    post = post_from(records(data)[0][-1])

    assert post.title == post.excerpt == post.comments[0].author == text
    assert post.comments[0].content == text
    assert post.name == "schlaf-übung"
    assert post.terms[1].slug == "сон"


def test_a_malformed_file_is_refused_with_its_line_and_column():
    data = files.export(files.item(1, "Fine")).replace(b"<wp:post_id>", b"<wp:post_id", 1)

    error = refusal(data)

    assert "malformed XML" in error.message
    assert error.line == data[: data.index(b"<wp:post_id")].count(b"\n") + 1
    assert "column" in str(error)


def test_a_truncated_file_is_refused_as_cut_short():
    data = files.export(files.item(1, "Fine", content="x" * 500))

    error = refusal(data[: len(data) // 2])

    assert "ends too early" in str(error)
    assert error.line > 1


def test_an_empty_file_is_refused():
    assert "empty" in str(refusal(b""))


def test_an_html_page_is_not_an_export():
    error = refusal(b"<html>\n<body><p>Not an export</p></body></html>")

    assert "not a WordPress export" in str(error)
    assert error.line == 1


def test_an_rss_feed_without_a_wxr_version_is_not_an_export():
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title>'
        b"<item><title>Post</title></item></channel></rss>"
    )

    assert "no <wp:wxr_version>" in str(refusal(data))


def test_a_newer_wxr_version_is_refused_with_the_versions_known():
    data = files.export(files.item(1, "From the future"), version="1.3")

    error = refusal(data)

    assert "WXR version 1.3 is newer" in str(error)
    assert "1.0, 1.1, 1.2" in str(error)
    assert error.line == data[: data.index(b"<wp:wxr_version>")].count(b"\n") + 1


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version><item><title>&lol4;</title></item></channel></rss>
"""


def test_an_entity_expansion_file_is_refused_at_its_doctype():
    error = refusal(BILLION_LAUGHS)

    assert "document type" in str(error)
    assert error.line == 2


def external_entity_file(secret_path):
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE rss [<!ENTITY secret SYSTEM "file://{secret_path}">]>\n'
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version><item><title>&secret;</title>"
        "<wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>"
        "<wp:status>publish</wp:status></item></channel></rss>\n"
    ).encode()


def test_an_external_entity_file_is_refused_and_nothing_is_read_from_disk(
    tmp_path, monkeypatch, command, write_export
):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    opened = []
    real_open = open

    def watching_open(file, *args, **kwargs):
        opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watching_open)
    path = write_export(external_entity_file(secret))

    with pytest.raises(CommandError) as raised:
        command(path)

    assert "document type" in str(raised.value)
    assert "line 2" in str(raised.value)
    assert str(secret) not in opened
    assert "TOP-SECRET" not in str(raised.value)
    assert nothing_written()


def test_an_external_dtd_is_refused_too():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://example.org/rss.dtd">\n'
        b"<rss><channel></channel></rss>"
    )

    assert "document type" in str(refusal(data))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (files.export(files.item(1, "x")).replace(b"<item>", b"<item>&nbsp;", 1), "malformed"),
        (files.export(files.item(1, "x"), version="1.3"), "newer"),
        (BILLION_LAUGHS, "document type"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "malformed"),
    ],
)
def test_the_command_refuses_bad_files_before_writing_and_exits_non_zero(
    data, expected, command, write_export
):
    path = write_export(data)

    with pytest.raises(CommandError) as raised:
        command(path)

    message = str(raised.value)
    assert "refused, nothing was imported" in message
    assert expected in message
    assert "line" in message
    assert nothing_written()


def test_a_missing_file_is_a_clear_error(command, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        command(tmp_path / "nowhere.xml")


def test_a_record_larger_than_the_limit_is_marked_and_not_kept(monkeypatch):
    monkeypatch.setattr(wxr, "MAX_RECORD_CHARS", 1000)
    data = files.export(files.item(1, "Big", content="x" * 5000), files.item(2, "Small"))

    items = [post_from(record) for record in records(data)[0] if record.tag == "item"]

    assert items[0].oversized
    assert len(items[0].content) <= 1000
    assert not items[1].oversized
    assert items[1].title == "Small"


def test_skipped_children_are_counted_but_not_kept():
    data = files.export(files.item(1, "x", comments=[files.comment(1), files.comment(2)]))
    reader = WXRReader(io.BytesIO(data), skip={"wp:comment"})

    post = post_from(list(reader)[-1], with_comments=False)

    assert post.comment_count == 2
    assert post.comments == []


def test_a_record_is_sized_the_same_whether_its_comments_are_kept_or_not(monkeypatch):
    """The survey skips comments; it must still see an item too large for the import."""
    monkeypatch.setattr(wxr, "MAX_RECORD_CHARS", 1000)
    data = files.export(
        files.item(1, "Talkative", comments=[files.comment(1, content="x" * 5000)])
    )

    skipping = WXRReader(io.BytesIO(data), skip={"wp:comment"})

    assert post_from(list(skipping)[-1], with_comments=False).oversized
    assert post_from(records(data)[0][-1]).oversized
