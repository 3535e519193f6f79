from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress.importer import WXRError, import_wordpress
from wordpress.progress import TerminalProgress
from wordpress.report import as_text


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.0 to 1.2): posts as articles, pages as flat pages, "
        "comments as threads, and the old addresses as redirects. Running it again adds only "
        "what is new."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The .xml file of Tools → Export.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and report without writing anything.",
        )
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of the old site's wp-content/uploads, for featured and inline images.",
        )

    def handle(self, *args, export, dry_run, media_dir, verbosity, **options):
        if not export.is_file():
            raise CommandError(f"{export}: no such file.")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir}: no such folder.")
        progress = TerminalProgress(self.stderr, interactive=self.stderr.isatty())
        try:
            run = import_wordpress(
                export,
                media_dir=media_dir,
                dry_run=dry_run,
                progress=progress if verbosity >= 1 else None,
            )
        except WXRError as error:
            raise CommandError(
                f"{export.name} is refused, nothing was imported: {error}"
            ) from None
        except Exception as error:
            raise CommandError(f"The import failed and was rolled back: {error}") from error
        finally:
            progress.close()
        if dry_run:
            run.delete()
        if verbosity >= 1:
            self.stdout.write(as_text(run.report))
        if verbosity >= 2:
            for line in run.report.get("details", []):
                self.stdout.write(f"  {line}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
