import io
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import HttpRequest
from PIL import Image

from articles import demo_content, demo_images
from articles.management.commands.seed_demo import Command
from articles.models import Article, Category, Person, RelatedLink, SiteSettings, Source, Tag

pytestmark = pytest.mark.django_db

ACCOUNT_LINE = re.compile(r"^username: editor password: (\S+)$", re.MULTILINE)


@pytest.fixture(autouse=True)
def _small_images(monkeypatch):
    """Drawing and resizing 1600 px pictures is the slow part; the rules don't depend on size."""
    monkeypatch.setattr(demo_images, "SIZE", (480, 270))
    monkeypatch.setattr(demo_images, "PORTRAIT_SIZE", (120, 120))


def seed(*args):
    """Run seed_demo; return its output and the password it printed."""
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    output = out.getvalue()
    lines = [line for line in output.splitlines() if line.startswith("username:")]
    assert len(lines) == 1, output
    match = ACCOUNT_LINE.match(lines[0])
    assert match, lines[0]
    return output, match.group(1)


def counts():
    return {
        "articles": Article.objects.count(),
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "tagged": Article.tags.through.objects.count(),
        "related links": RelatedLink.objects.count(),
        "people": Person.objects.count(),
        "sources": Source.objects.count(),
        "flat pages": FlatPage.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_prints_a_staff_account_whose_password_works():
    output, password = seed()
    user = authenticate(HttpRequest(), username="editor", password=password)
    assert user is not None
    assert user.is_staff and user.is_superuser and user.is_active
    assert output.splitlines()[0] == f"username: editor password: {password}"


def test_running_twice_creates_nothing_twice_and_gives_a_new_password():
    _output, first_password = seed()
    before = counts()
    output, second_password = seed()
    assert counts() == before
    assert get_user_model().objects.filter(username="editor").count() == 1
    assert second_password != first_password
    assert authenticate(HttpRequest(), username="editor", password=second_password) is not None
    assert authenticate(HttpRequest(), username="editor", password=first_password) is None
    assert "articles:" not in output
    assert "nothing new" in output


def test_second_run_keeps_the_drawn_images():
    seed()
    images = dict(Article.objects.values_list("slug", "featured_image"))
    seed()
    assert dict(Article.objects.values_list("slug", "featured_image")) == images


def test_password_option_sets_that_password():
    _output, password = seed("--password", "a-demo-password")
    assert password == "a-demo-password"
    assert authenticate(HttpRequest(), username="editor", password="a-demo-password") is not None


@pytest.mark.parametrize("password", ["", "   ", "two words"])
def test_a_blank_or_spaced_password_is_refused_before_anything_is_written(password):
    with pytest.raises(CommandError, match="--password"):
        call_command("seed_demo", "--password", password, stdout=io.StringIO())
    assert not Article.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize("domain", ["", "http://example.org/", "a host", "a" * 101])
def test_a_bad_domain_is_refused(domain):
    with pytest.raises(CommandError, match="--domain"):
        call_command("seed_demo", "--domain", domain, stdout=io.StringIO())


def test_the_placeholder_site_domain_becomes_the_local_one():
    Site.objects.filter(pk=1).update(domain="example.com", name="example.com")
    seed()
    site = Site.objects.get(pk=1)
    assert (site.domain, site.name) == ("127.0.0.1:8000", "Healthsite")


def test_a_missing_site_is_created():
    Site.objects.all().delete()
    seed()
    assert Site.objects.get(pk=1).domain == "127.0.0.1:8000"
    assert FlatPage.objects.filter(sites=1).count() == 2


def test_a_chosen_site_domain_is_kept_unless_the_option_says_otherwise():
    seed()
    assert Site.objects.get(pk=1).domain == "testserver"
    seed("--domain", "health.example.org")
    assert Site.objects.get(pk=1).domain == "health.example.org"


def test_site_settings_carry_the_disclaimer_shown_on_every_page(client):
    seed()
    settings = SiteSettings.load()
    assert settings.site_name == "Healthsite"
    assert settings.tagline
    assert len([p for p in settings.disclaimer.split("\n\n") if p.strip()]) == 3
    assert settings.copyright_line.startswith("©")
    assert "{year}" not in settings.copyright_line
    response = client.get("/")
    assert "Everything on Healthsite is published for general information only" in (
        response.content.decode()
    )


def test_published_articles_are_complete():
    seed()
    published = list(
        Article.objects.published()
        .select_related("author", "reviewer")
        .prefetch_related("tags", "sources")
    )
    assert len(published) >= 6
    assert len({article.category_id for article in published}) >= 2
    for article in published:
        assert article.image_renditions, article.slug
        assert article.featured_image_alt.strip(), article.slug
        assert 2 <= len(article.tags.all()) <= 4, article.slug
        sources = article.sources.all()
        assert sources and all(s.url and s.title and s.publisher for s in sources), article.slug
        assert not any(s.title.startswith("http") for s in sources), article.slug
        assert article.cta and article.cta_label, article.slug
        assert article.cta_url.startswith("/"), article.slug
        assert article.summary.strip(), article.slug
        assert 400 <= len(article.body.split()) <= 700, article.slug
        assert "<h2" in article.body_html and "<h1" not in article.body_html, article.slug
        assert article.body.rstrip().endswith("The Healthsite team"), article.slug
    assert sum(bool(article.reviewer and article.reviewed_on) for article in published) >= 3
    assert any(article.updated_at for article in published)
    assert any(article.author is None for article in published)
    assert any(article.key_point_list for article in published)
    assert any(article.table_of_contents for article in published)


def test_the_demo_has_authors_and_medical_reviewers_with_credentials_and_bios():
    seed()
    authors = Person.objects.filter(articles_written__isnull=False).distinct()
    reviewers = Person.objects.filter(articles_reviewed__isnull=False).distinct()

    assert authors.count() >= 3
    assert reviewers.count() >= 2
    for person in [*authors, *reviewers]:
        assert person.bio.strip() and person.role, person.slug
        assert person.picture is not None, person.slug
    assert any(person.credentials for person in authors)
    assert all(person.credentials for person in reviewers)
    assert any(person.links for person in reviewers)


def test_seeding_again_adds_only_missing_people_and_keeps_edits():
    seed()
    edited = Person.objects.get(slug="amira-haddad")
    edited.bio = "Edited in the admin."
    edited.save()
    Person.objects.filter(slug="marcus-lee").update(slug="marcus-lee-renamed")
    count = Person.objects.count()

    seed()

    assert Person.objects.get(slug="amira-haddad").bio == "Edited in the admin."
    assert Person.objects.count() == count + 1
    assert Person.objects.get(slug="marcus-lee").bio


def test_draft_and_scheduled_articles_stay_out_of_public_view(client):
    seed()
    draft = Article.objects.get(status=Article.Status.DRAFT)
    scheduled = Article.objects.scheduled().get()
    public = Article.objects.published()
    assert draft not in public
    assert scheduled not in public
    assert not scheduled.is_public
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_related_links_point_at_published_demo_articles_or_one_external_page():
    seed()
    published = list(Article.objects.published())
    with_links = [article for article in published if article.related_links.exists()]
    assert len(with_links) >= len(published) - 1
    for link in RelatedLink.objects.select_related("target"):
        assert link.position in (0, 1)
        if link.target:
            assert link.target.is_public and link.target != link.article
    external = RelatedLink.objects.filter(target=None)
    assert external.count() == 1
    assert all((link.url, link.title, link.excerpt) for link in external)


def test_flat_pages_are_served_and_privacy_says_what_is_kept(client):
    seed()
    terms = client.get("/pages/terms/")
    privacy = client.get("/pages/privacy/")
    assert terms.status_code == privacy.status_code == 200
    assert re.search(r"<h1>Terms (&amp;|&) Conditions</h1>", terms.content.decode())
    text = privacy.content.decode()
    for fact in ("never published", "IP address", "user agent", "90 days", "tick", "one click"):
        assert fact in text, fact
    assert "erase" in text


def test_every_published_article_is_served_and_listed_on_the_home_page(client):
    seed()
    home = client.get("/").content.decode()
    for article in Article.objects.published():
        assert client.get(article.get_absolute_url()).status_code == 200, article.slug
        assert article.get_absolute_url() in home, article.slug
    for url in {data["cta_url"] for data in demo_content.ARTICLES}:
        assert client.get(url).status_code == 200, url


def test_the_command_leaves_what_it_seeded_for_a_subclass():
    command = Command()
    call_command(command, "--password", "for-a-subclass", stdout=io.StringIO())
    assert command.publication.password == "for-a-subclass"
    assert set(command.publication.articles) == {data["slug"] for data in demo_content.ARTICLES}


def test_featured_images_are_full_width_jpegs_distinct_per_article():
    pictures = [
        demo_images.draw_featured_image(
            slug=data["slug"], motif=data["motif"], palette=data["palette"], size=(1600, 900)
        )
        for data in demo_content.ARTICLES[:3]
    ]
    for picture in pictures:
        with Image.open(picture) as image:
            assert (image.format, image.size) == ("JPEG", (1600, 900))
    assert len({picture.file.getvalue() for picture in pictures}) == len(pictures)


def test_a_second_run_keeps_what_an_editor_changed():
    """`make run` seeds every time: an editor's changes to demo content must survive it."""
    seed()
    article = Article.objects.published().first()
    article.title = "Edited by the editor"
    article.save()
    settings = SiteSettings.load()
    settings.disclaimer = "Our own disclaimer"
    settings.save()
    seed()
    article.refresh_from_db()
    assert article.title == "Edited by the editor"
    assert SiteSettings.objects.get().disclaimer == "Our own disclaimer"


def test_rebuild_article_html_applies_the_current_allow_list():
    from tests.factories import ArticleFactory

    fresh = ArticleFactory(body="Plain text.")
    stale = ArticleFactory(body="## Heading\n\nText.")
    Article.objects.filter(pk=stale.pk).update(body_html='<h2 id="comments">Heading</h2>')
    out = io.StringIO()

    call_command("rebuild_article_html", stdout=out)

    stale.refresh_from_db()
    assert 'id="comments"' not in stale.body_html
    assert '<h2 id="section-heading">Heading</h2>' in stale.body_html
    assert "Rebuilt the HTML of 1 of 2 article(s)." in out.getvalue()
    assert Article.objects.get(pk=fresh.pk).body_html == fresh.body_html
