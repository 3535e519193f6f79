from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from articles.pagequeries import public_article
from articles.views import ArticleDetailView

from . import notices, posting
from .discussion import remember_awaiting
from .forms import HONEYPOT_FIELD, CommentForm
from .models import Comment, DiscussionSettings
from .moderation import Outcome
from .permissions import can_moderate
from .ratelimit import client_ip
from .remember import update_remembered_author
from .stamps import issue_stamp
from .unsubscribe import (
    LinkNotGenuine,
    comment_from_token,
    resubscribe_switched_off,
    unsubscribe_email,
)


class ArticleWithCommentForm(ArticleDetailView):
    """The article page again, showing a posted comment form with its errors; its canonical
    address is the article's own, not the form's."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


def see_other(url):
    return HttpResponseRedirect(url, status=303)


def _article_again(request, article, form, *, status=200):
    response = ArticleWithCommentForm.as_view(
        extra_context={"comment_form": form, "canonical_path": article.get_absolute_url()}
    )(request, slug=article.slug)
    response.status_code = status
    return response


def _redraw(form, article):
    """Keep what the person typed, with a fresh form stamp and the hidden field emptied; a
    reply to a comment that cannot be answered becomes a new comment if sent again."""
    form.data = form.data.copy()
    form.data["issued"] = issue_stamp(article)
    form.data[HONEYPOT_FIELD] = ""
    if form.has_error("parent"):
        form.data["parent"] = ""


@sensitive_post_parameters("email")  # an error report to ADMINS never carries a reader's email
@csrf_protect
@require_http_methods(["GET", "HEAD", "POST"])
def post_comment(request, slug):
    """Post a comment or a reply; a GET just goes to the article's discussion. A refused post
    draws the article page again, which reads the article as a page does."""
    article = public_article(slug, as_page=False)
    discussion_url = f"{article.get_absolute_url()}#comments"
    if request.method != "POST":
        return redirect(discussion_url)
    discussion_settings = DiscussionSettings.load()
    if not discussion_settings.is_open_for(article):
        notices.tell(
            request,
            messages.ERROR,
            _("Your comment was not sent. Comments are closed on this article."),
        )
        return see_other(discussion_url)

    form = CommentForm(
        request.POST,
        article=article,
        user=request.user,
        discussion_settings=discussion_settings,
    )
    if not form.is_valid():
        _redraw(form, article)
        return _article_again(request, article, form)

    posted = posting.comment_post(
        article=article,
        fields=form.posting_fields(),
        client_ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        user=request.user,
        form_stamp=form.cleaned_data["issued"],
        honeypot=form.cleaned_data[HONEYPOT_FIELD],
        discussion_settings=discussion_settings,
    )
    decision = posted.decision
    if decision.outcome == Outcome.REJECT:
        form.add_error(None, decision.message)
        _redraw(form, article)
        return _article_again(request, article, form)
    if decision.outcome == Outcome.RATE_LIMITED:
        minutes = max(1, round(decision.retry_after / 60))
        form.add_error(
            None,
            ngettext(
                "You have sent several comments in a short time. Please wait about %(n)d "
                "minute, then send this one again: it is kept below.",
                "You have sent several comments in a short time. Please wait about %(n)d "
                "minutes, then send this one again: it is kept below.",
                minutes,
            )
            % {"n": minutes},
        )
        _redraw(form, article)
        response = _article_again(request, article, form, status=429)
        response["Retry-After"] = str(decision.retry_after)
        return response

    comment = posted.comment
    if comment.is_public:
        notices.tell(
            request, messages.SUCCESS, _("Thank you! Your comment is published."), comment=comment
        )
        response = see_other(comment.get_absolute_url())
    else:
        if comment.status == Comment.Status.PENDING:
            remember_awaiting(request, comment)
        notices.tell(
            request,
            messages.INFO,
            _(
                "Thank you! Your comment is awaiting moderation and will appear once a "
                "moderator approves it."
            ),
            comment=comment,
        )
        response = see_other(_awaiting_url(comment, discussion_settings))
    if not form.is_staff_reply:
        update_remembered_author(
            request, response, consent=form.cleaned_data.get("remember"), comment=comment
        )
    return response


def _awaiting_url(comment, discussion_settings):
    """Where a new pending comment shows to its author: the page of its thread when paged
    (a new thread's page number past the end shows the last page)."""
    url = comment.article.get_absolute_url()
    page = comment.discussion_page(discussion_settings=discussion_settings)
    if page:
        url += f"?cpage={page}"
    return f"{url}#comments"


def comment_permalink(request, pk):
    """A stable address for a public comment: its article, page and anchor. Moderators also
    reach comments awaiting moderation, which the article shows them in place."""
    shown = [Comment.Status.APPROVED]
    if can_moderate(request.user):
        shown.append(Comment.Status.PENDING)
    comment = get_object_or_404(
        Comment.objects.filter(status__in=shown).select_related("article"), pk=pk
    )
    if not comment.article.is_public:
        raise Http404
    return redirect(comment.get_absolute_url())


def _subscription_page(request, token, state, *, comment=None, status=200, **context):
    return render(
        request,
        "comments/unsubscribe.html",
        {"state": state, "token": token, "comment": comment, **context},
        status=status,
    )


def _link_refused(request, token):
    """The page for a link that is not ours (400) or whose comment is gone (404); None when
    the link is good, with its comment."""
    try:
        comment = comment_from_token(token)
    except LinkNotGenuine:
        return _subscription_page(request, token, "invalid", status=400), None
    if comment is None:
        return _subscription_page(request, token, "gone", status=404), None
    return None, comment


@never_cache
@csrf_exempt  # one-click unsubscribe from mail clients (RFC 8058); the signed token is the key
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """A GET (or HEAD) only shows the page and its one button, so a link scanner following
    the email's link changes nothing; a POST (that button, or a mail client's one-click
    "List-Unsubscribe=One-Click") stops the reply emails and offers the undo."""
    refused, comment = _link_refused(request, token)
    if refused:
        return refused
    if request.method != "POST":
        return _subscription_page(request, token, "confirm", comment=comment)
    undo = unsubscribe_email(comment)
    return _subscription_page(request, token, "unsubscribed", comment=comment, undo=undo)


@never_cache
@csrf_protect
@require_http_methods(["POST"])
def resubscribe(request, token):
    """Undo an unsubscribe, from the button on the page that confirmed it."""
    refused, comment = _link_refused(request, token)
    if refused:
        return refused
    resubscribe_switched_off(comment, request.POST.get("undo"))
    return _subscription_page(request, token, "resubscribed", comment=comment)
