"""Posting a comment: the one path from what a person typed to a stored, moderated comment.

It takes plain values (the article, the fields, the client's address and browser), never a
form or a request: the comment form's view, the staff reply verb, the demo and an importer
all post through `comment_post`, and the one policy (comments/moderation.py) decides.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from articles.sanitize import sanitize_comment
from healthsite.compiled import CompiledQuery

from . import moderation, notifications, threads
from .freshness import discussion_changed
from .identity import staff_public_name, staff_public_role
from .models import Comment, DiscussionSettings, ModerationLog
from .replies import reply_parent
from .stamps import submission_key as key_of_stamp
from .stamps import valid_submission_key

USER_AGENT_LENGTH = 300
SENT_AGAIN_WITH_OTHER_TEXT = _lazy(
    "This form was already sent, with another text: that comment is below. Send the form "
    "again to post this text as a new comment."
)


@dataclass(frozen=True)
class CommentFields:
    """What was typed, as plain values. `parent`: None, a comment's id, or the comment."""

    body: str
    name: str = ""
    email: str = ""
    website: str = ""
    notify: bool = False
    parent: object = None


@dataclass(frozen=True)
class Posted:
    decision: moderation.Decision
    comment: Comment | None = None


def comment_post(
    *,
    article,
    fields,
    client_ip,
    user_agent="",
    user=None,
    form_stamp=None,
    honeypot="",
    submission_key=None,
    posted_at=None,
    send_emails=True,
    discussion_settings=None,
):
    """Sanitise, decide and store one comment; nothing is stored when it is refused.

    `fields`: a CommentFields or a dict of its names. `user`: the account posting, if any; a
    staff account posts a staff reply, under its public name. `form_stamp` and `honeypot`:
    what the public comment form sent (the stamp is a string, maybe empty); `form_stamp=None`
    means the comment did not come from the public form (a staff reply, the demo, an
    importer), so the form's checks and the rate limit do not apply. `submission_key`: a
    one-time key for callers without a form (an importer's source id), in place of the
    stamp's. `posted_at`: when it was written, for imports. `send_emails=False`: nobody is
    told (imports, the demo).

    The same submission sent again (a double click, a retry, two at the same moment) stores
    nothing more: its one-time key finds the comment it stored, before deciding or, in a
    race, when the unique key refuses the second insert. Raises ValidationError when a field
    does not fit the model (the form has checked them for readers).
    """
    settings = discussion_settings or DiscussionSettings.load()
    if not isinstance(fields, CommentFields):
        fields = CommentFields(**fields)
    key = _one_time_key(form_stamp, submission_key)
    earlier = _stored_with_key(key)
    if earlier:
        return _sent_again(earlier, fields)
    try:
        parent = reply_parent(article, fields.parent, max_depth=settings.max_depth)
    except ValidationError as refusal:
        return Posted(moderation.Decision.reject(refusal.messages[0], _("reply not allowed")))
    comment = _new_comment(article, fields, parent, user, key)
    comment.ip_address = client_ip
    comment.user_agent = (user_agent or "")[:USER_AGENT_LENGTH]
    if posted_at is not None:
        comment.created_at = posted_at
    decision = moderation.decide(
        comment,
        form_stamp=form_stamp,
        honeypot=honeypot,
        ip_address=comment.ip_address,
        user_agent=comment.user_agent,
        settings=settings,
    )
    if decision.outcome == moderation.Outcome.REJECT:
        # The same form, sent at the same moment, may have been stored since the check above
        # (then its text is a "duplicate"): the reader is sent to that comment.
        earlier = _stored_with_key(key)
        if earlier:
            return _sent_again(earlier, fields)
    if decision.outcome != moderation.Outcome.STORE:
        return Posted(decision)
    comment.status = decision.status
    comment.moderation_reasons = decision.reasons
    if comment.status == Comment.Status.APPROVED:
        comment.moderated_at = timezone.now()
    # The fields are checked here; the table's check constraints (status, depth, a staff
    # reply's account) hold what this function sets itself, and the database enforces them
    # at the insert: checking them first would cost a query each.
    comment.full_clean(
        exclude=["article", "parent", "user"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():
            save_in_thread(comment)
            if comment.is_staff_reply:
                ModerationLog.objects.create(
                    comment=comment,
                    action=ModerationLog.Action.REPLY,
                    actor=comment.user,
                    to_status=comment.status,
                )
            if send_emails:
                notifications.comment_stored(comment, discussion_settings=settings)
    except IntegrityError:
        earlier = _stored_with_key(key)
        if earlier is None:
            raise
        return _sent_again(earlier, fields)
    return Posted(decision, comment)


def _sent_again(earlier, fields):
    """The same form, sent again: the comment it stored stands, and nothing more is stored.

    With other text (the reader went back, changed it and sent the form again) the new text is
    not dropped in silence: the form comes back with it, and a fresh form posts it."""
    if earlier.body.strip() == (fields.body or "").strip():
        return Posted(moderation.Decision.already_posted(), earlier)
    return Posted(moderation.Decision.reject(SENT_AGAIN_WITH_OTHER_TEXT, _("form sent again")))


def _one_time_key(form_stamp, submission_key):
    if form_stamp is not None and submission_key is not None:
        raise ValueError("Give the form's stamp or a submission key, not both.")
    if submission_key is not None and not valid_submission_key(submission_key):
        raise ValueError("A submission key is a non-empty string of at most 32 characters.")
    return key_of_stamp(form_stamp) if form_stamp is not None else submission_key


def _new_comment(article, fields, parent, user, key):
    """The unsaved comment: a reader's, or a staff reply under the account's public name."""
    if user is not None and not user.is_authenticated:
        user = None
    comment = Comment(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        body=fields.body,
        body_html=sanitize_comment(fields.body),
        notify=bool(fields.notify),
        submission_key=key,
        user=user,
    )
    if user is not None and user.is_staff:
        comment.is_staff_reply = True
        comment.author_name = staff_public_name(user)
        comment.author_role = staff_public_role(user)
        comment.author_email = user.email
    else:
        comment.author_name = " ".join((fields.name or "").split())
        comment.author_email = (fields.email or "").strip().lower()
        comment.author_url = fields.website or ""
    return comment


def _stored_with_key(key):
    if not key:
        return None
    found = _with_key(key=key)
    return found[0] if found else None


# Every post asks; compiled once per process (healthsite/compiled.py).
_with_key = CompiledQuery(
    lambda key: Comment.objects.select_related("article").filter(submission_key=key)[:1],
    key="str",
)


def save_in_thread(comment):
    """Insert the comment, then give it its path (which holds its own id)."""
    comment.clean()
    comment.depth = comment.parent.depth + 1 if comment.parent_id else 1
    comment.save()
    comment.path = threads.path_for(comment)
    Comment.objects.filter(pk=comment.pk).update(path=comment.path)
    discussion_changed([comment.article_id])
