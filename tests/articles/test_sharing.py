"""Share links are plain addresses, encoded exactly once, and no page calls a third party."""

import html
from urllib.parse import parse_qs, urlsplit

import pytest

from articles.models import SiteSettings
from articles.sharing import share_href, share_links
from tests.factories import ArticleFactory, FlatPageFactory, TagFactory, image_file
from tests.markup import parse

pytestmark = pytest.mark.django_db

NASTY_TITLE = "Café & crème: “why?” #1 100% + more"
NASTY_EXCERPT = "Tips & tricks: 'quotes', \"double\", a=b?c #hash 50% + ünïcödé"
PAGE = {
    "url": "http://testserver/articles/cafe-creme/?from=a&b=c#top",
    "title": NASTY_TITLE,
    "description": NASTY_EXCERPT,
    "image_url": "http://testserver/media/articles/café photo.jpg",
}


def query_of(href):
    """The decoded parameters of a share address, each given exactly once."""
    params = parse_qs(urlsplit(href).query, keep_blank_values=True, strict_parsing=True)
    assert all(len(values) == 1 for values in params.values()), params
    return {name: values[0] for name, values in params.items()}


@pytest.mark.parametrize(
    ("network", "base", "expected"),
    [
        (
            "pinterest",
            "https://www.pinterest.com/pin/create/button/",
            {"url": PAGE["url"], "media": PAGE["image_url"], "description": NASTY_EXCERPT},
        ),
        ("facebook", "https://www.facebook.com/sharer/sharer.php", {"u": PAGE["url"]}),
        ("x", "https://x.com/intent/post", {"url": PAGE["url"], "text": NASTY_TITLE}),
        ("linkedin", "https://www.linkedin.com/sharing/share-offsite/", {"url": PAGE["url"]}),
    ],
)
def test_network_share_addresses_decode_to_the_exact_values(network, base, expected):
    href = share_href(network, **PAGE)

    parts = urlsplit(href)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == base
    assert parts.fragment == ""
    assert query_of(href) == expected


def test_email_share_is_a_mailto_with_subject_and_body():
    href = share_href("email", **PAGE)

    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert parts.fragment == ""
    assert query_of(href) == {
        "subject": NASTY_TITLE,
        "body": f"{NASTY_EXCERPT}\n\n{PAGE['url']}",
    }
    # Mail clients read "+" literally: spaces must be %20.
    assert "+" not in parts.query
    assert "%20" in parts.query


def test_pinterest_falls_back_to_the_title_without_a_description():
    href = share_href("pinterest", **{**PAGE, "description": ""})

    assert query_of(href)["description"] == NASTY_TITLE


def test_every_value_is_fully_percent_encoded():
    for network in ("pinterest", "facebook", "x", "linkedin", "email"):
        query = urlsplit(share_href(network, **PAGE)).query
        for raw in (" ", "#", '"', "'", "?", "+", "é", "“", "/", ":"):
            assert raw not in query, (network, raw)


def test_copy_link_is_the_plain_address():
    assert share_href("copy", **PAGE) == PAGE["url"]


def test_share_links_keep_the_chosen_networks_in_order():
    links = share_links(["x", "email", "unknown"], **PAGE)

    assert [link.network for link in links] == ["x", "email"]
    assert [str(link.label) for link in links] == ["X", "Email"]


def test_unknown_network_is_refused():
    with pytest.raises(ValueError, match="Unknown share network"):
        share_href("myspace", **PAGE)


# In the rendered page ----------------------------------------------------------------------


@pytest.fixture
def nasty_article():
    return ArticleFactory(
        title=NASTY_TITLE,
        slug="cafe-creme",
        excerpt=NASTY_EXCERPT,
        featured_image=image_file(),
        featured_image_alt="A cup of coffee",
    )


@pytest.fixture
def nasty_response(client, nasty_article):
    response = client.get(nasty_article.get_absolute_url())
    assert response.status_code == 200
    return response


def share_anchors(response):
    nav = parse(response).one("nav", "share-buttons")
    return {
        anchor.classes[-1].removeprefix("share-"): anchor["href"] for anchor in nav.find_all("a")
    }


def test_rendered_share_links_carry_the_article_exactly(nasty_response, nasty_article):
    article_url = "http://testserver/articles/cafe-creme/"
    image_url = "http://testserver" + nasty_article.picture.src

    anchors = share_anchors(nasty_response)

    assert set(anchors) == {"pinterest", "facebook", "x", "linkedin", "email"}
    assert query_of(anchors["pinterest"]) == {
        "url": article_url,
        "media": image_url,
        "description": NASTY_EXCERPT,
    }
    assert query_of(anchors["facebook"]) == {"u": article_url}
    assert query_of(anchors["x"]) == {"url": article_url, "text": NASTY_TITLE}
    assert query_of(anchors["linkedin"]) == {"url": article_url}
    assert query_of(anchors["email"]) == {
        "subject": NASTY_TITLE,
        "body": f"{NASTY_EXCERPT}\n\n{article_url}",
    }


def test_share_hrefs_are_html_escaped_once_in_the_source(nasty_response, nasty_article):
    source = nasty_response.content.decode()
    article_url = "http://testserver/articles/cafe-creme/"

    for network in ("pinterest", "x", "email"):
        href = share_href(
            network,
            url=article_url,
            title=NASTY_TITLE,
            description=NASTY_EXCERPT,
            image_url="http://testserver" + nasty_article.picture.src,
        )
        assert "&" in href
        assert f'href="{html.escape(href)}"' in source, network
    assert "&amp;amp;" not in source
    assert "%2526" not in source


def test_share_buttons_follow_site_settings(client, nasty_article):
    site_settings = SiteSettings.load()
    site_settings.share_pinterest = False
    site_settings.share_email = False
    site_settings.save()

    anchors = share_anchors(client.get(nasty_article.get_absolute_url()))

    assert set(anchors) == {"facebook", "x", "linkedin"}


# No third party ----------------------------------------------------------------------------


def is_on_site(address):
    parts = urlsplit(address)
    return parts.netloc in ("", "testserver") and parts.scheme in ("", "http", "https")


@pytest.fixture
def public_pages(client):
    tag = TagFactory()
    article = ArticleFactory(
        tags=[tag], featured_image=image_file(), featured_image_alt="A bowl of soup"
    )
    FlatPageFactory(url="/terms/", title="Terms")
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "category": article.category.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "search": "/search/?q=sleep",
        "flat page": "/pages/terms/",
        "not found": "/no-such-page/",
    }


def test_no_page_loads_anything_from_another_site(client, public_pages):
    for name, url in public_pages.items():
        response = client.get(url)
        page = parse(response)
        loaded = [element.get("src", "") for element in page.find_all("script")]
        loaded += [element["href"] for element in page.find_all("link")]
        loaded += [element["src"] for element in page.find_all("img")]
        for element in page.find_all("img") + page.find_all("source"):
            loaded += [
                candidate.split()[0]
                for candidate in element.get("srcset", "").split(",")
                if candidate
            ]
        loaded += [element["src"] for element in page.find_all("iframe")]
        off_site = [address for address in loaded if address and not is_on_site(address)]
        assert off_site == [], name
        assert "@import" not in response.content.decode(), name


def test_pinterest_link_without_an_image_carries_no_empty_media():
    href = share_href("pinterest", url="https://example.org/a/", title="T", description="D")
    assert "media" not in parse_qs(urlsplit(href).query)
