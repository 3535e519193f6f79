"""The "Import from WordPress" page and the imports' reports, in the admin.

Only holders of `wordpress.import_wordpress` (and superusers) see them: an import writes
articles, pages and comments in bulk.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from healthsite.ids import parse_id

from .forms import ImportUploadForm
from .models import ImportRun
from .progress import progress_of
from .report import table_rows
from .tasks import start_import

IMPORT = "wordpress.import_wordpress"


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["created_at", "file_name", "site", "status", "added", "changed", "dry_run"]
    list_filter = ["status", "dry_run"]
    list_display_links = ["created_at", "file_name"]

    def has_import_permission(self, request):
        return request.user.is_active and request.user.has_perm(IMPORT)

    def has_module_permission(self, request):
        return self.has_import_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.has_import_permission(request)

    def has_add_permission(self, request):
        return False  # imports start from the upload page

    def has_change_permission(self, request, obj=None):
        return False  # a run is a record

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description=_("added"))
    def added(self, run):
        return run.report.get("added", "—")

    @admin.display(description=_("changed"))
    def changed(self, run):
        return run.report.get("changed", "—")

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="wordpress_importrun_import",
            ),
            *super().get_urls(),
        ]

    def _context(self, request, title):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
        }

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            run = start_import(
                export=form.cleaned_data["export"],
                uploads=form.cleaned_data["uploads"],
                dry_run=form.cleaned_data["dry_run"],
                user=request.user,
            )
            self.message_user(
                request,
                _("The import has started; this page shows its progress and its report."),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:wordpress_importrun_change", args=[run.pk]))
        context = {**self._context(request, _("Import from WordPress")), "form": form}
        return TemplateResponse(request, "admin/wordpress/importrun/import.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """A run's page: its progress while it runs, then its report."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = get_object_or_404(ImportRun, pk=parse_id(object_id))
        context = {
            **self._context(request, _("WordPress import: %(run)s") % {"run": run}),
            "run": run,
            "progress": None if run.is_finished else progress_of(run.pk),
            "rows": [
                {"label": label, "counts": counts, "reasons": reasons, "notes": notes}
                for label, counts, reasons, notes in table_rows(run.report)
            ],
            "details": run.report.get("details", []),
        }
        return TemplateResponse(request, "admin/wordpress/importrun/report.html", context)
