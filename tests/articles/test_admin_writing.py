"""The article form's writing aids on the server: the preview endpoint, the library chooser,
the media library's own admin, and a body that refers to a missing library image."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles import revisions
from articles.library import MediaImage
from tests.factories import ArticleFactory, StaffFactory, image_file
from tests.markup import parse

from .editor import ADD_URL, change_url, field_errors, open_form
from .media import library_image

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/admin/articles/article/preview/"
CHOOSER_URL = "/admin/articles/mediaimage/chooser/"


def staff_with(*codenames):
    user = StaffFactory()
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    client = Client()
    client.force_login(user)
    return client


def test_the_preview_renders_the_body_as_the_page_does(staff_client, article):
    media = library_image(caption="Breakfast")
    body = (
        f"## Oats\n\nA warm bowl.<script>alert(1)</script>\n\n![Oats]({media.reference} "
        '"Breakfast")\n\n<img src=x onerror="alert(1)">'
    )
    response = staff_client.post(PREVIEW_URL, {"body": body})
    assert response.status_code == 200
    data = response.json()
    article.body = body
    article.save()
    assert data["html"] == article.body_html
    assert parse(data["html"]).find("figure").find("img")["srcset"] == media.picture.jpeg_srcset
    assert "A <script> element was removed from the body." in data["notes"]
    assert "An onerror attribute was removed from the body." in data["notes"]
    assert (data["words"], data["minutes"]) == article.reading_time == (5, 1)
    assert data["length"] == "5 words · 1 min read"


def test_the_preview_names_a_missing_library_image(staff_client):
    data = staff_client.post(PREVIEW_URL, {"body": "![gone](media:424242)"}).json()
    assert data["notes"] == [
        "The body refers to a library image that does not exist: media:424242."
    ]


def test_the_preview_is_a_csrf_checked_post_for_those_who_may_change_articles(staff_user):
    assert staff_with("view_article").post(PREVIEW_URL, {"body": "x"}).status_code == 403
    assert staff_with("change_article").post(PREVIEW_URL, {"body": "x"}).status_code == 200
    assert staff_with("change_article").get(PREVIEW_URL).status_code == 405
    anonymous = Client().post(PREVIEW_URL, {"body": "x"})
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(staff_user)
    assert checked.post(PREVIEW_URL, {"body": "x"}).status_code == 403


def test_a_writer_who_may_only_add_articles_gets_the_preview_of_the_add_form():
    writer = staff_with("add_article", "view_article")
    form = parse(writer.get(ADD_URL)).one("textarea", name="body")
    assert form["data-preview-url"] == PREVIEW_URL
    response = writer.post(PREVIEW_URL, {"body": "**Oats**"})
    assert response.status_code == 200
    assert response.json()["html"] == "<p><strong>Oats</strong></p>"


def test_the_chooser_lists_and_searches_the_library(staff_client):
    oats = library_image(alt="Oats [rolled]", caption='The "best" breakfast')
    library_image(alt="A walk in the park", credit="Photo: Ana Ruiz")
    results = staff_client.get(CHOOSER_URL).json()["results"]
    assert [r["alt"] for r in results] == ["A walk in the park", "Oats [rolled]"]
    found = staff_client.get(CHOOSER_URL, {"q": "breakfast"}).json()["results"]
    assert [r["id"] for r in found] == [oats.pk]
    assert found[0]["markdown"] == (
        f'![Oats \\[rolled\\]](media:{oats.pk} "The &quot;best&quot; breakfast")'
    )
    assert found[0]["thumbnail"].endswith("-480.jpg")
    assert staff_client.get(CHOOSER_URL, {"q": "ana ruiz"}).json()["results"][0]["alt"] == (
        "A walk in the park"
    )


def test_the_markdown_the_chooser_inserts_renders_its_alt_and_caption(staff_client, article):
    library_image(alt="Oats [rolled]", caption='The "best" breakfast')
    markdown = staff_client.get(CHOOSER_URL).json()["results"][0]["markdown"]
    html = staff_client.post(PREVIEW_URL, {"body": markdown}).json()["html"]
    figure = parse(html).find("figure")
    assert figure.find("img")["alt"] == "Oats [rolled]"
    assert figure.find("figcaption").text == 'The "best" breakfast'


def test_the_chooser_reads_the_library_in_one_query_whatever_it_holds(staff_client):
    library_image()
    with CaptureQueriesContext(connection) as one_image:
        staff_client.get(CHOOSER_URL)
    for _ in range(5):
        library_image()
    with CaptureQueriesContext(connection) as six_images:
        results = staff_client.get(CHOOSER_URL).json()["results"]
    assert len(results) == 6
    assert len(six_images) == len(one_image)
    library_queries = [q for q in six_images.captured_queries if "articles_mediaimage" in q["sql"]]
    assert len(library_queries) == 1


def test_the_chooser_needs_the_library_view_permission():
    assert staff_with("change_article").get(CHOOSER_URL).status_code == 403
    assert staff_with("view_mediaimage").get(CHOOSER_URL).status_code == 200


def test_the_body_field_tells_the_script_where_to_preview_and_choose(staff_client, article):
    body = parse(staff_client.get(change_url(article))).one("textarea", name="body")
    assert body["data-preview-url"] == PREVIEW_URL
    assert body["data-chooser-url"] == CHOOSER_URL
    assert body["data-draft-key"] == f"articles.article:{article.pk}"
    new = parse(staff_client.get(ADD_URL)).one("textarea", name="body")
    assert new["data-draft-key"] == "articles.article:new"
    without_library = staff_with("change_article", "add_article", "view_article")
    page = parse(without_library.get(change_url(article)))
    assert "data-chooser-url" not in page.one("textarea", name="body").attrs


def test_the_article_form_loads_the_editor_script(staff_client, article):
    scripts = [
        s.get("src", "") for s in parse(staff_client.get(change_url(article))).find_all("script")
    ]
    assert any(src.endswith("js/article-editor.js") for src in scripts)
    ours = [src.rsplit("/", 1)[-1] for src in scripts if "/js/" in src and "admin" not in src]
    assert ours.index("media-chooser.js") < ours.index("article-editor.js")


def test_a_body_referring_to_a_missing_library_image_is_refused(staff_client, article):
    data = open_form(staff_client, article)
    data["body"] = "Text.\n\n![gone](media:424242)"
    response = staff_client.post(change_url(article), data)
    assert response.status_code == 200
    assert field_errors(response, "body") == [
        "The body refers to a library image that does not exist: media:424242."
    ]


def test_a_library_image_is_uploaded_through_the_pipeline_in_the_admin(staff_client):
    response = staff_client.post(
        "/admin/articles/mediaimage/add/",
        {
            "image": image_file("walk.jpg", size=(1000, 600), exif=b"Exif\x00\x00x"),
            "alt": "A walk",
            "caption": "After dinner",
            "credit": "Photo: Ana",
        },
    )
    assert response.status_code == 302
    media = MediaImage.objects.get()
    assert sorted({r["width"] for r in media.renditions}) == [480, 960, 1000]
    assert media.uploaded_by is not None
    listing = parse(staff_client.get("/admin/articles/mediaimage/", {"q": "walk"}))
    assert listing.find("img", class_="admin-thumbnail") is not None
    assert "After dinner" in listing.find("table", id="result_list").text


def test_a_library_image_needs_its_alt_text_and_keeps_the_chosen_file(staff_client):
    response = staff_client.post(
        "/admin/articles/mediaimage/add/", {"image": image_file("walk.jpg"), "alt": ""}
    )
    assert response.status_code == 200
    assert field_errors(response, "alt") == ["This field is required."]
    token = parse(response).one("input", name="staged_image")["value"]
    response = staff_client.post(
        "/admin/articles/mediaimage/add/", {"staged_image": token, "alt": "A walk"}
    )
    assert response.status_code == 302
    assert MediaImage.objects.get().alt == "A walk"


def test_an_image_is_required(staff_client):
    response = staff_client.post("/admin/articles/mediaimage/add/", {"alt": "Nothing"})
    assert field_errors(response, "image") == ["This field is required."]


def test_a_library_image_placed_in_an_article_cannot_be_deleted(staff_client, article):
    media, unused = library_image(), library_image(alt="Unused")
    article.body = f"Text.\n\n![Oats]({media.reference})"
    article.save()
    url = f"/admin/articles/mediaimage/{media.pk}/delete/"
    response = staff_client.get(url)
    assert article.title in parse(response).find("div", id="content").text
    staff_client.post(url, {"post": "yes"})
    assert MediaImage.objects.filter(pk=media.pk).exists()
    staff_client.post(f"/admin/articles/mediaimage/{unused.pk}/delete/", {"post": "yes"})
    assert not MediaImage.objects.filter(pk=unused.pk).exists()


def test_a_library_image_placed_only_in_a_draft_revision_cannot_be_deleted(staff_client):
    article = ArticleFactory(title="Oats for breakfast", body="No image yet.")
    media = library_image()
    article.body = f"Text.\n\n![Oats]({media.reference})"
    revisions.save_draft(article=article, user=None, sources=[])
    url = f"/admin/articles/mediaimage/{media.pk}/delete/"
    assert "Oats for breakfast" in parse(staff_client.get(url)).find("div", id="content").text
    staff_client.post(url, {"post": "yes"})
    assert MediaImage.objects.filter(pk=media.pk).exists()


def test_a_changed_caption_credit_reaches_the_articles_at_once(staff_client, article):
    media = library_image(credit="Photo: Ana")
    article.body = f"![Oats]({media.reference})"
    article.save()
    version = article.version
    assert "Photo: Ana" in Client().get(article.get_absolute_url()).content.decode()
    response = staff_client.post(
        f"/admin/articles/mediaimage/{media.pk}/change/",
        {"alt": media.alt, "caption": "", "credit": "Photo: Ana Ruiz"},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert parse(article.body_html).find("small").text == "Photo: Ana Ruiz"
    assert article.version == version  # an editor's open form is not made stale
    # A reader's cached copy of the page is: the next one shows the new credit.
    assert "Photo: Ana Ruiz" in Client().get(article.get_absolute_url()).content.decode()


def test_the_file_of_a_library_image_is_not_replaced(staff_client):
    media = library_image()
    original = media.image.name
    staff_client.post(
        f"/admin/articles/mediaimage/{media.pk}/change/",
        {"image": image_file("other.jpg"), "alt": "Changed"},
    )
    media.refresh_from_db()
    assert (media.image.name, media.alt) == (original, "Changed")
