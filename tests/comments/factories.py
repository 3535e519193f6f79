"""Comments built the way the site builds them (threaded by `save_in_thread`, HTML sanitised),
and the form data a reader's browser sends."""

import time

import factory
from django.urls import reverse
from django.utils import timezone

from articles.sanitize import sanitize_comment
from comments.identity import staff_public_name
from comments.models import Comment
from comments.posting import save_in_thread
from comments.stamps import issue_stamp
from tests.factories import ArticleFactory, StaffFactory


class CommentFactory(factory.django.DjangoModelFactory):
    """An approved comment; pass `parent=` for a reply (same article, path and depth follow).

    `staff=True` makes it a staff reply under a staff account, named from that account.
    """

    class Meta:
        model = Comment

    class Params:
        staff = factory.Trait(
            user=factory.SubFactory(StaffFactory),
            is_staff_reply=True,
            author_name=factory.LazyAttribute(lambda o: staff_public_name(o.user)),
            author_email=factory.LazyAttribute(lambda o: o.user.email),
        )

    parent = None
    article = factory.LazyAttribute(
        lambda o: o.parent.article if o.parent is not None else ArticleFactory()
    )
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.net")
    body = factory.Sequence(lambda n: f"Comment number {n}: this helped me sleep better.")
    body_html = factory.LazyAttribute(lambda o: sanitize_comment(o.body))
    status = Comment.Status.APPROVED
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        comment = model_class(*args, **kwargs)
        save_in_thread(comment)
        return comment


def comment_form_data(article, **overrides):
    """What a reader's browser sends for a valid top-level comment, stamped 10 s ago.

    Overrides replace fields; an override of None leaves the field out entirely.
    """
    data = {
        "name": "Dana Walker",
        "email": "dana.walker@example.com",
        "website": "",
        "body": "Walking after dinner helped me fall asleep sooner.",
        "parent": "",
        "homepage": "",
        "issued": issue_stamp(article, issued_at=time.time() - 10),
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def post_comment(client, article, *, ip="127.0.0.1", user_agent="TestBrowser/1.0", **overrides):
    """POST the comment form of `article` with valid data changed by `overrides`."""
    return client.post(
        reverse("comments:post", kwargs={"slug": article.slug}),
        comment_form_data(article, **overrides),
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=user_agent,
    )
