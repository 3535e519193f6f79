"""The admin as editors use it: articles, their images and links, site settings, flat pages."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.contrib.flatpages.models import FlatPage
from django.contrib.messages import get_messages
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from articles.models import Article, RelatedLink, SiteSettings
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    PersonFactory,
    RelatedLinkFactory,
    TagFactory,
    UserFactory,
    image_file,
)

from .test_images import png_bomb

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/articles/article/"
ADD = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


@pytest.fixture
def superuser_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def article_form(category, links=(), initial_links=0, sources=(), **fields):
    """The add/change form as the browser posts it, sources and related links inline included."""
    data = {
        "title": "Why we wake at 3 a.m.",
        "slug": "why-we-wake",
        "author": "",
        "category": category.pk,
        "excerpt": "",
        "body": "Waking in the night is common.\n\n## What helps\n\nA dark, cool room.",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "updated_at_0": "",
        "updated_at_1": "",
        "comments_open": "on",
        "featured_image_alt": "",
        "key_points": "",
        "reviewer": "",
        "reviewed_on": "",
        "cta_text": "",
        "cta_url": "",
        "cta_label": "Learn more",
        "related_links-TOTAL_FORMS": str(len(links)),
        "related_links-INITIAL_FORMS": str(initial_links),
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
        "sources-TOTAL_FORMS": str(len(sources)),
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
    }
    for index, source in enumerate(sources):
        for name in ("id", "position", "title", "url", "publisher", "date"):
            data[f"sources-{index}-{name}"] = source.get(name, "")
    for index, link in enumerate(links):
        for name in ("id", "position", "target", "url", "title", "excerpt"):
            data[f"related_links-{index}-{name}"] = link.get(name, "")
    data.update(fields)
    return data


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def errors_of(response):
    return re.findall(
        r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S
    )


def png(size, mode="1"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return SimpleUploadedFile("big.png", buffer.getvalue(), content_type="image/png")


def truncated_jpeg():
    buffer = io.BytesIO()
    Image.effect_noise((600, 400), 60).convert("RGB").save(buffer, format="JPEG")
    data = buffer.getvalue()
    return SimpleUploadedFile("cut.jpg", data[: len(data) // 2], content_type="image/jpeg")


# The article list.


def test_article_changelist_lists_every_state(staff_client):
    ArticleFactory(title="Published one")
    ArticleFactory(title="Draft one", status="draft", published_at=None)
    ArticleFactory(title="Scheduled one", published_at=timezone.now() + timedelta(days=3))
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    titles = {a.title for a in response.context["cl"].result_list}
    assert titles == {"Published one", "Draft one", "Scheduled one"}
    html = response.content.decode()
    assert "Scheduled for " in html
    assert ">Draft<" in html


@pytest.mark.parametrize("state", ["draft", "scheduled", "published"])
def test_article_changelist_filters_by_state(staff_client, state):
    ArticleFactory(title="published")
    ArticleFactory(title="draft", status="draft", published_at=None)
    ArticleFactory(title="scheduled", published_at=timezone.now() + timedelta(days=3))
    response = staff_client.get(CHANGELIST, {"state": state})
    assert response.status_code == 200
    assert [a.title for a in response.context["cl"].result_list] == [state]


def test_a_scheduled_article_whose_time_came_is_in_the_published_filter(staff_client):
    """Nothing is stored when its time comes: the filter reads the date."""
    moment = timezone.now() + timedelta(hours=1)
    article = ArticleFactory(title="Was scheduled", published_at=moment)
    assert [
        a.title
        for a in staff_client.get(CHANGELIST, {"state": "scheduled"}).context["cl"].result_list
    ] == ["Was scheduled"]

    with time_machine.travel(moment + timedelta(minutes=1)):
        published = staff_client.get(CHANGELIST, {"state": "published"})
        scheduled = staff_client.get(CHANGELIST, {"state": "scheduled"})
        listed = staff_client.get(CHANGELIST).content.decode()

    assert list(published.context["cl"].result_list) == [article]
    assert list(scheduled.context["cl"].result_list) == []
    assert "Scheduled for" not in listed


def test_article_changelist_filters_by_category_and_tag(staff_client):
    sleep = CategoryFactory(name="Sleep")
    naps = TagFactory(name="Naps")
    in_sleep = ArticleFactory(category=sleep)
    tagged = ArticleFactory(tags=[naps])
    ArticleFactory()
    by_category = staff_client.get(CHANGELIST, {"category__id__exact": sleep.pk})
    by_tag = staff_client.get(CHANGELIST, {"tags__id__exact": naps.pk})
    assert list(by_category.context["cl"].result_list) == [in_sleep]
    assert list(by_tag.context["cl"].result_list) == [tagged]


def test_article_changelist_search_finds_title_excerpt_and_body(staff_client):
    by_title = ArticleFactory(title="Melatonin myths")
    by_excerpt = ArticleFactory(excerpt="What melatonin does.")
    by_body = ArticleFactory(body="Some take MELATONIN at night.")
    ArticleFactory(title="Hydration")
    response = staff_client.get(CHANGELIST, {"q": "melatonin"})
    assert response.status_code == 200
    assert set(response.context["cl"].result_list) == {by_title, by_excerpt, by_body}


def test_article_changelist_date_hierarchy(staff_client):
    article = ArticleFactory()
    response = staff_client.get(CHANGELIST, {"published_at__year": article.published_at.year})
    assert list(response.context["cl"].result_list) == [article]


def test_article_changelist_shows_a_thumbnail(staff_client):
    ArticleFactory(featured_image=image_file("oats.jpg"), featured_image_alt="Oats")
    response = staff_client.get(CHANGELIST)
    assert re.search(
        r'<img src="/media/articles/[^"]+/renditions/oats-480\.jpg"', response.content.decode()
    )


def test_category_and_tag_lists_count_articles(staff_client):
    sleep, food = CategoryFactory(name="Sleep"), CategoryFactory(name="Food")
    naps = TagFactory(name="Naps")
    ArticleFactory.create_batch(2, category=sleep, tags=[naps])
    ArticleFactory(category=food)
    categories = staff_client.get("/admin/articles/category/", {"o": "-3"})  # most first
    tags = staff_client.get("/admin/articles/tag/")
    assert [(c.name, c.article_count) for c in categories.context["cl"].result_list] == [
        ("Sleep", 2),
        ("Food", 1),
    ]
    assert [(t.name, t.article_count) for t in tags.context["cl"].result_list] == [("Naps", 2)]


def test_admin_is_for_staff_only(client):
    response = client.get(CHANGELIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Adding and changing an article.


def test_add_form_renders_with_the_related_links_inline(staff_client):
    response = staff_client.get(ADD)
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("id_title", "id_slug", "id_body", "id_featured_image", "id_cta_url"):
        assert f'id="{field}"' in html
    assert 'name="related_links-TOTAL_FORMS"' in html
    # The slug is prefilled from the title as the editor types.
    assert re.search(r"&quot;#id_slug&quot;.*?&quot;dependency_ids&quot;: \[&quot;#id_title", html)


def test_add_article_with_an_image_and_related_links(staff_client):
    category = CategoryFactory()
    tag = TagFactory()
    target = ArticleFactory(title="Naps that help")
    data = article_form(
        category,
        links=[
            {"position": "1", "url": "https://example.org/guide", "title": "A sleep guide"},
            {"position": "0", "target": str(target.pk)},
        ],
        tags=[tag.pk],
        status="published",
        featured_image=image_file("night.jpg", size=(1000, 600)),
        featured_image_alt="A bedroom at night",
        cta_text="Try our two-week sleep diary.",
        cta_url="https://example.org/diary",
    )
    response = staff_client.post(ADD, data)
    assert response.status_code == 302, errors_of(response)

    article = Article.objects.get(slug="why-we-wake")
    assert article.status == Article.Status.PUBLISHED
    assert timezone.now() - article.published_at < timedelta(minutes=1)  # left blank: now
    assert list(article.tags.all()) == [tag]
    assert '<h2 id="section-what-helps">What helps</h2>' in article.body_html
    assert article.excerpt == ""  # left blank: the summary follows the body
    assert article.summary == "Waking in the night is common. A dark, cool room."
    assert article.featured_image.name.endswith("night.jpg")
    assert default_storage.exists(article.featured_image.name)
    assert {r["width"] for r in article.image_renditions} == {480, 960, 1000}
    assert all(default_storage.exists(r["name"]) for r in article.image_renditions)
    assert [link.display_title for link in article.related_links.all()] == [
        "Naps that help",
        "A sleep guide",
    ]


def test_add_article_with_a_future_date_schedules_it(staff_client):
    when = timezone.localtime() + timedelta(days=3)
    data = article_form(
        CategoryFactory(),
        status="published",
        published_at_0=when.strftime("%Y-%m-%d"),
        published_at_1=when.strftime("%H:%M:%S"),
    )
    response = staff_client.post(ADD, data)
    assert response.status_code == 302, errors_of(response)
    article = Article.objects.get()
    assert (article.status, article.state) == (Article.Status.PUBLISHED, Article.State.SCHEDULED)
    assert not Article.objects.published().exists()
    assert "Scheduled for " in staff_client.get(CHANGELIST).content.decode()


def test_add_article_without_alt_text_is_refused(staff_client, settings):
    """Refused; the image is only kept aside for the next try (see test_editing)."""
    data = article_form(CategoryFactory(), featured_image=image_file())
    response = staff_client.post(ADD, data)
    assert response.status_code == 200
    assert "Describe the image for readers who cannot see it." in response.content.decode()
    assert not Article.objects.exists()
    assert [path.parent.name for path in media_files(settings)] == ["staging"]


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (truncated_jpeg, "This file is not a readable image, or it is damaged."),
        (lambda: png((8000, 6000)), "This image is 48 megapixels; the limit is 40."),
        (lambda: png((9000, 9000)), "This image is 81 megapixels; the limit is 40."),
    ],
    ids=["corrupt", "too-many-pixels", "more-pixels"],
)
def test_bad_image_is_a_form_error_and_nothing_is_stored(
    staff_client, settings, make_upload, message
):
    data = article_form(
        CategoryFactory(), featured_image=make_upload(), featured_image_alt="Something"
    )
    response = staff_client.post(ADD, data)
    assert response.status_code == 200
    assert any(message in error for error in errors_of(response))
    # What the editor typed is kept for the next try.
    assert 'value="Why we wake at 3 a.m."' in response.content.decode()
    assert not Article.objects.exists()
    assert media_files(settings) == []


def test_decompression_bomb_is_a_form_error(staff_client, settings):
    bomb = SimpleUploadedFile("bomb.png", png_bomb(20_000, 20_000), content_type="image/png")
    data = article_form(CategoryFactory(), featured_image=bomb, featured_image_alt="x")
    response = staff_client.post(ADD, data)
    assert response.status_code == 200
    assert errors_of(response)
    assert not Article.objects.exists()
    assert media_files(settings) == []


def test_change_form_shows_the_image_preview(staff_client):
    article = ArticleFactory(featured_image=image_file("oats.jpg"), featured_image_alt="Oats")
    response = staff_client.get(change_url(article))
    assert response.status_code == 200
    assert re.search(r'<img src="[^"]+oats-1200\.jpg" alt="Oats"', response.content.decode())


def test_add_article_with_people_key_points_and_sources(staff_client):
    author = PersonFactory(name="Dana Writer")
    reviewer = PersonFactory(name="Ray Reviewer", credentials="MD")
    data = article_form(
        CategoryFactory(),
        author=str(author.pk),
        reviewer=str(reviewer.pk),
        reviewed_on="2024-06-01",
        key_points="Waking is common.\nA cool room helps.",
        sources=[
            {
                "position": "1",
                "title": "Insomnia",
                "url": "www.nhs.uk/conditions/insomnia/",
                "publisher": "NHS",
                "date": "2024-02",
            },
            {"position": "0", "title": "A sleep textbook", "date": "2019"},
        ],
    )

    response = staff_client.post(ADD, data)

    assert response.status_code == 302, errors_of(response)
    article = Article.objects.get()
    assert (article.author, article.reviewer) == (author, reviewer)
    assert article.key_point_list == ["Waking is common.", "A cool room helps."]
    assert [(s.title, s.url, s.publisher, s.date) for s in article.sources.all()] == [
        ("A sleep textbook", "", "", "2019"),
        ("Insomnia", "https://www.nhs.uk/conditions/insomnia/", "NHS", "2024-02"),
    ]


@pytest.mark.parametrize("date", ["March 2024", "2024-13", "2024-02-30", "24", "2024/02/01"])
def test_a_source_date_not_written_as_iso_is_refused(staff_client, date):
    data = article_form(CategoryFactory(), sources=[{"position": "0", "title": "A", "date": date}])

    response = staff_client.post(ADD, data)

    assert response.status_code == 200
    assert any("YYYY, YYYY-MM or YYYY-MM-DD" in error for error in errors_of(response))
    assert not Article.objects.exists()


def test_article_form_finds_people_by_autocomplete(staff_client):
    PersonFactory(name="Amira Haddad", credentials="MD")
    PersonFactory(name="Tom Whitaker")
    article = ArticleFactory()

    form = staff_client.get(change_url(article)).content.decode()
    found = staff_client.get(
        "/admin/autocomplete/",
        {"term": "hadd", "app_label": "articles", "model_name": "article", "field_name": "author"},
    )

    assert 'data-ajax--url="/admin/autocomplete/"' in form
    assert [result["text"] for result in found.json()["results"]] == ["Amira Haddad, MD"]


# Publish and unpublish actions.


def test_publish_action_on_a_mixed_selection(staff_client):
    draft = ArticleFactory(status="draft", published_at=None)
    published = ArticleFactory()
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    published_on = published.published_at

    response = staff_client.post(
        CHANGELIST,
        {"action": "publish", "_selected_action": [draft.pk, published.pk, scheduled.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["2 articles published."]
    # "Publish now": the draft and the scheduled article are public at once.
    for article in (draft, scheduled):
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        assert article.is_public
    # An already published article keeps its date.
    published.refresh_from_db()
    assert published.published_at == published_on


def test_publish_now_never_moves_a_date_forward(staff_client):
    """Only a date to come becomes now: a date already past is kept, whether the article was
    published then, scheduled for a time that has come, or a draft given its date."""
    now = timezone.now()
    past = now - timedelta(days=3)
    published = ArticleFactory(published_at=past)
    time_came = ArticleFactory(published_at=now - timedelta(minutes=5))
    dated_draft = ArticleFactory(status="draft", published_at=past)
    undated_draft = ArticleFactory(status="draft", published_at=None)
    scheduled = ArticleFactory(published_at=now + timedelta(days=2))
    versions = {a.pk: a.version for a in (published, time_came)}

    response = staff_client.post(
        CHANGELIST,
        {
            "action": "publish",
            "_selected_action": [
                a.pk for a in (published, time_came, dated_draft, undated_draft, scheduled)
            ],
        },
        follow=True,
    )

    assert [str(m) for m in get_messages(response.wsgi_request)] == ["3 articles published."]
    for article in (published, time_came, dated_draft, undated_draft, scheduled):
        article.refresh_from_db()
        assert article.is_public
    assert published.published_at == past
    assert dated_draft.published_at == past
    assert time_came.published_at == now - timedelta(minutes=5)
    # Already public: untouched, not even saved.
    assert {a.pk: a.version for a in (published, time_came)} == versions
    for article in (undated_draft, scheduled):
        assert now <= article.published_at <= timezone.now()


def test_unpublish_action_on_a_mixed_selection(staff_client):
    draft = ArticleFactory(status="draft", published_at=None)
    published = ArticleFactory()
    scheduled = ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    response = staff_client.post(
        CHANGELIST,
        {"action": "unpublish", "_selected_action": [draft.pk, published.pk, scheduled.pk]},
        follow=True,
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["2 articles unpublished."]
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert not Article.objects.published().exists()
    assert staff_client.get(published.get_absolute_url()).status_code == 200
    assert Client().get(published.get_absolute_url()).status_code == 404


def test_actions_need_the_change_permission(client):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(viewer)
    draft = ArticleFactory(status="draft", published_at=None)
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert 'value="publish"' not in response.content.decode()
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


# View on site.


def test_view_on_site_of_a_draft_shows_it_to_staff_with_a_banner(staff_client, client):
    draft = ArticleFactory(status="draft", published_at=None, title="Unfinished piece")
    change = staff_client.get(change_url(draft)).content.decode()
    view_on_site = re.search(r'<a href="([^"]+)" class="viewsitelink"', change).group(1)

    redirect = staff_client.get(view_on_site)
    assert redirect.status_code == 302
    assert redirect["Location"].endswith(draft.get_absolute_url())

    page = staff_client.get(redirect["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "draft-banner" in html
    assert "only staff can see this page" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert "no-cache" in page["Cache-Control"]

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_published_article_has_no_draft_banner(staff_client):
    article = ArticleFactory()
    assert "draft-banner" not in staff_client.get(article.get_absolute_url()).content.decode()


# Related links inline.


def test_related_links_inline_is_ordered_by_position(staff_client):
    article = ArticleFactory()
    third = RelatedLinkFactory(article=article, position=2, title="Third")
    first = RelatedLinkFactory(article=article, position=0, title="First")
    second = RelatedLinkFactory(article=article, position=1, title="Second")
    response = staff_client.get(change_url(article))
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == "related_links"
    )
    assert [form.instance for form in formset.initial_forms] == [first, second, third]
    html = response.content.decode()
    assert html.index('value="First"') < html.index('value="Second"') < html.index('value="Third"')


def test_related_link_with_both_article_and_url_is_refused(staff_client):
    article = ArticleFactory(slug="why-we-wake")
    target = ArticleFactory()
    data = article_form(
        article.category,
        links=[{"target": str(target.pk), "url": "https://example.org/", "title": "Both"}],
    )
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "Choose one of our articles or give an external address, not both." in (
        response.content.decode()
    )
    assert not RelatedLink.objects.exists()


def test_external_related_link_without_title_is_refused(staff_client):
    article = ArticleFactory(slug="why-we-wake")
    data = article_form(article.category, links=[{"url": "https://example.org/"}])
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "An external link needs a title." in response.content.decode()
    assert not RelatedLink.objects.exists()


def test_related_link_to_itself_is_refused(staff_client):
    article = ArticleFactory(slug="why-we-wake")
    data = article_form(article.category, links=[{"target": str(article.pk)}])
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "An article cannot be related to itself." in response.content.decode()
    assert not RelatedLink.objects.exists()


def test_reordering_related_links(staff_client):
    article = ArticleFactory(slug="why-we-wake")
    first = RelatedLinkFactory(article=article, position=0)
    second = RelatedLinkFactory(article=article, position=1)
    data = article_form(
        article.category,
        links=[
            {"id": str(first.pk), "position": "5", "target": str(first.target_id)},
            {"id": str(second.pk), "position": "1", "target": str(second.target_id)},
        ],
        initial_links=2,
        title=article.title,
        status="published",
        published_at_0=article.published_at.strftime("%Y-%m-%d"),
        published_at_1=article.published_at.strftime("%H:%M:%S"),
    )
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 302, errors_of(response)
    assert list(article.related_links.all()) == [second, first]


# Site settings.


def test_site_settings_list_opens_the_one_row(staff_client):
    response = staff_client.get("/admin/articles/sitesettings/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/sitesettings/1/change/"
    assert SiteSettings.objects.count() == 1
    assert staff_client.get(response["Location"]).status_code == 200


def test_site_settings_cannot_be_added_or_deleted(superuser_client):
    SiteSettings.load()
    assert superuser_client.get("/admin/articles/sitesettings/add/").status_code == 403
    change = superuser_client.get("/admin/articles/sitesettings/1/change/").content.decode()
    assert "deletelink" not in change
    assert superuser_client.get("/admin/articles/sitesettings/1/delete/").status_code == 403
    response = superuser_client.post("/admin/articles/sitesettings/1/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert SiteSettings.objects.count() == 1
    index = superuser_client.get("/admin/").content.decode()
    assert "/admin/articles/sitesettings/add/" not in index
    assert "/admin/articles/article/add/" in index


def test_site_settings_changes_show_in_the_footer(
    staff_client, django_capture_on_commit_callbacks
):
    ArticleFactory()
    assert "Talk to your doctor first." not in staff_client.get("/").content.decode()
    data = {
        "site_name": "Well Told",
        "tagline": "Health, plainly",
        "twitter_handle": "welltold",
        "disclaimer": "This site does not give medical advice.\n\nTalk to your doctor first.",
        "copyright": "© {year} Well Told Media",
        "share_facebook": "on",
        "share_email": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post("/admin/articles/sitesettings/1/change/", data)
    assert response.status_code == 302

    html = Client().get("/").content.decode()
    assert "<p>This site does not give medical advice.</p>" in html
    assert "<p>Talk to your doctor first.</p>" in html
    assert f"© {timezone.now().year} Well Told Media" in html
    assert SiteSettings.load().share_networks == ["facebook", "email"]


# Flat pages.


def test_flatpage_admin_sanitises_content(superuser_client):
    response = superuser_client.post(
        "/admin/flatpages/flatpage/add/",
        {
            "url": "/terms/",
            "title": "Terms and Conditions",
            "content": '<h2>Use of the site</h2><p onclick="steal()">Be kind.</p>'
            "<script>alert('terms')</script>",
            "sites": [1],
            "template_name": "",
        },
    )
    assert response.status_code == 302, errors_of(response)
    page = FlatPage.objects.get(url="/terms/")
    assert "<script>" not in page.content
    assert "onclick" not in page.content

    html = Client().get("/pages/terms/").content.decode()
    assert "<h2>Use of the site</h2>" in html
    assert "<p>Be kind.</p>" in html
    assert "alert('terms')" not in html  # the script goes whole, not shown as text
    assert "<script>alert(" not in html
