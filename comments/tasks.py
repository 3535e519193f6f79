"""Background tasks (Django's Tasks API): the discussion's emails.

Each task takes plain values (a comment id and the site's root address), loads what it needs
and sends one email; a comment deleted meanwhile sends nothing.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_tasks import task

from articles.mail import send_email

from .models import Comment
from .unsubscribe import unsubscribe_url

EXCERPT_WORDS = 60


def _comment(pk):
    return Comment.objects.select_related("article", "parent").filter(pk=pk).first()


def _links(comment, root):
    return {
        "comment_url": root + comment.get_absolute_url(),
        "article_url": root + comment.article.get_absolute_url(),
        "unsubscribe_url": unsubscribe_url(root, comment),
    }


def moderator_emails():
    """Active accounts that may moderate comments and have an email address."""
    permission = Permission.objects.get(
        codename="moderate_comment", content_type__app_label="comments"
    )
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .values_list("email", flat=True)
        .distinct()
    )


@task()
def send_moderator_alert(comment_id, root):
    comment = _comment(comment_id)
    recipients = moderator_emails()
    if comment is None or not recipients:
        return 0
    send_email(
        "comments/email/moderator_alert",
        subject=_("Comment awaiting moderation: %(title)s") % {"title": comment.article.title},
        to=recipients,
        context={
            "comment": comment,
            "excerpt": Truncator(comment.body).words(EXCERPT_WORDS),
            "admin_url": root + reverse("admin:comments_comment_change", args=[comment.pk]),
            "queue_url": root + reverse("admin:comments_comment_changelist"),
            "article_url": root + comment.article.get_absolute_url(),
        },
    )
    return len(recipients)


def _to_commenter(template, subject, comment, context, root):
    """An email to a commenter, with one-click unsubscribe (RFC 8058) in the headers too."""
    links = _links(comment, root)
    send_email(
        f"comments/email/{template}",
        subject=subject,
        to=[comment.author_email],
        context={**context, **links},
        headers={
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@task()
def send_comment_published(comment_id, root):
    comment = _comment(comment_id)
    if comment is None or not comment.is_public or not comment.notify:
        return 0
    _to_commenter(
        "comment_published",
        _("Your comment on “%(title)s” is published") % {"title": comment.article.title},
        comment,
        {"comment": comment, "excerpt": Truncator(comment.body).words(EXCERPT_WORDS)},
        root,
    )
    return 1


@task()
def send_reply_notification(reply_id, root):
    reply = _comment(reply_id)
    if reply is None or not reply.is_public or reply.parent is None:
        return 0
    parent = reply.parent
    if not parent.notify or not parent.is_public or not parent.author_email:
        return 0
    links = _links(reply, root)
    _to_commenter(
        "reply_notification",
        _("%(name)s replied to your comment on “%(title)s”")
        % {"name": reply.author_name, "title": reply.article.title},
        parent,
        {
            "reply": reply,
            "parent": parent,
            "excerpt": Truncator(reply.body).words(EXCERPT_WORDS),
            "reply_url": links["comment_url"],
        },
        root,
    )
    return 1
