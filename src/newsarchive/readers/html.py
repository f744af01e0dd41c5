"""HTML to paragraphs: block elements make blocks, inline elements never glue words.

Built on the standard library's event parser rather than a tree: it has no depth limit
(20,000 nested `<div>`s lose no text, where libxml2 stops at a few thousand) and keeps
memory to the text itself. Scripts, styles, navigation and hidden elements are dropped;
`<figcaption>` and elements classed as captions or credits become captions; quoted mail
(`<blockquote type="cite">`, Gmail's `gmail_quote`) comes out as `> ` lines so that the
extractor sets it aside like any other quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose content is never article text.
SKIP_TAGS = {
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed",
    "svg", "math", "canvas", "button", "select", "option", "textarea", "nav", "form", "map",
    "audio", "video", "dialog",
}
# Elements that start and end a block of text.
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "address",
    "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd",
    "li", "table", "thead", "tbody", "tfoot", "figure", "figcaption", "center", "fieldset",
    "hr", "body", "html", "caption", "details", "summary", "hgroup", "menu", "legend",
}
# Elements that end a line but not a block.
LINE_TAGS = {"br", "tr"}
# Elements that end a cell: a space keeps neighbouring cells apart.
CELL_TAGS = {"td", "th"}
VOID_TAGS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "keygen",
}
# Photo captions and credits marked up as such.
CAPTION_CLASS_RE = re.compile(r"(?:^|[\s_-])(?:caption|credit|photo-?credit|image-?credit)(?:$|[\s_-])", re.I)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
QUOTE_CLASS_RE = re.compile(r"gmail_quote|moz-cite|yahoo_quoted|quoted-text", re.I)
# Characters that attach to the word before them: no space is put in front of them.
CLOSING_PUNCTUATION = tuple(".,;:!?)]}%’”'\"»…")
OPENING_PUNCTUATION = tuple("([{‘“'\"«$£€/-")


@dataclass
class HtmlText:
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def html_to_text(markup: str, blockquote_is_quote: bool = False) -> HtmlText:
    """Paragraphs (blocks of lines) and captions of an HTML fragment or page. With
    `blockquote_is_quote` every `<blockquote>` is quoted mail (as archive pages render it),
    not only those marked as such."""
    parser = _TextParser(blockquote_is_quote)
    try:
        parser.feed(markup)
        parser.close()
    except AssertionError:  # the standard parser asserts on a few malformed declarations
        pass
    parser.end_block()
    return HtmlText(parser.paragraphs, parser.captions)


class _TextParser(HTMLParser):
    def __init__(self, blockquote_is_quote: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self.blockquote_is_quote = blockquote_is_quote
        self.paragraphs: list[str] = []
        self.captions: list[str] = []
        self.stack: list[str] = []
        self.skip_depth: int | None = None  # stack depth of the element being skipped
        self.caption_depth: int | None = None
        self.caption_parts: list[str] = []
        self.pre = 0
        self.quote_depths: list[int] = []
        self.lines: list[str] = []
        self.line: list[str] = []
        self.boundary = False  # an inline element ended and nothing was written since
        self.gap = False  # ... and another one started: a word boundary, not a glue point

    # -- parser events ------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            self._void(tag)
            return
        self.stack.append(tag)
        if self.skip_depth is not None:
            return
        attributes = {name.lower(): (value or "") for name, value in attrs}
        if tag in SKIP_TAGS or _is_hidden(attributes):
            self.skip_depth = len(self.stack)
            return
        if tag in BLOCK_TAGS:
            self.end_block()
        elif tag in CELL_TAGS:
            self._write(" ")
        elif self.boundary:
            self.gap = True
        if tag == "pre":
            self.pre += 1
        if tag == "blockquote" and (self.blockquote_is_quote or attributes.get("type") == "cite"
                                    or QUOTE_CLASS_RE.search(attributes.get("class", ""))):
            self.quote_depths.append(len(self.stack))
        elif tag == "div" and QUOTE_CLASS_RE.search(attributes.get("class", "")):
            self.quote_depths.append(len(self.stack))
        if self.caption_depth is None and (
                tag == "figcaption" or CAPTION_CLASS_RE.search(attributes.get("class", ""))):
            self.end_block()
            self.caption_depth = len(self.stack)
            self.caption_parts = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID_TAGS:
            self._void(tag)
        # `<div/>` and the like open and close nothing.

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            if tag == "br":  # `</br>` is taken as `<br>` by browsers too
                self._void(tag)
            return
        if tag not in self.stack:
            return  # a stray end tag
        while self.stack:
            open_tag = self.stack.pop()
            self._close(open_tag, len(self.stack) + 1)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.skip_depth is not None or not data:
            return
        self._write(data)

    # -- helpers ----------------------------------------------------------------------------

    def _void(self, tag: str) -> None:
        if self.skip_depth is not None:
            return
        if tag == "br":
            self._end_line()
        elif tag == "hr":
            self.end_block()
        elif tag == "img":
            self.boundary = True

    def _close(self, tag: str, depth: int) -> None:
        if self.skip_depth is not None:
            if depth == self.skip_depth:
                self.skip_depth = None
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in BLOCK_TAGS:
            self.end_block()
        elif tag in LINE_TAGS:
            self._end_line()
        elif tag in CELL_TAGS:
            self._write(" ")
        else:
            self.boundary = True
            self.gap = False
        if self.quote_depths and self.quote_depths[-1] == depth:
            self.end_block()
            self.quote_depths.pop()
        if self.caption_depth == depth:
            self.end_block()
            caption = " ".join(" ".join(self.caption_parts).split())
            if caption:
                self.captions.append(caption)
            self.caption_depth = None

    def _write(self, text: str) -> None:
        if self.pre:
            pieces = text.split("\n")
            for index, piece in enumerate(pieces):
                if index:
                    self._end_line()
                if piece:
                    self._append(piece.replace("\t", "    "))
            return
        text = re.sub(r"\s+", " ", text)
        if text.strip():
            self._append(text)
        elif text and self.line:
            self.line.append(" ")

    def _append(self, text: str) -> None:
        if self.gap and self.line:
            previous = self.line[-1]
            if previous and not previous[-1].isspace() and not text[0].isspace() \
                    and not text.startswith(CLOSING_PUNCTUATION) \
                    and not previous.endswith(OPENING_PUNCTUATION):
                self.line.append(" ")
        self.boundary = False
        self.gap = False
        self.line.append(text)

    def _end_line(self) -> None:
        text = "".join(self.line)
        self.line = []
        self.boundary = self.gap = False
        text = text.rstrip() if self.pre else " ".join(text.split())
        if not text.strip():
            if self.pre:
                self._flush_lines()  # a blank line inside <pre> ends a paragraph
            return
        if self.quote_depths:
            text = "> " * len(self.quote_depths) + text.strip()
        if self.caption_depth is not None:
            self.caption_parts.append(text)
            return
        self.lines.append(text)

    def end_block(self) -> None:
        self._end_line()
        self._flush_lines()

    def _flush_lines(self) -> None:
        # Quoted lines (`> `) and the writer's own lines are never one paragraph.
        run: list[str] = []
        for line in self.lines:
            if run and run[-1].startswith(">") != line.startswith(">"):
                self.paragraphs.append("\n".join(run))
                run = []
            run.append(line)
        if run:
            self.paragraphs.append("\n".join(run))
        self.lines = []


def _is_hidden(attributes: dict[str, str]) -> bool:
    if "hidden" in attributes or attributes.get("aria-hidden", "").lower() == "true":
        return True
    return bool(HIDDEN_STYLE_RE.search(attributes.get("style", "")))
