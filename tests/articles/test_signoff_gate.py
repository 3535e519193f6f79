"""One publishing rule (articles.signoff.publication_refusal) on every way of publishing: the
article form's status and date, the "publish now" action, seed_demo; and the staff groups."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from articles import groups, revisions, signoff
from articles.models import Article, SignOff
from tests.factories import ArticleFactory, CategoryFactory, PersonFactory, UserFactory

from .editor import change_url, field_errors, logged_in, messages_of, open_form

pytestmark = pytest.mark.django_db

LIST = "/admin/articles/article/"
NEEDS_SIGN_OFF = (
    "Articles in “Nutrition” need a medical sign-off before they are published or scheduled "
    "(administrators too): submit this one for review."
)
NO_PERMISSION = "You may not publish or schedule articles: save it as a draft for a publisher."
CHANGED = (
    "The text has changed since it was signed off: submit it for review again before "
    "publishing or scheduling it."
)


def when(moment):
    local = timezone.localtime(moment)
    return {
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


def save(client, article, **changes):
    return client.post(change_url(article), {**open_form(client, article), **changes})


def publish_action(client, article):
    return client.post(LIST, {"action": "publish", "_selected_action": [article.pk]}, follow=True)


@pytest.fixture
def approved(draft_for_review, reviewer_user):
    signoff.approve(draft_for_review, reviewer_user)
    return Article.objects.get(pk=draft_for_review.pk)


# An editor who is not a publisher.


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "published"},
        {"status": "scheduled", **when(timezone.now() + timedelta(days=2))},
    ],
    ids=["published", "scheduled"],
)
def test_an_editor_cannot_publish_or_schedule_through_the_form(editor_user, approved, changes):
    response = save(logged_in(editor_user), approved, **changes)

    assert response.status_code == 200
    assert field_errors(response, "status") == [NO_PERMISSION]
    assert Article.objects.get(pk=approved.pk).status == "draft"


def test_an_editor_is_not_offered_the_publish_action_and_cannot_post_it(
    editor_user, draft_for_review
):
    client = logged_in(editor_user)
    page = client.get(LIST)
    assert 'value="publish"' not in page.text
    assert 'value="submit_for_review"' in page.text

    publish_action(client, draft_for_review)

    assert Article.objects.get(pk=draft_for_review.pk).status == "draft"


def test_an_editor_may_still_save_a_draft_and_correct_a_public_article(
    editor_user, draft_for_review
):
    client = logged_in(editor_user)
    assert save(client, draft_for_review, body="Better text.").status_code == 302
    live = ArticleFactory(category=draft_for_review.category)
    assert save(client, live, body="A typo fixed.").status_code == 302
    assert Article.objects.published().get() == live


NO_UNPUBLISH = "You may not unpublish articles: ask a publisher to do it."


@pytest.mark.parametrize("state", ["public", "scheduled"])
def test_an_editor_cannot_take_a_published_article_back_to_draft(editor_user, state):
    published_at = timezone.now() + timedelta(days=2) if state == "scheduled" else None
    article = ArticleFactory(**({"published_at": published_at} if published_at else {}))
    client = logged_in(editor_user)

    response = save(client, article, status="draft")
    assert field_errors(response, "status") == [NO_UNPUBLISH]
    page = client.get(LIST)
    assert 'value="unpublish"' not in page.text
    client.post(LIST, {"action": "unpublish", "_selected_action": [article.pk]})

    assert Article.objects.get(pk=article.pk).status == "published"


def test_a_publisher_may_take_a_published_article_back_to_draft(publisher_user):
    article, listed = ArticleFactory(), ArticleFactory()
    client = logged_in(publisher_user)

    assert save(client, article, status="draft").status_code == 302
    response = client.post(
        LIST, {"action": "unpublish", "_selected_action": [listed.pk]}, follow=True
    )

    assert "1 article unpublished." in messages_of(response)
    assert not Article.objects.published().exists()


# A publisher: the sign-off decides.


def test_a_publisher_needs_the_sign_off_in_a_category_that_requires_it(
    publisher_user, draft_for_review
):
    client = logged_in(publisher_user)

    response = save(client, draft_for_review, status="published")
    assert field_errors(response, "status") == [NEEDS_SIGN_OFF]

    response = publish_action(client, draft_for_review)
    assert f"“Oats for breakfast”: {NEEDS_SIGN_OFF}" in messages_of(response)
    assert "0 articles published." in messages_of(response)
    assert not Article.objects.published().exists()


def test_a_superuser_needs_the_sign_off_too(draft_for_review):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    response = save(logged_in(admin), draft_for_review, status="published")
    assert field_errors(response, "status") == [NEEDS_SIGN_OFF]


def test_a_signed_off_article_is_published_by_the_form_and_by_the_action(publisher_user, approved):
    client = logged_in(publisher_user)
    other = ArticleFactory(category=approved.category, status="draft", published_at=None)
    signoff.approve(other, signoff_reviewer())

    assert save(client, approved, status="published").status_code == 302
    response = publish_action(client, other)

    assert "1 article published." in messages_of(response)
    assert set(Article.objects.published()) == {approved, other}


def signoff_reviewer():
    user = UserFactory(username="second-reviewer", is_staff=True)
    user.groups.add(Group.objects.get(name=groups.REVIEWERS))
    PersonFactory(slug="second-reviewer", credentials="RN", user=user)
    return user


def test_a_category_without_review_needs_only_the_permission(publisher_user):
    category = CategoryFactory(requires_review=False)
    article = ArticleFactory(category=category, status="draft", published_at=None)
    assert save(logged_in(publisher_user), article, status="published").status_code == 302
    assert Article.objects.published().get() == article


@pytest.mark.parametrize(
    "changes",
    [{"body": "Oats cure everything."}, {"title": "Oats: a miracle"}],
    ids=["body", "title"],
)
def test_text_changed_in_the_same_save_is_not_signed_off(publisher_user, approved, changes):
    response = save(logged_in(publisher_user), approved, status="published", **changes)
    assert field_errors(response, "status") == [CHANGED]
    assert not Article.objects.published().exists()


def test_a_source_added_in_the_same_save_is_not_signed_off(publisher_user, approved):
    data = open_form(logged_in(publisher_user), approved)
    response = logged_in(publisher_user).post(
        change_url(approved),
        {
            **data,
            "status": "published",
            "sources-0-title": "A blog post",
            "sources-0-position": "0",
        },
    )
    assert field_errors(response, "status") == [CHANGED]
    assert not approved.sources.exists()


def test_sent_back_after_an_approval_cannot_be_published(publisher_user, approved, reviewer_user):
    signoff.send_back(approved, reviewer_user, "On second thought: check the dose.")
    response = save(logged_in(publisher_user), approved, status="published")
    assert field_errors(response, "status") == [NEEDS_SIGN_OFF]


def test_a_scheduled_article_cannot_take_unreviewed_text(editor_user, approved):
    """Not public yet: its text would go public unreviewed at the date."""
    approved.status = "published"
    approved.published_at = timezone.now() + timedelta(days=2)
    approved.save()
    client = logged_in(editor_user)

    assert save(client, approved, body="Unreviewed.").status_code == 200
    # Kept as it was signed off and scheduled: an editor may still save it unchanged.
    assert save(client, approved, key_points="").status_code == 302


def test_the_status_is_not_editable_from_the_list(publisher_user):
    from articles.admin import ArticleAdmin

    assert not ArticleAdmin.list_editable


# seed_demo and the groups.


def test_seed_demo_signs_off_what_it_publishes_and_puts_the_account_in_every_group():
    call_command("seed_demo", password="demo-password-1", stdout=open("/dev/null", "w"))  # noqa: SIM115

    published = Article.objects.exclude(status="draft").select_related("category")
    assert published.filter(category__requires_review=False).exists()
    for article in published:
        if article.category.requires_review:
            assert SignOff.objects.approved().filter(article=article).exists()
            assert not signoff.review_status(article).changed_since_review
    demo = get_user_model().objects.get(username="editor")
    assert set(demo.groups.values_list("name", flat=True)) == set(groups.GROUPS)


def test_every_group_has_each_permission_listed_and_moderators_stay_single():
    for name, wanted in groups.GROUPS.items():
        have = set(
            Group.objects.get(name=name).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        assert set(wanted) <= have, name
    assert Group.objects.filter(name="Moderators").count() == 1
    publishers = Permission.objects.filter(group__name=groups.PUBLISHERS)
    assert publishers.filter(codename="publish_article").exists()
    assert not Permission.objects.filter(
        group__name=groups.EDITORS, codename__in=["publish_article", "review_article"]
    ).exists()


def test_only_reviewers_set_the_reviewer_and_date_by_hand(
    editor_user, reviewer_user, draft_for_review
):
    editing = logged_in(editor_user)
    data = open_form(editing, draft_for_review)
    assert "reviewed_on" not in data and "reviewer" not in data
    response = editing.post(
        change_url(draft_for_review), {**data, "reviewed_on": "2026-01-01"}, follow=True
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=draft_for_review.pk).reviewed_on is None
    assert "reviewed_on" in open_form(logged_in(reviewer_user), draft_for_review)


def test_the_submit_action_submits_once(editor_user, draft_for_review):
    client = logged_in(editor_user)
    action = {"action": "submit_for_review", "_selected_action": [draft_for_review.pk]}
    response = client.post(LIST, action, follow=True)
    assert "1 article submitted for review." in messages_of(response)

    response = client.post(LIST, action, follow=True)
    assert (
        "“Oats for breakfast”: This article is already waiting for its medical review."
        in messages_of(response)
    )
    assert SignOff.objects.count() == 1


def test_a_moderator_neither_edits_publishes_nor_reviews_articles(draft_for_review):
    moderator = UserFactory(username="mo", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client = logged_in(moderator)
    assert client.get(LIST).status_code == 403
    assert client.get(change_url(draft_for_review)).status_code == 403
    assert client.get("/admin/articles/article/review/").status_code == 403
    assert publish_action(client, draft_for_review).status_code == 403
    assert Article.objects.get(pk=draft_for_review.pk).status == "draft"


def test_a_reviewer_reads_the_sources_on_the_form_but_cannot_publish(reviewer_user, approved):
    approved.sources.create(title="A trial of oats", position=0)
    client = logged_in(reviewer_user)
    assert "A trial of oats" in client.get(change_url(approved)).text

    response = save(client, approved, status="published")

    assert field_errors(response, "status") == [NO_PERMISSION]


def test_restoring_a_revision_into_a_scheduled_article_needs_that_text_signed_off(
    publisher_user, approved
):
    """The history's restore goes through the same gate as the form: a scheduled article is
    not public yet, so an older, unreviewed text may not go public at its date."""
    approved.body = "An early text nobody reviewed."
    approved.save()
    unreviewed = revisions.record(article=approved)
    approved.body = "Oats are a good source of fibre."
    approved.status = "published"
    approved.published_at = timezone.now() + timedelta(days=2)
    approved.save()
    restore = f"/admin/articles/article/{approved.pk}/revisions/{unreviewed.number}/restore/"

    response = logged_in(publisher_user).post(restore, follow=True)

    assert "signed off" in " ".join(messages_of(response))
    assert Article.objects.get(pk=approved.pk).body == "Oats are a good source of fibre."
