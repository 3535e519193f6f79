"""Demo discussions: a small written one on each demo article, and large ones for benchmarks."""

import random
from datetime import timedelta

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from articles.sanitize import sanitize_comment

from . import demo_discussions as texts
from . import threads
from .freshness import discussion_changed
from .identity import staff_public_name, staff_public_role
from .models import Comment, DiscussionSettings
from .moderation import Outcome, word_list
from .posting import comment_post, save_in_thread

MAX_BULK_COMMENTS = 200_000
TOP_LEVEL_SHARE = 0.4
STAFF_REPLY_SHARE = 0.03
RECENT_WINDOW = 40
# Documentation addresses (RFC 5737): the demo's commenters come from nowhere real.
DEMO_IP = "192.0.2.{}"


def demo_email(name):
    slug = "".join(character for character in name.lower() if character.isalnum())
    return f"{slug or 'reader'}@example.org"


def seed_discussions(*, articles, staff_user):
    """The written discussion of each demo article that has no comments yet; returns a count."""
    created = 0
    for slug, discussion in texts.DISCUSSIONS.items():
        article = articles.get(slug)
        if article is None or not article.is_public or article.comments.exists():
            continue
        moment = [article.published_at + timedelta(hours=3)]
        for thread in discussion:
            created += _seed_thread(article, thread, None, staff_user, moment)
    return created


def _seed_thread(article, thread, parent, staff_user, moment):
    name, body, replies = thread
    moment[0] += timedelta(hours=5)
    comment = Comment(
        article=article,
        parent=parent,
        body=body,
        body_html=sanitize_comment(body),
        status=Comment.Status.APPROVED,
        created_at=min(moment[0], timezone.now()),
        moderated_at=timezone.now(),
    )
    if name is texts.STAFF:
        comment.user = staff_user
        comment.is_staff_reply = True
        comment.author_name = staff_public_name(staff_user)
        comment.author_role = staff_public_role(staff_user)
        comment.author_email = staff_user.email
    else:
        comment.author_name, comment.author_email = name, demo_email(name)
    save_in_thread(comment)
    return 1 + sum(_seed_thread(article, reply, comment, staff_user, moment) for reply in replies)


def seed_pending(*, articles):
    """The demo's comments awaiting moderation, posted through the posting service so the
    one policy gives their reasons; returns how many were added. Each has a one-time key, so
    a second run adds none (even after a moderator approved or removed them)."""
    _hold_demo_word()
    now = timezone.now()
    created = 0
    for number, (key, slug, name, body, answers, hours_ago) in enumerate(texts.PENDING, 1):
        article = articles.get(slug)
        if article is None or not article.is_public:
            continue
        parent = None
        if answers:
            parent = article.comments.public().filter(author_name=answers).first()
            if parent is None:
                continue
        posted = comment_post(
            article=article,
            fields={"name": name, "email": demo_email(name), "body": body, "parent": parent},
            client_ip=DEMO_IP.format(number),
            user_agent="Demo browser",
            submission_key=key,
            posted_at=now - timedelta(hours=hours_ago),
            send_emails=False,
        )
        created += posted.decision.outcome == Outcome.STORE
    return created


def _hold_demo_word():
    """The demo's held word, added to the held words unless it is there already."""
    with transaction.atomic():
        settings = DiscussionSettings.load_for_update()
        if texts.HELD_WORD in word_list(settings.held_words):
            return
        settings.held_words = "\n".join(
            [*(line for line in settings.held_words.splitlines() if line.strip()), texts.HELD_WORD]
        )
        settings.save(update_fields=["held_words"])


def seed_bulk_comments(*, article, count, staff_user, seed=0):
    """`count` approved comments in a realistic threaded shape, written with bulk_create.

    About 40 % start a thread; the others answer a recent comment, down to the maximum depth;
    a few are staff replies. Ids are assigned here so paths are known before the insert: run it
    while nobody else is posting (it is for demos and benchmarks).
    """
    if not 0 < count <= MAX_BULK_COMMENTS:
        raise ValueError(f"The number of comments must be between 1 and {MAX_BULK_COMMENTS:,}.")
    rng = random.Random(seed)
    max_depth = DiscussionSettings.load().max_depth
    bodies = _body_pool(rng)
    staff_name = staff_public_name(staff_user) if staff_user is not None else ""
    staff_role = staff_public_role(staff_user) if staff_user is not None else ""
    now = timezone.now()
    start = max(article.published_at or now, now - timedelta(days=365))
    step = (now - start) / (count + 1)
    with transaction.atomic():
        first_id = (Comment.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
        comments = []
        recent = []
        for offset in range(count):
            pk = first_id + offset
            repliable = [c for c in recent if c.depth < max_depth]
            parent = None
            if repliable and rng.random() > TOP_LEVEL_SHARE:
                parent = rng.choice(repliable)
            body, body_html = rng.choice(bodies)
            comment = Comment(
                pk=pk,
                article=article,
                parent=parent,
                depth=parent.depth + 1 if parent else 1,
                path=(parent.path if parent else "") + threads.segment(pk),
                body=body,
                body_html=body_html,
                status=Comment.Status.APPROVED,
                created_at=start + step * (offset + 1),
                moderated_at=now,
            )
            if parent is not None and staff_user is not None and rng.random() < STAFF_REPLY_SHARE:
                comment.user, comment.is_staff_reply = staff_user, True
                comment.author_name, comment.author_role = staff_name, staff_role
                comment.author_email = staff_user.email
            else:
                name = f"{rng.choice(texts.FIRST_NAMES)} {rng.choice(texts.LAST_NAMES)}"
                comment.author_name, comment.author_email = name, demo_email(name)
            comments.append(comment)
            recent = [*recent[-RECENT_WINDOW + 1 :], comment]
        Comment.objects.bulk_create(comments, batch_size=2000)
        _reset_id_sequence()
        discussion_changed([article])
    return len(comments)


def _body_pool(rng, size=120):
    """Distinct bodies, each sanitised once (sanitising 10,000 would dominate the run)."""
    pool = set()
    while len(pool) < size:
        pool.add(
            " ".join(
                part
                for part in (
                    rng.choice(texts.OPENINGS),
                    rng.choice(texts.MIDDLES),
                    rng.choice(texts.CLOSINGS),
                )
                if part
            )
        )
    return [(body, sanitize_comment(body)) for body in sorted(pool)]


def _reset_id_sequence():
    """After explicit ids, PostgreSQL's sequence must move past them (SQLite tracks it)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Comment])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
