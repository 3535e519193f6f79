"""The moderation queue, the moderation desk (its views live in comments/desk/) and the
Discussion settings page, in the Django admin.

Only accounts holding `comments.moderate_comment` (the Moderators group, and superusers) see
the queue, its actions and the commenters' email and IP addresses.
"""

import json

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.admin import HTTPS_URL_FIELDS, SingletonAdmin

from . import privacy, verbs
from .admin_forms import StaffReplyForm
from .desk.views import DeskViews
from .models import Comment, DiscussionSettings
from .permissions import MODERATE

LOG_SHOWN = 10


class StatusFilter(admin.SimpleListFilter):
    """The queue opens on the comments awaiting moderation, as a moderator's inbox."""

    title = _("status")
    parameter_name = "status"
    ALL = "all"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, (self.ALL, _("All"))]

    def choices(self, changelist):
        current = self.value() or Comment.Status.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        if value == self.ALL:
            return queryset
        if value in Comment.Status.values:
            return queryset.filter(status=value)
        return queryset.none()


class QueueChangeList(ChangeList):
    """Adds, in one query for the whole page, each commenter's number of approved comments."""

    def get_results(self, request):
        super().get_results(request)
        counts = Comment.objects.approved_counts_by_email(
            comment.author_email for comment in self.result_list
        )
        for comment in self.result_list:
            own = 1 if comment.status == Comment.Status.APPROVED else 0
            comment.approved_elsewhere = max(counts.get(comment.author_email, 0) - own, 0)


def report(model_admin, request, count, singular, plural):
    model_admin.message_user(
        request, ngettext(singular, plural, count) % {"count": count}, messages.SUCCESS
    )


def status_action(verb, description, singular, plural):
    """An admin action that runs one moderation verb on the whole selection and says how many
    comments it changed."""

    @admin.action(description=description, permissions=["moderate"])
    def action(model_admin, request, queryset):
        result = verb(comments=queryset, by=request.user)
        report(model_admin, request, result.count, singular, plural)

    action.__name__ = verb.__name__
    return action


def _actor(user):
    """Who made a decision, for staff reading the log."""
    if user is None:
        return _("a command")
    return user.get_full_name() or user.get_username()


@admin.register(Comment)
class CommentAdmin(DeskViews, admin.ModelAdmin):
    formfield_overrides = HTTPS_URL_FIELDS
    list_display = [
        "excerpt",
        "author",
        "author_email",
        "website",
        "article_link",
        "status",
        "reasons",
        "approved_count",
        "ip_address",
        "created_at",
        "links",
    ]
    list_display_links = ["excerpt"]
    list_filter = [StatusFilter, ("article", admin.RelatedOnlyFieldListFilter), "created_at"]
    search_fields = ["author_name", "author_email", "body", "=ip_address"]
    list_select_related = ["article"]
    list_per_page = 50
    show_full_result_count = False
    ordering = ["-created_at", "-pk"]
    actions = [
        "approve",
        "mark_spam",
        "remove",
        "restore",
        "block_commenter",
        "purge_network_data",
        "export_commenters",
        "erase_commenters_keep_text",
        "erase_commenters_remove_text",
    ]
    fieldsets = [
        (None, {"fields": ["article_link", "in_reply_to", "status", "reasons", "body"]}),
        (_("Commenter"), {"fields": ["author_name", "author_email", "author_url", "notify"]}),
        (
            _("Moderation record"),
            {
                "fields": [
                    "created_at",
                    "ip_address",
                    "user_agent",
                    "is_staff_reply",
                    "moderated_at",
                    "moderated_by",
                ]
            },
        ),
        (_("Moderation log"), {"fields": ["moderation_history"]}),
    ]
    readonly_fields = [
        "article_link",
        "in_reply_to",
        "reasons",
        "created_at",
        "ip_address",
        "user_agent",
        "is_staff_reply",
        "moderated_at",
        "moderated_by",
        "moderation_history",
    ]

    # Permissions: the queue belongs to moderators.

    def has_moderate_permission(self, request):
        return request.user.has_perm(MODERATE)

    def has_module_permission(self, request):
        return self.has_moderate_permission(request)

    def has_view_permission(self, request, obj=None):
        return self.has_moderate_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_moderate_permission(request) and super().has_change_permission(
            request, obj
        )

    def has_add_permission(self, request):
        return False  # comments come from readers, or as staff replies from the queue

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser  # moderators remove; deleting also deletes replies

    def get_changelist(self, request, **kwargs):
        return QueueChangeList

    # Columns.

    @admin.display(description=_("comment"))
    def excerpt(self, comment):
        return Truncator(comment.body).chars(90) or "—"

    @admin.display(description=_("author"), ordering="author_name")
    def author(self, comment):
        if comment.is_staff_reply:
            return format_html("{} <strong>({})</strong>", comment.author_name, _("staff"))
        return comment.author_name

    @admin.display(description=_("website"))
    def website(self, comment):
        if not comment.author_url:
            return "—"
        return format_html(
            '<a href="{}" rel="nofollow noopener noreferrer" target="_blank">{}</a>',
            comment.author_url,
            Truncator(comment.author_url).chars(40),
        )

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, comment):
        return format_html(
            '<a href="{}">{}</a>', comment.article.get_absolute_url(), comment.article.title
        )

    @admin.display(description=_("in reply to"))
    def in_reply_to(self, comment):
        if not comment.parent_id:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comments_comment_change", args=[comment.parent_id]),
            comment.parent.author_name,
        )

    @admin.display(description=_("why"))
    def reasons(self, comment):
        return "; ".join(comment.moderation_reasons) or "—"

    @admin.display(description=_("approved comments"))
    def approved_count(self, comment):
        return getattr(comment, "approved_elsewhere", "—")

    @admin.display(description="")
    def links(self, comment):
        context = (
            format_html(
                '<a href="{}">{}</a>',
                reverse("comments:permalink", args=[comment.pk]),
                _("view in context"),
            )
            if comment.status in (Comment.Status.APPROVED, Comment.Status.PENDING)
            else format_html(
                '<a href="{}#comments">{}</a>',
                comment.article.get_absolute_url(),
                _("view article"),
            )
        )
        if not verbs.can_reply_as_staff(comment):
            return context
        reply = format_html(
            '<a href="{}">{}</a>',
            reverse("admin:comments_comment_reply", args=[comment.pk]),
            _("reply as staff"),
        )
        return format_html("{} · {}", context, reply)

    @admin.display(description=_("last decisions"))
    def moderation_history(self, comment):
        """The last decisions on this comment: when, who, what, from which status to which."""
        entries = list(comment.moderation_log.select_related("actor")[:LOG_SHOWN])
        if not entries:
            return _("No moderation decision yet.")
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} → {}</td><td>{}</td></tr>",
            (
                (
                    formats.date_format(timezone.localtime(entry.at), "DATETIME_FORMAT"),
                    _actor(entry.actor),
                    entry.get_action_display(),
                    entry.get_from_status_display() or "—",
                    entry.get_to_status_display(),
                    entry.note,
                )
                for entry in entries
            ),
        )
        return format_html(
            '<table class="moderation-log"><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("When"),
            _("Who"),
            _("What"),
            _("Status"),
            _("Note"),
            rows,
        )

    # Saving the change form: through the verbs, so the edit and any new status are logged.

    def save_model(self, request, obj, form, change):
        edited = {
            name: form.cleaned_data[name] for name in form.changed_data if name in verbs.EDITABLE
        }
        if edited:
            verbs.edit(comment=obj.pk, by=request.user, **edited)
        if "status" in form.changed_data:
            verbs.set_status(comments=[obj.pk], status=obj.status, by=request.user)
        obj.refresh_from_db()

    # Actions: each calls one moderation verb once for the whole selection.

    approve = status_action(
        verbs.approve,
        _("Approve"),
        "%(count)d comment approved.",
        "%(count)d comments approved.",
    )
    mark_spam = status_action(
        verbs.spam,
        _("Mark as spam"),
        "%(count)d comment marked as spam.",
        "%(count)d comments marked as spam.",
    )
    remove = status_action(
        verbs.remove,
        _("Remove (replies stay)"),
        "%(count)d comment removed.",
        "%(count)d comments removed.",
    )
    restore = status_action(
        verbs.restore,
        _("Restore removed or spam"),
        "%(count)d comment restored.",
        "%(count)d comments restored.",
    )

    @admin.action(description=_("Block this commenter (email and IP)"), permissions=["moderate"])
    def block_commenter(self, request, queryset):
        result = verbs.block(comments=queryset, by=request.user)
        self.message_user(
            request,
            _(
                "Blocked %(emails)d email address(es) and %(ips)d IP address(es); "
                "%(marked)d comment(s) marked as spam."
            )
            % {"emails": result.emails, "ips": result.addresses, "marked": result.count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Forget the IP address and browser (older than 90 days)"),
        permissions=["moderate"],
    )
    def purge_network_data(self, request, queryset):
        count = privacy.purge_network_data(comments=queryset)
        report(
            self,
            request,
            count,
            "IP address and browser forgotten for %(count)d comment.",
            "IP address and browser forgotten for %(count)d comments.",
        )

    @admin.action(description=_("Export the commenters' data (JSON)"), permissions=["moderate"])
    def export_commenters(self, request, queryset):
        emails = sorted({e.lower() for e in queryset.values_list("author_email", flat=True) if e})
        data = [privacy.export_commenter(email) for email in emails]
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="commenter-data.json"'
        return response

    def _erase(self, request, queryset, *, remove_bodies):
        emails = {e.lower() for e in queryset.values_list("author_email", flat=True) if e}
        count = sum(
            privacy.erase_commenter(email, by=request.user, remove_bodies=remove_bodies)
            for email in emails
        )
        self.message_user(
            request,
            _("Erased %(people)d commenter(s): %(count)d comment(s) anonymised.")
            % {"people": len(emails), "count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Erase the commenters (anonymise, keep their text)"),
        permissions=["moderate"],
    )
    def erase_commenters_keep_text(self, request, queryset):
        self._erase(request, queryset, remove_bodies=False)

    @admin.action(description=_("Erase the commenters and their text"), permissions=["moderate"])
    def erase_commenters_remove_text(self, request, queryset):
        self._erase(request, queryset, remove_bodies=True)

    # Reply as staff.

    def get_urls(self):
        return [
            path(
                "<int:pk>/reply/",
                self.admin_site.admin_view(self.reply_view),
                name="comments_comment_reply",
            ),
            *self.desk_urls(),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk):
        if not self.has_moderate_permission(request):
            return render(request, "403.html", status=403)
        parent = get_object_or_404(Comment.objects.select_related("article"), pk=pk)
        form = StaffReplyForm(request.POST or None)
        try:
            verbs.check_reply_as_staff(parent)
        except verbs.ReplyRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:comments_comment_changelist"))
        if request.method == "POST" and form.is_valid():
            try:
                verbs.reply_as_staff(
                    parent=parent,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    notify=form.cleaned_data["notify"],
                )
            except verbs.ReplyRefused as refusal:
                form.add_error(None, str(refusal))  # what was typed stays in the form
            else:
                self.message_user(request, _("Your reply is published."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:comments_comment_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Reply as staff"),
            "parent": parent,
            "form": form,
        }
        return TemplateResponse(request, "admin/comments/comment/reply.html", context)


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(SingletonAdmin):
    """The policy holds the blocked emails and IPs: moderators only, like the queue."""

    def has_module_permission(self, request):
        return request.user.has_perm(MODERATE)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(MODERATE) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(MODERATE) and super().has_change_permission(request, obj)

    fieldsets = [
        (_("Moderation"), {"fields": ["moderation_mode", "link_threshold", "held_words"]}),
        (_("Spam and blocks"), {"fields": ["blocked_words", "blocked_emails", "blocked_ips"]}),
        (_("Rate limits"), {"fields": ["rate_limit_per_minute", "rate_limit_per_hour"]}),
        (
            _("Threads and pages"),
            {"fields": ["max_depth", "comments_per_page", "page_order", "avatars"]},
        ),
        (
            _("Closing and notifications"),
            {"fields": ["close_after_days", "notify_moderators", "moderation_digest"]},
        ),
    ]
