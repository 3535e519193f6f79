"""Server errors reach the people in ADMINS by email, without the site's secrets."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import include, path

from comments import posting
from tests.comments.factories import comment_form_data
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

CACHE_PASSWORD = "cache-password-b7e1"
SESSION_COOKIE_VALUE = "session-value-5c2d9a"
PROXY_CREDENTIALS = "Basic cHJveHk6cHJveHktcGFzc3dvcmQ="


def broken_view(request):
    raise RuntimeError("the view broke")


urlpatterns = [
    path("broken/", broken_view),
    path("", include("healthsite.urls")),
]


@pytest.fixture
def admins(settings):
    settings.ADMINS = [("Ops", "ops@example.org"), ("Other", "x@example.org")]
    settings.REDIS_URL = f"redis://:{CACHE_PASSWORD}@cache.internal:6379/0"
    settings.EMAIL_HOST_PASSWORD = "smtp-password-0e4f"  # noqa: S105
    return settings


@pytest.fixture
def visitor():
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = SESSION_COOKIE_VALUE
    return client


def test_a_server_error_sends_one_email_to_admins_without_secrets(admins, visitor):
    response = visitor.get("/broken/", headers={"Authorization": PROXY_CREDENTIALS})

    assert response.status_code == 500
    [email] = mail.outbox
    assert email.to == ["ops@example.org", "x@example.org"]
    assert email.subject.startswith("[healthsite] ERROR")
    assert "/broken/" in email.subject
    assert "RuntimeError" in email.body and "the view broke" in email.body
    for secret in (
        admins.SECRET_KEY,
        CACHE_PASSWORD,
        SESSION_COOKIE_VALUE,
        admins.EMAIL_HOST_PASSWORD,
        PROXY_CREDENTIALS,
    ):
        assert secret not in email.body
        assert all(secret not in str(content) for content, _type in email.alternatives)


def test_with_debug_on_nobody_is_emailed(admins, visitor):
    admins.DEBUG = True

    assert visitor.get("/broken/").status_code == 500
    assert mail.outbox == []


def test_pages_not_found_are_not_emailed(admins, visitor):
    assert visitor.get("/no-such-page/").status_code == 404
    assert mail.outbox == []


def test_an_error_while_posting_a_comment_reports_no_email_address(admins, visitor, monkeypatch):
    def broken_posting(**fields):
        raise RuntimeError("posting broke")

    monkeypatch.setattr(posting, "comment_post", broken_posting)
    article = ArticleFactory()
    data = comment_form_data(article, email="private.reader@example.org")

    response = visitor.post(f"/articles/{article.slug}/comments/", data)

    assert response.status_code == 500
    [email] = mail.outbox
    assert "posting broke" in email.body
    assert "private.reader@example.org" not in email.body
    assert all("private.reader" not in str(content) for content, _type in email.alternatives)
