"""
Threads as a materialised path.

Each comment's `path` is its ancestors' ids and its own, each zero-padded to a fixed width, so
ordering a discussion by `path` puts every reply right under its parent, siblings oldest first,
and a whole thread (or a page of threads) is one contiguous range of paths: one query reads it,
and inserting a comment never rewrites another.

Pure arithmetic on paths and depths: this module imports nothing from the app (nor Django),
so models, querysets and views can all use it without an import circle.
"""

from dataclasses import dataclass

SEGMENT_WIDTH = 10
MAX_DEPTH_LIMIT = 10


def segment(pk):
    return f"{pk:0{SEGMENT_WIDTH}d}"


def path_for(comment):
    """The path of a saved comment: its parent's path plus its own id."""
    return (comment.parent.path if comment.parent_id else "") + segment(comment.pk)


def ancestor_ids(path):
    """The ids of a comment's ancestors, read from its path, oldest first."""
    return [
        int(path[start : start + SEGMENT_WIDTH])
        for start in range(0, len(path) - SEGMENT_WIDTH, SEGMENT_WIDTH)
    ]


def thread_root_path(path):
    return path[:SEGMENT_WIDTH]


@dataclass
class Node:
    """One item of a rendered thread, with the list markup to emit before it.

    `opens_children`: start a nested list inside the previous item. Otherwise, unless it is the
    first node, the previous item closes, then `closes` nested lists (and their items) close.
    """

    comment: object
    depth: int
    placeholder: bool = False
    awaiting_moderation: bool = False
    opens_children: bool = False
    closes: int = 0


@dataclass
class Thread:
    nodes: list
    closes_at_end: int

    def __bool__(self):
        return bool(self.nodes)

    def __iter__(self):
        return iter(self.nodes)


def build_thread(comments, *, public_status, own_ids=()):
    """Path-ordered comments as nodes for one flat template loop: no recursive includes.

    Comments that are not public but have public replies are kept as "comment removed"
    placeholders so the replies keep their place; the pending comments in `own_ids` (the
    author's own, or every pending one for a moderator) are marked as awaiting moderation.
    """
    nodes = []
    previous_depth = 0
    for comment in comments:
        public = comment.status == public_status
        own = comment.pk in own_ids and not public
        # A gap (an ancestor that could not be shown) never opens two lists at once.
        depth = min(comment.depth, previous_depth + 1)
        node = Node(
            comment=comment,
            depth=depth,
            placeholder=not public and not own,
            awaiting_moderation=own,
        )
        if nodes and depth > previous_depth:
            node.opens_children = True
        elif nodes:
            node.closes = previous_depth - depth
        nodes.append(node)
        previous_depth = depth
    return Thread(nodes=nodes, closes_at_end=max(previous_depth - 1, 0))
