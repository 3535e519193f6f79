"""An editor at the article change form: open it as drawn, change a field or two, press Save.

The data posted is the form the admin drew (tests.form_data): hidden fields, the related
links' management form and the version seen included, so each test changes only what an
editor would change.
"""

from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone

from articles import demo_content, demo_images
from articles.demo import seed_article
from tests.factories import ArticleFactory, CategoryFactory, image_file
from tests.form_data import form_data
from tests.markup import parse

ADD_URL = "/admin/articles/article/add/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def article_with_image(**fields):
    fields.setdefault("featured_image", image_file("oats.jpg", size=(800, 500)))
    fields.setdefault("featured_image_alt", "A bowl of oats with berries")
    return ArticleFactory(**fields)


def demo_article(slug="walking-after-meals"):
    """One article of the demo, as seed_demo makes it (drawn image and all), drawn small."""
    data = next(article for article in demo_content.ARTICLES if article["slug"] == slug)
    category = CategoryFactory(slug=data["category"], name=data["category"].title())
    size, demo_images.SIZE = demo_images.SIZE, (480, 270)
    try:
        return seed_article(data=data, category=category, now=timezone.now())
    finally:
        demo_images.SIZE = size


def logged_in(user):
    """An admin client logged in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def open_form(client, article=None):
    """The change form (the add form without an article) as the browser would send it."""
    response = client.get(change_url(article) if article else ADD_URL)
    assert response.status_code == 200
    return form_data(response, "article_form")


def resubmit(response):
    """The form of a refused save, as drawn again, to press Save once more."""
    return form_data(response, "article_form")


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def field_errors(response, field):
    """The error messages shown in the row of `field`."""
    row = parse(response).find("div", class_=f"field-{field}")
    if row is None:
        return []
    return [
        item.text for ul in row.find_all("ul", class_="errorlist") for item in ul.find_all("li")
    ]


def all_errors(response):
    return [
        item.text
        for ul in parse(response).find_all("ul", class_="errorlist")
        for item in ul.find_all("li")
    ]
