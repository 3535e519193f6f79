"""What an import did, by kind of item: read, imported, updated, skipped (and why), and notes
(changes made on the way in). Printed by the command and kept on the ImportRun for staff."""

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

KINDS = {
    "post": _("posts"),
    "page": _("pages"),
    "attachment": _("attachments"),
    "file": _("files in bodies"),
    "comment": _("comments"),
    "category": _("categories"),
    "tag": _("tags"),
    "redirect": _("old addresses"),
    "other": _("other items"),
}
COLUMNS = ("read", "imported", "updated", "skipped")
MAX_DETAILS = 500


@dataclass
class Row:
    read: int = 0
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    reasons: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)


class Report:
    def __init__(self):
        self.rows = {kind: Row() for kind in KINDS}
        self.details = []

    def read(self, kind, count=1):
        self.rows[kind].read += count

    def imported(self, kind, count=1):
        self.rows[kind].imported += count

    def updated(self, kind):
        self.rows[kind].updated += 1

    def skipped(self, kind, reason, count=1):
        self.rows[kind].skipped += count
        self.rows[kind].reasons[reason] += count

    def note(self, kind, text, count=1):
        self.rows[kind].notes[text] += count

    def detail(self, text):
        """One line about one item (which post was refused and why), for the admin page."""
        if len(self.details) < MAX_DETAILS:
            self.details.append(text)

    @property
    def added(self):
        return sum(row.imported for row in self.rows.values())

    @property
    def changed(self):
        return sum(row.updated for row in self.rows.values())

    def to_dict(self):
        return {
            "rows": {
                kind: {
                    **{column: getattr(row, column) for column in COLUMNS},
                    "reasons": dict(row.reasons.most_common()),
                    "notes": dict(row.notes.most_common()),
                }
                for kind, row in self.rows.items()
            },
            "added": self.added,
            "changed": self.changed,
            "details": self.details,
        }


def table_rows(data):
    """(label, counts, reasons, notes) for each kind with something to say, from to_dict()."""
    for kind, label in KINDS.items():
        row = data.get("rows", {}).get(kind)
        if row and (row["read"] or row["imported"] or row["skipped"] or row["notes"]):
            yield label, [row[column] for column in COLUMNS], row["reasons"], row["notes"]


def as_text(data):
    """The report as a plain-text table, for the terminal."""
    lines = [f"{'':<18}" + "".join(f"{column:>10}" for column in COLUMNS)]
    for label, counts, reasons, notes in table_rows(data):
        lines.append(f"{label!s:<18}" + "".join(f"{count:>10}" for count in counts))
        lines += [f"    skipped: {reason} ({count})" for reason, count in reasons.items()]
        lines += [f"    note: {note} ({count})" for note, count in notes.items()]
    lines.append(f"Added {data.get('added', 0)}, changed {data.get('changed', 0)}.")
    return "\n".join(lines)
