"""The moderation desk's pages, as views of the comment admin (CommentAdmin mixes these in).

Every action is a small POST form that works alone; the desk's script (static/js/desk.js) sends
the same forms with fetch and asks for JSON. Each view calls one moderation verb
(comments/verbs.py) and nothing else changes a comment.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from healthsite.ids import parse_ids

from .. import verbs
from ..identity import staff_public_name
from ..models import Comment
from ..permissions import can_moderate
from .actions import ACTIONS, BULK_ACTIONS
from .answers import (
    Back,
    Done,
    answer,
    read_undo_token,
    refusal,
    see_other,
    tell,
    undo_token,
    wants_json,
)
from .filters import DeskFilterForm, DeskFilters
from .forms import edit_form, reply_form
from .queue import load_desk


def _moderator_only(request):
    if not can_moderate(request.user):
        raise PermissionDenied


class DeskViews:
    """The desk at /admin/comments/comment/desk/ and the URLs its forms post to."""

    def desk_urls(self):
        def page(view):
            return self.admin_site.admin_view(view)

        def post(view):
            return self.admin_site.admin_view(require_POST(view))

        return [
            path("desk/", page(self.desk_view), name="comments_comment_desk"),
            path("desk/bulk/", post(self.desk_bulk), name="comments_comment_desk_bulk"),
            path("desk/undo/", post(self.desk_undo), name="comments_comment_desk_undo"),
            path(
                "desk/<int:pk>/reply/", post(self.desk_reply), name="comments_comment_desk_reply"
            ),
            path("desk/<int:pk>/edit/", post(self.desk_edit), name="comments_comment_desk_edit"),
            path(
                "desk/<int:pk>/<slug:action>/",
                post(self.desk_act),
                name="comments_comment_desk_act",
            ),
        ]

    def _desk_context(self, request, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": Comment._meta,
            "app_label": Comment._meta.app_label,
            **context,
        }

    def desk_view(self, request):
        _moderator_only(request)
        filters = DeskFilters.from_query(request.GET)
        desk = load_desk(filters, viewer=request.user)
        context = self._desk_context(
            request,
            title=_("Moderation desk"),
            desk=desk,
            back=Back(filters=desk.filters),
            filter_form=DeskFilterForm(initial=desk.filters.params()),
            bulk_actions=BULK_ACTIONS,
            public_name=staff_public_name(request.user),
        )
        return TemplateResponse(request, "admin/comments/comment/desk.html", context)

    @staticmethod
    def _done(request, action, comment, result):
        name = comment.author_name
        if not result.log_ids:
            return Done(
                _("Nothing changed: the comment by %(name)s is %(status)s.")
                % {"name": name, "status": comment.get_status_display().lower()},
                _("Nothing changed"),
                level=messages.WARNING,
            )
        return Done(
            action.message % {"name": name},
            action.done,
            undo_token(result.log_ids, user=request.user, comment_id=comment.pk),
        )

    @staticmethod
    def _comment(pk):
        return get_object_or_404(Comment.objects.select_related("article"), pk=pk)

    def desk_act(self, request, pk, action):
        _moderator_only(request)
        if action not in ACTIONS:
            raise Http404
        action = ACTIONS[action]
        comment = self._comment(pk)
        back = Back.from_post(request.POST)
        result = action.verb(comments=[comment.pk], by=request.user)
        comment.refresh_from_db()
        return answer(request, comment, back, self._done(request, action, comment, result))

    def desk_bulk(self, request):
        _moderator_only(request)
        back = Back.from_post(request.POST)
        action = ACTIONS.get(request.POST.get("action", ""))
        selected = parse_ids(request.POST.getlist("selected"))
        if action is None or action not in BULK_ACTIONS:
            return refusal(request, back, _("Choose an action for the selected comments."))
        if not selected:
            return refusal(request, back, _("Select the comments first, with their boxes."))
        result = action.verb(comments=selected, by=request.user)
        token = undo_token(result.log_ids, user=request.user)
        tell(request, back, messages.SUCCESS, action.bulk_message(result.count), token)
        return see_other(back.desk_url("desk-cards"))

    def desk_undo(self, request):
        _moderator_only(request)
        back = Back.from_post(request.POST)
        found = read_undo_token(request.POST.get("token"), user=request.user)
        if found is None:
            return refusal(
                request, back, _("This undo has expired or is not yours: nothing was changed.")
            )
        log_ids, comment_id = found
        result = verbs.revert(entries=log_ids, by=request.user)
        comment = Comment.objects.filter(pk=comment_id).select_related("article").first()
        message = (
            _("Undone.") if result.count else _("Nothing to undo: someone has changed it since.")
        )
        done = Done(message, message, level=messages.SUCCESS if result.count else messages.WARNING)
        if comment is None:
            tell(request, back, done.level, message)
            return see_other(back.desk_url("desk-cards"))
        return answer(request, comment, back, done)

    def desk_reply(self, request, pk):
        _moderator_only(request)
        parent = self._comment(pk)
        back = Back.from_post(request.POST)
        form = reply_form(parent, request.POST)
        if form.is_valid():
            try:
                reply = verbs.reply_as_staff(
                    parent=parent,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    notify=form.cleaned_data["notify"],
                )
            except verbs.ReplyRefused as refused:
                form.add_error(None, str(refused))
            else:
                parent.refresh_from_db()
                done = Done(
                    _("Your reply to %(name)s is published, signed “%(signature)s”.")
                    % {"name": parent.author_name, "signature": reply.comment.author_name},
                    _("Replied by you as “%(signature)s”")
                    % {"signature": reply.comment.author_name},
                    undo_token(reply.log_ids, user=request.user, comment_id=parent.pk),
                )
                return answer(request, parent, back, done)
        body_label = _("Your reply, published as “%(name)s”") % {
            "name": staff_public_name(request.user)
        }
        return self._form_again(
            request, parent, back, form, title=_("Reply as staff"), body_label=body_label
        )

    def desk_edit(self, request, pk):
        _moderator_only(request)
        comment = self._comment(pk)
        back = Back.from_post(request.POST)
        form = edit_form(comment, request.POST)
        if form.is_valid():
            try:
                result = verbs.edit(comment=comment.pk, by=request.user, **form.cleaned_data)
            except ValidationError as invalid:
                form.add_error(None, invalid)
            else:
                comment.refresh_from_db()
                done = Done(
                    _("Saved your changes to the comment by %(name)s.")
                    % {"name": comment.author_name},
                    _("Edited by you") if result.count else _("Nothing changed"),
                )
                return answer(request, comment, back, done)
        return self._form_again(request, comment, back, form, title=_("Edit the comment"))

    def _form_again(self, request, comment, back, form, *, title, body_label=""):
        """A form with errors: JSON with them, or a page that keeps what was typed."""
        errors = {name: [str(error) for error in errs] for name, errs in form.errors.items()}
        if wants_json(request):
            first = next(iter(errors.values()), [_("Please correct the form.")])[0]
            return refusal(request, back, first, errors=errors)
        context = self._desk_context(
            request,
            title=title,
            comment=comment,
            form=form,
            back=back,
            action_url=request.path,
            body_label=body_label,
        )
        return TemplateResponse(request, "admin/comments/comment/desk_form.html", context)
