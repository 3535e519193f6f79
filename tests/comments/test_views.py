"""The discussion as the article page draws it: the nested thread, each comment's parts,
replying without JavaScript, removed comments, counts on every page, and paging."""

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory, CategoryFactory, TagFactory
from tests.markup import parse

from .factories import CommentFactory
from .thread_markup import ThreadMarkupError, thread_tree, tree_of_ids

pytestmark = pytest.mark.django_db

REMOVED = "Comment removed"


def discussion_section(response):
    return parse(response).one("section", id="comments")


def item(page, comment):
    return page.one("li", id=f"comment-{comment.pk}")


def direct(element, tag):
    """The element's own children of one tag (not their descendants)."""
    return [child for child in element.children if getattr(child, "tag", None) == tag]


def reply_link_ids(page):
    return [int(link["data-comment-id"]) for link in page.find_all("a", "comment-reply-link")]


# The tree ----------------------------------------------------------------------------------


def test_thread_nests_replies_under_their_parents_in_thread_order(client, discussion):
    response = client.get(discussion.article.get_absolute_url())

    assert thread_tree(response) == tree_of_ids(discussion.tree, discussion)


def test_top_level_comments_form_the_numbered_list_and_replies_nest_in_their_parents_item(
    client, discussion
):
    page = parse(client.get(discussion.article.get_absolute_url()))

    top = page.one("ol", class_="comment-list")
    assert [li["id"] for li in direct(top, "li")] == [
        f"comment-{c.pk}" for c in (discussion.a, discussion.g, discussion.h)
    ]
    children = direct(item(page, discussion.a), "ol")
    assert [ol.classes for ol in children] == [["children"]]
    assert [li["id"] for li in direct(children[0], "li")] == [
        f"comment-{discussion.b.pk}",
        f"comment-{discussion.f.pk}",
    ]


def test_the_tree_checker_notices_broken_nesting():
    """thread_tree is strict: the structure tests above can fail."""
    with pytest.raises(ThreadMarkupError):
        thread_tree('<ol class="comment-list"><li class="comment" id="comment-1"></ol>')
    with pytest.raises(ThreadMarkupError):
        thread_tree('<ol class="comment-list"><li class="comment" id="comment-1"><ol></ol></li>')
    assert thread_tree(
        '<ol class="comment-list"><li class="comment" id="comment-1"><ol class="children">'
        '<li class="comment" id="comment-2"></li></ol></li></ol>'
    ) == [(1, [(2, [])])]


def test_a_reply_posted_later_still_sits_under_its_parent(client, discussion):
    late = CommentFactory(parent=discussion.g, author_name="Late")

    tree = thread_tree(client.get(discussion.article.get_absolute_url()))

    assert tree[1] == (discussion.g.pk, [(late.pk, [])])


def test_empty_discussion_invites_the_first_comment(client, article):
    section = discussion_section(client.get(article.get_absolute_url()))

    assert section.one("h2", id="comments-heading").text == "0 Comments"
    assert "No comments yet." in section.one("p", class_="no-comments").text
    assert section.find("ol", class_="comment-list") is None


# One comment's parts -----------------------------------------------------------------------


def test_comment_has_its_anchor_permalink_time_author_and_text(client, article):
    comment = CommentFactory(
        article=article,
        author_name="Dana Walker",
        body="Sleep *matters*.\nLine two.",
        created_at=timezone.now() - timedelta(days=2),
    )

    page = parse(client.get(article.get_absolute_url()))

    li = item(page, comment)
    permalink = li.one("a", class_="comment-permalink")
    assert permalink["href"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    time = permalink.one("time")
    assert time["datetime"] == comment.created_at.isoformat()
    local = timezone.localtime(comment.created_at)
    assert time.text.startswith(f"{local:%B} {local.day}, {local.year} at ")
    assert li.one("span", class_="comment-author").text == "Dana Walker"
    assert li.one("div", class_="comment-content").text == "Sleep *matters*. Line two."
    assert li.find("span", class_="staff-badge") is None


def test_author_with_a_website_is_linked_with_nofollow_ugc(client, article):
    comment = CommentFactory(article=article, author_url="https://dana.example.org/")

    author = item(parse(client.get(article.get_absolute_url())), comment).one(
        "span", class_="comment-author"
    )

    link = author.one("a")
    assert link["href"] == "https://dana.example.org/"
    assert {"nofollow", "ugc"} <= set(link["rel"].split())


def test_author_without_a_website_is_not_linked(client, article):
    comment = CommentFactory(article=article, author_url="")

    author = item(parse(client.get(article.get_absolute_url())), comment).one(
        "span", class_="comment-author"
    )

    assert author.find("a") is None


def test_avatars_are_initials_by_default_with_no_outside_request(client, article):
    comment = CommentFactory(article=article, author_name="dana van walker")

    response = client.get(article.get_absolute_url())

    avatar = item(parse(response), comment).one("span", class_="avatar-initials")
    assert avatar.text == "DW"
    assert "gravatar.com" not in response.content.decode()
    assert parse(response).find("img", class_="avatar") is None


def test_gravatar_avatar_uses_the_sha256_of_the_lowercased_email_never_the_email(
    client, article, discussion_settings
):
    discussion_settings.avatars = discussion_settings.Avatars.GRAVATAR
    discussion_settings.save()
    comment = CommentFactory(article=article, author_email="Dana.Walker@Example.COM")
    digest = hashlib.sha256(b"dana.walker@example.com").hexdigest()

    response = client.get(article.get_absolute_url())

    image = item(parse(response), comment).one("img", class_="avatar")
    assert image["src"].startswith(f"https://www.gravatar.com/avatar/{digest}?")
    assert image["alt"] == ""
    content = response.content.decode().lower()
    assert "dana.walker" not in content
    assert hashlib.md5(b"dana.walker@example.com").hexdigest() not in content  # noqa: S324


# Reply links and replying without JavaScript ----------------------------------------------


def test_reply_links_point_at_the_form_and_stop_at_the_max_depth(client, discussion):
    page = parse(client.get(discussion.article.get_absolute_url()))

    link = direct(item(page, discussion.a), "article")[0].one("a", class_="comment-reply-link")
    assert link["href"] == f"?replyto={discussion.a.pk}#respond"
    assert "nofollow" in link["rel"].split()
    assert item(page, discussion.e).find("a", class_="comment-reply-link") is None
    everyone_but_e = [c.pk for c in (discussion.a, discussion.b, discussion.c, discussion.d)]
    assert reply_link_ids(page) == [
        *everyone_but_e,
        *(c.pk for c in (discussion.f, discussion.g, discussion.h, discussion.i)),
    ]


def test_reply_links_follow_the_max_depth_setting(client, discussion, discussion_settings):
    discussion_settings.max_depth = 2
    discussion_settings.save()

    page = parse(client.get(discussion.article.get_absolute_url()))

    assert reply_link_ids(page) == [discussion.a.pk, discussion.g.pk, discussion.h.pk]


def test_replyto_sets_up_the_reply_without_javascript(client, discussion):
    url = f"{discussion.article.get_absolute_url()}?replyto={discussion.b.pk}"

    page = parse(client.get(url))

    replying = page.one("p", class_="replying-to")
    assert "hidden" not in replying.attrs
    assert replying.text.startswith("Replying to B")
    cancel = replying.one("a", id="cancel-comment-reply-link")
    assert cancel.text == "Cancel reply"
    assert cancel["href"] == f"{discussion.article.get_absolute_url()}#respond"
    assert page.one("input", name="parent")["value"] == str(discussion.b.pk)


def test_form_without_replyto_is_a_top_level_comment(client, discussion):
    page = parse(client.get(discussion.article.get_absolute_url()))

    assert "hidden" in page.one("p", class_="replying-to").attrs
    assert page.one("input", name="parent").get("value", "") == ""


@pytest.mark.parametrize(
    "target",
    ["pending", "removed", "elsewhere", "too deep", "abc", "-1", "²", "١٢", "0", "9" * 5000],
)
def test_a_replyto_that_cannot_be_answered_is_ignored(client, discussion, target):
    comments = {
        "pending": CommentFactory(parent=discussion.a, status=Comment.Status.PENDING),
        "removed": CommentFactory(parent=discussion.a, status=Comment.Status.REMOVED),
        "elsewhere": CommentFactory(),
        "too deep": discussion.e,
    }
    raw = str(comments[target].pk) if target in comments else target

    response = client.get(f"{discussion.article.get_absolute_url()}?replyto={raw}")

    page = parse(response)
    assert response.status_code == 200
    assert "hidden" in page.one("p", class_="replying-to").attrs
    assert page.one("input", name="parent").get("value", "") == ""


def test_a_reply_posted_through_replyto_lands_under_that_comment(client, discussion, post_comment):
    page = parse(client.get(f"{discussion.article.get_absolute_url()}?replyto={discussion.g.pk}"))
    parent = page.one("input", name="parent")["value"]

    post_comment(client, discussion.article, parent=parent, body="Answering G.")

    assert Comment.objects.get(body="Answering G.").parent == discussion.g


# Removed comments --------------------------------------------------------------------------


def test_removed_comment_with_approved_replies_keeps_its_place_as_a_placeholder(
    client, discussion
):
    Comment.objects.filter(pk=discussion.b.pk).update(status=Comment.Status.REMOVED)

    response = client.get(discussion.article.get_absolute_url())

    tree = thread_tree(response)
    assert tree[0] == (
        discussion.a.pk,
        [
            ("removed", [(discussion.c.pk, [(discussion.d.pk, [(discussion.e.pk, [])])])]),
            (discussion.f.pk, []),
        ],
    )
    page = parse(response)
    placeholder = page.one("li", class_="comment-removed")
    assert placeholder.text.startswith(REMOVED)
    own = direct(placeholder, "div")
    assert [div.text for div in own] == [REMOVED]
    assert direct(placeholder, "article") == []
    content = response.content.decode()
    assert f'id="comment-{discussion.b.pk}"' not in content
    assert discussion.b.body not in content
    assert 'data-author="B"' not in content


def test_removed_top_level_comment_keeps_its_thread(client, discussion):
    Comment.objects.filter(pk=discussion.h.pk).update(status=Comment.Status.REMOVED)

    tree = thread_tree(client.get(discussion.article.get_absolute_url()))

    assert tree[-1] == ("removed", [(discussion.i.pk, [])])
    assert [label for label, _replies in tree] == [discussion.a.pk, discussion.g.pk, "removed"]


def test_spam_parent_with_approved_replies_shows_as_removed(client, discussion):
    Comment.objects.filter(pk=discussion.h.pk).update(status=Comment.Status.SPAM)

    response = client.get(discussion.article.get_absolute_url())

    assert thread_tree(response)[-1] == ("removed", [(discussion.i.pk, [])])
    assert discussion.h.body not in response.content.decode()


def test_removed_chain_above_an_approved_reply_shows_one_placeholder_each(client, discussion):
    Comment.objects.filter(pk__in=[discussion.b.pk, discussion.c.pk]).update(
        status=Comment.Status.REMOVED
    )

    tree = thread_tree(client.get(discussion.article.get_absolute_url()))

    assert tree[0][1][0] == (
        "removed",
        [("removed", [(discussion.d.pk, [(discussion.e.pk, [])])])],
    )


@pytest.mark.parametrize("reply_status", [None, Comment.Status.PENDING, Comment.Status.REMOVED])
def test_removed_comment_without_public_replies_is_not_rendered(client, discussion, reply_status):
    Comment.objects.filter(pk=discussion.g.pk).update(status=Comment.Status.REMOVED)
    if reply_status:
        CommentFactory(parent=discussion.g, status=reply_status)

    response = client.get(discussion.article.get_absolute_url())

    assert [label for label, _r in thread_tree(response)] == [discussion.a.pk, discussion.h.pk]
    assert REMOVED not in response.content.decode()


def test_removed_and_pending_comments_are_not_counted(client, discussion):
    Comment.objects.filter(pk=discussion.h.pk).update(status=Comment.Status.REMOVED)
    CommentFactory(article=discussion.article, status=Comment.Status.PENDING)
    CommentFactory(article=discussion.article, status=Comment.Status.SPAM)

    page = parse(client.get(discussion.article.get_absolute_url()))

    assert page.one("h2", id="comments-heading").text == "8 Comments"
    assert page.one("a", class_="comment-count").text == "8 comments"


# Counts ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("approved", "text"), [(0, "0 comments"), (1, "1 comment"), (3, "3 comments")]
)
def test_article_header_shows_the_number_of_approved_comments(client, article, approved, text):
    CommentFactory.create_batch(approved, article=article)
    CommentFactory(article=article, status=Comment.Status.PENDING)

    page = parse(client.get(article.get_absolute_url()))

    link = page.one("header", class_="article-header").one("a", class_="comment-count")
    assert link.text == text
    assert link["href"] == "#comments"


@pytest.fixture
def listed():
    """Three articles in one category and tag, with 3, 1 and 0 approved comments (and others
    that do not count), all matching the search "magnesium"."""
    category, tag = CategoryFactory(), TagFactory()
    articles = [
        ArticleFactory(category=category, tags=[tag], title=f"Magnesium and sleep, part {n}")
        for n in range(3)
    ]
    for article, count in zip(articles, (3, 1, 0), strict=True):
        CommentFactory.create_batch(count, article=article)
        CommentFactory(article=article, status=Comment.Status.PENDING)
        CommentFactory(article=article, status=Comment.Status.REMOVED)
    return {"articles": articles, "category": category, "tag": tag}


def list_urls(listed):
    return [
        "/",
        listed["category"].get_absolute_url(),
        listed["tag"].get_absolute_url(),
        "/search/?q=magnesium",
    ]


def card_counts(response):
    """{title: comment count} of each card, and of the home page's lead story."""
    return {
        card.one("h2").text: card.one("a", class_="comment-count").text
        for card in parse(response).find_all("article")
        if {"article-card", "lead-story"} & set(card.classes)
    }


def test_every_article_list_shows_each_cards_approved_comment_count(client, listed):
    expected = {
        "Magnesium and sleep, part 0": "3 comments",
        "Magnesium and sleep, part 1": "1 comment",
        "Magnesium and sleep, part 2": "0 comments",
    }
    for url in list_urls(listed):
        assert card_counts(client.get(url)) == expected, url


def comment_queries(client, url):
    client.get(url)  # warm the cached settings
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    sql = [query["sql"] for query in context.captured_queries]
    return len(sql), [query for query in sql if 'FROM "comments_comment"' in query]


def test_a_list_pages_comment_counts_cost_one_query(client, listed):
    for url in list_urls(listed):
        total, counts = comment_queries(client, url)
        assert len(counts) == 1, (url, counts)
        assert "GROUP BY" in counts[0]


def test_a_list_page_costs_the_same_queries_with_and_without_comments(client, listed):
    with_comments = [comment_queries(client, url)[0] for url in list_urls(listed)]
    Comment.objects.all().delete()
    without_comments = [comment_queries(client, url)[0] for url in list_urls(listed)]

    assert with_comments == without_comments


# Paging ------------------------------------------------------------------------------------


@pytest.fixture
def paged(discussion_settings):
    """Five threads (each a comment and one reply), two threads a page: pages 1, 2 and 3."""
    discussion_settings.comments_per_page = 2
    discussion_settings.save()
    article = ArticleFactory()
    threads = []
    for number in range(1, 6):
        top = CommentFactory(article=article, author_name=f"Thread {number}")
        threads.append((top, CommentFactory(parent=top, author_name=f"Reply {number}")))
    return article, threads


def shown_threads(response):
    return [label for label, _replies in thread_tree(response)]


def tops(threads, *numbers):
    return [threads[number - 1][0].pk for number in numbers]


def test_page_1_shows_the_two_oldest_threads_with_their_replies(client, paged):
    article, threads = paged

    response = client.get(f"{article.get_absolute_url()}?cpage=1")

    assert thread_tree(response) == [
        (threads[0][0].pk, [(threads[0][1].pk, [])]),
        (threads[1][0].pk, [(threads[1][1].pk, [])]),
    ]


def test_the_last_page_holds_the_remaining_thread(client, paged):
    article, threads = paged

    assert shown_threads(client.get(f"{article.get_absolute_url()}?cpage=3")) == tops(threads, 5)
    assert shown_threads(client.get(f"{article.get_absolute_url()}?cpage=2")) == tops(
        threads, 3, 4
    )


def test_the_newest_page_is_shown_first_by_default(client, paged):
    article, threads = paged

    assert shown_threads(client.get(article.get_absolute_url())) == tops(threads, 5)


def test_the_oldest_page_is_shown_first_when_set(client, paged, discussion_settings):
    discussion_settings.page_order = discussion_settings.PageOrder.OLDEST
    discussion_settings.save()
    article, threads = paged

    assert shown_threads(client.get(article.get_absolute_url())) == tops(threads, 1, 2)


# (A NUL byte, "%00", is refused for the whole site: tests/test_request_guard.py.)
@pytest.mark.parametrize("garbage", ["abc", "", "1e3", "2.0", "[]"])
def test_a_garbage_page_number_shows_the_default_page(client, paged, garbage):
    article, threads = paged

    response = client.get(f"{article.get_absolute_url()}?cpage={garbage}")

    assert response.status_code == 200
    assert shown_threads(response) == tops(threads, 5)


@pytest.mark.parametrize(("number", "page"), [("0", 1), ("-4", 1), ("99", 3), ("10" * 20, 3)])
def test_an_out_of_range_page_number_shows_the_nearest_page(client, paged, number, page):
    article, threads = paged

    response = client.get(f"{article.get_absolute_url()}?cpage={number}")

    expected = {1: (1, 2), 3: (5,)}[page]
    assert shown_threads(response) == tops(threads, *expected)


def test_paged_discussion_links_its_pages_and_counts_every_comment(client, paged):
    article, _threads = paged

    page = parse(client.get(f"{article.get_absolute_url()}?cpage=2"))

    nav = page.one("nav", class_="comments-pagination")
    assert [a["href"] for a in nav.find_all("a")] == ["?cpage=1#comments", "?cpage=3#comments"]
    current = [span for span in nav.find_all("span") if span.get("aria-current") == "page"]
    assert [span.text for span in current] == ["2"]
    assert page.one("h2", id="comments-heading").text == "10 Comments"


def test_paged_permalinks_and_reply_links_keep_the_page(client, paged):
    article, threads = paged
    top, reply = threads[2]

    page = parse(client.get(f"{article.get_absolute_url()}?cpage=2"))

    li = item(page, reply)
    assert li.one("a", class_="comment-permalink")["href"] == (
        f"{article.get_absolute_url()}?cpage=2#comment-{reply.pk}"
    )
    assert li.one("a", class_="comment-reply-link")["href"] == (
        f"?cpage=2&replyto={reply.pk}#respond"
    )


def test_comment_url_names_the_page_of_its_thread(paged):
    article, threads = paged

    for number, (top, reply) in enumerate(threads, 1):
        page = (number + 1) // 2
        for comment in (top, reply):
            assert comment.get_absolute_url() == (
                f"{article.get_absolute_url()}?cpage={page}#comment-{comment.pk}"
            )


def test_comment_url_has_no_page_when_the_discussion_is_not_paged(discussion):
    assert discussion.e.get_absolute_url() == (
        f"{discussion.article.get_absolute_url()}#comment-{discussion.e.pk}"
    )


def test_permalink_redirects_to_the_comment_on_its_page(client, paged):
    article, threads = paged
    reply = threads[3][1]

    response = client.get(f"/comments/{reply.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?cpage=2#comment-{reply.pk}"
    assert f'id="comment-{reply.pk}"' in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("status", [Comment.Status.PENDING, Comment.Status.REMOVED])
def test_permalink_of_a_comment_that_is_not_public_is_404(client, status):
    comment = CommentFactory(status=status)

    assert client.get(f"/comments/{comment.pk}/").status_code == 404


def test_permalink_of_a_comment_on_an_unpublished_article_is_404(client):
    comment = CommentFactory(article=ArticleFactory(status="draft", published_at=None))

    assert client.get(f"/comments/{comment.pk}/").status_code == 404


def test_a_removed_first_thread_still_counts_as_a_page_slot(client, paged):
    """A removed top-level comment with a public reply keeps its thread on its page."""
    article, threads = paged
    Comment.objects.filter(pk=threads[0][0].pk).update(status=Comment.Status.REMOVED)

    response = client.get(f"{article.get_absolute_url()}?cpage=1")

    assert shown_threads(response) == ["removed", threads[1][0].pk]
    assert threads[0][1].get_absolute_url().endswith(f"?cpage=1#comment-{threads[0][1].pk}")


def test_author_sees_their_pending_reply_after_posting_on_a_paged_discussion(
    client, paged, post_comment
):
    """The redirect after posting leads to the page where the pending reply sits."""
    article, threads = paged
    first_thread = threads[0][0]

    response = post_comment(client, article, parent=str(first_thread.pk), body="Late answer.")
    pending = Comment.objects.get(body="Late answer.")
    page = parse(client.get(response["Location"]))

    assert response.status_code == 303
    assert item(page, pending).one("p", class_="comment-awaiting-moderation")


@pytest.mark.parametrize("threads_before", [5, 4], ids=["last-page-has-room", "pages-full"])
def test_author_sees_their_pending_top_level_comment_after_posting_on_a_paged_discussion(
    client, paged, post_comment, threads_before
):
    article, threads = paged
    for top, _reply in threads[threads_before:]:
        top.delete()

    response = post_comment(client, article, body="A new thread.")
    pending = Comment.objects.get(body="A new thread.")

    assert item(parse(client.get(response["Location"])), pending)
    assert f'id="comment-{pending.pk}"' not in Client().get(response["Location"]).content.decode()
