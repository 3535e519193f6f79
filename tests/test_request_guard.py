"""Requests from outside that once answered 500: forms in another charset, NUL bytes in the
address, oversized bodies and file parts sent to public addresses. Each is refused with the
site's own 400 or 404 page, on SQLite and on PostgreSQL alike."""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from comments.unsubscribe import unsubscribe_token
from tests.comments.factories import CommentFactory, comment_form_data
from tests.factories import ArticleFactory, FlatPageFactory
from tests.markup import parse

pytestmark = pytest.mark.django_db

BAD_REQUEST_HEADING = "Bad request"


@pytest.fixture
def csrf_client():
    """A browser that has a CSRF cookie and whose POSTs are checked, as a real one is."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    return client


def heading(response):
    return parse(response).one("h1").text.strip()


# Forms in a charset other than UTF-8 -------------------------------------------------------


@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "utf8", "no-such-charset"])
@pytest.mark.parametrize(
    "path", ["/", "/search/", "/healthz", "/admin/login/", "/pages/terms/", "/no-such-page/"]
)
def test_a_form_in_another_charset_gets_our_400_page_on_any_address(csrf_client, charset, path):
    response = csrf_client.generic(
        "POST",
        path,
        b"name=x&csrfmiddlewaretoken=" + b"a" * 32,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 400
    assert heading(response) == BAD_REQUEST_HEADING


def test_a_comment_sent_in_another_charset_is_refused_and_not_stored(csrf_client):
    article = ArticleFactory()
    response = csrf_client.generic(
        "POST",
        reverse("comments:post", kwargs={"slug": article.slug}),
        "name=Dana&body=hello".encode("utf-16"),
        content_type="application/x-www-form-urlencoded; charset=UTF-16",
    )

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_multipart_form_in_another_charset_gets_our_400_page(csrf_client):
    response = csrf_client.generic(
        "POST",
        "/admin/login/",
        b'--b\r\nContent-Disposition: form-data; name="username"\r\n\r\nx\r\n--b--\r\n',
        content_type="multipart/form-data; boundary=b; charset=no-such-charset",
    )

    assert response.status_code == 400


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8"])
def test_a_form_declared_as_utf8_is_read(client, charset):
    article = ArticleFactory()
    data = comment_form_data(article, body="Café au lait helped me, oddly.")
    body = urlencode(data).encode()

    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        body,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 303
    assert Comment.objects.get().body == "Café au lait helped me, oddly."


# NUL bytes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/pages/a%00b/",
        "/pages/terms%00/",
        "/comments/unsubscribe/a%00b/",
        "/articles/a%00b/",
        "/no%00such/",
    ],
)
def test_a_nul_byte_in_the_address_is_not_found(client, path):
    FlatPageFactory(url="/terms/", title="Terms")

    response = client.get(path)

    assert response.status_code == 404


@pytest.mark.parametrize("query", ["q=a%00b", "cpage=%00", "replyto=1%00", "page=%00"])
def test_a_nul_byte_in_the_query_is_a_bad_request(client, query):
    article = ArticleFactory()

    for path in ("/", "/search/", article.get_absolute_url()):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400
        assert heading(response) == BAD_REQUEST_HEADING


def test_a_nul_byte_in_the_admin_search_is_a_bad_request(admin_client):
    response = admin_client.get("/admin/comments/comment/?q=a%00b")

    assert response.status_code == 400


def test_a_nul_byte_in_a_cookie_is_no_cookie(client):
    """Cookie values are unquoted ("\\000" is a NUL): a session key with one reached the
    session table."""
    client.cookies["sessionid"] = "abcdefghij\x00klmnop"

    response = client.get("/")

    assert response.status_code == 200


# Body size and file parts outside the admin ------------------------------------------------


def test_a_comment_with_a_file_part_is_refused_and_not_stored(client):
    article = ArticleFactory()
    data = comment_form_data(article)
    data["attachment"] = SimpleUploadedFile("big.bin", b"\0" * (5 * 1024 * 1024))

    response = client.post(reverse("comments:post", kwargs={"slug": article.slug}), data)

    assert response.status_code == 400
    assert heading(response) == BAD_REQUEST_HEADING
    assert not Comment.objects.exists()


def test_another_public_form_refuses_a_file_part(client):
    """Resubscribing reads its form: a file part sent with it is refused, the form unread."""
    comment = CommentFactory(notify=False)
    url = reverse("comments:resubscribe", kwargs={"token": unsubscribe_token(comment)})

    response = client.post(
        url, {"undo": "", "attachment": SimpleUploadedFile("note.txt", b"hello")}
    )

    assert response.status_code == 400
    assert heading(response) == BAD_REQUEST_HEADING


def test_a_small_file_part_with_a_comment_is_refused_all_the_same(client):
    article = ArticleFactory()
    data = comment_form_data(article)
    data["attachment"] = SimpleUploadedFile("note.txt", b"hello")

    response = client.post(reverse("comments:post", kwargs={"slug": article.slug}), data)

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_comment_sent_as_multipart_without_files_is_stored(client):
    article = ArticleFactory()

    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}), comment_form_data(article)
    )

    assert response.status_code == 303
    assert Comment.objects.count() == 1


def test_a_public_post_larger_than_any_form_is_refused(client):
    article = ArticleFactory()
    data = comment_form_data(article, website="https://" + "a" * 200_000 + ".org")

    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        urlencode(data),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_the_longest_comment_in_the_widest_characters_fits(client):
    """5,000 four-byte characters, %-encoded: the public limit leaves room for them."""
    article = ArticleFactory()
    data = comment_form_data(article, body="😀" * 5000)

    response = client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        urlencode(data),
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 303
    assert Comment.objects.count() == 1
