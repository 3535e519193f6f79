"""The public pages of the publication: status codes, pagination, search and the article page."""

import datetime
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, SiteSettings
from articles.views import ARTICLES_PER_PAGE
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PersonFactory,
    RelatedLinkFactory,
    SourceFactory,
    TagFactory,
    UserFactory,
    image_file,
)
from tests.markup import parse

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def article_titles(response):
    """The titles of the articles on a list page (the lead story, then the cards), in order."""
    return [
        story.find("h2").text
        for story in parse(response).find_all("article")
        if {"lead-story", "article-card"} & set(story.classes)
    ]


@pytest.fixture
def draft():
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, slug="draft-one")


@pytest.fixture
def scheduled():
    return ArticleFactory(
        published_at=timezone.now() + datetime.timedelta(days=3), slug="scheduled-one"
    )


@pytest.fixture
def staff_without_permission_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True))
    return client


# Status codes ------------------------------------------------------------------------------


def test_every_list_page_answers_200(client):
    tag = TagFactory(slug="sleep")
    article = ArticleFactory(tags=[tag])
    for url in (
        "/",
        article.category.get_absolute_url(),
        tag.get_absolute_url(),
        "/search/",
        "/search/?q=sleep",
    ):
        assert client.get(url).status_code == 200, url


def test_published_article_answers_200(client, article):
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "draft-banner" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/articles/no-such-article/",
        "/category/no-such-category/",
        "/tag/no-such-tag/",
        "/pages/no-such-page/",
        "/no/such/address/",
    ],
)
def test_unknown_addresses_answer_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_unpublished_article_is_404_for_the_public(client, request, kind):
    article = request.getfixturevalue(kind)

    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", ["draft", "scheduled"])
def test_unpublished_article_is_404_for_staff_who_cannot_edit_articles(
    staff_without_permission_client, request, kind
):
    article = request.getfixturevalue(kind)

    response = staff_without_permission_client.get(article.get_absolute_url())

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("kind", "banner"),
    [("draft", "Draft"), ("scheduled", "Scheduled")],
)
def test_editors_see_unpublished_articles_with_a_banner_never_cached(
    staff_client, request, kind, banner
):
    article = request.getfixturevalue(kind)

    response = staff_client.get(article.get_absolute_url())

    assert response.status_code == 200
    page = parse(response)
    assert page.one("div", "draft-banner").find("strong").text == banner
    assert page.one("h1").text == article.title
    cache_control = response["Cache-Control"]
    for directive in ("no-cache", "no-store", "must-revalidate", "private", "max-age=0"):
        assert directive in cache_control
    assert page.find("meta", name="robots")["content"] == "noindex, nofollow"


def test_unpublished_articles_stay_out_of_every_list(client, draft, scheduled, article):
    for url in ("/", article.category.get_absolute_url(), "/search/?q=sleep"):
        titles = article_titles(client.get(url))
        assert article.title in titles, url
        assert draft.title not in titles, url
        assert scheduled.title not in titles, url


def test_category_and_tag_pages_list_only_their_articles(client):
    tag = TagFactory()
    in_category = ArticleFactory()
    tagged = ArticleFactory(tags=[tag])
    unrelated = ArticleFactory()

    category_page = client.get(in_category.category.get_absolute_url())
    tag_page = client.get(tag.get_absolute_url())

    assert article_titles(category_page) == [in_category.title]
    assert article_titles(tag_page) == [tagged.title]
    assert unrelated.title not in article_titles(category_page) + article_titles(tag_page)


# Error pages -------------------------------------------------------------------------------


def test_404_page_is_styled_and_leaks_nothing(client):
    response = client.get("/articles/no-such-article/")

    assert response.status_code == 404
    page = parse(response)
    assert page.one("h1").text == "Page not found"
    assert page.find("a", href="/") is not None
    assert page.find("footer", "site-footer") is not None
    body = response.content.decode()
    for leak in ("Traceback", "SECRET_KEY", "DEBUG", "No Article matches", "urlpatterns"):
        assert leak not in body


def test_500_page_is_plain_and_leaks_nothing(article):
    client = Client(raise_request_exception=False)
    with mock.patch(
        "articles.views.related_teasers", side_effect=RuntimeError("secret internals")
    ):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 500
    page = parse(response)
    assert page.one("h1").text == "Something went wrong"
    assert page.find("a", href="/") is not None
    body = response.content.decode()
    for leak in ("Traceback", "secret internals", "RuntimeError", "SECRET_KEY"):
        assert leak not in body


# Pagination --------------------------------------------------------------------------------


@pytest.fixture
def twenty_five_articles():
    """Published one a day: "Story 1" is the newest, "Story 25" the oldest."""
    return [ArticleFactory(title=f"Story {n}", published_at=days_ago(n)) for n in range(1, 26)]


def test_home_lists_ten_newest_first_then_the_next_page(client, twenty_five_articles):
    newest_first = [f"Story {n}" for n in range(1, 26)]

    assert ARTICLES_PER_PAGE == 10
    assert article_titles(client.get("/")) == newest_first[:10]
    assert article_titles(client.get("/?page=2")) == newest_first[10:20]
    assert article_titles(client.get("/?page=3")) == newest_first[20:]


def test_pagination_links_between_pages(client, twenty_five_articles):
    first = parse(client.get("/"))
    second = parse(client.get("/?page=2"))

    assert first.one("a", rel="next")["href"] == "?page=2"
    assert first.find("a", rel="prev") is None
    assert second.one("a", rel="prev")["href"] == "/"
    assert second.one("a", rel="next")["href"] == "?page=3"
    assert "Page 2 of 3" in second.one("nav", "pagination-nav").text


def test_canonical_link_of_a_later_page_names_the_page(client, twenty_five_articles):
    assert parse(client.get("/?page=2")).one("link", rel="canonical")["href"] == (
        "http://testserver/?page=2"
    )
    assert parse(client.get("/")).one("link", rel="canonical")["href"] == "http://testserver/"


# (A NUL byte, "%00", is refused for the whole site: tests/test_request_guard.py.)
@pytest.mark.parametrize("value", ["abc", "0", "-1", "4", "999999", "1e9", "2.5"])
def test_a_page_that_does_not_exist_is_a_404_as_in_django_list_views(
    client, twenty_five_articles, value
):
    for url in (f"/?page={value}", f"/search/?q=story&page={value}"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize(("value", "number"), [("", 1), ("1", 1), ("3", 3), ("last", 3)])
def test_real_page_values_show_their_page(client, twenty_five_articles, value, number):
    pages = {
        1: [f"Story {n}" for n in range(1, 11)],
        3: [f"Story {n}" for n in range(21, 26)],
    }

    response = client.get(f"/?page={value}")

    assert response.status_code == 200
    assert article_titles(response) == pages[number]
    expected_canonical = "http://testserver/" + (f"?page={number}" if number > 1 else "")
    assert parse(response).one("link", rel="canonical")["href"] == expected_canonical


def test_an_empty_list_still_has_its_first_page(client):
    assert client.get("/").status_code == 200
    assert client.get("/?page=2").status_code == 404


def test_category_pages_paginate_too(client):
    category = CategoryFactory()
    for n in range(1, 13):
        ArticleFactory(title=f"Story {n}", category=category, published_at=days_ago(n))

    response = client.get(category.get_absolute_url() + "?page=2")

    assert article_titles(response) == ["Story 11", "Story 12"]
    assert parse(response).one("link", rel="canonical")["href"] == (
        f"http://testserver{category.get_absolute_url()}?page=2"
    )


# The article page, block by block ----------------------------------------------------------


@pytest.fixture
def full_article():
    """An article with every optional block filled in."""
    article = ArticleFactory(
        title="Sleep & your heart",
        slug="sleep-and-your-heart",
        author=PersonFactory(name="Dana Writer", slug="dana-writer"),
        published_at=datetime.datetime(2024, 3, 5, 9, 30, tzinfo=UTC),
        updated_at=datetime.datetime(2024, 6, 7, 10, 0, tzinfo=UTC),
        reviewer=PersonFactory(name="Ray Reviewer", credentials="MD", slug="ray-reviewer"),
        reviewed_on=datetime.date(2024, 6, 1),
        featured_image=image_file(size=(1000, 625)),
        featured_image_alt="A person asleep on a green pillow",
        key_points="Sleep rests the heart.\nSeven hours or more.",
        body="Rest matters.\n\n## Why it matters\n\nYour heart *rests* too.",
        cta_text="Get our weekly sleep tips.",
        cta_url="https://example.com/newsletter",
        cta_label="Sign up",
    )
    SourceFactory(
        article=article,
        position=0,
        title="Sleep and cardiovascular health",
        url="https://www.example.org/sleep-heart",
        publisher="Example Heart Foundation",
        date="2023-05",
    )
    SourceFactory(article=article, position=1, title="A textbook without a link", date="2019")
    return article


@pytest.fixture
def page(client, full_article):
    response = client.get(full_article.get_absolute_url())
    assert response.status_code == 200
    return parse(response)


def test_article_page_has_its_title_as_the_only_h1(page, full_article):
    assert page.one("h1").text == full_article.title


def test_byline_names_the_author_and_links_to_their_page(page):
    byline = page.one("span", "byline")

    assert byline.text == "By Dana Writer"
    assert byline.one("a")["href"] == "/authors/dana-writer/"
    assert byline.one("a")["rel"] == "author"


def test_byline_carries_the_authors_credentials(client):
    article = ArticleFactory(author=PersonFactory(name="Priya Raman", credentials="RD, MPH"))

    byline = parse(client.get(article.get_absolute_url())).one("span", "byline")

    assert byline.text == "By Priya Raman, RD, MPH"


def test_byline_without_an_author_is_the_sites_team(client):
    article = ArticleFactory(author=None)

    page = parse(client.get(article.get_absolute_url()))

    assert page.one("span", "byline").text == "By The Healthsite team"
    assert page.one("span", "byline").find("a") is None


def test_published_and_updated_dates_are_machine_readable(page, full_article):
    published = page.one("span", "published")
    updated = page.one("span", "updated")

    assert published.text == "Published March 5, 2024"
    assert published.one("time")["datetime"] == full_article.published_at.isoformat()
    assert updated.text == "Updated June 7, 2024"
    assert updated.one("time")["datetime"] == full_article.updated_at.isoformat()


def test_updated_and_medical_review_lines_only_when_set(client):
    article = ArticleFactory(updated_at=None, reviewer=None, reviewed_on=None)

    response = client.get(article.get_absolute_url())

    page = parse(response)
    assert page.find("span", "updated") is None
    assert page.find("p", "medical-review") is None
    assert "Updated" not in page.one("p", "article-meta").text
    assert "Medically reviewed" not in response.content.decode()


def test_medical_review_names_the_reviewer_and_date(page):
    review = page.one("p", "medical-review")

    assert review.text == "Medically reviewed by Ray Reviewer, MD on June 1, 2024"
    assert review.one("time")["datetime"] == "2024-06-01"
    assert review.one("a")["href"] == "/authors/ray-reviewer/"


def test_medical_review_without_a_date_names_the_reviewer(client):
    article = ArticleFactory(reviewer=PersonFactory(name="Ray Reviewer"), reviewed_on=None)

    review = parse(client.get(article.get_absolute_url())).one("p", "medical-review")

    assert review.text == "Medically reviewed by Ray Reviewer"
    assert review.find("time") is None


def test_featured_image_is_a_responsive_picture_loaded_first(page, full_article):
    figure = page.one("figure", "featured-image")
    webp = figure.one("source")
    img = figure.one("img")

    assert webp["type"] == "image/webp"
    for srcset, extension in ((webp["srcset"], ".webp"), (img["srcset"], ".jpg")):
        candidates = [candidate.split() for candidate in srcset.split(", ")]
        assert [width for _url, width in candidates] == ["480w", "960w", "1000w"]
        assert all(url.endswith(extension) for url, _width in candidates)
    assert img["sizes"] and webp["sizes"] == img["sizes"]
    assert (img["width"], img["height"]) == ("1000", "625")
    # The page's largest paint: fetched at once, before other pictures.
    assert img["loading"] == "eager"
    assert img["fetchpriority"] == "high"
    assert img["alt"] == "A person asleep on a green pillow"
    assert img["src"] == full_article.picture.src


def test_article_without_image_has_no_featured_picture(client, article):
    page = parse(client.get(article.get_absolute_url()))

    assert page.find("figure", "featured-image") is None
    assert page.find("article", "article").find("picture") is None


def test_body_is_the_rendered_markdown(page):
    body = page.one("div", "article-body")

    assert body.one("h2").text == "Why it matters"
    assert body.one("em").text == "rests"
    assert [p.text for p in body.find_all("p")] == ["Rest matters.", "Your heart rests too."]


def test_sources_are_citations_titled_by_their_title_never_their_address(page):
    sources = page.one("section", "article-sources")
    items = sources.one("ol").find_all("li")

    assert [item.text for item in items] == [
        "Sleep and cardiovascular health (opens in a new window) — Example Heart Foundation "
        "(May 2023)",
        "A textbook without a link (2019)",
    ]
    link = items[0].one("a")
    assert link["href"] == "https://www.example.org/sleep-heart"
    assert link.text == "Sleep and cardiovascular health (opens in a new window)"
    assert (link["target"], link["rel"]) == ("_blank", "noopener")
    assert items[0].one("time")["datetime"] == "2023-05"
    assert items[1].find("a") is None
    assert "https://www.example.org/sleep-heart" not in sources.text


def test_other_pictures_of_the_article_page_stay_lazy(client, full_article):
    RelatedLinkFactory(
        article=full_article,
        target=ArticleFactory(featured_image=image_file(), featured_image_alt="Oats"),
    )

    page = parse(client.get(full_article.get_absolute_url()))

    related = page.one("section", "related-posts").one("img")
    assert related["loading"] == "lazy"
    assert "fetchpriority" not in related.attrs
    assert len(page.find_all("img", fetchpriority="high")) == 1


def test_key_points_show_above_the_body(page):
    box = page.one("aside", "key-points")

    assert box.one("h2").text == "Key points"
    assert [item.text for item in box.find_all("li")] == [
        "Sleep rests the heart.",
        "Seven hours or more.",
    ]


def test_no_key_points_box_without_key_points(client, article):
    assert parse(client.get(article.get_absolute_url())).find("aside", "key-points") is None


def test_call_to_action_block(page):
    cta = page.one("aside", "call-to-action")

    assert cta.one("p").text == "Get our weekly sleep tips."
    link = cta.one("a")
    assert link["href"] == "https://example.com/newsletter"
    assert link.text == "Sign up"


def test_no_sources_or_call_to_action_blocks_when_empty(client, article):
    page = parse(client.get(article.get_absolute_url()))

    assert page.find("section", "article-sources") is None
    assert page.find("aside", "call-to-action") is None
    assert page.find("nav", "table-of-contents") is None


def test_discussion_prompt(page):
    prompt = page.one("p", "discussion-prompt")

    assert prompt.text.startswith("Did you enjoy this article? Share your own experiences below")


def test_share_buttons_offer_every_enabled_network(page):
    share = page.one("nav", "share-buttons")

    for network in ("pinterest", "facebook", "x", "linkedin", "email"):
        assert share.one("a", f"share-{network}")
    assert share.one("button", "share-copy")["data-copy-url"] == (
        "http://testserver/articles/sleep-and-your-heart/"
    )


def test_a_network_switched_off_in_site_settings_disappears(client, full_article):
    site_settings = SiteSettings.load()
    site_settings.share_x = False
    site_settings.share_copy = False
    site_settings.save()

    share = parse(client.get(full_article.get_absolute_url())).one("nav", "share-buttons")

    assert share.find("a", "share-x") is None
    assert share.find("button", "share-copy") is None
    for network in ("pinterest", "facebook", "linkedin", "email"):
        assert share.one("a", f"share-{network}")


def test_footer_shows_disclaimer_copyright_and_legal_links(client, full_article):
    site_settings = SiteSettings.load()
    site_settings.disclaimer = "This is general information, not medical advice."
    site_settings.copyright = "© {year} Healthsite Media"
    site_settings.save()

    footer = parse(client.get(full_article.get_absolute_url())).one("footer", "site-footer")

    assert footer.one("section", "disclaimer").find("p").text == (
        "This is general information, not medical advice."
    )
    assert footer.one("p", "copyright").text == f"© {timezone.now().year} Healthsite Media"
    links = {a.text: a["href"] for a in footer.find_all("a")}
    assert links["Terms & Conditions"] == "/pages/terms/"
    assert links["Privacy Policy"] == "/pages/privacy/"


# Related posts -----------------------------------------------------------------------------


def related_titles(client, article):
    section = parse(client.get(article.get_absolute_url())).find("section", "related-posts")
    if section is None:
        return []
    return [card.one("h3").text for card in section.find_all("article", "related-post")]


def test_curated_links_come_first_in_their_order_then_similar_articles(client):
    tag = TagFactory()
    article = ArticleFactory(tags=[tag])
    similar = ArticleFactory(title="Shares a tag", tags=[tag], published_at=days_ago(2))
    second = ArticleFactory(title="Curated second")
    first = ArticleFactory(title="Curated first")
    RelatedLinkFactory(article=article, target=second, position=2)
    RelatedLinkFactory(article=article, target=first, position=1)

    assert related_titles(client, article) == ["Curated first", "Curated second", similar.title]


def test_related_fill_uses_shared_tags_and_category_never_drafts_or_itself(client):
    tag = TagFactory()
    article = ArticleFactory(tags=[tag])
    two_tags = TagFactory()
    article.tags.add(two_tags)
    best = ArticleFactory(title="Shares two tags", tags=[tag, two_tags], published_at=days_ago(9))
    same_category = ArticleFactory(title="Same category", category=article.category)
    ArticleFactory(title="Unrelated")
    ArticleFactory(
        title="Draft sharing a tag", tags=[tag], status=Article.Status.DRAFT, published_at=None
    )

    titles = related_titles(client, article)

    assert titles[0] == best.title
    assert set(titles) == {best.title, same_category.title}


def test_a_curated_article_is_not_repeated_by_the_fill(client):
    tag = TagFactory()
    article = ArticleFactory(tags=[tag])
    curated = ArticleFactory(title="Curated and similar", tags=[tag], published_at=days_ago(1))
    ArticleFactory(title="Also similar", tags=[tag], published_at=days_ago(5))
    RelatedLinkFactory(article=article, target=curated, position=0)

    assert related_titles(client, article) == ["Curated and similar", "Also similar"]


def test_unpublished_curated_targets_are_skipped(client):
    article = ArticleFactory()
    hidden = ArticleFactory(title="Hidden draft", status=Article.Status.DRAFT, published_at=None)
    shown = ArticleFactory(title="Shown")
    RelatedLinkFactory(article=article, target=hidden, position=0)
    RelatedLinkFactory(article=article, target=shown, position=1)

    titles = related_titles(client, article)

    assert titles == ["Shown"]


def test_external_related_link_shows_its_title_and_excerpt(client):
    article = ArticleFactory()
    RelatedLinkFactory(
        article=article,
        target=None,
        url="https://www.example.org/guide",
        title="An outside guide",
        excerpt="A thorough guide from elsewhere.",
    )

    section = parse(client.get(article.get_absolute_url())).one("section", "related-posts")

    card = section.one("article", "related-post")
    link = card.one("h3").one("a")
    assert link.text == "An outside guide"
    assert link["href"] == "https://www.example.org/guide"
    assert "noopener" in link["rel"]
    assert card.one("p", "card-text").text == "A thorough guide from elsewhere."


def test_related_posts_show_at_most_three(client):
    tag = TagFactory()
    article = ArticleFactory(tags=[tag])
    for position in range(5):
        RelatedLinkFactory(
            article=article, target=ArticleFactory(title=f"Curated {position}"), position=position
        )
    ArticleFactory.create_batch(3, tags=[tag])

    assert related_titles(client, article) == ["Curated 0", "Curated 1", "Curated 2"]


def test_no_related_section_when_nothing_is_related(client, article):
    assert related_titles(client, article) == []


# Search ------------------------------------------------------------------------------------


def search_titles(client, query):
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    return article_titles(response)


def test_search_finds_words_in_title_excerpt_and_body(client):
    in_title = ArticleFactory(title="Magnesium explained", body="Minerals.")
    in_excerpt = ArticleFactory(excerpt="Where to find magnesium in food.", body="Food.")
    in_body = ArticleFactory(
        title="Cramps", excerpt="Why legs cramp.", body="Some people take magnesium at night."
    )
    ArticleFactory(title="Iron", body="Nothing about the other mineral.")

    assert set(search_titles(client, "magnesium")) == {
        in_title.title,
        in_excerpt.title,
        in_body.title,
    }


def test_search_ranks_title_matches_first(client):
    older_title_match = ArticleFactory(
        title="Hydration basics", body="Drink water.", published_at=days_ago(30)
    )
    ArticleFactory(
        title="Summer running",
        excerpt="Running when it is hot.",
        body="Hydration matters when it is hot.",
        published_at=days_ago(1),
    )

    assert search_titles(client, "hydration")[0] == older_title_match.title


def test_search_never_finds_drafts_or_scheduled_articles(client, draft, scheduled):
    draft.title = scheduled.title = "Secret magnesium plans"
    draft.save()
    scheduled.save()

    assert search_titles(client, "magnesium") == []


def test_empty_search_shows_no_results_and_no_error(client, article):
    response = client.get("/search/?q=")

    page = parse(response)
    assert page.one("h1").text == "Search"
    assert article_titles(response) == []
    assert page.find(class_="text-danger") is None
    assert page.find("p", "result-count") is None


def test_overlong_search_is_a_form_error_not_a_crash(client, article):
    response = client.get("/search/", {"q": "sleep " * 100})

    assert response.status_code == 200
    error = parse(response).one(class_="text-danger")
    assert "at most 200 characters" in error.text
    assert article_titles(response) == []


def test_search_results_count_and_escape_the_query(client, article):
    response = client.get("/search/", {"q": "<b>sleep</b>"})

    body = response.content.decode()
    assert "<b>sleep</b>" not in body
    assert parse(response).one("h1").text == "Search results for “<b>sleep</b>”"


# (A NUL byte, "%00", is refused for the whole site: tests/test_request_guard.py.)
@pytest.mark.parametrize("query", ["'", '"unclosed', "a:*|!(", "-", "OR"])
def test_hostile_search_queries_never_crash(client, article, query):
    response = client.get(f"/search/?q={query}")

    assert response.status_code == 200
    assert parse(response).one("h1").text.startswith("Search")


def test_search_pages_keep_the_query(client):
    for n in range(1, 13):
        ArticleFactory(title=f"Sleep story {n}", published_at=days_ago(n))

    first = client.get("/search/", {"q": "sleep"})
    second = client.get("/search/", {"q": "sleep", "page": "2"})

    assert parse(first).one("a", rel="next")["href"] == "?q=sleep&page=2"
    assert "?q=sleep&amp;page=2" in first.content.decode()
    assert article_titles(second) == ["Sleep story 11", "Sleep story 12"]
    assert parse(second).one("a", rel="prev")["href"] == "?q=sleep"
    assert parse(first).one("p", "result-count").text == "12 results"
