from bisect import bisect_left

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.singleton import SingletonModel
from healthsite.compiled import CompiledQuery

from . import threads
from .freshness import discussion_changed
from .querysets import CommentQuerySet


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        SPAM = "spam", _("Spam")
        REMOVED = "removed", _("Removed")

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="comments", verbose_name=_("article")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    path = models.CharField(
        max_length=255,
        editable=False,
        blank=True,
        default="",
        help_text=_("The ids of the comment's ancestors and its own, fixed width: thread order."),
    )
    depth = models.PositiveSmallIntegerField(editable=False, default=1)
    author_name = models.CharField(_("name"), max_length=100)
    author_email = models.EmailField(_("email"), max_length=254, blank=True)
    author_url = models.URLField(_("website"), max_length=200, blank=True)
    author_role = models.CharField(
        _("role"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_('A staff reply\'s public role when it was posted ("Registered dietitian").'),
    )
    body = models.TextField(_("comment"), max_length=5000)
    body_html = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    previous_status = models.CharField(
        max_length=10,
        choices=Status.choices,
        blank=True,
        editable=False,
        help_text=_("The status before it was removed or marked as spam, for restoring."),
    )
    moderation_reasons = models.JSONField(
        _("moderation reasons"), default=list, blank=True, editable=False
    )
    notify = models.BooleanField(_("email me replies"), default=False)
    is_staff_reply = models.BooleanField(_("staff reply"), default=False, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("account"),
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    submission_key = models.CharField(
        max_length=32,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The one-time key of the form this comment was sent from: the same form sent "
            "twice stores one comment."
        ),
    )
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True, editable=False)
    published_notice_sent_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the emails for this comment becoming public were sent: they go once."),
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("moderated by"),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        permissions = [("moderate_comment", _("Can moderate comments"))]
        indexes = [
            models.Index(fields=["article", "status", "path"], name="comment_thread_idx"),
            models.Index(fields=["status", "-created_at"], name="comment_queue_idx"),
            models.Index(fields=["author_email", "status"], name="comment_author_idx"),
            models.Index(fields=["created_at"], name="comment_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "approved", "spam", "removed"]),
                name="comment_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(depth__gte=1, depth__lte=threads.MAX_DEPTH_LIMIT),
                name="comment_depth_range",
            ),
            models.CheckConstraint(
                condition=models.Q(is_staff_reply=False) | models.Q(user__isnull=False),
                name="comment_staff_reply_has_user",
            ),
        ]

    def __str__(self):
        return _("%(name)s on %(article)s") % {
            "name": self.author_name,
            "article": self.article_id and self.article.title,
        }

    def get_absolute_url(self):
        return self.url_in_discussion()

    def url_in_discussion(self, *, discussion_settings=None, thread_roots=None):
        """The article address that shows this comment: its page of threads, then its anchor.

        `discussion_settings` and `thread_roots` (see `discussion_page`), when the caller has
        them, save queries.
        """
        url = reverse("articles:detail", kwargs={"slug": self.article.slug})
        page = self.discussion_page(
            discussion_settings=discussion_settings, thread_roots=thread_roots
        )
        query = f"?cpage={page}" if page else ""
        return f"{url}{query}#comment-{self.pk}"

    def discussion_page(self, *, discussion_settings=None, thread_roots=None):
        """The page of threads that holds this comment, or None when the discussion is not
        paged.

        `thread_roots`: the article's public thread roots in order, when the caller has them
        (a feed placing many comments), to save a query per comment.
        """
        discussion_settings = discussion_settings or DiscussionSettings.load()
        per_page = discussion_settings.comments_per_page
        if not per_page:
            return None
        root = threads.thread_root_path(self.path)
        if thread_roots is not None:
            before = bisect_left(thread_roots, root)
            listed = before < len(thread_roots) and thread_roots[before] == root
        else:
            counts = _thread_position(article_id=self.article_id, root=root)
            before, same = counts[0] if counts else (0, 0)
            listed = self.is_public or same > 0
        if listed:
            return before // per_page + 1
        # A thread with nothing public yet (a comment awaiting moderation) shows, to its
        # author and to moderators, on the page of the public thread that follows it (the
        # last page after the last one), as the pages' ranges of paths are cut.
        return max(1, -(-before // per_page))

    def clean(self):
        # One spelling of each address, so lookups by email are exact and use the index.
        self.author_email = self.author_email.strip().lower()

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED

    def accepts_replies(self, max_depth):
        """The reply rule: a public comment, above the deepest level replies may reach."""
        return self.is_public and self.depth < max_depth


# The threads with a public comment before a thread, and that thread's public comments: asked
# on every comment's address and after every post, so compiled once (healthsite/compiled.py).
# Here rather than with the discussion's other compiled queries (comments/threadqueries.py),
# which import this module; tests/test_compiled.py checks it against the ORM's thread roots.
_thread_position = CompiledQuery(
    lambda article_id, root: (
        Comment.objects.public()
        .filter(article_id=article_id)
        .order_by()
        .with_thread_root()
        .values("article_id")
        .annotate(
            before=Count("root", distinct=True, filter=Q(root__lt=root)),
            same=Count("pk", filter=Q(root=root)),
        )
        .values_list("before", "same")
    ),
    article_id="int",
    root="str",
)


class DiscussionSettings(SingletonModel):
    """The discussion policy: WordPress's "Discussion" settings page, as one editable row."""

    class ModerationMode(models.TextChoices):
        HOLD_ALL = "hold_all", _("Hold every comment for moderation")
        KNOWN_AUTHORS = (
            "known_authors",
            _("Approve at once when the email has a previously approved comment"),
        )

    class PageOrder(models.TextChoices):
        NEWEST = "newest", _("Newest page first")
        OLDEST = "oldest", _("Oldest page first")

    class Avatars(models.TextChoices):
        INITIALS = "initials", _("Initials (drawn by the site, no outside request)")
        GRAVATAR = "gravatar", _("Gravatar (loads images from gravatar.com)")

    moderation_mode = models.CharField(
        _("moderation"),
        max_length=20,
        choices=ModerationMode.choices,
        default=ModerationMode.HOLD_ALL,
        help_text=_(
            "Hold every comment, or publish at once the comments of people whose earlier "
            "comment (same name and email) was approved. Links, held words and blocks apply "
            "either way."
        ),
    )
    max_depth = models.PositiveSmallIntegerField(
        _("thread depth"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(threads.MAX_DEPTH_LIMIT)],
        help_text=_("How deep replies may nest. 1 turns replies off."),
    )
    close_after_days = models.PositiveIntegerField(
        _("close comments after (days)"),
        default=0,
        help_text=_(
            "Close the discussion this many days after an article is published. 0 = never."
        ),
    )
    link_threshold = models.PositiveSmallIntegerField(
        _("links before holding"),
        default=2,
        help_text=_("Hold a comment for moderation when it has more links than this."),
    )
    held_words = models.TextField(
        _("held words"),
        blank=True,
        help_text=_(
            "One word, phrase, email, IP address or web address per line. A comment containing "
            "one (in its text, name, email, website or IP) is held for moderation."
        ),
    )
    blocked_words = models.TextField(
        _("blocked words"),
        blank=True,
        help_text=_("One per line, as above. A comment containing one is marked as spam."),
    )
    blocked_emails = models.TextField(
        _("blocked email addresses"),
        blank=True,
        help_text=_(
            'One per line. Comments from these go to spam. "Block this commenter" adds here.'
        ),
    )
    blocked_ips = models.TextField(
        _("blocked IP addresses"),
        blank=True,
        help_text=_(
            'One per line. Comments from these go to spam. "Block this commenter" adds here.'
        ),
    )
    notify_moderators = models.BooleanField(
        _("email moderators"),
        default=True,
        help_text=_(
            "Email everyone in the Moderators group when a comment is held for moderation."
        ),
    )
    rate_limit_per_minute = models.PositiveSmallIntegerField(
        _("comments per minute from one IP"),
        default=5,
        validators=[MinValueValidator(1)],
        help_text=_("More than this from one IP address within a minute is refused."),
    )
    rate_limit_per_hour = models.PositiveSmallIntegerField(
        _("comments per hour from one IP"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_("More than this from one IP address within an hour is refused."),
    )
    # 50 top-level threads, as WordPress offers when paging is on: a page of a 10,000-comment
    # discussion then weighs about a hundred kilobytes instead of 7.8 MB (tests/perf/RESULTS.md).
    comments_per_page = models.PositiveSmallIntegerField(
        _("break comments into pages"),
        default=50,
        help_text=_("Top-level threads per page. 0 shows every comment on one page."),
    )
    page_order = models.CharField(
        _("page shown first"),
        max_length=10,
        choices=PageOrder.choices,
        default=PageOrder.NEWEST,
        help_text=_(
            "With pages: which page an article opens on. Threads read oldest first within a page."
        ),
    )
    moderation_digest = models.BooleanField(
        _("daily digest to moderators"),
        default=False,
        help_text=_(
            "Email everyone who moderates comments, once a day, the list of comments that "
            "have waited more than a day (the send_moderation_digest command, run daily)."
        ),
    )
    avatars = models.CharField(
        _("show avatars"),
        max_length=10,
        choices=Avatars.choices,
        default=Avatars.INITIALS,
        help_text=_(
            "Gravatar sends a hash of each commenter's email to gravatar.com; initials send "
            "nothing."
        ),
    )

    class Meta(SingletonModel.Meta):
        verbose_name = _("discussion settings")
        verbose_name_plural = _("discussion settings")

    def save(self, *args, **kwargs):
        """Every discussion is drawn from these settings: all change with them, together."""
        with transaction.atomic():
            super().save(*args, **kwargs)
            discussion_changed()

    def closes_on(self, article):
        """When the article's discussion closes by age, or None."""
        if not self.close_after_days or not article.published_at:
            return None
        return article.published_at + timezone.timedelta(days=self.close_after_days)

    def is_open_for(self, article):
        """Comments are open: the article is public, its flag is on, and it is not too old."""
        closes_on = self.closes_on(article)
        return (
            article.is_public
            and article.comments_open
            and (closes_on is None or timezone.now() < closes_on)
        )


class ModerationLog(models.Model):
    """One moderation decision on one comment: who did what, when, from which status to
    which. The verbs (comments/verbs.py) write these; the desk undoes from them."""

    class Action(models.TextChoices):
        APPROVE = "approve", _("approved")
        UNAPPROVE = "unapprove", _("returned to moderation")
        SPAM = "spam", _("marked as spam")
        REMOVE = "remove", _("removed")
        RESTORE = "restore", _("restored")
        BLOCK = "block", _("blocked the commenter")
        REPLY = "reply", _("replied as staff")
        EDIT = "edit", _("edited")
        REVERT = "revert", _("undid a decision")
        ERASE = "erase", _("erased the commenter's data")

    comment = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        related_name="moderation_log",
        verbose_name=_("comment"),
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when a command did it."),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    from_status = models.CharField(
        _("from"),
        max_length=10,
        choices=Comment.Status.choices,
        blank=True,
        help_text=_("Empty for a comment this decision created (a staff reply)."),
    )
    to_status = models.CharField(_("to"), max_length=10, choices=Comment.Status.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    added_to_blocklists = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text=_(
            'What a block added to the blocked lists from this comment ("email", "ip"), so '
            "undoing the block takes out exactly that."
        ),
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation log")
        indexes = [
            models.Index(fields=["comment", "-at"], name="moderationlog_comment_idx"),
            models.Index(fields=["-at"], name="moderationlog_at_idx"),
        ]

    def __str__(self):
        return f"{self.get_action_display()}: {self.from_status or '—'} → {self.to_status}"
