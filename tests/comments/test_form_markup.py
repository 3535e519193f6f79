"""The comment form's inputs are drawn in Python exactly as Django's widget templates draw
them, escaped, for an empty, a refused and a hostile form."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.forms.renderers import DjangoTemplates

from comments.form_markup import CommentFormRenderer
from comments.forms import CommentForm
from comments.models import DiscussionSettings
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOSTILE = '"><script>alert(1)</script>'


def forms(article):
    common = {
        "article": article,
        "user": AnonymousUser(),
        "discussion_settings": DiscussionSettings(),
    }
    empty = CommentForm(**common)
    remembered = CommentForm(initial={"name": HOSTILE, "email": "a@example.org"}, **common)
    refused = CommentForm(
        data={
            "name": HOSTILE,
            "email": HOSTILE,
            "website": HOSTILE,
            "body": HOSTILE,
            "notify": "on",
        },
        **common,
    )
    refused.is_valid()
    return {"empty": empty, "remembered": remembered, "refused": refused}


@pytest.mark.parametrize("state", ["empty", "remembered", "refused"])
def test_every_input_is_what_djangos_templates_draw(state):
    form = forms(ArticleFactory())[state]
    assert isinstance(form.renderer, CommentFormRenderer)
    templates = DjangoTemplates()
    for field in form:
        attrs = {"class": "x", "aria-describedby": "y", "data-flag": True, "hidden": False}
        ours = field.as_widget(attrs=attrs)
        widget = field.field.widget
        django = widget.render(
            field.html_name,
            field.value(),
            field.build_widget_attrs(attrs, widget) | {"id": field.auto_id},
            templates,
        )
        assert ours == django, field.name


def test_hostile_values_come_back_escaped(client):
    article = ArticleFactory()
    response = client.post(
        f"/articles/{article.slug}/comments/",
        {"name": HOSTILE, "email": HOSTILE, "website": HOSTILE, "body": "x"},
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
