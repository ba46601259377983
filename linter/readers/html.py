"""HTML: the text a visitor sees, plus the title, descriptions, and alt and title attributes.

The standard library's tolerant `html.parser` finds tags; everything that is not visible text is
masked in place. Block-level tags become blank lines (a heading and its paragraph are separate
sentences), inline tags become spaces, or nothing inside a word ("<b>S</b>tem"), so a phrase that
spans inline tags still matches. Line breaks in the source are spaces, as a browser shows them.
Entities are decoded with an offset map pointing at the entity's `&`.
"""

from __future__ import annotations

import bisect
from html.parser import HTMLParser

import regex

from ..cache import LazyPattern
from ..text.directives import MARKER
from ..text.sentences import HEADING, ITEM
from .masking import Block, Decode, Hide, Masked, apply, entities

# Elements whose content is not prose (or not shown): never linted. Some newer Pythons pass the
# content of iframe, noembed, noframes and xmp as raw text, so they are listed here too.
HIDDEN_ELEMENTS = frozenset(
    {"script", "style", "code", "pre", "template", "kbd", "samp", "var", "iframe", "noembed", "noframes", "xmp"}
)
BLOCK_ELEMENTS = frozenset(
    {
        *("html", "head", "title", "body", "main", "header", "footer", "nav", "section", "article", "aside"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "p", "div", "blockquote", "address", "hr", "br"),
        *("ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "details", "summary", "dialog"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
        *("form", "fieldset", "select", "optgroup", "option", "textarea"),
    }
)
VISIBLE_ATTRIBUTES = frozenset({"alt", "title"})
# <meta name|property=... content=...> that search results and link previews show.
VISIBLE_META = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description", "title"})
# Elements that open a heading or a list item (sentences.list_lead_ins reads lists by them).
_BLOCK_KINDS = {**{f"h{level}": HEADING for level in range(1, 7)}, "li": ITEM}
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
# Hidden elements whose content is phrasing only (no block inside, in valid HTML): left unclosed, one
# ends with the block that holds it (as a browser ends an unclosed <kbd> with its paragraph), not
# with the page.
_PHRASING_HIDDEN = frozenset({"code", "kbd", "samp", "var", "pre"})
_ATTRIBUTE = LazyPattern(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_TAG_NAME = LazyPattern(r"</?[^\s/>]*")
_NEWLINE = LazyPattern(r"\n")
_COMMENT_CLOSE = LazyPattern(r"--!?\s*>")
_BAD_MARKED_SECTION = LazyPattern(
    r"<(?=!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9])))", regex.IGNORECASE
)


def mask(text: str) -> Masked:
    reader = _VisibleText(text)
    reader.feed(_parseable(text))
    reader.close()
    return apply(
        text, reader.hidden(), reader.decoded(), line_breaks=False, comments=reader.comments, blocks=reader.blocks
    )


def _parseable(text: str) -> str:
    """What to feed the parser: a prefix of the text with the same offsets, that it reads quickly.

    The parser never sees an entity: they are decoded over the visible spans in one place, with
    exact positions, whatever a Python version's parser does with malformed references. The
    parser rescans the rest of the page for every unclosed construct (quadratic on a page of
    them), so what cannot close is settled first: a comment opened after the last `-->` runs to
    the end (left out, so hidden), and a `<` after the last `>` is plain data. A `<![` that is not
    a marked section the parser knows makes some Pythons' parser raise, so it is data too.
    """
    closers = [m.end() for m in _COMMENT_CLOSE.finditer(text)]
    unclosed_comment = text.find("<!--", closers[-1] if closers else 0)
    if unclosed_comment >= 0:
        text = text[:unclosed_comment]
    text = _BAD_MARKED_SECTION.sub("\x00", text.replace("&", "\x00"))
    tail = text.rfind(">") + 1
    return text[:tail] + text[tail:].replace("<", "\x00")


class _VisibleText(HTMLParser):
    """Collects the spans of visible text and where blocks break, in original offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self._line_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self._open_hidden: dict[str, int] = {}
        self._depth = 0  # block elements open (an approximation: optional end tags are not inferred)
        self._phrasing: dict[str, list[int]] = {}  # for each open phrasing hidden element, its depth
        self.visible: list[tuple[int, int]] = []
        self.breaks: list[int] = []
        self.comments: list[tuple[int, int]] = []  # comments that may hold directives
        self.blocks: list[Block] = []  # where headings and list items start

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_data(self, data: str) -> None:
        if not self._open_hidden:
            start = self._offset()
            self.visible.append((start, start + len(data)))

    def handle_comment(self, data: str) -> None:
        """A real comment (not one inside a script's string or an attribute) may hold a directive."""
        if MARKER in data:
            start = self._offset()
            close = _COMMENT_CLOSE.match(self.text, start + len("<!--") + len(data))
            self.comments.append((start, close.end() if close else start + len("<!--") + len(data)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start_tag(tag, opens=tag in HIDDEN_ELEMENTS and tag not in _VOID_ELEMENTS)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start_tag(tag, opens=False)

    def _start_tag(self, tag: str, opens: bool) -> None:
        start = self._offset()
        if tag in BLOCK_ELEMENTS:
            self.breaks.append(start)
            if tag not in _VOID_ELEMENTS:  # `<div/>` opens a div too, as browsers read it
                self._depth += 1
        if opens:
            self._open_hidden[tag] = self._open_hidden.get(tag, 0) + 1
            if tag in _PHRASING_HIDDEN:
                self._phrasing.setdefault(tag, []).append(self._depth)
        raw = self.get_starttag_text() or ""
        if tag in _BLOCK_KINDS and not self._open_hidden:
            self.blocks.append(Block(start + len(raw), _BLOCK_KINDS[tag]))
        if not self._open_hidden:
            self._visible_attributes(tag, start, raw)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_ELEMENTS:
            self.breaks.append(self._offset())
            if tag not in _VOID_ELEMENTS:
                self._depth -= 1
                for name, depths in self._phrasing.items():
                    while depths and depths[-1] > self._depth:  # the block that holds it has ended
                        depths.pop()
                        self._close_hidden(name)
        if self._open_hidden.get(tag):
            self._close_hidden(tag)
            if tag in _PHRASING_HIDDEN:
                self._phrasing[tag].pop()

    def _close_hidden(self, tag: str) -> None:
        self._open_hidden[tag] -= 1
        if not self._open_hidden[tag]:
            del self._open_hidden[tag]

    def _visible_attributes(self, tag: str, start: int, raw: str) -> None:
        for value_start, value_end in shown_attributes(tag, raw):
            self.breaks.extend((start, start + value_end))
            self.visible.append((start + value_start, start + value_end))

    def hidden(self) -> list[Hide]:
        """Everything between visible spans; a gap that holds a block tag is a block break."""
        gaps = []
        pos = 0
        for start, end in [*sorted(self.visible), (len(self.text), len(self.text))]:
            if start > pos:
                gaps.append((pos, start))
            pos = max(pos, end)
        breaks = sorted(self.breaks)
        return [Hide(start, end, _any_between(breaks, start, end)) for start, end in gaps]

    def decoded(self) -> list[Decode]:
        return [d for start, end in self.visible for d in entities(self.text, start, end)]


def shown_attributes(tag: str, raw: str) -> list[tuple[int, int]]:
    """Spans in a raw start tag of the attribute values a visitor sees: alt, title, a meta description."""
    values: dict[str, tuple[int, int]] = {}
    name = _TAG_NAME.match(raw)
    for m in _ATTRIBUTE.finditer(raw, name.end() if name else 0):
        group = next((g for g in (2, 3, 4) if m.group(g) is not None), None)
        if group is not None:
            values.setdefault(m.group(1).lower(), m.span(group))
    shown = [values[attribute] for attribute in VISIBLE_ATTRIBUTES if attribute in values]
    kind = values.get("name") or values.get("property")
    if tag == "meta" and "content" in values and kind and raw[kind[0] : kind[1]].lower() in VISIBLE_META:
        shown.append(values["content"])
    return sorted(shown)


def _any_between(values: list[int], start: int, end: int) -> bool:
    i = bisect.bisect_left(values, start)
    return i < len(values) and values[i] < end
