"""The demo's media library: an image uploaded once, placed in an article's body, shown on its
page with its renditions; a second run adds nothing."""

import io

import pytest
from django.core.management import call_command

from articles import demo_images
from articles.library import MediaImage
from articles.models import Article
from tests.markup import parse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _small_images(monkeypatch):
    monkeypatch.setattr(demo_images, "SIZE", (480, 270))
    monkeypatch.setattr(demo_images, "PORTRAIT_SIZE", (120, 120))


def test_the_demo_places_a_library_image_in_an_article(client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    media = MediaImage.objects.get()
    assert media.renditions and media.credit
    article = Article.objects.get(slug="walking-after-meals")
    assert f"](media:{media.pk} " in article.body
    page = parse(client.get(article.get_absolute_url()))
    image = page.find("div", class_="article-body").find("figure").find("img")
    assert image["srcset"] == media.picture.jpeg_srcset
    assert image["alt"] == media.alt
