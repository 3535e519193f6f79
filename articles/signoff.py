"""
The medical sign-off: submit an article for review, approve it or send it back, and the one
rule that says whether an article may be published or scheduled.

Every way of publishing (the article form's status and date, the "publish now" action,
seed_demo) asks `publication_refusal`, so the rule is written once:

- Publishing or scheduling needs the `publish_article` permission; so does taking a
  published or scheduled article back to draft.
- In a category that requires review, it also needs the article's last decision to be an
  approval of the text as it reads now (title, key points, body, sources: see
  articles.snapshots.REVIEWED_FIELDS). Superusers are no exception: the sign-off is a
  reviewer's word on the text, which no permission replaces.
- Editing an article that is already public is not publishing it: the edit is allowed, and the
  article then shows as "changed since review" (its text differs from the last approval) to
  the editor and in the review queue until a reviewer signs it off again. A scheduled article,
  not public yet, goes through the rule on every save, so unreviewed text never goes public.

Functions take plain data (the article, the acting user, a note) and raise SignOffRefused
with a message for the person when they may not act.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, OuterRef, Subquery, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from . import revisions, snapshots
from .models import Article, SignOff
from .people import Person


class SignOffRefused(Exception):
    """The person may not do this now; str() says why, for them to read."""


def newest_per_article(sign_offs):
    """The newest row of each article among `sign_offs` (one query)."""
    newest = (
        sign_offs.filter(article=OuterRef("article")).order_by("-created_at", "-pk").values("pk")
    )
    return sign_offs.filter(pk=Subquery(newest[:1]))


@dataclass
class ReviewStatus:
    """Where an article stands with its medical review, for the editor and the reviewer."""

    article: object
    latest: object = None  # the newest sign-off, whatever its state
    approval: object = None  # the newest approval
    changes: list = field(default_factory=list)  # reviewed fields changed since that approval

    @property
    def state(self):
        if self.latest is not None and self.latest.is_pending:
            return "submitted"
        if self.latest is not None and self.latest.is_sent_back:
            return "sent_back"
        if self.approval is not None:
            return "changed" if self.changes else "approved"
        return "never"

    @property
    def changed_since_review(self):
        return bool(self.approval is not None and self.changes)

    @property
    def label(self):
        return {
            "submitted": _("Submitted for review"),
            "sent_back": _("Sent back"),
            "changed": _("Changed since review"),
            "approved": _("Signed off"),
            "never": _("Not signed off"),
        }[self.state]


def review_status(article):
    return review_statuses([article])[article.pk]


def review_statuses(articles):
    """{article pk: ReviewStatus} for a list of saved articles, in a few queries whatever
    their number (the sign-offs, the approvals, and what a snapshot reads when not already
    fetched: sources, author, reviewer)."""
    articles = [article for article in articles if article.pk]
    ids = [article.pk for article in articles]
    sign_offs = SignOff.objects.select_related("reviewer", "requested_by")
    latest = {s.article_id: s for s in newest_per_article(sign_offs.filter(article__in=ids))}
    approvals = {
        s.article_id: s for s in newest_per_article(sign_offs.approved().filter(article__in=ids))
    }
    # What snapshots.take reads, fetched once for all (skipped where already fetched).
    prefetch_related_objects(articles, "sources", "author", "reviewer")
    statuses = {}
    for article in articles:
        approval = approvals.get(article.pk)
        changes = []
        if approval is not None:
            changes = snapshots.compare(
                approval.snapshot, snapshots.take(article), snapshots.REVIEWED_FIELDS
            )
        statuses[article.pk] = ReviewStatus(article, latest.get(article.pk), approval, changes)
    return statuses


def changed_since_review(queryset):
    """The articles of `queryset` whose reviewed text differs from their last approval.

    Only articles saved after that approval are read and compared (their text, sources
    included, changes only with a save of the article: the form, a restore, the importer), so
    the queue and the list's filter read the articles changed, not every approved one."""
    approved_at = (
        SignOff.objects.approved()
        .filter(article=OuterRef("pk"))
        .order_by("-created_at", "-pk")
        .values("decided_at")[:1]
    )
    candidates = list(
        queryset.annotate(approved_at=Subquery(approved_at))
        .filter(approved_at__isnull=False, modified_at__gt=F("approved_at"))
        .prefetch_related("sources")
    )
    return [s.article for s in review_statuses(candidates).values() if s.changed_since_review]


def pending_sign_offs():
    """The sign-offs waiting for a reviewer: the newest of their article, a submission."""
    return newest_per_article(SignOff.objects.all()).filter(state=SignOff.State.SUBMITTED)


def awaiting_review():
    """The articles whose newest sign-off is a submission, oldest request first."""
    submitted_at = (
        SignOff.objects.filter(article=OuterRef("pk"), state=SignOff.State.SUBMITTED)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return list(
        Article.objects.filter(pk__in=pending_sign_offs().values("article"))
        .annotate(submitted_at=Subquery(submitted_at))
        .select_related("category", "author")
        .prefetch_related("sources")
        .order_by("submitted_at", "pk")
    )


# --- the verbs ---------------------------------------------------------------------------


def submit(article, user):
    """The editor asks for a medical sign-off of the article as saved."""
    if not user.has_perm("articles.change_article"):
        raise SignOffRefused(_("You may not submit articles for review."))
    with transaction.atomic():
        latest = _latest_locked(article)
        if latest is not None and latest.is_pending:
            raise SignOffRefused(_("This article is already waiting for its medical review."))
        return SignOff.objects.create(
            article=article,
            state=SignOff.State.SUBMITTED,
            snapshot=snapshots.take(article),
            requested_by=user,
        )


def reviewer_of(user):
    """The Person with credentials who is this user, if the user may sign off articles."""
    if not user.has_perm("articles.review_article"):
        raise SignOffRefused(_("Only medical reviewers may sign off articles."))
    person = Person.objects.filter(user=user).first()
    if person is None or not person.credentials.strip():
        raise SignOffRefused(
            _(
                "Your account is not linked to a person with credentials: ask an "
                "administrator to link your account to your entry under People."
            )
        )
    return person


def approve(article, user, note="", *, seen_version=None):
    """The reviewer signs off the article as it reads now: reviewer and review date are
    stamped on the article. `seen_version` (the version of the text the reviewer read)
    refuses an approval of text changed meanwhile. Nobody signs off their own work: not the
    article's author, the person who submitted it, nor someone who changed its text since its
    last approval (a second pair of eyes is the point)."""
    person = reviewer_of(user)
    with transaction.atomic():
        article = _current(article, seen_version)
        _refuse_own_work(article, user, person)
        article.reviewer = person
        article.reviewed_on = timezone.localdate()
        article.save(update_fields=["reviewer", "reviewed_on"])
        revisions.record(article=article, user=user, note=_("Signed off"))
        return _decide(article, SignOff.State.APPROVED, user, person, note)


def send_back(article, user, note, *, seen_version=None):
    """The reviewer returns the article to its editor, saying why. A scheduled article is
    no longer scheduled (a draft again, its date kept): the gate is asked when it is
    scheduled, not at its hour, so it would otherwise go public without a sign-off."""
    person = reviewer_of(user)
    if not (note or "").strip():
        raise SignOffRefused(_("Say why the article is sent back: the editor reads this note."))
    with transaction.atomic():
        article = _current(article, seen_version)
        sign_off = _decide(article, SignOff.State.SENT_BACK, user, person, note.strip())
        if article.state == Article.State.SCHEDULED:
            article.status = Article.Status.DRAFT
            article.save(update_fields=["status", "modified_at"])
            revisions.record(article=article, user=user, note=_("Sent back: no longer scheduled"))
            sign_off.unscheduled = True
        return sign_off


def record_approval(article, person, *, on):
    """An approval given outside the admin (the demo content, an import): no user decided it."""
    moment = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    return SignOff.objects.create(
        article=article,
        state=SignOff.State.APPROVED,
        snapshot=snapshots.take(article),
        reviewer=person,
        created_at=moment,
        decided_at=moment,
    )


def _current(article, seen_version):
    current = Article.objects.select_for_update().get(pk=article.pk)
    if seen_version is not None and current.version != seen_version:
        raise SignOffRefused(
            _(
                "The article was changed while you were reading it: read the comparison "
                "again before deciding."
            )
        )
    return current


def _refuse_own_work(article, user, person):
    latest = SignOff.objects.filter(article=article).first()
    submitted_by_them = (
        latest is not None and latest.is_pending and latest.requested_by_id == user.pk
    )
    if submitted_by_them or article.author_id == person.pk or _text_changed_by(article, user):
        raise SignOffRefused(
            _(
                "You wrote, submitted or changed this article since its last sign-off: "
                "another medical reviewer must sign it off. You may still send it back."
            )
        )


def _text_changed_by(article, user):
    """Whether `user` saved a change to the reviewed text since its last approval (by the
    revisions kept after each save: theirs, each compared with the one before it)."""
    approval = SignOff.objects.approved().filter(article=article).first()
    theirs = revisions.Revision.objects.filter(article=article, created_by=user)
    if approval is not None:
        theirs = theirs.filter(created_at__gt=approval.decided_at)
    theirs = list(theirs)
    before = {
        r.number: r.snapshot
        for r in revisions.Revision.objects.filter(
            article=article, number__in=[r.number - 1 for r in theirs]
        )
    }
    return any(
        snapshots.reviewed_text_changed(before.get(r.number - 1, {}), r.snapshot) for r in theirs
    )


def _latest_locked(article):
    Article.objects.select_for_update().filter(pk=article.pk).first()
    return SignOff.objects.filter(article=article).first()


def _decide(article, state, user, person, note):
    sign_off = _latest_locked(article)
    if sign_off is None or not sign_off.is_pending:
        sign_off = SignOff(article=article, requested_by=None)
    sign_off.state = state
    sign_off.snapshot = snapshots.take(article)
    sign_off.decided_by = user
    sign_off.reviewer = person
    sign_off.note = note
    sign_off.decided_at = timezone.now()
    sign_off.save()
    return sign_off


# --- the publishing gate -----------------------------------------------------------------


def publication_refusal(
    article, user, *, status=None, published_at=None, category=None, snapshot=None
):
    """Why `user` may not publish or schedule `article`, or None when they may.

    `article` is as stored (unsaved for a new one); the keywords give what the save would
    make of it (default: as it is); `snapshot`, the reviewed text (or a function returning
    it, called only when the sign-off must be checked). `user` None is the site itself
    (seed_demo): no permission is checked, the sign-off still is."""
    status = status or article.status
    if status == Article.Status.DRAFT:
        # Taking a published or scheduled article back to draft is a publisher's decision too.
        unpublishing = bool(article.pk) and article.status == Article.Status.PUBLISHED
        if unpublishing and user is not None and not user.has_perm("articles.publish_article"):
            return _("You may not unpublish articles: ask a publisher to do it.")
        return None
    published_at = published_at if published_at is not None else article.published_at
    if published_at is None:
        published_at = timezone.now()
    if _stays_public(article, published_at):
        return None
    # Keeping a scheduled article's date (and category) is no new decision: the permission is
    # not asked again (its text still needs the sign-off, as it is not public yet). Moving it
    # to a category without review is one: it would take unreviewed text at its hour.
    decided_before = (
        bool(article.pk)
        and article.status == status
        and _same_time(published_at, article.published_at)
        and (category is None or category.pk == article.category_id)
    )
    if user is not None and not decided_before and not user.has_perm("articles.publish_article"):
        return _("You may not publish or schedule articles: save it as a draft for a publisher.")
    category = category or article.category
    if not category.requires_review:
        return None
    decision = SignOff.objects.decided().filter(article=article).first() if article.pk else None
    if decision is None or decision.is_sent_back:
        return _(
            "Articles in “%(category)s” need a medical sign-off before they are published or "
            "scheduled (administrators too): submit this one for review."
        ) % {"category": category.name}
    text = snapshot() if callable(snapshot) else snapshot or snapshots.take(article)
    if snapshots.reviewed_text_changed(decision.snapshot, text):
        return _(
            "The text has changed since it was signed off: submit it for review again before "
            "publishing or scheduling it."
        )
    return None


def may_publish(article, user, **prospective):
    return publication_refusal(article, user, **prospective) is None


def _stays_public(article, published_at):
    """Editing an article that is public, its date unchanged, is not publishing it."""
    if not article.pk or not article.is_public or published_at > timezone.now():
        return False
    return _same_time(published_at, article.published_at)


def _same_time(first, second):
    if first is None or second is None:
        return first is second
    return first.replace(microsecond=0) == second.replace(microsecond=0)
