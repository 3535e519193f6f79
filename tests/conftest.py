"""Test settings and shared fixtures.

The overrides here are what a test run needs instead of production: fast password hashing,
the local-memory mailbox, immediate tasks, uploads in a temporary folder, static files without
a manifest, and a canonical domain that matches the test client's host.

Logging in: `client.force_login(user)`, or `authenticate()` / `client.login()` given a
request (`request=HttpRequest()`): django-axes checks its lock inside authenticate() and
refuses a call without one, so no login path can skip the throttle unnoticed.
"""

import pytest
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.test import Client

from comments.models import DiscussionSettings

from .concurrency import file_copy_of_memory_database
from .factories import ArticleFactory, StaffFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _clear_cache():
    """Cached site settings and rate-limit counters must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _one_page_of_comments(request, monkeypatch):
    """The suite was written for one page of comments (the default before issue 13); tests of
    paging set their number, and those marked paged_by_default keep the real default (50)."""
    if request.node.get_closest_marker("paged_by_default") is None:
        field = DiscussionSettings._meta.get_field("comments_per_page")
        # What new rows get (the field's declared default stays, for the migration checks).
        monkeypatch.setattr(field, "_get_default", lambda: 0)


@pytest.fixture(autouse=True)
def _site_domain(request):
    """Absolute URLs use the Sites framework's domain: make it the test client's host.

    Only for tests marked django_db (every database test module sets pytestmark), whose
    database pytest-django has opened before this fixture runs.
    """
    if request.node.get_closest_marker("django_db") is None:
        yield
        return
    Site.objects.update_or_create(pk=1, defaults={"domain": "testserver", "name": "Healthsite"})
    Site.objects.clear_cache()
    yield
    Site.objects.clear_cache()


@pytest.fixture
def staff_user(db):
    return StaffFactory()


@pytest.fixture
def staff_client(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def article(db):
    return ArticleFactory()


LIVE_FIGURES = pytest.StashKey[list]()


@pytest.fixture
def live_report(request):
    """report(line): a figure measured against live servers, printed at the end of the run's
    output (with or without -s), under the test's name, for quoting."""
    lines = request.config.stash.setdefault(LIVE_FIGURES, [])
    return lambda line: lines.append(f"{request.node.name}: {line}")


def pytest_terminal_summary(terminalreporter, config):
    lines = config.stash.get(LIVE_FIGURES, [])
    if lines:
        terminalreporter.section("figures measured against live servers")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture
def shared_database(transactional_db, tmp_path):
    """A database that several threads use at once, each on its own connection (see
    tests/concurrency.py). Create the test's data after this fixture."""
    with file_copy_of_memory_database(tmp_path):
        yield
