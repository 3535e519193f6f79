"""Articles, categories, tags, related links and the site settings."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article, Category, RelatedLink, SiteSettings
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    RelatedLinkFactory,
    TagFactory,
    image_file,
)

from .hostile import start_tags, visible_text

pytestmark = pytest.mark.django_db

NOW = datetime(2030, 5, 17, 9, 30, tzinfo=UTC)


# Body, excerpt and slug.


def test_body_is_rendered_from_markdown_on_save():
    article = ArticleFactory(body="Some *emphasis* and a [link](https://example.org/).")
    assert article.body_html == (
        '<p>Some <em>emphasis</em> and a <a href="https://example.org/" rel="noopener">link</a>.'
        "</p>"
    )


def test_body_is_rendered_again_when_it_changes():
    article = ArticleFactory(body="Old text.")
    article.body = "New **text**."
    article.save()
    article.refresh_from_db()
    assert article.body_html == "<p>New <strong>text</strong>.</p>"


def test_body_html_is_sanitised():
    """A script goes whole, its code too: neither run nor shown to readers as text."""
    article = ArticleFactory(body='Hi <script>alert(1)</script> <a href="javascript:x">y</a>')
    tags = [tag for tag, _attrs in start_tags(article.body_html)]
    assert "script" not in tags
    assert "alert" not in visible_text(article.body_html)
    assert "javascript" not in article.body_html


def test_top_level_heading_in_body_becomes_h2():
    article = ArticleFactory(body="# Why sleep matters\n\nText.\n\n## Details\n\nMore.")
    assert "<h1" not in article.body_html
    assert '<h2 id="section-why-sleep-matters">Why sleep matters</h2>' in article.body_html
    assert '<h2 id="section-details">Details</h2>' in article.body_html


def test_summary_comes_from_the_body_when_the_excerpt_is_blank():
    """Headings stay out of it, and nothing is stored: the excerpt stays what the editor wrote."""
    body = "## Heading\n\n**Sleep** is " + " ".join(f"word{i}" for i in range(60))
    article = ArticleFactory(body=body, excerpt="  ")
    words = article.summary.split()
    assert words[:3] == ["Sleep", "is", "word0"]
    assert len(words) == 40
    assert article.summary.endswith("…")
    assert "<" not in article.summary
    assert "#" not in article.summary
    article.refresh_from_db()
    assert article.excerpt.strip() == ""


def test_short_body_summary_is_the_whole_text():
    article = ArticleFactory(body="Just one line.", excerpt="")
    assert article.summary == "Just one line."


def test_written_excerpt_is_the_summary():
    article = ArticleFactory(excerpt="Our own summary.", body="A body that says other things.")
    assert article.excerpt == article.summary == "Our own summary."


def test_slug_is_required():
    """The admin prefills the slug from the title; a blank one is refused."""
    article = ArticleFactory.build(slug="", category=CategoryFactory())
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "slug" in error.value.message_dict


def test_slug_is_unique():
    ArticleFactory(slug="sleep")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(slug="sleep")


def test_article_url_uses_its_slug():
    assert ArticleFactory(slug="better-sleep").get_absolute_url() == "/articles/better-sleep/"


# Status and publication date.


@time_machine.travel(NOW, tick=False)
def test_publishing_without_a_date_publishes_now():
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
    assert article.published_at == NOW
    assert article.status == Article.Status.PUBLISHED
    assert article.is_public


@time_machine.travel(NOW, tick=False)
def test_publishing_with_a_future_date_schedules():
    """Stored as published; the date to come makes it scheduled."""
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=NOW + timedelta(days=2))
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.state == Article.State.SCHEDULED
    assert not article.is_public


def test_only_draft_and_published_are_stored():
    """A "scheduled" status is never stored (it is read from the date): both refuse it."""
    article = ArticleFactory.build(status="scheduled", category=CategoryFactory())
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert list(error.value.message_dict) == ["status"]
    with pytest.raises(IntegrityError), transaction.atomic():
        article.save()
    assert not Article.objects.exists()


def test_a_scheduled_article_reads_published_once_its_time_has_come_without_a_save():
    with time_machine.travel(NOW, tick=False):
        article = ArticleFactory(published_at=NOW + timedelta(hours=1))
        assert article.state == Article.State.SCHEDULED
    with time_machine.travel(NOW + timedelta(hours=2), tick=False):
        assert article.state == Article.State.PUBLISHED
        assert article.is_public
        assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


@pytest.mark.parametrize(
    ("status", "days", "state"),
    [
        ("draft", None, "draft"),
        ("draft", -1, "draft"),
        ("draft", 1, "draft"),
        ("published", -1, "published"),
        ("published", 1, "scheduled"),
    ],
)
@time_machine.travel(NOW, tick=False)
def test_state_comes_from_the_status_and_the_date(status, days, state):
    published_at = None if days is None else NOW + timedelta(days=days)
    article = ArticleFactory(status=status, published_at=published_at)
    assert article.state == state
    assert article.is_public == (state == "published")


def test_draft_keeps_no_date_and_is_not_public():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert article.published_at is None
    assert article.status == Article.Status.DRAFT
    assert not article.is_public


def test_draft_with_a_past_date_stays_a_draft():
    article = ArticleFactory(status=Article.Status.DRAFT)
    assert article.status == Article.Status.DRAFT
    assert not article.is_public


def test_database_refuses_a_published_article_without_a_date():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(published_at=None)


@time_machine.travel(NOW, tick=False)
def test_form_validation_publishes_now_when_the_date_is_left_blank():
    """The admin form validates the constraint: "published, no date" must pass as "now"."""
    article = ArticleFactory.build(
        status=Article.Status.PUBLISHED, published_at=None, category=CategoryFactory()
    )
    article.full_clean()
    assert (article.status, article.published_at) == (Article.Status.PUBLISHED, NOW)


@time_machine.travel(NOW, tick=False)
def test_form_validation_keeps_a_future_date_as_a_schedule():
    article = ArticleFactory.build(
        published_at=NOW + timedelta(days=1), category=CategoryFactory()
    )
    article.full_clean()
    assert (article.status, article.state) == (Article.Status.PUBLISHED, Article.State.SCHEDULED)


def test_validation_refuses_a_published_article_without_a_date():
    article = ArticleFactory.build(status=Article.Status.PUBLISHED, published_at=None)
    with pytest.raises(ValidationError, match="needs a date"):
        article.validate_constraints()


# clean(): what the admin form refuses.


def test_image_without_alt_text_is_refused():
    article = ArticleFactory.build(featured_image=image_file(), featured_image_alt="   ")
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert list(error.value.message_dict) == ["featured_image_alt"]


def test_image_with_alt_text_is_accepted():
    ArticleFactory.build(featured_image=image_file(), featured_image_alt="A bowl of oats").clean()


@pytest.mark.parametrize(
    ("cta_text", "cta_url", "field"),
    [("Join our sleep course.", "", "cta_url"), ("  ", "https://example.org/join", "cta_text")],
)
def test_call_to_action_needs_both_text_and_link(cta_text, cta_url, field):
    article = ArticleFactory.build(cta_text=cta_text, cta_url=cta_url)
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert list(error.value.message_dict) == [field]
    assert not article.cta


def test_complete_call_to_action_is_accepted():
    article = ArticleFactory.build(cta_text="Join us.", cta_url="https://example.org/join")
    article.clean()
    assert article.cta


# Key points.


def test_key_points_are_the_non_blank_lines():
    article = ArticleFactory.build(key_points="  Sleep matters. \n\n\nLight helps.\r\n  ")
    assert article.key_point_list == ["Sleep matters.", "Light helps."]
    assert ArticleFactory.build(key_points="").key_point_list == []


def test_article_without_image_has_no_picture():
    assert ArticleFactory().picture is None


# Categories and tags.


def test_category_and_tag_urls():
    assert CategoryFactory(slug="sleep").get_absolute_url() == "/category/sleep/"
    assert TagFactory(slug="insomnia").get_absolute_url() == "/tag/insomnia/"


def test_category_and_tag_names_are_their_text():
    assert str(CategoryFactory(name="Sleep")) == "Sleep"
    assert str(TagFactory(name="Insomnia")) == "Insomnia"


def test_category_navigation_is_read_with_the_page_it_is_drawn_in(django_assert_num_queries):
    """Read lazily, once: a page answered from its cached copy never reads it, and no copy of
    its own can go stale in one process while another renames a category."""
    CategoryFactory(name="Sleep", slug="sleep")
    with django_assert_num_queries(0):
        links = Category.navigation()
    with django_assert_num_queries(1):
        assert list(links) == [("Sleep", "/category/sleep/")]
        assert list(links) == [("Sleep", "/category/sleep/")]


def test_category_navigation_follows_saves_and_deletes():
    sleep = CategoryFactory(name="Sleep", slug="sleep")
    assert Category.navigation() == [("Sleep", "/category/sleep/")]

    CategoryFactory(name="Nutrition", slug="nutrition")
    assert Category.navigation() == [
        ("Nutrition", "/category/nutrition/"),
        ("Sleep", "/category/sleep/"),
    ]

    sleep.name = "Rest"
    sleep.save()
    assert ("Rest", "/category/sleep/") in Category.navigation()

    sleep.delete()
    assert Category.navigation() == [("Nutrition", "/category/nutrition/")]


def test_category_with_articles_cannot_be_deleted():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        article.category.delete()
    assert Article.objects.filter(pk=article.pk).exists()


# Related links.


def test_related_link_to_an_article():
    target = ArticleFactory(title="Naps", excerpt="Short sleeps.")
    link = RelatedLinkFactory(target=target)
    link.full_clean()
    assert (link.display_title, link.display_excerpt) == ("Naps", "Short sleeps.")
    assert link.href == target.get_absolute_url()
    assert not link.is_external
    assert str(link) == "Naps"


def test_related_link_own_title_and_excerpt_win():
    link = RelatedLinkFactory(title="Read this", excerpt="Our words.")
    assert (link.display_title, link.display_excerpt) == ("Read this", "Our words.")


def test_external_related_link():
    link = RelatedLinkFactory(target=None, url="https://example.org/guide", title="A guide")
    link.full_clean()
    assert (link.display_title, link.display_excerpt) == ("A guide", "")
    assert link.href == "https://example.org/guide"
    assert link.is_external
    assert link.picture is None


@pytest.mark.parametrize(
    ("with_target", "url"), [(True, "https://example.org/"), (False, "")], ids=["both", "neither"]
)
def test_related_link_needs_exactly_one_of_article_or_url(with_target, url):
    article = ArticleFactory()
    link = RelatedLink(
        article=article, target=ArticleFactory() if with_target else None, url=url, title="T"
    )
    with pytest.raises(ValidationError, match="not both"):
        link.clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        link.save()


def test_related_link_cannot_point_to_its_own_article():
    article = ArticleFactory()
    link = RelatedLink(article=article, target=article)
    with pytest.raises(ValidationError) as error:
        link.clean()
    assert list(error.value.message_dict) == ["target"]


def test_external_related_link_needs_a_title():
    link = RelatedLink(article=ArticleFactory(), url="https://example.org/", title=" ")
    with pytest.raises(ValidationError) as error:
        link.clean()
    assert list(error.value.message_dict) == ["title"]


def test_related_links_are_ordered_by_position():
    article = ArticleFactory()
    third = RelatedLinkFactory(article=article, position=3)
    first = RelatedLinkFactory(article=article, position=1)
    second = RelatedLinkFactory(article=article, position=2)
    assert list(article.related_links.all()) == [first, second, third]


# Site settings: one row.


def test_load_creates_the_one_row_with_defaults():
    assert not SiteSettings.objects.exists()
    settings = SiteSettings.load()
    assert settings.pk == 1
    assert settings.site_name == "Healthsite"
    assert SiteSettings.objects.count() == 1
    SiteSettings.load()
    assert SiteSettings.objects.count() == 1


def test_saving_a_second_instance_replaces_the_one_row():
    SiteSettings.load()
    SiteSettings(site_name="Well Told").save()
    assert list(SiteSettings.objects.values_list("pk", "site_name")) == [(1, "Well Told")]


def test_site_settings_cannot_be_deleted():
    settings = SiteSettings.load()
    with pytest.raises(ValidationError):
        settings.delete()
    assert SiteSettings.objects.filter(pk=1).exists()


def test_database_refuses_a_second_settings_row():
    SiteSettings.load()
    with pytest.raises(IntegrityError), transaction.atomic():
        SiteSettings.objects.bulk_create([SiteSettings(pk=2)])


def test_load_is_cached(django_assert_num_queries):
    SiteSettings.load()
    with django_assert_num_queries(0):
        assert SiteSettings.load().pk == 1


def test_load_returns_new_values_after_save(django_capture_on_commit_callbacks):
    settings = SiteSettings.load()  # now cached
    settings.site_name = "Well Told"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    assert SiteSettings.load().site_name == "Well Told"


def test_load_returns_new_values_after_saving_another_instance():
    SiteSettings.load()  # now cached
    fresh = SiteSettings.objects.get(pk=1)
    fresh.disclaimer = "Not medical advice."
    fresh.save()
    assert SiteSettings.load().disclaimer == "Not medical advice."


def test_a_cached_copy_expires_so_other_processes_see_changes_within_a_minute(settings):
    """Another worker with its own memory cache changed the row meanwhile (no REDIS_URL)."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    }
    with time_machine.travel(NOW, tick=False) as traveller:
        SiteSettings.load()
        SiteSettings.objects.filter(pk=1).update(site_name="Changed elsewhere")
        assert SiteSettings.load().site_name != "Changed elsewhere"  # the cached copy
        traveller.shift(SiteSettings.CACHE_SECONDS + 1)
        assert SiteSettings.load().site_name == "Changed elsewhere"


@time_machine.travel(datetime(2031, 1, 1, 12, tzinfo=UTC))
def test_copyright_line_has_the_current_year():
    settings = SiteSettings.load()
    assert settings.copyright_line == "© 2031 Healthsite. All rights reserved."
    settings.copyright = "Text © Well Told, 2020–{year}"
    assert settings.copyright_line == "Text © Well Told, 2020–2031"


def test_share_networks_default_to_all_in_order():
    assert SiteSettings.load().share_networks == [
        "pinterest",
        "facebook",
        "x",
        "linkedin",
        "email",
        "copy",
    ]


def test_share_networks_leave_out_the_unticked():
    settings = SiteSettings.load()
    settings.share_pinterest = False
    settings.share_x = False
    settings.save()
    assert SiteSettings.load().share_networks == ["facebook", "linkedin", "email", "copy"]


def test_site_settings_text():
    assert str(SiteSettings.load()) == "Site settings"


def test_an_automatic_summary_is_plain_text_not_html_entities():
    article = ArticleFactory(excerpt="", body='Fish & chips < 3 "quoted"')

    assert article.summary == 'Fish & chips < 3 "quoted"'


def test_an_articles_address_follows_its_slug(db):
    article = ArticleFactory(slug="first")
    assert article.get_absolute_url() == "/articles/first/"
    article.slug = "second"
    assert article.get_absolute_url() == "/articles/second/"
