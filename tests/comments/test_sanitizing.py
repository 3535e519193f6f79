"""Hostile input through the real comment form: whatever a commenter types, no executable
markup reaches the article page, the comment feed or the home page, and harmless text stays
readable. Also: the stored HTML can be rebuilt from the source text."""

import xml.etree.ElementTree as ET
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles.sanitize import COMMENT, sanitize_comment
from comments.models import Comment
from tests.articles.hostile import (
    FORBIDDEN_ELEMENTS,
    HOSTILE_INPUTS,
    SAFE_SCHEMES,
    URL_ATTRIBUTES,
    problems,
    start_tags,
    url_scheme,
    visible_text,
)
from tests.factories import ArticleFactory
from tests.markup import parse

from .factories import CommentFactory, post_comment

pytestmark = pytest.mark.django_db

# The comment allow-list, plus the rel every link gets.
COMMENT_ATTRIBUTES = {"a": {"href", "title", "rel"}}
# A feed carries at most 50 comments: spread the corpus over articles of fewer than that.
CHUNK = 40
HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    'Dana" onmouseover="alert(1)',
    "<svg onload=alert(1)>",
    "</span></div></li></ol><script>alert(1)</script>",
    "&lt;b&gt;entity&lt;/b&gt;",
]


def executable_markup(html):
    """What a browser would run in `html`; the site's own scripts (static files, JSON-LD) pass."""
    found = []
    for tag, attrs in start_tags(html):
        values = dict(attrs)
        ours = tag == "script" and (
            (values.get("src") or "").startswith("/static/")
            or values.get("type") == "application/ld+json"
        )
        if tag in FORBIDDEN_ELEMENTS and not ours:
            found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"{name}= on <{tag}>")
            if name in URL_ATTRIBUTES and url_scheme(value) not in {"", *SAFE_SCHEMES}:
                found.append(f"{url_scheme(value)}: in {name}= on <{tag}>")
    return found


def comment_feed(client, article):
    response = client.get(f"/articles/{article.slug}/comments/feed/")
    return ET.fromstring(response.content)  # noqa: S314 (our own response)


def comment_regions(html, comment_id):
    """(the whole drawn comment, the inside of its <div class="comment-content">) as raw HTML.

    The comment's own HTML cannot hold a </div> (not on the allow-list), so the first one
    ends it; if a sanitiser let one through, the rest still falls in the whole-page check.
    """
    start = html.index(f'<li id="comment-{comment_id}"')
    end = html.index("</article>", start)
    opening = '<div class="comment-content">'
    content_start = html.index(opening, start) + len(opening)
    content_end = html.index("</div>", content_start)
    return html[start:end], html[content_start:content_end]


def test_the_checkers_see_what_a_browser_would_run():
    """If these could not see a problem, the corpus tests would prove nothing."""
    assert executable_markup('<script src="/static/js/site.js"></script>') == []
    assert executable_markup('<script type="application/ld+json">{}</script>') == []
    assert executable_markup("<script>alert(1)</script>") == ["<script>"]
    assert executable_markup('<script src="https://evil.example/x.js"></script>') == ["<script>"]
    assert executable_markup('<p onclick="x">') == ["onclick= on <p>"]
    assert executable_markup('<a href="&#106;avascript:x">') == ["javascript: in href= on <a>"]
    html = (
        '<li id="comment-7" class="comment"><article><span>A</span>'
        '<div class="comment-content"><p>Hi <a href="https://x.org/">x</a></p></div>'
        "</article></li>"
    )
    whole, content = comment_regions(html, 7)
    assert content == '<p>Hi <a href="https://x.org/">x</a></p>'
    assert whole.startswith('<li id="comment-7"') and whole.endswith("</div>")


def publish_corpus(author, inputs, *, client, staff_client):
    """Post every input through the form as `author` ("staff", or "reader" then approved),
    spread over articles of CHUNK comments. Returns (articles, {input: comment id}, {input:
    response} of the inputs the form refused)."""
    articles, stored, refused = [], {}, {}
    for start in range(0, len(inputs), CHUNK):
        article = ArticleFactory()
        articles.append(article)
        for body in inputs[start : start + CHUNK]:
            index = len(stored) + len(refused)
            if author == "staff":
                response = staff_client.post(
                    reverse("comments:post", kwargs={"slug": article.slug}), {"body": body}
                )
            else:
                # A new address each time, so the per-IP rate limit lets the corpus through.
                ip = f"10.1.{index // 200}.{index % 200 + 1}"
                response = post_comment(client, article, body=body, ip=ip)
            if response.status_code == 303:
                stored[body] = Comment.objects.latest("pk").pk
            else:
                refused[body] = response
    if author == "reader":
        assert not Comment.objects.filter(status=Comment.Status.APPROVED).exists()
        Comment.objects.update(status=Comment.Status.APPROVED)
    return articles, stored, refused


@pytest.mark.parametrize("author", ["staff", "reader"])
def test_hostile_comments_never_reach_the_page_feed_or_home_page_as_executable_markup(
    author, client, staff_client
):
    articles, stored, refused = publish_corpus(
        author, HOSTILE_INPUTS, client=client, staff_client=staff_client
    )
    # The form refuses only the null character (Django's own rule); every other is posted.
    assert list(refused) == [body for body in HOSTILE_INPUTS if "\x00" in body]
    assert len(stored) >= 40

    reader = Client()
    found = {}
    shown = set()
    for article in articles:
        html = reader.get(article.get_absolute_url()).content.decode()
        found.update({f"page of {article.slug}": executable_markup(html)})
        for body, pk in stored.items():
            if f'<li id="comment-{pk}"' in html:
                shown.add(pk)
                whole, content = comment_regions(html, pk)
                found[body] = problems(content, COMMENT.tags, COMMENT_ATTRIBUTES) + (
                    executable_markup(whole)
                )
        feed = comment_feed(reader, article)
        for item in feed.iter("item"):
            found[f"feed item {item.findtext('link')}"] = problems(
                item.findtext("description"), COMMENT.tags, COMMENT_ATTRIBUTES
            )
    home = reader.get("/").content.decode()
    found["home page"] = executable_markup(home)

    assert shown == set(stored.values())
    assert {where: issues for where, issues in found.items() if issues} == {}
    assert "alert(" not in home


def test_hostile_input_redrawn_in_a_form_with_errors_stays_inert(client, article):
    """An invalid form keeps what was typed: the hostile text goes back as inert field text."""
    for body in HOSTILE_INPUTS:
        response = post_comment(client, article, body=body, name=body[:100], email="")

        assert response.status_code == 200
        assert executable_markup(response.content.decode()) == [], body
    assert not Comment.objects.exists()


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_name_is_shown_as_text(client, article, name):
    post_comment(client, article, name=name)
    comment = Comment.objects.get()
    comment.status = Comment.Status.APPROVED
    comment.save()

    response = client.get(article.get_absolute_url())

    html = response.content.decode()
    assert executable_markup(html) == []
    whole, _content = comment_regions(html, comment.pk)
    assert parse(whole).one("span", class_="comment-author").text == " ".join(name.split())
    title = comment_feed(client, article).find("channel/item/title").text
    assert title.startswith(" ".join(name.split()))


@pytest.mark.parametrize(
    "website",
    [
        'https://example.org/"onmouseover="alert(1)',
        "https://example.org/?q=<script>alert(1)</script>",
        "https://example.org/'><svg/onload=alert(1)>",
        'https://example.org/#"><img src=x onerror=alert(1)>',
    ],
)
def test_hostile_website_is_refused_or_kept_inside_the_link(client, article, website):
    response = post_comment(client, article, website=website)

    if response.status_code == 200:
        assert "http:// or https://" in parse(response).one("div", id="id_website_error").text
        assert not Comment.objects.exists()
        return
    comment = Comment.objects.get()
    Comment.objects.update(status=Comment.Status.APPROVED)
    html = client.get(article.get_absolute_url()).content.decode()
    whole, _content = comment_regions(html, comment.pk)
    assert executable_markup(whole) == []
    link = parse(whole).one("span", class_="comment-author").one("a")
    assert link["href"] == comment.author_url
    assert url_scheme(link["href"]) == "https"


@pytest.mark.parametrize(
    ("typed", "readable"),
    [
        ("I take 5 < 6 & 7 > 3 mg", "I take 5 < 6 & 7 > 3 mg"),
        ("Fever < 38°C & pulse > 60 — fine?", "Fever < 38°C & pulse > 60 — fine?"),
        ("Use <em>gentle</em> stretches", "Use gentle stretches"),
        ("My 2 <cents> on this", "My 2 <cents> on this"),
        ("Ratio 1<2 and 3>2, a&&b", "Ratio 1<2 and 3>2, a&&b"),
        ('He said "sleep" isn\'t optional', 'He said "sleep" isn\'t optional'),
    ],
)
def test_harmless_text_survives_readable(client, staff_client, article, typed, readable):
    staff_client.post(reverse("comments:post", kwargs={"slug": article.slug}), {"body": typed})
    comment = Comment.objects.get()

    html = client.get(article.get_absolute_url()).content.decode()

    _whole, content = comment_regions(html, comment.pk)
    assert visible_text(content) == readable
    feed = comment_feed(client, article)
    assert visible_text(feed.find("channel/item/description").text) == readable


# Rebuilding the stored HTML ----------------------------------------------------------------


def test_rebuild_command_restores_the_sanitised_html_and_reports_the_count(client, article):
    fresh = CommentFactory(article=article, body="Still *fresh*: https://example.org/")
    stale = CommentFactory(article=article, body="Was <script>alert(1)</script> typed")
    outdated = CommentFactory(article=article, body="Old rules")
    Comment.objects.filter(pk=stale.pk).update(body_html="<p>Was <script>alert(1)</script></p>")
    Comment.objects.filter(pk=outdated.pk).update(body_html="<div>Old rules</div>")
    output = StringIO()

    call_command("rebuild_comment_html", stdout=output)

    assert output.getvalue().strip() == "Rebuilt the HTML of 2 of 3 comment(s)."
    for comment in (fresh, stale, outdated):
        comment.refresh_from_db()
        assert comment.body_html == sanitize_comment(comment.body)
    html = client.get(article.get_absolute_url()).content.decode()
    assert executable_markup(html) == []
    assert "Was &lt;script&gt;alert(1)&lt;/script&gt; typed" in html


def test_rebuild_command_changes_nothing_when_every_comment_is_current():
    CommentFactory.create_batch(2)
    output = StringIO()

    call_command("rebuild_comment_html", stdout=output)

    assert output.getvalue().strip() == "Rebuilt the HTML of 0 of 2 comment(s)."
