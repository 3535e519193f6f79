"""How article templates pull the discussion in, without the articles app importing comments."""

from django import template
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from articles import pagecache
from articles.cachekeys import content_versions, versions_key
from healthsite.ids import parse_id

from .. import notices, stamps
from ..discussion import load_discussion
from ..form_markup import field_html
from ..forms import CommentForm
from ..models import Comment
from ..remember import remembered_author
from ..rendering import ModerationButtons, ThreadRenderer

register = template.Library()


@register.simple_tag(takes_context=True)
def discussion_for(context, article):
    """The thread, count and state of one article's discussion (a constant number of queries)."""
    return load_discussion(article, request=context["request"])


@register.inclusion_tag("comments/discussion.html", takes_context=True)
def render_discussion(context, discussion):
    """The heading with the count, what the comment flow has to tell the commenter, the
    thread, and the comment form (or a closed notice)."""
    request = context["request"]
    form = context.get("comment_form")
    replying_to = None
    if form is None and discussion.is_open:
        replying_to = _reply_target(request, discussion)
        remembered = remembered_author(request)
        form = CommentForm(
            initial={
                **remembered,
                "remember": bool(remembered),
                "parent": replying_to.pk if replying_to else "",
            },
            article=discussion.article,
            user=request.user,
            discussion_settings=discussion.settings,
        )
        if pagecache.draws_shared_copy(request):
            form.fields["issued"].initial = pagecache.marker(stamps.PAGE_HOLE)
    elif form is not None and form.is_bound:
        parent = form.cleaned_data.get("parent") if hasattr(form, "cleaned_data") else None
        replying_to = parent if isinstance(parent, Comment) else None
    placed = notices.place(notices.notices_for(request), discussion.thread)
    renderer = ThreadRenderer(
        discussion=discussion,
        permalink_base=discussion.article.get_absolute_url()
        + (f"?cpage={discussion.page.number}" if discussion.page else ""),
        reply_query=f"cpage={discussion.page.number}&" if discussion.page else "",
        use_gravatar=discussion.settings.avatars == discussion.settings.Avatars.GRAVATAR,
        notices=placed.beside,
        moderation=(
            ModerationButtons(csrf_token=get_token(request)) if discussion.moderating else None
        ),
    )
    return {
        "request": request,
        "user": context.get("user"),
        "discussion": discussion,
        "article": discussion.article,
        "form": form,
        "replying_to": replying_to,
        "notices": [
            {"notice": notice, "preview": renderer.preview(node) if node else ""}
            for notice, node in placed.top
        ],
        "thread_html": _thread_html(discussion, renderer),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def comment_form_fields(context, form):
    """The form's fields (comments/form_body.html). An empty form with nothing remembered is the
    same for every reader of the article but its stamp: drawn once under the article's
    versions (articles/cachekeys.py), and stamped for each request."""
    request = context["request"]
    versions = content_versions(form.article)
    remembered = any(form.initial.get(name) for name in ("name", "email", "website"))
    if form.is_bound or remembered or versions is None:
        return _fields_html(form)
    key = versions_key("comment-form", versions, form.is_staff_reply, form.initial.get("parent"))

    def draw():
        form.fields["issued"].initial = pagecache.marker(stamps.PAGE_HOLE)
        return _fields_html(form)

    return mark_safe(pagecache.fragment(request, key, draw, form.article))  # noqa: S308


def _fields_html(form):
    return render_to_string("comments/form_body.html", {"form": form})


@register.simple_tag
def comment_field(field):
    """One field of the comment form, with its label, errors and help text."""
    return field_html(field)


def _thread_html(discussion, renderer):
    if discussion.drawn is not None:
        return mark_safe(discussion.drawn)  # noqa: S308 (drawn escaped by ThreadRenderer)
    html = renderer.render()
    discussion.keep_drawing(str(html))
    return html


def _reply_target(request, discussion):
    """The comment named by ?replyto=, when it may be answered."""
    wanted = parse_id(request.GET.get("replyto"))
    if wanted is None:
        return None
    for node in discussion.thread:
        comment = node.comment
        if comment.pk == wanted:
            return comment if comment.accepts_replies(discussion.settings.max_depth) else None
    return None


@register.simple_tag
def comment_counts_for(articles):
    """{article id: public comment count} for a whole page of articles, in one query."""
    return Comment.objects.counts_for(articles)


@register.filter
def count_for(counts, article):
    return counts.get(article.pk, 0) if counts else 0


@register.filter
def outside_discussion(messages):
    """The messages for the top of the page: all but the comment flow's, which the
    discussion shows where the commenter looks (comments/notices.py)."""
    return [message for message in messages or () if not notices.is_for_discussion(message)]
