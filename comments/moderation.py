"""
The one moderation policy.

`decide()` looks at a new comment and what came with it (plain values: the public form's
stamp and hidden field, the client's address and browser), and says what happens to it:

- rejected outright, nothing stored, the person told what to do: the hidden honeypot field was
  filled; the form was sent less than 3 seconds after it was drawn, or more than 24 hours after
  (its signed timestamp); the same person (email) posted the same text on the same article in
  the last 24 hours;
- refused with HTTP 429: more comments from one IP address than the limits allow (counted in the
  shared cache; a refused attempt is not counted). When the shared cache does not answer, the
  limit cannot be counted: the comment is held for moderation instead ("rate limit unavailable");
- spam: a blocked word, or a blocked email address or IP address;
- pending: more links than the threshold, a held word, or the policy "hold every comment";
- approved: the policy "approve known authors" and an earlier approved comment from the email.

Staff replies are approved at once. A comment that did not come from the public form (the
demo, an importer: no stamp) skips the form's checks and the rate limit. The reasons are
stored on the comment for moderators.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from healthsite.compiled import CompiledQuery

from . import ratelimit, reasons
from .models import Comment, DiscussionSettings
from .stamps import read_stamp

MIN_FORM_SECONDS = 3
MAX_FORM_AGE = timedelta(hours=24)
DUPLICATE_WINDOW = timedelta(hours=24)
_LINK = re.compile(r"<a\s", re.IGNORECASE)


class Outcome:
    STORE = "store"
    REJECT = "reject"
    RATE_LIMITED = "rate_limited"
    ALREADY_POSTED = "already_posted"


@dataclass
class Decision:
    outcome: str
    status: str = ""
    reasons: list = field(default_factory=list)
    message: str = ""
    retry_after: int = 0

    @classmethod
    def store(cls, status, *reasons):
        return cls(Outcome.STORE, status=status, reasons=list(reasons))

    @classmethod
    def already_posted(cls):
        """The same form was sent before: the comment it stored stands, nothing more is."""
        return cls(Outcome.ALREADY_POSTED)

    @classmethod
    def reject(cls, message, reason):
        return cls(Outcome.REJECT, message=message, reasons=[reason])


def word_list(text):
    """A settings text field as lowercase entries, one per line, blanks ignored."""
    return [line.strip().lower() for line in (text or "").splitlines() if line.strip()]


def decide(comment, *, form_stamp, honeypot="", ip_address, user_agent, settings=None, now=None):
    """What happens to `comment`; see the module docstring for the rules, in this order.

    `form_stamp`: the public form's signed stamp (a string, maybe empty), or None when the
    comment did not come from the public form.
    """
    settings = settings or DiscussionSettings.load()
    now = now or timezone.now()
    Status = Comment.Status
    if comment.is_staff_reply:
        return Decision.store(Status.APPROVED, _("staff reply"))

    verdict = ratelimit.Verdict(allowed=True)
    if form_stamp is not None:
        rejection = _rejection(comment, form_stamp, honeypot, now)
        if rejection:
            return rejection
        verdict = ratelimit.hit(
            "comments",
            ratelimit.rate_key(ip_address),
            [
                ratelimit.Window(60, settings.rate_limit_per_minute),
                ratelimit.Window(3600, settings.rate_limit_per_hour),
            ],
        )
        if not verdict.allowed and not verdict.unavailable:
            return Decision(
                Outcome.RATE_LIMITED, reasons=[_("rate limit")], retry_after=verdict.retry_after
            )

    if _same_text_lately(
        article_id=comment.article_id,
        email=comment.author_email,
        body=comment.body,
        since=now - DUPLICATE_WINDOW,
    ):
        return Decision.reject(
            _(
                "You have already posted this comment on this article. It may be awaiting "
                "moderation; there is no need to send it again."
            ),
            _("duplicate"),
        )

    haystack = _haystack(comment, ip_address, user_agent)
    blocked = _first_match(word_list(settings.blocked_words), haystack)
    if blocked:
        return Decision.store(Status.SPAM, reasons.blocked_word(blocked))
    if comment.author_email.lower() in word_list(settings.blocked_emails):
        return Decision.store(Status.SPAM, _(reasons.BLOCKED_EMAIL))
    if ip_address and ratelimit.in_any(ip_address, word_list(settings.blocked_ips)):
        return Decision.store(Status.SPAM, _(reasons.BLOCKED_IP))

    held_for = [_(reasons.RATE_LIMIT_UNAVAILABLE)] if verdict.unavailable else []
    links = len(_LINK.findall(comment.body_html))
    if links > settings.link_threshold:
        held_for.append(reasons.links(links))
    held = _first_match(word_list(settings.held_words), haystack)
    if held:
        held_for.append(reasons.held_word(held))

    if settings.moderation_mode == settings.ModerationMode.HOLD_ALL:
        held_for.append(_(reasons.HOLD_ALL))
    elif not _known_author(comment):
        held_for.append(_(reasons.FIRST_COMMENT))
    if held_for:
        return Decision.store(Status.PENDING, *held_for)
    return Decision.store(Status.APPROVED, _("known author"))


def _rejection(comment, form_stamp, honeypot, now):
    if (honeypot or "").strip():
        return Decision.reject(
            _(
                "Your comment could not be accepted because a hidden field was filled in, as "
                "automatic form fillers do. Please turn off autofill for this form and send "
                "it again."
            ),
            _("honeypot"),
        )
    expired = Decision.reject(
        _("This form has expired. Please check your comment and send it again."),
        _("expired form"),
    )
    stamp = read_stamp(form_stamp)
    try:
        age = now.timestamp() - float(stamp["at"])
        stamped_article = stamp["article"]
    except (KeyError, TypeError, ValueError):
        return expired
    if stamped_article != comment.article_id or age > MAX_FORM_AGE.total_seconds():
        return expired
    if age < MIN_FORM_SECONDS:
        return Decision.reject(
            _(
                "That was faster than a person can write. Please wait a few seconds, then "
                "send your comment again."
            ),
            _("too fast"),
        )
    return None


# Every post asks; compiled once per process (healthsite/compiled.py).
_same_text_lately = CompiledQuery(
    lambda article_id, email, body, since: Comment.objects.filter(
        article_id=article_id, author_email=email, body=body, created_at__gte=since
    ).values_list("pk", flat=True)[:1],
    article_id="int",
    email="str",
    body="str",
    since="datetime",
)


def _known_author(comment):
    """An earlier comment under the same email and name was approved (as WordPress asks)."""
    return (
        Comment.objects.public()
        .filter(author_email=comment.author_email, author_name__iexact=comment.author_name)
        .exists()
    )


def _haystack(comment, ip_address, user_agent):
    return "\n".join(
        [
            comment.body,
            comment.author_name,
            comment.author_email,
            comment.author_url,
            ip_address or "",
            user_agent or "",
        ]
    ).lower()


def _first_match(words, haystack):
    return next((word for word in words if word in haystack), None)
