"""Privacy tools: purge old IP addresses, export or erase what is stored about one commenter."""

from datetime import timedelta

from django.utils import timezone

from . import verbs
from .models import Comment

DEFAULT_RETENTION_DAYS = 90


def purge_network_data(*, older_than_days=DEFAULT_RETENTION_DAYS, comments=None):
    """Forget the IP address and browser of comments older than the retention period."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    queryset = Comment.objects.all() if comments is None else comments
    return (
        queryset.filter(created_at__lt=cutoff)
        .exclude(ip_address__isnull=True, user_agent="")
        .update(ip_address=None, user_agent="")
    )


def normalise_email(email):
    """Addresses are stored lowercased (Comment.clean): look them up the same way."""
    return (email or "").strip().lower()


def _by_email(email):
    return Comment.objects.filter(author_email=normalise_email(email))


def export_commenter(email):
    """Everything stored about the commenter with this email, as JSON-ready data."""
    comments = _by_email(email).select_related("article", "parent").order_by("created_at")
    return {
        "email": normalise_email(email),
        "exported_at": timezone.now().isoformat(),
        "comments": [
            {
                "id": comment.pk,
                "article": comment.article.title,
                "article_url": comment.article.get_absolute_url(),
                "in_reply_to": comment.parent_id,
                "name": comment.author_name,
                "email": comment.author_email,
                "website": comment.author_url,
                "comment": comment.body,
                "status": comment.status,
                "email_me_replies": comment.notify,
                "ip_address": comment.ip_address,
                "browser": comment.user_agent,
                "posted_at": comment.created_at.isoformat(),
            }
            for comment in comments
        ],
    }


def erase_commenter(email, *, by=None, remove_bodies=False):
    """Anonymise the commenter with this email (the erase verb, logged as done `by` someone,
    or by a command); returns how many comments were anonymised."""
    return verbs.erase(comments=_by_email(email), by=by, remove_text=remove_bodies).count
