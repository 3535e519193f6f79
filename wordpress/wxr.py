"""
Reading a WordPress export (WXR 1.0 to 1.2) as a stream of small records.

The file goes through expat in chunks, behind defusedxml with document types forbidden: a
WordPress export never has one, and refusing it refuses entity expansion ("billion laughs"),
external entities and external DTDs before any of them is read. Only one record (a channel
<item>, <wp:author>, <wp:category>, <wp:tag> or <wp:term>) is held at a time, and each is capped
in text and elements, so memory stays bounded whatever the size of the file.

Anything wrong with the file raises WXRError with its line number.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ErrorString, errors

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

KNOWN_VERSIONS = ("1.0", "1.1", "1.2")
CHUNK_BYTES = 1 << 16
# One record (a post with all its comments, say) may hold this much text and this many
# elements; beyond that it is marked oversized, kept no further, and refused by the importer.
MAX_RECORD_CHARS = 32 * 1024 * 1024
MAX_RECORD_ELEMENTS = 200_000

PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
WORDPRESS_NAMESPACE = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/(excerpt/)?")
RECORD_TAGS = {"item", "wp:author", "wp:category", "wp:tag", "wp:term"}
CHANNEL_FIELDS = {"title", "link", "wp:wxr_version", "wp:base_site_url", "wp:base_blog_url"}
VERSION_FORMAT = re.compile(r"\d+\.\d+")
# Errors that mean the document stopped before its end: a cut-off download or copy.
CUT_SHORT = {
    errors.codes[message]
    for message in (
        errors.XML_ERROR_NO_ELEMENTS,
        errors.XML_ERROR_UNCLOSED_TOKEN,
        errors.XML_ERROR_UNCLOSED_CDATA_SECTION,
        errors.XML_ERROR_PARTIAL_CHAR,
    )
}


class WXRError(Exception):
    """The file is refused: what is wrong, and on which line."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(slots=True)
class Element:
    tag: str
    attrs: dict
    line: int = 0
    parts: list = field(default_factory=list)
    children: list = field(default_factory=list)
    oversized: bool = False
    _first: dict = None  # the first child of each name, indexed on first use

    @property
    def text(self):
        return "".join(self.parts)

    def find(self, tag):
        if self._first is None:
            self._first = {}
            for child in self.children:
                self._first.setdefault(child.tag, child)
        return self._first.get(tag)

    def findall(self, tag):
        return [child for child in self.children if child.tag == tag]

    def value(self, tag, default=""):
        child = self.find(tag)
        return child.text if child is not None else default


@lru_cache(maxsize=512)
def short_name(tag):
    """'namespace}local' (as expat names it) as 'prefix:local' for the namespaces of WXR."""
    if "}" not in tag:
        return tag
    namespace, local = tag.lstrip("{").split("}", 1)
    match = WORDPRESS_NAMESPACE.fullmatch(namespace)
    if match:
        return f"{'excerpt' if match.group(1) else 'wp'}:{local}"
    prefix = PREFIXES.get(namespace)
    return f"{prefix}:{local}" if prefix else tag


@dataclass
class Channel:
    """What the export says about the site, read before its first record."""

    title: str = ""
    link: str = ""
    version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""

    @property
    def site_url(self):
        return (self.base_blog_url or self.link or self.base_site_url).strip().rstrip("/")


class _RecordBuilder:
    """The parser's target: keeps the channel's fields and builds one record at a time."""

    def __init__(self, line_of, skip):
        self.line_of = line_of
        self.skip = skip
        self.skipping = 0  # depth inside an element whose contents are not kept
        self.channel = Channel()
        self.ready = []
        self.depth = 0
        self.stack = []  # the elements of the record being built, outermost first
        self.channel_field = None
        self.record_chars = 0
        self.record_elements = 0

    def start(self, tag, attrs):
        self.depth += 1
        name = short_name(tag)
        if self.depth == 1 and name != "rss":
            raise WXRError(
                f"this is not a WordPress export: the document is <{name}>, not <rss>",
                self.line_of(),
            )
        if self.depth == 2 and name != "channel":
            raise WXRError(f"expected <channel> inside <rss>, found <{name}>", self.line_of())
        if self.depth == 3 and not self.stack:
            if name in RECORD_TAGS:
                self._check_version()
                self.record_chars = self.record_elements = 0
                self.stack.append(Element(name, dict(attrs), self.line_of()))
            elif name in CHANNEL_FIELDS:
                self.channel_field = []
            return
        if self.skipping:
            self.skipping += 1
            self._count(elements=1)
        elif self.stack:
            self._open_child(name, attrs)

    def _count(self, elements=0, chars=0):
        """Size the record as read, kept or not: both readings judge it the same."""
        self.record_elements += elements
        self.record_chars += chars
        if self.record_elements > MAX_RECORD_ELEMENTS or self.record_chars > MAX_RECORD_CHARS:
            self.stack[0].oversized = True

    def _open_child(self, name, attrs):
        record = self.stack[0]
        self._count(elements=1)
        if name in self.skip and len(self.stack) == 1:
            self.skipping = 1  # counted, its contents not kept
            record.children.append(Element(name, {}))
            return
        element = Element(name, {short_name(k): v for k, v in attrs.items()} if attrs else {})
        if not record.oversized:
            self.stack[-1].children.append(element)
        self.stack.append(element)

    def end(self, tag):
        name = short_name(tag)
        if self.skipping:
            self.skipping -= 1
        elif self.stack:
            element = self.stack.pop()
            if not self.stack:
                self.ready.append(element)
        elif self.depth == 3 and self.channel_field is not None:
            self._set_channel_field(name, "".join(self.channel_field).strip())
            self.channel_field = None
        self.depth -= 1

    def data(self, text):
        if self.stack:
            self._count(chars=len(text))
            if not self.skipping and not self.stack[0].oversized:
                self.stack[-1].parts.append(text)
        elif self.channel_field is not None and len(self.channel_field) < 1000:
            self.channel_field.append(text)

    def close(self):
        return None

    def _set_channel_field(self, name, value):
        attribute = {
            "title": "title",
            "link": "link",
            "wp:wxr_version": "version",
            "wp:base_site_url": "base_site_url",
            "wp:base_blog_url": "base_blog_url",
        }[name]
        setattr(self.channel, attribute, value[:500])
        if name == "wp:wxr_version":
            self._check_version(declared=True)

    def _check_version(self, declared=False):
        version = self.channel.version
        if not version:
            if declared:
                raise WXRError("<wp:wxr_version> is empty", self.line_of())
            raise WXRError(
                "this is not a WordPress export: no <wp:wxr_version> before the first item",
                self.line_of(),
            )
        if not VERSION_FORMAT.fullmatch(version):
            raise WXRError(f"unreadable WXR version {version!r}", self.line_of())
        if version not in KNOWN_VERSIONS:
            newer = tuple(map(int, version.split("."))) > (1, 2)
            raise WXRError(
                f"WXR version {version} is {'newer than' if newer else 'not one of'} the "
                f"versions this importer reads ({', '.join(KNOWN_VERSIONS)})",
                self.line_of(),
            )


def _parse_error(error):
    line, column = error.position
    message = ErrorString(error.code) if error.code else str(error)
    return WXRError(f"malformed XML ({message}, column {column})", line)


class WXRReader:
    """Iterate over a binary file's records; `channel` is filled in as the file is read.

    `progress(bytes_read)` is called after each chunk. Children of a record named in `skip`
    are kept empty: present (to count) but their contents not read into memory.
    """

    def __init__(self, fileobj, *, progress=None, skip=()):
        self.fileobj = fileobj
        self.progress = progress
        self.parser = DefusedXMLParser(
            target=_RecordBuilder(self._line, frozenset(skip)),
            forbid_dtd=True,
            forbid_external=True,
        )
        self.builder = self.parser.target
        self.bytes_read = 0
        # Straight from expat to the builder, past ElementTree's own name and attribute
        # handling (a third of the time); defusedxml's guards on the same parser stay.
        expat = self.parser.parser
        expat.ordered_attributes = False
        expat.StartElementHandler = self.builder.start
        expat.EndElementHandler = self.builder.end
        expat.CharacterDataHandler = self.builder.data

    @property
    def channel(self):
        return self.builder.channel

    def _line(self):
        return self.parser.parser.CurrentLineNumber

    def __iter__(self):
        while chunk := self.fileobj.read(CHUNK_BYTES):
            self.bytes_read += len(chunk)
            self._guarded(self.parser.feed, chunk)
            yield from self._drain()
            if self.progress:
                self.progress(self.bytes_read)
        if not self.bytes_read:
            raise WXRError("the file is empty")
        self._guarded(self.parser.close)
        yield from self._drain()
        if not self.channel.version:
            raise WXRError("this is not a WordPress export: it has no <wp:wxr_version>")

    def _drain(self):
        ready, self.builder.ready = self.builder.ready, []
        return ready

    def _guarded(self, step, *args):
        try:
            step(*args)
        except ParseError as error:
            if error.code in CUT_SHORT and self.bytes_read:
                raise WXRError(
                    "the file ends too early: is it complete?", error.position[0]
                ) from None
            raise _parse_error(error) from None
        except DefusedXmlException:
            raise WXRError(
                "the file declares a document type (<!DOCTYPE>), which a WordPress export "
                "never has; it is refused so that no entity is expanded and nothing outside "
                "the file is read",
                self._line(),
            ) from None
        except WXRError as error:
            error.line = error.line or self._line()
            raise
