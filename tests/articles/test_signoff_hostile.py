"""The sign-off tried by a hostile tester: a reviewer signing off their own work, the rule's
holes outside the article form (categories, scheduled articles sent back, the importer), and
what the queue reads."""

import pytest

from articles.models import Article, Person, SignOff

from .editor import logged_in, messages_of
from .test_signoff_flow import decide, submit_for_review

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
