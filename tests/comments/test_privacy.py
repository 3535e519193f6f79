"""The privacy tools as management commands: purge network data, export and erase a commenter."""

import io
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from comments.models import Comment
from tests.factories import ArticleFactory

from .staff_helpers import make_comment

pytestmark = pytest.mark.django_db

Status = Comment.Status
PROJECT = Path(__file__).resolve().parents[2]


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def aged(article, days, **fields):
    return make_comment(
        article,
        created_at=timezone.now() - timedelta(days=days),
        ip_address="192.0.2.10",
        user_agent="Firefox/140",
        **fields,
    )


@pytest.fixture
def article():
    return ArticleFactory(title="Naps and night sleep")


def network_data(comment):
    comment.refresh_from_db()
    return comment.ip_address, comment.user_agent


# purge_comment_ips


def test_purge_forgets_ip_and_browser_older_than_90_days_by_default(article):
    old = aged(article, 91)
    recent = aged(article, 89)

    output = run("purge_comment_ips")

    assert network_data(old) == (None, "")
    assert network_data(recent) == ("192.0.2.10", "Firefox/140")
    assert output.strip() == (
        "Forgot the IP address and browser of 1 comment(s) older than 90 days."
    )
    old.refresh_from_db()
    assert old.body.startswith("Comment number")  # nothing else is touched


def test_purge_takes_the_number_of_days(article):
    old = aged(article, 8)
    recent = aged(article, 6)

    run("purge_comment_ips", "--days", "7")

    assert network_data(old) == (None, "")
    assert network_data(recent) == ("192.0.2.10", "Firefox/140")


def test_purge_zero_days_forgets_everything_and_running_again_counts_nothing(article):
    aged(article, 1)
    aged(article, 0)

    assert "of 2 comment(s)" in run("purge_comment_ips", "--days", "0")
    assert "of 0 comment(s)" in run("purge_comment_ips", "--days", "0")
    assert not Comment.objects.exclude(ip_address=None).exists()


def test_purge_refuses_negative_days(article):
    comment = aged(article, 200)

    with pytest.raises(CommandError, match="--days cannot be negative"):
        run("purge_comment_ips", "--days", "-1")
    assert network_data(comment) == ("192.0.2.10", "Firefox/140")


# export_commenter


def test_export_prints_every_comment_of_the_email_as_json(article):
    other_article = ArticleFactory(title="Light in the morning")
    first = aged(article, 3, author_name="Ann", author_email="ann@example.org", notify=True)
    second = make_comment(
        other_article,
        parent=make_comment(other_article),
        author_email="ANN@Example.org",
        status=Status.PENDING,
        author_url="https://ann.example.com",
    )
    make_comment(article, author_email="someone@example.org")

    data = json.loads(run("export_commenter", "Ann@example.org"))

    assert data["email"] == "ann@example.org"
    assert [comment["id"] for comment in data["comments"]] == [first.pk, second.pk]
    exported = data["comments"][0]
    assert exported == {
        "id": first.pk,
        "article": "Naps and night sleep",
        "article_url": article.get_absolute_url(),
        "in_reply_to": None,
        "name": "Ann",
        "email": "ann@example.org",
        "website": "",
        "comment": first.body,
        "status": "approved",
        "email_me_replies": True,
        "ip_address": "192.0.2.10",
        "browser": "Firefox/140",
        "posted_at": first.created_at.isoformat(),
    }
    assert data["comments"][1]["in_reply_to"] == second.parent_id
    assert data["comments"][1]["website"] == "https://ann.example.com"
    assert data["comments"][1]["status"] == "pending"


def test_export_of_an_email_without_comments_is_an_empty_list(article):
    assert json.loads(run("export_commenter", "nobody@example.org"))["comments"] == []


def test_export_writes_to_a_file(article, tmp_path):
    make_comment(article, author_email="ann@example.org")
    target = tmp_path / "ann.json"
    err = io.StringIO()

    call_command(
        "export_commenter",
        "ann@example.org",
        "--output",
        str(target),
        stdout=io.StringIO(),
        stderr=err,
    )

    assert len(json.loads(target.read_text(encoding="utf-8"))["comments"]) == 1
    assert err.getvalue().strip() == f"Wrote 1 comment(s) to {target}."


def test_export_refuses_something_that_is_not_an_email():
    with pytest.raises(CommandError, match="'not-an-email' is not an email address"):
        run("export_commenter", "not-an-email")


def test_export_to_an_unwritable_path_says_so(article, tmp_path):
    target = tmp_path / "missing-folder" / "ann.json"

    with pytest.raises(CommandError, match=r"Could not write .*ann\.json: No such file"):
        run("export_commenter", "ann@example.org", "--output", str(target))
    assert not target.exists()


def test_a_bad_email_exits_non_zero_with_a_clear_message():
    """As an operator runs it: no traceback, one line, exit status 1."""
    result = subprocess.run(
        [sys.executable, "manage.py", "export_commenter", "not-an-email"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DEBUG": "1"},
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr.strip() == "CommandError: 'not-an-email' is not an email address."
    assert result.stdout == ""


# erase_commenter


@pytest.fixture
def anns_comments(article):
    comment = aged(
        article,
        2,
        author_name="Ann Other",
        author_email="ann@example.org",
        author_url="https://ann.example.com",
        notify=True,
        body="My own story about naps.",
    )
    other = make_comment(ArticleFactory(), author_email="Ann@Example.org", status=Status.PENDING)
    reply = make_comment(article, parent=comment, body="Thanks for telling us.")
    bystander = make_comment(article, author_email="bob@example.org", ip_address="192.0.2.50")
    return comment, other, reply, bystander


def test_erase_anonymises_the_commenter_and_keeps_the_text(client, article, anns_comments):
    comment, other, _reply, bystander = anns_comments

    output = run("erase_commenter", "ANN@example.org", "--noinput")

    assert output.strip() == "Erased the commenter: 2 comment(s) anonymised."
    for erased in (comment, other):
        erased.refresh_from_db()
        assert (erased.author_name, erased.author_email, erased.author_url) == (
            "Anonymous",
            "",
            "",
        )
        assert (erased.ip_address, erased.user_agent, erased.notify) == (None, "", False)
    assert comment.body == "My own story about naps."
    assert comment.status == Status.APPROVED
    assert other.status == Status.PENDING
    bystander.refresh_from_db()
    assert (bystander.author_email, bystander.ip_address) == ("bob@example.org", "192.0.2.50")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "My own story about naps." in page
    assert "Ann Other" not in page
    assert "ann.example.com" not in page


def test_erase_with_remove_text_leaves_a_placeholder_and_the_replies(
    client, article, anns_comments
):
    comment, _other, reply, _bystander = anns_comments

    run("erase_commenter", "ann@example.org", "--noinput", "--remove-text")

    comment.refresh_from_db()
    assert (comment.body, comment.body_html, comment.status) == ("", "", Status.REMOVED)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "My own story about naps." not in page
    assert "Comment removed" in page
    assert f'id="comment-{reply.pk}"' in page
    assert "Thanks for telling us." in page


def test_erase_asks_first_and_a_refusal_erases_nothing(monkeypatch, anns_comments):
    questions = []
    monkeypatch.setattr("builtins.input", lambda question: questions.append(question) or "no")

    with pytest.raises(CommandError, match="Nothing was erased"):
        run("erase_commenter", "ann@example.org", "--remove-text")

    assert questions == [
        "Erase the commenter of 2 comment(s) and their text? This cannot be undone. "
        "Type 'yes' to continue: "
    ]
    assert Comment.objects.filter(author_email__iexact="ann@example.org").count() == 2
    assert Comment.objects.filter(body="My own story about naps.").exists()


def test_erase_goes_ahead_when_confirmed(monkeypatch, anns_comments):
    monkeypatch.setattr("builtins.input", lambda question: "yes")

    run("erase_commenter", "ann@example.org")

    assert not Comment.objects.filter(author_email__iexact="ann@example.org").exists()


def test_erase_of_an_unknown_email_says_so(anns_comments):
    with pytest.raises(CommandError, match="No comment is stored with the email nobody@"):
        run("erase_commenter", "nobody@example.org", "--noinput")


def test_erase_refuses_something_that_is_not_an_email(anns_comments):
    with pytest.raises(CommandError, match="is not an email address"):
        run("erase_commenter", "ann", "--noinput")
