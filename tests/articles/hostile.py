"""Hostile HTML for the sanitiser, and a checker that reads its output as a browser would.

`HOSTILE_INPUTS` is shared: the sanitiser's tests run it through `sanitize_comment` and the
staff policy; the comments tests run it through the real comment form. `problems(html, ...)`
parses the output with the standard library's HTMLParser (which decodes entities in
attribute values, as a browser does) and lists everything that should not be there.
"""

import re
from html.parser import HTMLParser

HOSTILE_INPUTS = [
    # Script tags in many spellings.
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    '<ScRiPt src="http://evil.example/x.js"></ScRiPt>',
    '<script/src="//evil.example/x.js"></script>',
    "<script\t>alert(1)</script\t>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script>alert(1)",
    '"><script>alert(1)</script>',
    "<template><script>alert(1)</script></template>",
    # Event handlers.
    "<img src=x onerror=alert(1)>",
    '<img src="x" onerror="alert(1)"/>',
    "<body onload=alert(1)>",
    '<p onclick="alert(1)">click me</p>',
    '<a href="https://example.org/" onmouseover="alert(1)">x</a>',
    '<a href="https://example.org/"onmouseover=alert(1)>x</a>',
    "<a href=https://example.org/ ONMOUSEOVER=alert(1)>x</a>",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<xss onbeforescriptexecute=alert(1)>x</xss>",
    '<a href="https://example.org/">x</a\n onclick=alert(1)>',
    # Dangerous URL schemes, disguised.
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="&#x6A;&#x61;vascript:alert(1)">x</a>',
    '<a href="&#0000106&#0000097vascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="jav\nascript:alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    '<a href=" \x01 javascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="VBScript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="data&colon;text/html,<script>alert(1)</script>">x</a>',
    '<a href="DaTa:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">x</a>',
    "<IMG SRC=javascript:alert('XSS')>",
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    # SVG and MathML.
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="0" y="20">x</text></a></svg>',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    # Styles.
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<a href="https://example.org/" style="position:fixed;inset:0">x</a>',
    # Frames, objects, embeds.
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    # Unclosed, nested and broken markup.
    "<div><p><blockquote><em><strong onclick=alert(1)>deep",
    '<a href="https://example.org/"><b onmouseover=alert(1)>nested</b></a>',
    "<a title='x\" onmouseover=\"alert(1)'>quote</a>",
    "'><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<select><style></select><img src=x onerror=alert(1)>",
    # Comments, CDATA and entities.
    "<!--<script>alert(1)</script>-->",
    "<!--><script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    # Bare text the linkifier sees.
    'http://example.org/"onmouseover="alert(1)',
    "http://example.org/<script>alert(1)</script>",
    "javascript:alert(1)",
]

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "data", "background", "poster", "xlink:href"}
)
FORBIDDEN_ELEMENTS = frozenset({"script", "style", "iframe", "svg", "math", "object", "embed"})

# What a browser ignores in a URL before reading its scheme: ASCII tab and newlines anywhere,
# C0 controls and spaces at either end.
_IGNORED_INSIDE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


class TagCollector(HTMLParser):
    """Every start tag of a document, with its attributes as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def start_tags(html):
    """[(tag, [(attribute, value), ...]), ...] in document order."""
    parser = TagCollector()
    parser.feed(html)
    parser.close()
    return parser.tags


def visible_text(html):
    """The text a reader sees, entities decoded."""
    parser = TagCollector()
    parser.feed(html)
    parser.close()
    return "".join(parser.text)


def url_scheme(value):
    """The scheme a browser would read from a URL attribute, lowercased; "" when relative."""
    cleaned = _IGNORED_INSIDE.sub("", value or "").strip("".join(map(chr, range(0x21))))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else ""


def problems(html, allowed_tags, allowed_attributes):
    """Everything in `html` outside the allow-lists, or dangerous; [] when it is clean."""
    found = []
    for tag, attrs in start_tags(html):
        if tag in FORBIDDEN_ELEMENTS:
            found.append(f"forbidden element <{tag}>")
        if tag not in allowed_tags:
            found.append(f"tag <{tag}> outside the allow-list")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"event handler {name}= on <{tag}>")
            if name not in allowed_attributes.get(tag, set()):
                found.append(f"attribute {name}= not allowed on <{tag}>")
            if name in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if scheme and scheme not in SAFE_SCHEMES:
                    found.append(f"{scheme}: URL in {name}= on <{tag}>")
    return found
