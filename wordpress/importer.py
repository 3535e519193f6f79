"""
Importing a WordPress export: the one entry point for the command and the admin's task.

1. Survey: the whole file is read and checked; a bad file is refused before anything is written.
2. Plan: every post's slug and page's address is chosen, so links between them can be rewritten.
3. In one transaction: the files the bodies use, then a second reading that brings in posts,
   pages and comments, then the report. An error rolls all of it back (and deletes the files
   stored on the way); a dry run rolls it back on purpose.
"""

from pathlib import Path

from django.core.files.storage import default_storage
from django.db import reset_queries, transaction
from django.utils import timezone

from comments.models import DiscussionSettings

from .authors import Authors
from .discussion import DiscussionLoader
from .media import NOT_AN_IMAGE, MediaFolder, checked_image, delete_stored, store_image
from .memory import Kind, Memory
from .models import ImportRun
from .plan import make_plan
from .posts import PostLoader
from .records import post_from, upload_path
from .redirects import add_redirect
from .report import Report
from .survey import Survey, classify
from .taxonomy import Taxonomy
from .wxr import WXRError, WXRReader

__all__ = ["WXRError", "import_wordpress"]

STORED = "stored"
KNOWN = "already imported"


class Progress:
    """Told how far the import got; the command draws it on the terminal, the task caches it."""

    def reading(self, bytes_read, total_bytes):
        """The first reading: bytes of the file read so far."""

    def importing(self, done, total):
        """The second reading: items imported so far."""


def import_wordpress(
    path, *, file_name="", media_dir=None, dry_run=False, user=None, run=None, progress=None
):
    """Import the export at `path` and return its ImportRun, holding the report.

    A refused file raises WXRError before anything is written. `run`, when given (the admin's
    upload), is updated; otherwise one is created once the file has passed the survey. A dry
    run's changes are rolled back, its run and report kept.
    """
    progress = progress or Progress()
    path = Path(path)
    total = path.stat().st_size
    with path.open("rb") as file:
        survey = Survey.read(file, progress=lambda done: progress.reading(done, total))
    run = run or ImportRun(file_name=file_name or path.name, started_by=user, dry_run=dry_run)
    run.site = survey.channel.site_url[: ImportRun._meta.get_field("site").max_length]
    run.wxr_version = survey.channel.version
    run.status = ImportRun.Status.RUNNING
    run.save()
    importer = Importer(survey, media_dir=media_dir, run=run)
    try:
        with transaction.atomic():
            importer.run(path, progress)
            if run.dry_run:
                transaction.set_rollback(True)
    except BaseException as error:
        delete_stored(importer.stored)
        finish(run, ImportRun.Status.FAILED, message=str(error) or type(error).__name__)
        raise
    finish(run, ImportRun.Status.DONE, report=importer.report.to_dict())
    return run


def finish(run, status, **fields):
    """Record how a run ended."""
    run.status = status
    run.finished_at = timezone.now()
    for name, value in fields.items():
        setattr(run, name, value)
    run.save()


class Importer:
    def __init__(self, survey, *, media_dir, run):
        self.survey = survey
        self.dry_run = run.dry_run
        self.user = run.started_by
        self.now = timezone.now()
        self.report = Report()
        self.memory = Memory(survey.channel.site_url or "(unknown site)", run)
        self.authors = Authors(survey.authors, self.memory)
        self.media = MediaFolder(media_dir)
        self.max_depth = DiscussionSettings.load().max_depth
        self.attachments = {item.wp_id: item for item in survey.by_kind("attachment")}
        self.file_outcomes = {}  # upload path → STORED, KNOWN or why it was not imported
        self.stored = []  # names of the files written, deleted again if the import fails

    def run(self, path, progress):
        self.plan = make_plan(self.survey, self.memory)
        self.taxonomy = Taxonomy(self.survey, self.memory, self.report)
        self.posts = PostLoader(self)
        self.discussion = DiscussionLoader(self)
        self.import_files()
        total, done = len(self.survey.items), 0
        with open(path, "rb") as file:
            for record in WXRReader(file):
                if record.tag == "item":
                    self.load(post_from(record))
                    done += 1
                    progress.importing(done, total)
                    # With DEBUG on, Django keeps the last 9,000 queries, bodies and all.
                    reset_queries()
        self.taxonomy.finish()
        self.report_attachments()

    # Items -------------------------------------------------------------------------------

    def load(self, post):
        kind, skip = classify(post)
        self.report.read(kind)
        if not skip and (kind, post.line) in self.plan.duplicates:
            skip = "duplicate wp:post_id"
        if skip:
            self.report.skipped(kind, skip)
            self.report.detail(f"{kind} {post.wp_id or '?'} (line {post.line}): {skip}")
            self.discussion.skip_all(post, "its post was not imported")
        elif kind == "post":
            article = self.posts.article(post)
            if article is None:
                self.discussion.skip_all(post, "its post was not imported")
            else:
                self.discussion.load(article, post)
        elif kind == "page":
            self.posts.page(post)
            self.discussion.skip_all(post, "on a page (flat pages have no discussion)")
        else:
            self.discussion.skip_all(post, "on an attachment")

    def redirect(self, post, new_url):
        add_redirect(self.report, post.link, new_url)

    # Files -------------------------------------------------------------------------------

    def import_files(self):
        """The old site's uploads that bodies show or link to, stored and given new addresses."""
        addresses = self.plan.addresses
        paths = {upload_path(url) for url in self.survey.upload_urls if addresses.is_old_site(url)}
        for path in sorted(paths - {""}):
            self.report.read("file")
            remembered = self.memory.get(Kind.FILE, path)
            if remembered:
                addresses.add_file(path, default_storage.url(remembered.stored_file))
                self._file_done(path, KNOWN)
                continue
            file, problem = self._open_image(path)
            if file is None:
                self._file_done(path, problem)
                continue
            with file:
                if not self.dry_run:
                    name = store_image(file, path)
                    self.stored.append(name)
                    self.memory.remember(Kind.FILE, path, stored_file=name)
                    addresses.add_file(path, default_storage.url(name))
            self._file_done(path, STORED)

    def _file_done(self, path, outcome):
        self.file_outcomes[path] = outcome
        if outcome == STORED:
            self.report.imported("file")
        else:
            self.report.skipped("file", outcome)

    def _open_image(self, path):
        """(the file opened, "") when it is a usable image, else (None, why not)."""
        found = self.media.find(path)
        if found is None:
            return None, self.media.why_missing()
        file = checked_image(found)
        return (file, "") if file else (None, NOT_AN_IMAGE)

    def featured_image(self, attachment_id):
        """(opened file, alt text) of an attachment whose file is a usable image, else None."""
        attachment = self.attachments.get(attachment_id)
        if attachment is None:
            return None
        file, problem = self._open_image(attachment.upload_path)
        self.file_outcomes.setdefault(attachment.upload_path, problem or STORED)
        return (file, attachment.alt) if file else None

    def featured_image_known(self, attachment_id):
        """The post was imported before with its image: its attachment is not new."""
        attachment = self.attachments.get(attachment_id)
        if attachment:
            self.file_outcomes.setdefault(attachment.upload_path, KNOWN)

    def report_attachments(self):
        for attachment in self.attachments.values():
            outcome = self.file_outcomes.get(attachment.upload_path)
            if outcome == STORED:
                self.report.imported("attachment")
            else:
                self.report.skipped("attachment", outcome or "not used by any imported post")
