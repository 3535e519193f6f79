"""The article form's writing aids: a live preview of the body beside it, its word count and
reading time, a chooser of library images, length hints for the search and social fields,
a warning before leaving unsaved changes and drafts kept in the browser
(static/js/article-editor.js, progressive enhancement: the form works without it)."""

import json

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .library import MediaImage
from .models import SEO_DESCRIPTION_HINT, SEO_TITLE_HINT
from .preview import body_preview

LENGTH_HINTS = {"seo_title": SEO_TITLE_HINT, "seo_description": SEO_DESCRIPTION_HINT}


class WritingAidsAdmin(admin.ModelAdmin):
    """For the article admin: the preview endpoint and what the editor's script needs."""

    search_fieldset = (_("Search and social"), {"fields": list(LENGTH_HINTS)})

    class Media:
        js = ["js/media-chooser.js", "js/article-editor.js"]
        css = {"all": ["css/admin-writing.css"]}

    def get_urls(self):
        opts = self.opts
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [
            path("preview/", preview, name=f"{opts.app_label}_{opts.model_name}_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request):
        """The body as the page will show it (POST, CSRF-checked, for those who may write:
        the add form shows the preview too)."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        return JsonResponse(body_preview(request.POST.get("body", "")))

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        return [*fieldsets[:2], self.search_fieldset, *fieldsets[2:]]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        fields = form.base_fields  # a new form class for each request: ours to change
        for name, hint in LENGTH_HINTS.items():
            if name in fields:
                fields[name].widget.attrs["data-length-hint"] = str(hint)
        if "body" in fields:
            fields["body"].widget.attrs.update(self._body_attrs(request, obj))
        return form

    def _body_attrs(self, request, obj):
        opts = self.opts
        attrs = {
            "data-preview-url": reverse(f"admin:{opts.app_label}_{opts.model_name}_preview"),
            "data-draft-key": f"{opts.label_lower}:{obj.pk if obj else 'new'}",
            "data-editor-text": json.dumps(editor_text()),
        }
        library_admin = self.admin_site._registry.get(MediaImage)
        if library_admin and library_admin.has_view_permission(request):
            attrs["data-chooser-url"] = reverse("admin:articles_mediaimage_chooser")
        return attrs


def editor_text():
    """The script's words, translated here (the admin serves no JavaScript catalogue)."""
    return {
        "preview": gettext("Preview"),
        "previewFailed": gettext("The preview could not be updated."),
        "draftFound": gettext("You have unsaved changes from %(time)s."),
        "restore": gettext("Restore"),
        "discard": gettext("Discard"),
        "characters": gettext("%(count)s of about %(hint)s characters"),
        "insertImage": gettext("Insert image from library"),
        "search": gettext("Search the library"),
        "noImages": gettext("No library image matches."),
        "close": gettext("Close"),
    }
