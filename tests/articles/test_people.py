"""People: the Person model (photo through the image pipeline, profile links), how staff
appear in public, and a person's page at /authors/<slug>/."""

import datetime
import json

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from articles.models import Article, Person, SiteSettings
from articles.people import public_name_for, public_role_for
from articles.views import ARTICLES_PER_PAGE
from tests.factories import ArticleFactory, PersonFactory, StaffFactory, image_file
from tests.markup import parse

from .test_images import jpeg_with_exif, stored_image

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


# The model.


def test_name_with_credentials():
    assert str(PersonFactory.build(name="Amira Haddad", credentials="MD")) == "Amira Haddad, MD"
    assert str(PersonFactory.build(name="Tom Whitaker", credentials="")) == "Tom Whitaker"


def test_slugs_are_unique():
    PersonFactory(slug="dana")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="Another Dana", slug="dana")


def test_profile_links_are_one_https_address_a_line():
    person = PersonFactory.build(
        profile_links="  https://www.example.org/dana \n\nhttp://example.com/d\n"
    )
    person.full_clean()
    assert person.links == ["https://www.example.org/dana", "http://example.com/d"]


@pytest.mark.parametrize(
    "links",
    ["javascript:alert(1)", "www.example.org/dana", "https://ok.example\nnot a link"],
)
def test_a_profile_link_that_is_not_an_address_is_refused(links):
    with pytest.raises(ValidationError) as error:
        PersonFactory.build(profile_links=links).full_clean()
    assert list(error.value.message_dict) == ["profile_links"]


def test_a_photo_goes_through_the_image_pipeline():
    """Cleaned once (EXIF gone, upright) and resized to portrait widths, like a featured
    image."""
    person = PersonFactory(photo=jpeg_with_exif(size=(800, 600)))

    with default_storage.open(person.photo.name) as file:
        assert b"TestCam" not in file.read()
    assert stored_image(person.photo.name).size == (600, 800)
    assert sorted({r["width"] for r in person.photo_renditions}) == [96, 240, 480]
    assert {r["type"] for r in person.photo_renditions} == {"image/webp", "image/jpeg"}
    assert all(default_storage.exists(r["name"]) for r in person.photo_renditions)
    assert person.picture.src.endswith("-480.jpg")
    assert person.picture.alt == ""  # beside the name, which says who it is


def test_replacing_a_photo_deletes_the_old_files_after_commit(django_capture_on_commit_callbacks):
    person = PersonFactory(photo=image_file("first.jpg", size=(300, 300)))
    old = [person.photo.name, *(r["name"] for r in person.photo_renditions)]

    person.photo = image_file("second.jpg", size=(300, 300))
    with django_capture_on_commit_callbacks(execute=True):
        person.save()

    assert not any(default_storage.exists(name) for name in old)
    assert all("second" in r["name"] for r in person.photo_renditions)


def test_saving_again_never_reads_the_stored_photo(monkeypatch):
    person = PersonFactory(photo=image_file(size=(300, 300)))
    person = Person.objects.get(pk=person.pk)
    monkeypatch.setattr(
        "articles.images.make_renditions", lambda *a, **k: pytest.fail("resized again")
    )

    person.role = "Dietitian"
    person.full_clean()
    person.save()


def test_a_person_with_articles_cannot_be_deleted():
    author, reviewer = PersonFactory(), PersonFactory()
    ArticleFactory(author=author, reviewer=reviewer)
    for person in (author, reviewer):
        with pytest.raises(ProtectedError), transaction.atomic():
            person.delete()


def test_deleting_the_staff_account_keeps_the_person():
    staff = StaffFactory()
    person = PersonFactory(user=staff)
    staff.delete()
    person.refresh_from_db()
    assert person.user is None


# How staff appear in public.


def test_a_staff_member_appears_under_their_persons_name_and_role():
    staff = StaffFactory(username="erin.login", first_name="Erin")
    PersonFactory(name="Erin Okafor", role="Health editor", user=staff)

    assert public_name_for(staff) == "Erin Okafor"
    assert public_role_for(staff) == "Health editor"


def test_a_staff_member_who_is_no_person_appears_under_their_full_name_or_as_the_team():
    site_settings = SiteSettings.load()
    site_settings.site_name = "Wellspring"
    site_settings.save()
    staff = StaffFactory(username="erin.login", first_name="Erin", last_name="Editor")
    nameless = StaffFactory(username="nameless.login", first_name="", last_name="")

    assert public_name_for(staff) == "Erin Editor"
    assert public_name_for(nameless) == "The Wellspring team"
    assert public_role_for(staff) == ""
    assert public_name_for(AnonymousUser()) == "The Wellspring team"
    assert public_name_for(None) == "The Wellspring team"


# The person's page.


@pytest.fixture
def amira():
    return PersonFactory(
        name="Amira Haddad",
        slug="amira-haddad",
        credentials="MD",
        role="General practitioner",
        bio="A family doctor.\n\nShe reviews our articles on sleep.",
        profile_links="https://www.example.org/team/amira\nhttps://register.example.com/12345",
        photo=image_file("amira.jpg", size=(400, 400)),
    )


@pytest.fixture
def amiras_articles(amira):
    writer = PersonFactory(name="Tom Whitaker", slug="tom-whitaker")
    return {
        "written": ArticleFactory(title="Written by her", author=amira, published_at=days_ago(1)),
        "reviewed": ArticleFactory(
            title="Reviewed by her", author=writer, reviewer=amira, published_at=days_ago(2)
        ),
        "both": ArticleFactory(
            title="Written and reviewed", author=amira, reviewer=amira, published_at=days_ago(3)
        ),
        "draft": ArticleFactory(
            title="Her draft", author=amira, status=Article.Status.DRAFT, published_at=None
        ),
        "scheduled": ArticleFactory(
            title="Her scheduled", reviewer=amira, published_at=timezone.now() + days(2)
        ),
        "other": ArticleFactory(title="Not hers", author=writer),
    }


def days(count):
    return datetime.timedelta(days=count)


def test_a_persons_page_says_who_they_are(client, amira):
    response = client.get("/authors/amira-haddad/")

    assert response.status_code == 200
    page = parse(response)
    assert page.one("h1").text == "Amira Haddad, MD"
    assert page.one("p", "person-role").text == "General practitioner"
    assert [p.text for p in page.one("div", "person-bio").find_all("p")] == [
        "A family doctor.",
        "She reviews our articles on sleep.",
    ]
    photo = page.one("img", "person-photo")
    assert photo["src"] == amira.picture.src
    assert photo["fetchpriority"] == "high"


def test_profile_links_are_named_by_their_site_never_the_whole_address(client, amira):
    links = parse(client.get("/authors/amira-haddad/")).one("ul", "person-links").find_all("a")

    assert [(a.text, a["href"], a["rel"]) for a in links] == [
        ("Profile on www.example.org", "https://www.example.org/team/amira", "me noopener"),
        ("Profile on register.example.com", "https://register.example.com/12345", "me noopener"),
    ]


def test_a_persons_page_lists_what_they_wrote_and_reviewed_published_only(
    client, amira, amiras_articles
):
    page = parse(client.get("/authors/amira-haddad/"))

    cards = page.find_all("article", "article-card")
    assert [(c.one("h2").text, c.one("p", "card-person-part").text) for c in cards] == [
        ("Written by her", "Written"),
        ("Reviewed by her", "Medically reviewed"),
        ("Written and reviewed", "Written and medically reviewed"),
    ]


def test_a_scheduled_article_is_listed_once_its_time_has_come(client, amira, amiras_articles):
    with time_machine.travel(timezone.now() + days(3)):
        page = parse(client.get("/authors/amira-haddad/"))

    titles = [c.one("h2").text for c in page.find_all("article", "article-card")]
    assert titles[0] == "Her scheduled"


def test_a_person_without_published_articles_has_a_page_saying_so(client):
    PersonFactory(slug="new-writer", name="New Writer")

    page = parse(client.get("/authors/new-writer/"))

    assert page.one("h1").text == "New Writer"
    assert page.one("p", "empty-list").text == "No published articles yet."


def test_a_persons_articles_are_paginated_like_other_lists(client, amira):
    for n in range(ARTICLES_PER_PAGE + 2):
        ArticleFactory(title=f"Story {n}", author=amira, published_at=days_ago(n + 1))

    second = client.get("/authors/amira-haddad/?page=2")

    assert [c.one("h2").text for c in parse(second).find_all("article", "article-card")] == [
        f"Story {n}" for n in (10, 11)
    ]
    assert parse(second).one("link", rel="canonical")["href"] == (
        "http://testserver/authors/amira-haddad/?page=2"
    )
    assert client.get("/authors/amira-haddad/?page=3").status_code == 404
    assert client.get("/authors/amira-haddad/?page=two").status_code == 404


def test_an_unknown_person_is_a_404(client):
    assert client.get("/authors/nobody/").status_code == 404


def test_a_persons_page_has_full_head_metadata_and_a_profile_page_jsonld(client, amira):
    head = parse(client.get("/authors/amira-haddad/")).one("head")

    def meta(key):
        return (head.find("meta", property=key) or head.find("meta", name=key))["content"]

    assert head.one("title").text == "Amira Haddad, MD | Healthsite"
    assert head.one("link", rel="canonical")["href"] == "http://testserver/authors/amira-haddad/"
    assert meta("description") == "A family doctor. She reviews our articles on sleep."
    assert meta("og:type") == "profile"
    assert meta("og:image") == f"http://testserver{amira.picture.src}"
    data = json.loads(head.one("script", type="application/ld+json").raw_text)
    assert data == {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": "http://testserver/authors/amira-haddad/",
        "mainEntity": {
            "@type": "Person",
            "name": "Amira Haddad",
            "url": "http://testserver/authors/amira-haddad/",
            "jobTitle": "General practitioner",
            "honorificSuffix": "MD",
            "sameAs": ["https://www.example.org/team/amira", "https://register.example.com/12345"],
            "image": f"http://testserver{amira.picture.src}",
            "description": "A family doctor.\n\nShe reviews our articles on sleep.",
        },
    }


def test_a_person_without_a_bio_is_described_by_what_they_do(client):
    PersonFactory(slug="tom", name="Tom Whitaker")

    head = parse(client.get("/authors/tom/")).one("head")

    assert head.one("meta", name="description")["content"] == (
        "Articles written or medically reviewed by Tom Whitaker."
    )


def test_a_teams_page_says_it_is_a_team(client):
    PersonFactory(slug="desk", name="The nutrition desk", kind=Person.Kind.TEAM)

    page = parse(client.get("/authors/desk/"))

    assert page.one("p", "page-kicker").text == "Team"
    data = json.loads(page.one("script", type="application/ld+json").raw_text)
    assert data["mainEntity"]["@type"] == "Organization"


def test_a_persons_text_is_escaped(client):
    PersonFactory(
        slug="evil",
        name="<script>alert(1)</script>",
        bio="<img src=x onerror=alert(2)>",
        role='"><b>role</b>',
    )

    html = client.get("/authors/evil/").content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "<b>role</b>" not in html
