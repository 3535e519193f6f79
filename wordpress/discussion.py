"""
WordPress comments → the article's discussion, threads kept.

Each reply hangs from its parent; from the nearest imported ancestor when its parent was
skipped (a pingback, say); at the top when its parent is not in the export; and from its deepest
allowed ancestor when it is nested deeper than the discussion settings allow. Comments go in by
bulk inserts, one per level of the thread, then get their paths (which hold their own ids).

Statuses are the decisions taken on the old site: they are stored as they were, and nobody is
emailed, since nothing is newly published.
"""

from collections import Counter, defaultdict
from datetime import UTC, datetime

from django.db import connection

from articles.sanitize import sanitize_comment
from comments import threads
from comments.freshness import discussion_changed
from comments.identity import staff_public_name, staff_public_role
from comments.models import Comment, ModerationLog

from . import fields
from .bodies import NOTE_UNSAFE, looks_unsafe
from .memory import Kind

STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REMOVED,
}
TYPES = {"comment", ""}
IMPORTED_REASON = "Imported from WordPress"
BODY_LENGTH = Comment._meta.get_field("body").max_length
NAME_LENGTH = Comment._meta.get_field("author_name").max_length
EMAIL_LENGTH = Comment._meta.get_field("author_email").max_length
URL_LENGTH = Comment._meta.get_field("author_url").max_length
AGENT_LENGTH = Comment._meta.get_field("user_agent").max_length

NOTE_ORPHAN = "reply to a comment missing from the export: placed at the top"
NOTE_SKIPPED_PARENT = "reply to a skipped comment: attached to the nearest imported ancestor"
NOTE_TOO_DEEP = "nested deeper than the thread depth allows: attached to the deepest allowed"
NOTE_STAFF = "written by a WordPress user matched to our staff"
NOTE_EMAIL = "invalid email address dropped"
NOTE_WEBSITE = "website dropped (not an http or https address, or too long)"
NOTE_NAME = "name cleaned (markup removed or shortened)"


def skip_reason(comment):
    if comment.comment_type in ("pingback", "trackback"):
        return comment.comment_type
    if comment.comment_type not in TYPES:
        return f"comment type “{comment.comment_type}” is not imported"
    if comment.approved not in STATUSES:
        return f"status “{comment.approved}” is not imported"
    if not comment.content.strip():
        return "empty"
    if len(comment.content) > BODY_LENGTH:
        return f"longer than {BODY_LENGTH:,} characters"
    if not comment.wp_id:
        return "no wp:comment_id"
    return ""


class DiscussionLoader:
    def __init__(self, importer):
        self.importer = importer
        self.report = importer.report
        self.memory = importer.memory
        self.max_depth = importer.max_depth

    def skip_all(self, post, reason):
        self.report.read("comment", len(post.comments))
        if post.comments:
            self.report.skipped("comment", reason, len(post.comments))

    def load(self, article, post):
        """Import the post's new comments into the article's discussion."""
        self.report.read("comment", len(post.comments))
        self.notes = Counter()
        records, here = self._triage(post.comments)
        parents = self._parents(records, here)
        placed = self._place(article, records, parents)
        self._insert(placed)
        for note, count in self.notes.items():
            self.report.note("comment", note, count)

    def _triage(self, comments):
        """(records to import by WordPress id, {wp id: our comment} of those imported before).

        A WordPress id that is not imported (skipped, or deleted here) maps to its record, so
        its replies can climb past it to an imported ancestor.
        """
        known = self.memory.known_comments([comment.wp_id for comment in comments])
        rows = Comment.objects.in_bulk(known.values())
        here, self.records_by_id, records = {}, {}, {}
        for comment in comments:
            if comment.wp_id in self.records_by_id and comment.wp_id:
                self.report.skipped("comment", "duplicate wp:comment_id")
                continue
            self.records_by_id[comment.wp_id] = comment
            remembered = known.get(str(comment.wp_id))
            if remembered is not None:
                if remembered in rows:
                    here[comment.wp_id] = rows[remembered]
                    self.report.skipped("comment", "already imported")
                else:
                    self.report.skipped("comment", "deleted here since an earlier import")
                continue
            reason = skip_reason(comment)
            if reason:
                self.report.skipped("comment", reason)
            else:
                records[comment.wp_id] = comment
        return records, here

    def _parents(self, records, here):
        """{wp id: ("new", wp id) | ("here", comment) | None} for each comment to import."""
        parents = {}
        for wp_id, record in records.items():
            parent, seen, climbed = record.parent, {wp_id}, False
            while True:
                if not parent or parent in seen:
                    parents[wp_id] = None
                    break
                if parent in records:
                    parents[wp_id] = ("new", parent)
                    break
                if parent in here:
                    parents[wp_id] = ("here", here[parent])
                    break
                seen.add(parent)
                skipped = self.records_by_id.get(parent)
                if skipped is None:
                    self.notes[NOTE_ORPHAN] += 1
                    parents[wp_id] = None
                    break
                climbed = True
                parent = skipped.parent
            if climbed and parents[wp_id] is not None:
                self.notes[NOTE_SKIPPED_PARENT] += 1
        return _break_cycles(parents)

    def _place(self, article, records, parents):
        """The new comments, parents before children, each under its final parent."""
        built = {}
        for wp_id in _parents_first(parents, records):
            link = parents[wp_id]
            parent = None if link is None else (link[1] if link[0] == "here" else built[link[1]])
            if parent is not None and parent.depth >= self.max_depth:
                self.notes[NOTE_TOO_DEEP] += 1
                while parent is not None and parent.depth >= self.max_depth:
                    parent = parent.parent  # a query only for a comment stored before
            comment = self._build(article, records[wp_id])
            comment.parent = parent
            comment.depth = parent.depth + 1 if parent else 1
            built[wp_id] = comment
        return built

    def _build(self, article, record):
        now = self.importer.now
        status = STATUSES[record.approved]
        comment = Comment(
            article=article,
            body=record.content,
            body_html=sanitize_comment(record.content),
            status=status,
            ip_address=fields.ip_address(record.ip),
            user_agent=record.agent[:AGENT_LENGTH],
            created_at=record.date or article.published_at or now,
            moderation_reasons=[IMPORTED_REASON],
            moderated_at=None if status == Comment.Status.PENDING else now,
            moderated_by=None if status == Comment.Status.PENDING else self.importer.user,
            published_notice_sent_at=now if status == Comment.Status.APPROVED else None,
        )
        if looks_unsafe(record.content):
            self.notes[NOTE_UNSAFE] += 1
        self._author(comment, record)
        return comment

    def _author(self, comment, record):
        name = " ".join(record.author.split())
        if "<" in name or "&" in name or len(name) > NAME_LENGTH:
            cleaned = fields.plain_text(name)[:NAME_LENGTH].strip()
            if cleaned != name:
                self.notes[NOTE_NAME] += 1
            name = cleaned
        comment.author_name = name or "Anonymous"
        comment.author_email = fields.email(record.email, EMAIL_LENGTH)
        if record.email.strip() and not comment.author_email:
            self.notes[NOTE_EMAIL] += 1
        comment.author_url = fields.website(record.url, URL_LENGTH)
        if record.url.strip() and not comment.author_url:
            self.notes[NOTE_WEBSITE] += 1
        staff = self.importer.authors.staff_for_comment(record.user_id)
        if staff is not None:
            comment.user = staff
            comment.is_staff_reply = True
            comment.author_name = staff_public_name(staff)
            comment.author_role = staff_public_role(staff)
            self.notes[NOTE_STAFF] += 1

    def _insert(self, built):
        """Insert level by level (a reply needs its parent's id), then write the paths."""
        by_depth = defaultdict(list)
        for comment in built.values():
            by_depth[comment.depth].append(comment)
        for depth in sorted(by_depth):
            level = by_depth[depth]
            Comment.objects.bulk_create(level)
            for comment in level:
                comment.path = threads.path_for(comment)
        write_paths(built.values())
        # Staff replies are logged as the moderation log logs them when posted here: who and
        # when, at the date they were written on the old site.
        ModerationLog.objects.bulk_create(
            ModerationLog(
                comment=comment,
                action=ModerationLog.Action.REPLY,
                actor=comment.user,
                at=comment.created_at,
                to_status=comment.status,
                note=IMPORTED_REASON,
            )
            for comment in built.values()
            if comment.is_staff_reply
        )
        discussion_changed({comment.article_id for comment in built.values()})
        self.memory.remember_many(
            [self.memory.entry(Kind.COMMENT, wp_id, comment) for wp_id, comment in built.items()]
        )
        self.report.imported("comment", len(built))


def write_paths(comments):
    """Store the paths of freshly inserted comments.

    One statement run for every comment, where bulk_update would build a CASE expression of
    hundreds of branches per batch: 10,000 paths take a tenth of a second instead of seconds.
    """
    table = connection.ops.quote_name(Comment._meta.db_table)
    path = connection.ops.quote_name(Comment._meta.get_field("path").column)
    pk = connection.ops.quote_name(Comment._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {path} = %s WHERE {pk} = %s",  # noqa: S608 (names from _meta)
            [(comment.path, comment.pk) for comment in comments],
        )


def _break_cycles(parents):
    """Replies that are each other's ancestors (a damaged export): the first goes to the top."""
    for start in parents:
        seen, node = set(), start
        while parents.get(node) and parents[node][0] == "new":
            if node in seen:
                parents[node] = None
                break
            seen.add(node)
            node = parents[node][1]
    return parents


def _parents_first(parents, records):
    """The new comments' WordPress ids, each parent before its replies and, level by level,
    oldest first: ids, and so thread order among siblings, follow the dates."""
    depth = {}
    for start in parents:
        chain, node = [], start
        while node not in depth:
            chain.append(node)
            link = parents[node]
            if link is None or link[0] == "here":
                depth[node] = 0
                chain.pop()
                break
            node = link[1]
        for node in reversed(chain):
            depth[node] = depth[parents[node][1]] + 1
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(parents, key=lambda wp_id: (depth[wp_id], records[wp_id].date or oldest, wp_id))
