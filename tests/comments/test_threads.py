"""Thread maths: fixed-width paths, ancestors, and the flat list of nodes the renderer draws."""

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings

from comments import threads
from comments.models import Comment

APPROVED = Comment.Status.APPROVED


def node_comment(pk, depth, status=APPROVED):
    return SimpleNamespace(pk=pk, depth=depth, status=status)


def markup(thread):
    """[(pk, depth, opens_children, closes)] of each node."""
    return [(n.comment.pk, n.depth, n.opens_children, n.closes) for n in thread]


# Paths -------------------------------------------------------------------------------------


def test_segment_is_the_id_zero_padded_to_a_fixed_width():
    assert threads.segment(42) == "0000000042"
    assert len(threads.segment(1)) == len(threads.segment(9_999_999_999)) == 10


def test_segments_sort_as_text_in_the_order_of_their_ids():
    ids = [9, 10, 100, 99, 1_000_000]
    assert sorted(ids, key=threads.segment) == sorted(ids)


def test_path_of_a_top_level_comment_is_its_own_segment():
    assert threads.path_for(Comment(pk=7)) == "0000000007"


def test_path_of_a_reply_is_its_parents_path_plus_its_own_segment():
    parent = Comment(pk=3, path="00000000010000000003")
    reply = Comment(pk=12, parent=parent)
    assert threads.path_for(reply) == "000000000100000000030000000012"


def test_ancestor_ids_are_read_from_the_path_oldest_first_without_the_comment_itself():
    assert threads.ancestor_ids("000000000100000000030000000012") == [1, 3]
    assert threads.ancestor_ids("0000000001") == []


def test_thread_root_path_is_the_first_segment():
    assert threads.thread_root_path("00000000040000000009") == "0000000004"


def test_replies_sort_right_under_their_parent_and_siblings_oldest_first():
    """Ordering by path is thread order, even when a later thread has smaller reply ids."""
    one, two = Comment(pk=1), Comment(pk=2)
    one.path, two.path = threads.path_for(one), threads.path_for(two)
    late_reply = Comment(pk=10, parent=one)
    early_reply = Comment(pk=3, parent=two)
    nested = Comment(pk=11, parent=Comment(pk=3, path=threads.path_for(early_reply)))
    paths = {
        "one": one.path,
        "two": two.path,
        "late reply to one": threads.path_for(late_reply),
        "early reply to two": threads.path_for(early_reply),
        "reply to the early reply": threads.path_for(nested),
    }
    assert sorted(paths, key=paths.get) == [
        "one",
        "late reply to one",
        "two",
        "early reply to two",
        "reply to the early reply",
    ]


# Building a thread -------------------------------------------------------------------------


def test_empty_thread_is_falsy_and_closes_nothing():
    thread = threads.build_thread([], public_status=APPROVED)
    assert not thread
    assert thread.closes_at_end == 0


def test_each_deeper_comment_opens_one_nested_list():
    thread = threads.build_thread(
        [node_comment(1, 1), node_comment(2, 2), node_comment(3, 3)], public_status=APPROVED
    )
    assert markup(thread) == [(1, 1, False, 0), (2, 2, True, 0), (3, 3, True, 0)]
    assert thread.closes_at_end == 2


def test_a_sibling_closes_only_the_previous_item():
    thread = threads.build_thread(
        [node_comment(1, 1), node_comment(2, 2), node_comment(3, 2), node_comment(4, 1)],
        public_status=APPROVED,
    )
    assert markup(thread) == [
        (1, 1, False, 0),
        (2, 2, True, 0),
        (3, 2, False, 0),
        (4, 1, False, 1),
    ]
    assert thread.closes_at_end == 0


def test_rising_several_levels_at_once_closes_as_many_lists():
    comments = [node_comment(pk, depth) for pk, depth in enumerate([1, 2, 3, 4, 5, 2], 1)]
    thread = threads.build_thread(comments, public_status=APPROVED)
    assert markup(thread)[-1] == (6, 2, False, 3)
    assert thread.closes_at_end == 1


def test_a_gap_in_depth_opens_only_one_list():
    """A reply whose parent is not shown is drawn one level under the last shown comment."""
    thread = threads.build_thread([node_comment(1, 1), node_comment(5, 3)], public_status=APPROVED)
    assert markup(thread) == [(1, 1, False, 0), (5, 2, True, 0)]
    assert thread.closes_at_end == 1


@pytest.mark.parametrize("status", [Comment.Status.REMOVED, Comment.Status.SPAM])
def test_a_hidden_comment_becomes_a_placeholder(status):
    thread = threads.build_thread(
        [node_comment(1, 1, status), node_comment(2, 2)], public_status=APPROVED
    )
    hidden, reply = thread.nodes
    assert hidden.placeholder and not hidden.awaiting_moderation
    assert not reply.placeholder


def test_the_authors_own_pending_comment_is_marked_awaiting_moderation():
    thread = threads.build_thread(
        [node_comment(1, 1), node_comment(2, 2, Comment.Status.PENDING)],
        public_status=APPROVED,
        own_ids={2},
    )
    own = thread.nodes[1]
    assert own.awaiting_moderation and not own.placeholder


def test_someone_elses_pending_comment_is_not_marked_as_theirs():
    thread = threads.build_thread(
        [node_comment(2, 1, Comment.Status.PENDING)], public_status=APPROVED, own_ids={3}
    )
    assert thread.nodes[0].placeholder
    assert not thread.nodes[0].awaiting_moderation


# Imports -----------------------------------------------------------------------------------

IMPORTS_OF_THREADS = """
import sys
before = set(sys.modules)
import comments.threads
loaded = sorted(set(sys.modules) - before)
print("\\n".join(loaded))
"""


def test_threads_imports_nothing_of_the_app_nor_django():
    """Pure path arithmetic: importing it alone, with no settings, loads no other module of
    comments (so models, querysets and discussion can all use it without an import circle)."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    loaded = subprocess.run(
        [sys.executable, "-c", IMPORTS_OF_THREADS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert "comments.threads" in loaded
    assert [name for name in loaded if name.startswith("comments")] == [
        "comments",
        "comments.threads",
    ]
    assert not [name for name in loaded if name.split(".")[0] in {"django", "articles"}]
