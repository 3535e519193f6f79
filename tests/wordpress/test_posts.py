"""Posts become articles and pages flat pages: fields, statuses, dates, terms, authors."""

from datetime import UTC, datetime

import pytest
from django.contrib.flatpages.models import FlatPage

from articles.models import Article, Category, Person, Tag
from tests.factories import ArticleFactory, CategoryFactory, FlatPageFactory, StaffFactory

from . import wxr_files as wxr
from .conftest import row

pytestmark = pytest.mark.django_db


def article(wp_slug):
    return Article.objects.get(slug=wp_slug)


@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_a_post_becomes_a_published_article_in_each_version(run_import, client, version):
    run = run_import(
        wxr.item(
            5,
            "Sleep &amp; light",
            name="sleep-and-light",
            content="Morning light helps.\n\nSo does a dark bedroom.",
            excerpt="Light in the <em>morning</em>.",
            date_gmt="2020-05-04 06:30:00",
            date="2020-05-04 08:30:00",
        ),
        version=version,
    )

    imported = article("sleep-and-light")
    assert run.wxr_version == version
    assert row(run, "post")["imported"] == 1
    assert imported.title == "Sleep & light"
    assert imported.excerpt == "Light in the morning."
    assert imported.status == Article.Status.PUBLISHED
    assert imported.published_at == datetime(2020, 5, 4, 6, 30, tzinfo=UTC)
    assert imported.body_html == "<p>Morning light helps.</p>\n\n<p>So does a dark bedroom.</p>"
    assert imported.category.name == "Health"
    response = client.get(imported.get_absolute_url())
    assert response.status_code == 200
    assert b"So does a dark bedroom." in response.content


def test_statuses_map_to_ours_and_the_trash_is_skipped(run_import):
    future = "2099-01-01 09:00:00"
    run = run_import(
        wxr.item(1, "Published", status="publish"),
        wxr.item(2, "Scheduled", status="future", date_gmt=future),
        wxr.item(3, "Draft", status="draft", date_gmt="0000-00-00 00:00:00"),
        wxr.item(4, "Pending", status="pending"),
        wxr.item(5, "Private", status="private"),
        wxr.item(6, "Trashed", status="trash"),
        wxr.item(7, "Auto draft", status="auto-draft"),
    )

    statuses = dict(Article.objects.values_list("title", "status"))
    assert statuses == {
        "Published": "published",
        # Not public yet, and not signed off (articles.signoff): a draft, its date kept.
        "Scheduled": "draft",
        "Draft": "draft",
        "Pending": "draft",
        "Private": "draft",
    }
    assert article("post-2").published_at == datetime(2099, 1, 1, 9, tzinfo=UTC)
    assert article("post-3").published_at is None
    assert set(Article.objects.published().values_list("title", flat=True)) == {"Published"}
    post = row(run, "post")
    assert (post["read"], post["imported"], post["skipped"]) == (7, 5, 2)
    assert post["reasons"] == {"in the trash": 1, "status “auto-draft” is not imported": 1}


def test_a_scheduled_post_is_scheduled_only_where_no_sign_off_is_needed(run_import):
    CategoryFactory(name="Recipes", slug="recipes", requires_review=False)
    CategoryFactory(name="Nutrition", slug="nutrition", requires_review=True)
    future = "2099-01-01 09:00:00"
    run = run_import(
        wxr.item(
            1, "Soup", status="future", date_gmt=future, terms=[("category", "recipes", "Recipes")]
        ),
        wxr.item(
            2,
            "Fibre",
            status="future",
            date_gmt=future,
            terms=[("category", "nutrition", "Nutrition")],
        ),
    )

    assert article("post-1").state == Article.State.SCHEDULED
    assert article("post-2").state == Article.State.DRAFT
    assert not Article.objects.published().exists()
    assert row(run, "post")["notes"] == {
        "scheduled, in a category that requires medical review: imported as a draft until "
        "signed off": 1
    }


def test_a_password_protected_post_is_never_made_public_and_is_reported(run_import, client):
    run = run_import(wxr.item(8, "Members only", password="hunter2", name="members"))

    imported = article("members")
    assert imported.status == Article.Status.DRAFT
    assert client.get(imported.get_absolute_url()).status_code == 404
    assert row(run, "post")["notes"] == {
        "password-protected: imported as a draft, never made public": 1
    }
    assert any("post 8" in line and "password" in line for line in run.report["details"])


def test_comment_status_opens_or_closes_the_discussion(run_import):
    run_import(
        wxr.item(1, "Open", comment_status="open"),
        wxr.item(2, "Closed", comment_status="closed"),
    )

    assert article("post-1").comments_open
    assert not article("post-2").comments_open


def test_slugs_are_unique_and_suffixed_on_a_clash(run_import):
    ArticleFactory(slug="walking")
    run_import(
        wxr.item(1, "Walking", name="walking"),
        wxr.item(2, "Walking again", name="walking"),
        wxr.item(3, "Café au lait", name="caf%c3%a9-au-lait"),
        wxr.item(4, "No name at all", name=""),
        wxr.item(5, "", name=""),
    )

    slugs = set(Article.objects.values_list("slug", flat=True))
    assert {"walking", "walking-2", "walking-3", "cafe-au-lait", "no-name-at-all"} <= slugs
    assert "post-5" in slugs
    assert article("post-5").title == "Untitled"


def test_nested_categories_are_kept_by_their_leaf_and_tags_come_along(run_import):
    run = run_import(
        wxr.category("health", "Health"),
        wxr.category("sleep", "Sleep", parent="health", description="All about sleep"),
        wxr.category("unused", "Unused"),
        wxr.tag("naps", "Naps"),
        wxr.item(
            1,
            "Naps",
            terms=(
                ("category", "health", "Health"),
                ("category", "sleep", "Sleep"),
                ("post_tag", "naps", "Naps"),
                ("post_tag", "short-sleep", "Short sleep"),
                ("post_format", "post-format-aside", "Aside"),
            ),
        ),
    )

    imported = article("post-1")
    assert imported.category.slug == "sleep"
    assert imported.category.description == "All about sleep"
    assert sorted(imported.tags.values_list("name", flat=True)) == ["Naps", "Short sleep"]
    assert not Category.objects.filter(slug__in=["health", "unused"]).exists()
    assert row(run, "category")["reasons"] == {
        "parent category: posts keep their leaf category": 1,
        "not used by any imported post": 1,
    }


def test_unrelated_second_categories_become_tags_and_posts_without_any_go_to_uncategorized(
    run_import,
):
    CategoryFactory(slug="nutrition", name="Nutrition")
    run = run_import(
        wxr.item(1, "Two", terms=(("category", "sleep", "Sleep"), ("category", "food", "Food"))),
        wxr.item(2, "None", terms=()),
        wxr.item(3, "Ours", terms=(("category", "nutrition", "Nutrition"),)),
    )

    assert article("post-1").category.slug == "sleep"
    assert list(article("post-1").tags.values_list("slug", flat=True)) == ["food"]
    assert article("post-2").category.slug == "uncategorized"
    assert article("post-3").category.name == "Nutrition"
    assert Category.objects.filter(slug="nutrition").count() == 1
    assert row(run, "category")["reasons"] == {"matched an existing category": 1}


def test_a_non_ascii_term_gets_a_stable_slug(run_import):
    run_import(wxr.item(1, "x", terms=(("category", "%d1%81%d0%be%d0%bd", "сон"),)))
    first = Category.objects.get(name="сон")
    run_import(wxr.item(2, "y", terms=(("category", "%d1%81%d0%be%d0%bd", "сон"),)))

    assert first.slug.startswith("category-")
    assert Category.objects.filter(name="сон").count() == 1


def test_authors_become_people_matched_by_login(run_import):
    run_import(
        wxr.item(1, "By Alice", author="alice"),
        wxr.item(2, "By Bob", author="bob"),
        wxr.item(3, "By staff", author="erin"),
        authors=[
            wxr.author("alice", "Dr Alice Author", wp_id=1),
            wxr.author("bob", "", wp_id=2, first="Bob", last="Builder"),
        ],
    )
    StaffFactory(username="erin", first_name="Erin", last_name="Editor")
    run_import(
        wxr.item(4, "By staff, later", author="erin"),
        wxr.item(5, "By a stranger", author="stranger"),
        authors=[],
        name="later.xml",
    )

    authors = dict(Article.objects.values_list("title", "author__name"))
    assert authors["By Alice"] == "Dr Alice Author"
    assert authors["By Bob"] == "Bob Builder"
    assert authors["By staff, later"] == "Erin Editor"
    assert authors["By a stranger"] is None  # the editorial team, never a bare login
    erin = Article.objects.get(title="By staff, later").author
    assert erin.user.username == "erin"
    assert erin.get_absolute_url() == "/authors/erin-editor/"


def test_an_author_is_one_person_across_runs(run_import):
    authors = [wxr.author("alice", "Dr Alice Author", wp_id=1)]
    run_import(wxr.item(1, "First", author="alice"), authors=authors)
    run_import(wxr.item(2, "Second", author="alice"), authors=authors, name="later.xml")

    assert Person.objects.count() == 1
    assert {article.author for article in Article.objects.all()} == {Person.objects.get()}


def test_authors_are_told_apart_by_login_never_by_name(run_import):
    """Two writers who share a name stay two people, and a person of ours who happens to have
    an author's name is not taken over by the import."""
    ours = Person.objects.create(name="Sam Lee", slug="sam-lee-ours")
    run_import(
        wxr.item(1, "By the first Sam", author="sam1"),
        wxr.item(2, "By the second Sam", author="sam2"),
        authors=[wxr.author("sam1", "Sam Lee", wp_id=1), wxr.author("sam2", "Sam Lee", wp_id=2)],
    )
    run_import(
        wxr.item(3, "The first Sam again", author="sam1"),
        authors=[wxr.author("sam1", "Sam Lee", wp_id=1)],
        name="later.xml",
    )

    first = Article.objects.get(title="By the first Sam").author
    second = Article.objects.get(title="By the second Sam").author
    assert len({ours, first, second}) == 3
    assert Article.objects.get(title="The first Sam again").author == first
    assert Person.objects.filter(name="Sam Lee").count() == 3


def test_markup_and_scripts_are_taken_out_of_titles(run_import, client):
    run = run_import(
        wxr.item(1, "<script>alert('x')</script>Safe <b>title</b>", name="safe"),
        wxr.item(2, "A" * 300, name="long"),
    )

    assert article("safe").title == "Safe title"
    assert len(article("long").title) == 200
    notes = row(run, "post")["notes"]
    assert notes["markup removed from the title"] == 1
    assert notes["title shortened to fit"] == 1
    assert b"alert" not in client.get("/").content


def test_a_body_too_long_is_refused_item_by_item(run_import, monkeypatch):
    monkeypatch.setattr("wordpress.survey.MAX_BODY_CHARS", 100)
    run = run_import(wxr.item(1, "Long", content="x" * 500), wxr.item(2, "Short", content="ok"))

    assert list(Article.objects.values_list("title", flat=True)) == ["Short"]
    assert row(run, "post")["reasons"] == {"body longer than 100 characters": 1}


def test_other_post_types_are_read_and_skipped(run_import):
    run = run_import(wxr.item(1, "Menu", post_type="nav_menu_item"), wxr.item(2, "A post"))

    assert row(run, "other")["reasons"] == {"post type “nav_menu_item” is not imported": 1}
    assert Article.objects.count() == 1


def test_a_repeated_post_id_is_imported_once(run_import):
    run = run_import(wxr.item(1, "First"), wxr.item(1, "Again"))

    assert list(Article.objects.values_list("title", flat=True)) == ["First"]
    assert row(run, "post")["reasons"] == {"duplicate wp:post_id": 1}


# Pages -----------------------------------------------------------------------------------


def test_pages_become_flat_pages_under_their_path(run_import, client):
    run = run_import(
        wxr.item(
            20, "About us", post_type="page", link=f"{wxr.SITE}/about/", content="We\n\nwrite"
        ),
        wxr.item(21, "Team", post_type="page", link=f"{wxr.SITE}/about/team/", parent=20),
        wxr.item(22, "Draft page", post_type="page", status="draft"),
        wxr.item(23, "Secret", post_type="page", password="x"),
    )

    page = FlatPage.objects.get(url="/about/")
    assert page.title == "About us"
    assert page.content == "<p>We</p>\n\n<p>write</p>"
    assert FlatPage.objects.filter(url="/about/team/").exists()
    response = client.get("/pages/about/")
    assert response.status_code == 200
    assert b"write" in response.content
    assert row(run, "page")["imported"] == 2
    assert row(run, "page")["reasons"] == {
        "page not published (“draft”): flat pages have no drafts": 1,
        "password-protected page: flat pages cannot be protected": 1,
    }


def test_a_page_without_pretty_permalinks_takes_its_slugs_up_its_parents(run_import):
    run_import(
        wxr.item(30, "Help", post_type="page", name="help", link=f"{wxr.SITE}/?page_id=30"),
        wxr.item(
            31, "FAQ", post_type="page", name="faq", parent=30, link=f"{wxr.SITE}/?page_id=31"
        ),
    )

    assert set(FlatPage.objects.values_list("url", flat=True)) == {"/help/", "/help/faq/"}


def test_a_page_whose_path_is_taken_gets_a_suffix(run_import):
    FlatPageFactory(url="/terms/", title="Our terms")
    run_import(wxr.item(40, "Old terms", post_type="page", link=f"{wxr.SITE}/terms/"))

    assert FlatPage.objects.get(url="/terms/").title == "Our terms"
    assert FlatPage.objects.get(url="/terms-2/").title == "Old terms"


def test_tags_and_categories_are_not_created_twice_across_runs(run_import):
    run_import(wxr.item(1, "x", terms=(("category", "a", "A"), ("post_tag", "t", "T"))))
    run_import(
        wxr.item(2, "y", terms=(("category", "a", "A"), ("post_tag", "t", "T"))), name="2.xml"
    )

    assert Category.objects.filter(slug="a").count() == 1
    assert Tag.objects.filter(slug="t").count() == 1


def test_utf8_in_every_field_reaches_the_pages(run_import, client):
    words = "Schlaf & Gesundheit: Übung, 睡眠, сон, نوم 😴"
    run_import(
        wxr.item(
            1,
            f"Titel {words}",
            name="schlaf-%c3%bcbung",
            content=f"Körper {words}",
            excerpt=f"Auszug {words}",
            author="zoë",
            terms=(
                ("category", "gesundheit", f"Kategorie {words}"[:100]),
                ("post_tag", "сон", "сон"),
            ),
            comments=[wxr.comment(1, author=f"Zoë {words}", content=f"Kommentar {words}")],
        ),
        wxr.item(2, f"Seite {words}", post_type="page", link=f"{wxr.SITE}/über-uns/"),
        authors=[wxr.author("zoë", f"Zoë Ünal {words}")],
    )

    imported = Article.objects.get()
    assert imported.slug == "schlaf-ubung"
    page = client.get(imported.get_absolute_url()).content.decode()
    for text in (f"Titel {words}", f"Körper {words}", f"Zoë Ünal {words}", f"Kommentar {words}"):
        assert text.replace("&", "&amp;") in page, text
    assert "сон" in page
    assert imported.excerpt == f"Auszug {words}"
    flat = FlatPage.objects.get()
    assert flat.url == "/über-uns/"
    assert (
        f"Seite {words}".replace("&", "&amp;") in client.get("/pages/über-uns/").content.decode()
    )


def test_names_of_terms_and_authors_are_plain_text(run_import):
    run_import(
        wxr.item(
            1,
            "x",
            terms=(("category", "rest", "<b>Sleep</b> &amp; rest<script>x()</script>"),),
        ),
        authors=[wxr.author("alice", "<em>Alice</em><script>steal()</script> &amp; Co")],
    )

    imported = Article.objects.get()
    assert imported.category.name == "Sleep & rest"
    assert imported.author.name == "Alice & Co"


def test_a_page_whose_address_is_too_long_for_a_flat_page_is_refused(run_import):
    run = run_import(wxr.item(1, "Deep", post_type="page", link=f"{wxr.SITE}/{'deep/' * 30}"))

    assert not FlatPage.objects.exists()
    assert row(run, "page")["reasons"] == {"address longer than 100 characters": 1}
