#!/usr/bin/env python3
"""Count the pages of a built site whose visible text shows raw markup.

Usage: bench/visible_tags.py OUT_DIR [--list N]

A page counts when its visible text (outside <pre>, <code>, <kbd>, <samp>,
scripts, styles, <textarea>, <template>, <noscript> and <title>) holds
`<tag`-like text: `<` then a letter, or `</` then a letter -- what a reader
sees when raw HTML was escaped instead of rendered. Prints how many pages
show markup that way (an end tag; a complete tag of an HTML element such as
`<td>` or `<details open>`; any tag with an attribute value or self-closed:
`<a name="x">`, `<Tabs />`), how many show an author's placeholder
(`<server name>`, `<template name>`, `<your-user-id>`: words a reader must
see), and with --list the first N places of the first kind.
The same check as `visible_tags` in tests/it/support.rs, for sites too big
for a test (build `../shared/corpus/skype-ja` into /tmp and point this at it).
Standard library only.
"""
import os
import re
import sys
from html.parser import HTMLParser

LITERAL = {"pre", "code", "kbd", "samp", "script", "style", "textarea", "template", "noscript", "title"}
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*>?)")
# The elements of HTML (the same list as HTML_ELEMENTS in src/parse/rawhtml.rs).
HTML_ELEMENTS = {
    "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b", "base",
    "basefont", "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body", "br", "button", "canvas",
    "caption", "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details",
    "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font",
    "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup",
    "hr", "html", "i", "iframe", "image", "img", "input", "ins", "isindex", "kbd", "keygen", "label",
    "legend", "li", "link", "listing", "main", "map", "mark", "marquee", "math", "menu", "menuitem", "meta",
    "meter", "multicol", "nav", "nextid", "nobr", "noembed", "noframes", "noscript", "object", "ol",
    "optgroup", "option", "output", "p", "param", "picture", "plaintext", "pre", "progress", "q", "rb", "rp",
    "rt", "rtc", "ruby", "s", "samp", "script", "search", "section", "select", "selectedcontent", "slot",
    "small", "source", "spacer", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg",
    "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track",
    "tt", "u", "ul", "var", "video", "wbr", "xmp",
}


BOOLEAN = {"open", "nowrap", "checked", "disabled", "hidden", "selected", "noshade", "compact", "reversed"}
ATTR = re.compile(r"""\s*([^\s=/>]+)(\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?""")


def is_markup(m):
    """Whether a `<word` match is markup shown by mistake: an end tag (`</td>`),
    or a complete tag (`>` included) written as markup: `<td>`, `<a name="x">`,
    `<details open>`, `<Tabs />`, `<TabItem value="win">`. Text like
    `<server name>`, `<template name>` or `<your-user-id>` is an author's
    placeholder (words between angle brackets, no attribute with a value),
    and a tag cut short (`**\\<Add Key="x"**`) was quoted on purpose."""
    end, name, rest = m.group(1), m.group(2).lower(), m.group(3)
    if end:
        return True
    if not rest.endswith(">"):
        return False
    if rest.endswith("/>"):
        return True
    attrs = [(a.group(1).lower(), a.group(2)) for a in ATTR.finditer(rest[:-1]) if a.group(1)]
    if any(value for _, value in attrs):
        return True
    return name in HTML_ELEMENTS and all(a in BOOLEAN for a, _ in attrs)


class Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found = []
        self.html = []

    def handle_starttag(self, tag, attrs):
        if tag in LITERAL:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in LITERAL and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth == 0:
            for m in TAG.finditer(data):
                place = data[max(0, m.start() - 20) : m.start() + 40].replace("\n", " ")
                (self.html if is_markup(m) else self.found).append(place)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    listed = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--list" else 0
    pages = places = html_pages = html_places = 0
    examples = []
    for root, _, files in os.walk(out):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            parser = Visible()
            with open(path, encoding="utf-8", errors="replace") as f:
                parser.feed(f.read())
            if parser.found:
                pages += 1
                places += len(parser.found)
            if parser.html:
                html_pages += 1
                html_places += len(parser.html)
                examples.extend((os.path.relpath(path, out), s) for s in parser.html[:3])
    print(f"pages showing HTML tags as text: {html_pages} ({html_places} places)")
    print(f"pages showing placeholders such as <server name>: {pages} ({places} places)")
    for page, text in examples[:listed]:
        print(f"  {page}: {text}")


if __name__ == "__main__":
    main()
