"""Which articles the public sees, and which are similar to one another."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser, Permission

from articles.models import Article, RelatedLink
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    StaffFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2030, 5, 17, 9, 30, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def three_states(frozen):
    return {
        "draft": ArticleFactory(status=Article.Status.DRAFT, published_at=None),
        "scheduled": ArticleFactory(published_at=NOW + timedelta(hours=3)),
        "published": ArticleFactory(published_at=NOW - timedelta(hours=3)),
    }


def test_published_shows_only_published_articles(three_states):
    assert list(Article.objects.published()) == [three_states["published"]]


def test_draft_with_a_past_date_stays_hidden(frozen):
    ArticleFactory(status=Article.Status.DRAFT, published_at=NOW - timedelta(days=3))
    assert not Article.objects.published().exists()


def test_unpublished_article_disappears_at_once(three_states):
    Article.objects.filter(pk=three_states["published"].pk).update(status=Article.Status.DRAFT)
    assert not Article.objects.published().exists()


def test_scheduled_article_becomes_public_at_its_time_with_no_job(three_states, frozen):
    scheduled = three_states["scheduled"]
    assert list(Article.objects.scheduled()) == [scheduled]

    frozen.shift(timedelta(hours=3) - timedelta(seconds=1))
    assert scheduled not in Article.objects.published()

    frozen.shift(timedelta(seconds=1))
    assert scheduled in Article.objects.published()
    assert not Article.objects.scheduled().exists()
    # Nothing was saved: the row is as stored, and the date alone decides.
    assert Article.objects.get(pk=scheduled.pk).modified_at == scheduled.modified_at


def test_drafts_scheduled_and_published_split_every_article(three_states):
    assert list(Article.objects.drafts()) == [three_states["draft"]]
    assert list(Article.objects.scheduled()) == [three_states["scheduled"]]
    assert list(Article.objects.published()) == [three_states["published"]]


def test_for_listing_is_newest_first(frozen):
    older = ArticleFactory(published_at=NOW - timedelta(days=2))
    newer = ArticleFactory(published_at=NOW - timedelta(days=1))
    ArticleFactory(status=Article.Status.DRAFT)
    assert list(Article.objects.for_listing()) == [newer, older]


def test_same_time_articles_list_in_a_stable_order(frozen):
    first = ArticleFactory(published_at=NOW - timedelta(days=1))
    second = ArticleFactory(published_at=NOW - timedelta(days=1))
    assert list(Article.objects.for_listing()) == [second, first]


# Who sees what.


def test_anonymous_visitor_sees_only_published(three_states):
    assert list(Article.objects.visible_to(AnonymousUser())) == [three_states["published"]]


def test_staff_without_change_permission_sees_only_published(three_states):
    moderator = UserFactory(is_staff=True)
    moderator.user_permissions.add(Permission.objects.get(codename="view_article"))
    assert list(Article.objects.visible_to(moderator)) == [three_states["published"]]


def test_reader_with_change_permission_but_not_staff_sees_only_published(three_states):
    reader = UserFactory()
    reader.user_permissions.add(Permission.objects.get(codename="change_article"))
    assert list(Article.objects.visible_to(reader)) == [three_states["published"]]


def test_editor_sees_drafts_and_scheduled(three_states):
    assert set(Article.objects.visible_to(StaffFactory())) == set(three_states.values())


def test_superuser_sees_drafts_and_scheduled(three_states):
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert set(Article.objects.visible_to(admin)) == set(three_states.values())


# Similar articles, for the related-posts block.


def test_similar_to_ranks_shared_tags_then_category_then_newest(frozen):
    sleep, food = CategoryFactory(), CategoryFactory()
    naps, rest, caffeine = TagFactory(), TagFactory(), TagFactory()
    article = ArticleFactory(category=sleep, tags=[naps, rest, caffeine])

    def days_ago(days, **kwargs):
        return ArticleFactory(published_at=NOW - timedelta(days=days), **kwargs)

    two_tags_other_category = days_ago(9, category=food, tags=[naps, rest])
    one_tag_same_category_old = days_ago(8, category=sleep, tags=[naps])
    one_tag_other_category_new = days_ago(1, category=food, tags=[caffeine])
    one_tag_other_category_old = days_ago(7, category=food, tags=[rest])
    same_category_only = days_ago(2, category=sleep)
    days_ago(1, category=food)  # nothing in common

    assert list(Article.objects.similar_to(article)) == [
        two_tags_other_category,
        one_tag_same_category_old,
        one_tag_other_category_new,
        one_tag_other_category_old,
        same_category_only,
    ]


def test_similar_to_lists_each_article_once(frozen):
    naps, rest = TagFactory(), TagFactory()
    article = ArticleFactory(tags=[naps, rest])
    other = ArticleFactory(category=article.category, tags=[naps, rest])
    similar = list(Article.objects.similar_to(article))
    assert similar == [other]
    assert similar[0].shared_tags == 2


def test_similar_to_leaves_out_itself_what_it_links_to_and_unpublished(frozen):
    naps = TagFactory()
    article = ArticleFactory(tags=[naps])
    already_linked = ArticleFactory(tags=[naps])
    RelatedLink.objects.create(article=article, target=already_linked)
    RelatedLink.objects.create(article=article, url="https://example.org/", title="Elsewhere")
    kept = ArticleFactory(tags=[naps])
    ArticleFactory(tags=[naps], status=Article.Status.DRAFT)
    ArticleFactory(tags=[naps], published_at=NOW + timedelta(days=1))
    ArticleFactory(category=article.category, status=Article.Status.DRAFT)

    assert list(Article.objects.similar_to(article)) == [kept]


def test_similar_to_an_untagged_article_uses_its_category(frozen):
    article = ArticleFactory()
    same_category = ArticleFactory(category=article.category)
    ArticleFactory(tags=[TagFactory()])
    assert list(Article.objects.similar_to(article)) == [same_category]
