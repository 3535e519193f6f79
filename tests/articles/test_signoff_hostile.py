"""The sign-off tried by a hostile tester: a reviewer signing off their own work, the rule's
holes outside the article form (categories, scheduled articles sent back, the importer), and
what the queue reads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import groups, revisions, signoff
from articles.models import Article, Category, Person, SignOff
from tests.factories import ArticleFactory, CategoryFactory
from tests.form_data import form_data
from tests.markup import parse

from .conftest import member
from .editor import logged_in, messages_of
from .revision_steps import confirm, restore_url, save
from .test_signoff_flow import decide, submit_for_review
from .test_signoff_gate import publish_action

pytestmark = pytest.mark.django_db


# A reviewer signs off someone else's work.


def test_a_reviewer_cannot_sign_off_an_article_they_submitted(draft_for_review, reviewer_user):
    submit_for_review(logged_in(reviewer_user), draft_for_review)

    response = decide(logged_in(reviewer_user), draft_for_review, "approve")

    assert "another medical reviewer" in " ".join(messages_of(response))
    assert not SignOff.objects.approved().exists()
    assert Article.objects.get(pk=draft_for_review.pk).reviewer is None


def test_a_reviewer_cannot_sign_off_an_article_they_wrote(
    draft_for_review, editor_user, reviewer_user
):
    draft_for_review.author = Person.objects.get(user=reviewer_user)
    draft_for_review.save()
    submit_for_review(logged_in(editor_user), draft_for_review)

    response = decide(logged_in(reviewer_user), draft_for_review, "approve")

    assert "another medical reviewer" in " ".join(messages_of(response))
    assert not SignOff.objects.approved().exists()


def test_a_reviewer_may_still_send_their_own_submission_back(draft_for_review, reviewer_user):
    submit_for_review(logged_in(reviewer_user), draft_for_review)

    decide(logged_in(reviewer_user), draft_for_review, "send_back", note="Withdrawn.")

    assert SignOff.objects.get().is_sent_back


# Whether a category requires review is the administrators' policy, not a publisher's switch.


def category_form(client, category=None):
    url = f"/admin/articles/category/{category.pk}/change/" if category else CATEGORY_ADD
    return url, form_data(client.get(url), "category_form")


CATEGORY_ADD = "/admin/articles/category/add/"


def test_a_publisher_cannot_untick_requires_review_to_publish_unreviewed(
    publisher_user, draft_for_review
):
    client = logged_in(publisher_user)
    url, data = category_form(client, draft_for_review.category)
    data.pop("requires_review", None)  # the box unticked

    client.post(url, {**data, "name": "Nutrition and diet"})

    category = draft_for_review.category
    category.refresh_from_db()
    assert category.name == "Nutrition and diet"
    assert category.requires_review
    response = publish_action(client, draft_for_review)
    assert "need a medical sign-off" in " ".join(messages_of(response))
    assert Article.objects.get(pk=draft_for_review.pk).status == "draft"


def test_a_category_added_by_an_editor_requires_review(editor_user):
    client = logged_in(editor_user)
    url, data = category_form(client)
    data.pop("requires_review", None)

    client.post(url, {**data, "name": "Sleep", "slug": "sleep"})

    assert Category.objects.get(slug="sleep").requires_review


def test_a_superuser_sets_whether_a_category_requires_review(admin_user, review_category):
    client = logged_in(admin_user)
    url, data = category_form(client, review_category)
    data.pop("requires_review", None)

    client.post(url, data)

    review_category.refresh_from_db()
    assert not review_category.requires_review


# A scheduled article the reviewer sends back does not go public at its hour.


def test_a_scheduled_article_sent_back_is_unscheduled(
    draft_for_review, editor_user, reviewer_user, publisher_user
):
    signoff.approve(draft_for_review, reviewer_user)
    hour = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    Article.objects.filter(pk=draft_for_review.pk).update(status="published", published_at=hour)
    submit_for_review(logged_in(editor_user), draft_for_review)

    response = decide(logged_in(reviewer_user), draft_for_review, "send_back", note="Wrong dose.")

    article = Article.objects.get(pk=draft_for_review.pk)
    assert article.state == Article.State.DRAFT
    assert article.published_at == hour  # the hour chosen is kept for when it is signed off
    assert "no longer scheduled" in " ".join(messages_of(response))
    assert article.revisions.first().snapshot["status"] == "draft"


def test_a_published_article_sent_back_stays_public(draft_for_review, editor_user, reviewer_user):
    signoff.approve(draft_for_review, reviewer_user)
    Article.objects.filter(pk=draft_for_review.pk).update(
        status="published", published_at=timezone.now() - timedelta(days=1)
    )
    submit_for_review(logged_in(editor_user), draft_for_review)

    decide(logged_in(reviewer_user), draft_for_review, "send_back", note="Cite a trial.")

    assert Article.objects.get(pk=draft_for_review.pk).is_public


# "Changed since review" reads the articles saved since their approval, not every approved one.


def test_changed_since_review_compares_only_articles_saved_since_their_approval(
    review_category, reviewer_user, monkeypatch
):
    articles = ArticleFactory.create_batch(6, category=review_category)
    for article in articles:
        signoff.approve(article, reviewer_user)
    edited = Article.objects.get(pk=articles[0].pk)
    edited.body = "Changed after the sign-off."
    edited.save()
    compared = []
    review_statuses = signoff.review_statuses

    def counting(articles):
        compared.extend(articles)
        return review_statuses(articles)

    monkeypatch.setattr(signoff, "review_statuses", counting)

    assert signoff.changed_since_review(Article.objects.all()) == [edited]
    assert compared == [edited]


# A scheduled article's draft revision: kept (nothing goes live), published only when signed off.


def test_a_draft_revision_of_a_scheduled_article_is_kept_and_its_publication_gated(
    draft_for_review, editor_user, reviewer_user, publisher_user
):
    signoff.approve(draft_for_review, reviewer_user)
    hour = timezone.now() + timedelta(days=1)
    Article.objects.filter(pk=draft_for_review.pk).update(status="published", published_at=hour)
    editing = logged_in(editor_user)

    response = save(
        editing, draft_for_review, submit="_save_draft_revision", body="Unreviewed claims."
    )

    assert "kept as draft revision" in " ".join(messages_of(response))
    draft = revisions.pending_draft(draft_for_review)
    assert draft.snapshot["body"] == "Unreviewed claims."
    for client in (editing, logged_in(publisher_user)):
        refused = confirm(client, restore_url(draft_for_review, draft.number))
        assert "changed since it was signed off" in " ".join(messages_of(refused))
    assert Article.objects.get(pk=draft_for_review.pk).body == "Oats are a good source of fibre."


# Which account signs off as which person is the administrators' to say.


def test_an_editor_cannot_link_a_reviewer_account_to_someone_elses_credentials(
    editor_user, reviewer_user, draft_for_review
):
    impostor = member("ivan", groups.REVIEWERS)
    doctor = Person.objects.get(user=reviewer_user)
    client = logged_in(editor_user)
    url = f"/admin/articles/person/{doctor.pk}/change/"
    data = form_data(client.get(url), "person_form")

    client.post(url, {**data, "user": impostor.pk, "bio": "Cardiologist."})

    doctor.refresh_from_db()
    assert doctor.bio == "Cardiologist."
    assert doctor.user == reviewer_user
    response = decide(logged_in(impostor), draft_for_review, "approve")
    assert "not linked to a person with credentials" in " ".join(messages_of(response))


def test_an_editor_cannot_give_credentials_to_a_reviewer_without_them(
    editor_user, draft_for_review
):
    newcomer = member("nia", groups.REVIEWERS)
    person = Person.objects.create(name="Nia Novak", slug="nia-novak", user=newcomer)
    client = logged_in(editor_user)
    url = f"/admin/articles/person/{person.pk}/change/"
    page = client.get(url)
    assert 'name="credentials"' not in page.text

    client.post(url, {**form_data(page, "person_form"), "credentials": "MD", "bio": "New."})

    person.refresh_from_db()
    assert (person.credentials, person.bio) == ("", "New.")
    response = decide(logged_in(newcomer), draft_for_review, "approve")
    assert "not linked to a person with credentials" in " ".join(messages_of(response))


def test_an_administrator_writes_credentials(admin_user):
    person = Person.objects.create(name="Dana Diaz", slug="dana-diaz")
    client = logged_in(admin_user)
    url = f"/admin/articles/person/{person.pk}/change/"

    client.post(url, {**form_data(client.get(url), "person_form"), "credentials": "PhD"})

    person.refresh_from_db()
    assert person.credentials == "PhD"


def test_an_administrator_links_an_account_to_a_person(admin_user, reviewer_user):
    newcomer = member("nia", groups.REVIEWERS)
    person = Person.objects.get(user=reviewer_user)
    client = logged_in(admin_user)
    url = f"/admin/articles/person/{person.pk}/change/"

    client.post(url, {**form_data(client.get(url), "person_form"), "user": newcomer.pk})

    person.refresh_from_db()
    assert person.user == newcomer


# Bad revision numbers in an address or a form are no revision, never an error page.


@pytest.mark.parametrize("number", ["²", "٣", "9" * 25])
def test_a_bad_revision_number_is_no_revision(draft_for_review, editor_user, number):
    client = logged_in(editor_user)
    revisions.record(article=draft_for_review)
    change = f"/admin/articles/article/{draft_for_review.pk}/change/"

    assert client.get(change, {"revision": number}).status_code == 200
    data = {**form_data(client.get(change), "article_form"), "_from_revision": number}
    assert client.post(change, data).status_code == 200  # refused: the form held a revision
    compare = client.get(
        f"{change[: -len('change/')]}revisions/compare/", {"old": 1, "new": number}
    )
    assert compare.status_code in (302, 404)  # back to the history, or no such revision


def test_a_reviewer_cannot_sign_off_text_they_changed_since_the_last_sign_off(
    draft_for_review, editor_user, reviewer_user
):
    submit_for_review(logged_in(editor_user), draft_for_review)
    reviewing = logged_in(reviewer_user)
    save(reviewing, draft_for_review, body="Oats cure everything.")

    response = decide(reviewing, draft_for_review, "approve")

    assert "another medical reviewer" in " ".join(messages_of(response))
    assert not SignOff.objects.approved().exists()


def test_a_reviewer_who_saved_without_changing_the_text_may_sign_off(
    draft_for_review, editor_user, reviewer_user
):
    submit_for_review(logged_in(editor_user), draft_for_review)
    reviewing = logged_in(reviewer_user)
    save(reviewing, draft_for_review, comments_open="")

    decide(reviewing, draft_for_review, "approve")

    assert SignOff.objects.approved().exists()


# The admin home lists the oldest reviews due, not all of them.


def test_the_admin_home_lists_the_ten_oldest_reviews_due_and_links_the_rest(
    staff_client, review_category
):
    today = timezone.localdate()
    for days in range(12):
        ArticleFactory(
            title=f"Reviewed {400 + days} days ago",
            category=review_category,
            reviewed_on=today - timedelta(days=400 + days),
        )

    page = parse(staff_client.get("/admin/"))

    panel = page.one(id="review-summary")
    listed = [item.find("a").text for item in panel.find_all("li")]
    assert listed == [f"Reviewed {411 - n} days ago" for n in range(10)]
    more = panel.one(id="review-due-more")
    assert [a.get("href") for a in more.find_all("a")] == [
        "/admin/articles/article/?review=overdue",
        "/admin/articles/article/?review=due",
    ]


def test_a_sign_off_keeps_a_revision_with_the_review_stamp(
    draft_for_review, editor_user, reviewer_user
):
    submit_for_review(logged_in(editor_user), draft_for_review)

    decide(logged_in(reviewer_user), draft_for_review, "approve")

    newest = draft_for_review.revisions.first()
    assert newest.snapshot["reviewer"] == "Rowan Reid, MD"
    assert newest.snapshot["reviewed_on"] == timezone.localdate().isoformat()
    assert newest.created_by == reviewer_user


def test_an_editor_cannot_move_a_scheduled_article_out_of_review_to_change_its_text(
    draft_for_review, editor_user, reviewer_user
):
    signoff.approve(draft_for_review, reviewer_user)
    hour = timezone.now() + timedelta(days=1)
    Article.objects.filter(pk=draft_for_review.pk).update(status="published", published_at=hour)
    recipes = CategoryFactory(name="Recipes", slug="recipes", requires_review=False)
    client = logged_in(editor_user)

    response = save(client, draft_for_review, category=recipes.pk, body="Unreviewed claims.")

    assert "You may not publish or schedule articles" in response.text
    article = Article.objects.get(pk=draft_for_review.pk)
    assert (article.category, article.body) == (draft_for_review.category, draft_for_review.body)


def test_the_reviewer_set_by_hand_must_have_credentials(draft_for_review, reviewer_user):
    author = Person.objects.create(name="Al Author", slug="al-author")
    client = logged_in(reviewer_user)

    response = save(client, draft_for_review, reviewer=author.pk)

    assert "needs credentials" in response.text
    assert Article.objects.get(pk=draft_for_review.pk).reviewer is None


def test_requiring_review_warns_of_scheduled_articles_not_signed_off(admin_user):
    category = CategoryFactory(name="Sleep", slug="sleep", requires_review=False)
    hour = timezone.now() + timedelta(days=1)
    ArticleFactory(title="Naps", category=category, status="published", published_at=hour)
    ArticleFactory(title="Old news", category=category)  # public already: not scheduled
    client = logged_in(admin_user)
    url, data = category_form(client, category)

    response = client.post(url, {**data, "requires_review": "on"}, follow=True)

    warning = " ".join(messages_of(response))
    assert "1 scheduled article in “Sleep” is not signed off: “Naps”." in warning
    assert "Old news" not in warning
