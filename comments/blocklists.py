"""The blocked email and IP lists of the discussion settings, as blocking a commenter (and
undoing it) changes them. Only the block verb and its undo call these (comments/verbs.py)."""

from collections import defaultdict
from dataclasses import dataclass, field

from .models import DiscussionSettings
from .moderation import word_list
from .ratelimit import network_of

EMAIL = "email"
IP = "ip"


@dataclass
class Added:
    """What one block added: the new entries, and for each comment which of its own."""

    emails: set = field(default_factory=set)
    addresses: set = field(default_factory=set)
    by_comment: dict = field(default_factory=lambda: defaultdict(list))


def entries_of(comment):
    """{"email": ..., "ip": ...} that block this comment's author: the email, and the IP
    address (IPv4) or its /64 (IPv6, where one person holds a whole range)."""
    entries = {}
    if comment.author_email:
        entries[EMAIL] = comment.author_email.lower()
    if comment.ip_address:
        address = comment.ip_address
        entries[IP] = str(network_of(address)) if ":" in address else address
    return entries


def add_for(comments):
    """Add the comments' authors to the blocked lists; say what was not there before."""
    settings = DiscussionSettings.load_for_update()
    known = {
        EMAIL: set(word_list(settings.blocked_emails)),
        IP: set(word_list(settings.blocked_ips)),
    }
    added = Added()
    new = {EMAIL: added.emails, IP: added.addresses}
    for comment in comments.only("pk", "author_email", "ip_address"):
        for kind, entry in entries_of(comment).items():
            if entry.lower() in known[kind]:
                continue
            new[kind].add(entry)
            added.by_comment[comment.pk].append(kind)
    if added.emails or added.addresses:
        settings.blocked_emails = _with(settings.blocked_emails, added.emails)
        settings.blocked_ips = _with(settings.blocked_ips, added.addresses)
        settings.save(update_fields=["blocked_emails", "blocked_ips"])
    return added


def take_out(log_rows):
    """Remove from the blocked lists what the given block decisions added."""
    remove = {EMAIL: set(), IP: set()}
    for row in log_rows:
        entries = entries_of(row.comment)
        for kind in row.added_to_blocklists:
            if kind in entries:
                remove[kind].add(entries[kind].lower())
    if not (remove[EMAIL] or remove[IP]):
        return
    settings = DiscussionSettings.load_for_update()
    settings.blocked_emails = _without(settings.blocked_emails, remove[EMAIL])
    settings.blocked_ips = _without(settings.blocked_ips, remove[IP])
    settings.save(update_fields=["blocked_emails", "blocked_ips"])


def _lines(text):
    return [line for line in (text or "").splitlines() if line.strip()]


def _with(text, additions):
    return "\n".join(_lines(text) + sorted(additions))


def _without(text, removals):
    return "\n".join(line for line in _lines(text) if line.strip().lower() not in removals)
