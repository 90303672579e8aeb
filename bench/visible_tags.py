#!/usr/bin/env python3
"""Count the pages of a built site whose visible text shows raw markup.

Usage: bench/visible_tags.py OUT_DIR [--list N]

A page counts when its visible text (outside <pre>, <code>, <kbd>, <samp>,
scripts, styles, <textarea>, <template>, <noscript> and <title>) holds
`<tag`-like text: `<` then a letter, or `</` then a letter -- what a reader
sees when raw HTML was escaped instead of rendered. Prints how many pages
show the name of an HTML element that way (`<td>`, `<a name=…>`), how many
show any such text (placeholders like `<SIP domain>` included), and with
--list the first N places of the first kind.
The same check as `visible_tags` in tests/it/support.rs, for sites too big
for a test (build `../shared/corpus/skype-ja` into /tmp and point this at it).
Standard library only.
"""
import os
import re
import sys
from html.parser import HTMLParser

LITERAL = {"pre", "code", "kbd", "samp", "script", "style", "textarea", "template", "noscript", "title"}
TAG = re.compile(r"</?[A-Za-z]")
# Names of HTML elements: text like `<SIP domain>` or `<Pool FQDN>` is an
# author's placeholder, `<td>` or `<a name="x">` is markup shown by mistake.
HTML = re.compile(
    r"</?(a|abbr|b|blockquote|body|br|caption|code|col|colgroup|dd|del|details|div|dl|dt|em|font|h[1-6]|hr|i|"
    r"iframe|img|ins|kbd|li|mark|ol|p|pre|s|script|small|span|strong|style|sub|summary|sup|table|tbody|td|th|"
    r"thead|tr|u|ul)(?=[\s/>])",
    re.IGNORECASE,
)


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
                self.found.append(data[max(0, m.start() - 20) : m.start() + 40].replace("\n", " "))
            for m in HTML.finditer(data):
                self.html.append(data[max(0, m.start() - 20) : m.start() + 40].replace("\n", " "))


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
    print(f"pages showing any <word-like text: {pages} ({places} places; includes placeholders such as <server name>)")
    for page, text in examples[:listed]:
        print(f"  {page}: {text}")


if __name__ == "__main__":
    main()
