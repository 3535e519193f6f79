"""Whole-site guards: migrations, one <h1> a page, crawlers, liveness and the settings."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse

from articles import urls as article_urls
from tests.factories import (
    ArticleFactory,
    FlatPageFactory,
    PersonFactory,
    TagFactory,
    image_file,
)
from tests.markup import parse

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[1]
# A production secret: 60 random characters.
PRODUCTION_SECRET = secrets.token_urlsafe(45)
# What the developer's or CI's environment may set and a subprocess must not inherit.
SETTINGS_VARIABLES = (
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "TASKS_BACKEND",
    "EMAIL_URL",
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "ADMINS",
    "LOG_LEVEL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_LOCATION",
    "AWS_QUERYSTRING_AUTH",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "GUNICORN_BIND",
    "WEB_CONCURRENCY",
    "GUNICORN_TIMEOUT",
    "PORT",
)


def django_environment(**environment):
    """This process's environment without its settings variables, plus the given ones."""
    env = {key: value for key, value in os.environ.items() if key not in SETTINGS_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = "healthsite.settings"
    env.update(environment)
    return env


def run_django(args, **environment):
    """Run `python <args>` in the repository with only the given settings variables set."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO_ROOT,
        env=django_environment(**environment),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# Migrations and markup ---------------------------------------------------------------------


def test_no_pending_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.fixture
def html_pages():
    """An address for every public HTML page, by URL name."""
    tag = TagFactory()
    author = PersonFactory(slug="dana-writer", photo=image_file(size=(300, 300)))
    article = ArticleFactory(tags=[tag], author=author)
    FlatPageFactory(url="/terms/", title="Terms")
    return {
        "articles:home": reverse("articles:home"),
        "articles:author": author.get_absolute_url(),
        "articles:detail": article.get_absolute_url(),
        "articles:category": article.category.get_absolute_url(),
        "articles:tag": tag.get_absolute_url(),
        "articles:search": reverse("articles:search") + "?q=sleep",
        "flatpage": "/pages/terms/",
        "404": "/no-such-page/",
    }


def test_every_named_public_page_is_swept(html_pages):
    named = {f"articles:{pattern.name}" for pattern in article_urls.urlpatterns}

    assert named <= set(html_pages)


def test_every_public_page_has_exactly_one_h1(client, html_pages):
    for name, url in html_pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), name
        headings = parse(response).find_all("h1")
        assert len(headings) == 1, f"{name}: {headings}"
        assert headings[0].text, name


def test_favicon_ico_is_our_static_icon(client):
    """Browsers ask for /favicon.ico whatever the page says: it is never a 404."""
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.ico"
    assert (REPO_ROOT / "static/img/favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_every_page_links_its_icons_and_manifest_from_our_static_files(client, html_pages):
    for name, url in html_pages.items():
        head = parse(client.get(url)).one("head")
        icons = {link["href"] for link in head.find_all("link") if "icon" in link["rel"]}
        assert icons == {
            "/static/img/favicon.ico",
            "/static/img/favicon.svg",
            "/static/img/apple-touch-icon.png",
        }, name
        assert head.one("link", rel="manifest")["href"] == "/static/site.webmanifest", name
        assert head.one("meta", name="theme-color")["content"] == "#0b6b5c", name


def test_the_web_app_manifest_names_the_site_and_its_icons():
    manifest = json.loads((REPO_ROOT / "static/site.webmanifest").read_text())

    assert manifest["name"] == "Healthsite"
    assert manifest["theme_color"] == "#0b6b5c"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        # Relative to the manifest, which is served from the static folder's root.
        assert (REPO_ROOT / "static" / icon["src"]).is_file(), icon["src"]


# Crawlers and liveness ---------------------------------------------------------------------


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert lines[0] == "User-agent: *"


def never_cached(response):
    cache_control = response["Cache-Control"]
    return "no-cache" in cache_control and "max-age=0" in cache_control


def test_healthz_answers_ok_and_is_never_cached(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content.decode().strip() == "ok"
    assert never_cached(response)


def test_healthz_answers_503_when_the_database_does_not(client):
    broken = mock.Mock()
    broken.cursor.side_effect = OperationalError("could not connect to server")

    with mock.patch("articles.views.connection", broken):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert "could not connect" not in response.content.decode()
    assert never_cached(response)


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


# The README's commands ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "seed", "serve"),
    [
        ([], "seed_demo", "runserver 127.0.0.1:8000"),
        (["PORT=8123"], "seed_demo --domain 127.0.0.1:8123", "runserver 127.0.0.1:8123"),
    ],
)
def test_make_run_serves_on_the_port_given(arguments, seed, serve):
    """What `make run` would run (make -n prints the commands and runs none)."""
    result = subprocess.run(
        ["make", "-n", "run", *arguments],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    commands = result.stdout.splitlines()
    assert any(command.split("manage.py ")[-1].strip() == seed for command in commands)
    assert commands[-1].endswith(serve)


# Settings from the environment -------------------------------------------------------------


def test_deploy_check_is_clean_with_production_values():
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="example.com",
        REDIS_URL="redis://127.0.0.1:6390/0",  # only named: the check connects to nothing
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "no issues" in output


def test_deploy_check_without_redis_warns_that_each_worker_counts_its_own_limits():
    result = run_django(
        ["manage.py", "check", "--deploy"],
        SECRET_KEY=PRODUCTION_SECRET,
        ALLOWED_HOSTS="example.com",
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "comments.W001" in output
    assert "each worker counts its own comment rate limits" in output
    assert "1 issue" in output


def test_production_without_secret_key_refuses_to_start_in_one_line():
    result = run_django(["manage.py", "check"], DEBUG="0")

    assert result.returncode != 0
    message = result.stderr.strip().splitlines()
    assert len(message) == 1, result.stderr
    assert "SECRET_KEY" in message[0]


def test_sqlite_connections_really_use_wal_and_wait_for_locks(tmp_path):
    code = (
        "import django, json; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('PRAGMA journal_mode'); mode = cursor.fetchone()[0]\n"
        "    cursor.execute('PRAGMA busy_timeout'); timeout = cursor.fetchone()[0]\n"
        "print(json.dumps([mode, timeout]))\n"
    )

    result = run_django(
        ["-c", code], DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}"
    )

    assert result.returncode == 0, result.stderr
    mode, timeout = json.loads(result.stdout)
    assert mode == "wal"
    assert timeout >= 5000


def test_unknown_tasks_backend_refuses_to_start_with_a_message():
    result = run_django(["manage.py", "check"], DEBUG="1", TASKS_BACKEND="carrier-pigeon")

    assert result.returncode != 0
    message = result.stderr.strip().splitlines()
    assert len(message) == 1, result.stderr
    assert "TASKS_BACKEND" in message[0]
    assert "carrier-pigeon" in message[0]


def test_uploaded_media_are_served_from_the_current_media_root(client, settings, tmp_path):
    """With SERVE_MEDIA, /media/ reads MEDIA_ROOT at request time (tests and demos change it)."""
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "note.txt").write_text("hello media")
    response = client.get("/media/note.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"hello media"
    assert client.get("/media/%2E%2E/settings.py").status_code in (400, 404)  # no way out


def test_s3_media_storage_is_built_from_the_environment_without_the_network():
    """django-storages takes the bucket, endpoint, region and keys; nothing is contacted."""
    code = (
        "import django, json; django.setup()\n"
        "from django.core.files.storage import storages\n"
        "media = storages['default']\n"
        "print(json.dumps([type(media).__module__, media.bucket_name, media.endpoint_url,\n"
        "    media.region_name, media.access_key, media.url('articles/walk.webp')]))\n"
    )

    result = run_django(
        ["-c", code],
        DEBUG="1",
        AWS_STORAGE_BUCKET_NAME="healthsite-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9",  # the discard port: a request would fail
        AWS_S3_REGION_NAME="eu-central-1",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLEKEY",
        AWS_SECRET_ACCESS_KEY="example-secret-access-key",
        AWS_EC2_METADATA_DISABLED="true",
        AWS_CONFIG_FILE="/nonexistent",
        AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        "storages.backends.s3",
        "healthsite-media",
        "http://127.0.0.1:9",
        "eu-central-1",
        "AKIAEXAMPLEKEY",
        "http://127.0.0.1:9/healthsite-media/articles/walk.webp",
    ]
