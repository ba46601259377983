"""Markdown (and MDX): the words a reader of the rendered page sees, masked in place.

A hand-written, line-then-inline pass rather than a Markdown library: a renderer's output has no
positions, and what matters here is predictable masking, not faithful rendering. Linted: headings,
paragraphs, lists, tables, blockquotes, link text, image alt text, and the front-matter values that
pages display (title, description, ...). Masked: code (fenced, indented, inline), URLs and link
targets, HTML and MDX comments, tags, emphasis markers and the rest of the front matter. Headings,
list items, table cells and front-matter values end in block breaks, so each is its own sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..cache import LazyPattern
from ..text.directives import MARKER
from ..text.sentences import HEADING, ITEM
from .html import BLOCK_ELEMENTS, HIDDEN_ELEMENTS, shown_attributes
from .masking import Block, Hide, Masked, apply, entities

# Front-matter keys whose values a page displays (matched on the last part: `seo_description`, `og:title`).
DISPLAYED_KEYS = frozenset(
    {"title", "subtitle", "description", "summary", "excerpt", "lead", "tagline", "headline", "caption", "teaser"}
)
_BLANKED = "\x00"  # what masked text looks like to the later passes, so they never match inside it

_LINE = LazyPattern(r"[^\r\n]*(\r\n|\r|\n|$)")
_FRONT_MATTER_OPEN = LazyPattern(r"(---|\+\+\+)[ \t]*(?:\r\n|\r|\n)")
_FRONT_MATTER_CLOSE = {
    "---": regex.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)"),
    "+++": regex.compile(r"(?<=[\r\n])\+\+\+[ \t]*(?:\r\n|\r|\n|$)"),
}
_BLOCK_SCALAR = LazyPattern(r"[|>][+-]?\d*(?:\s+#.*)?")
_YAML_COMMENT = LazyPattern(r"\s#")
_FRONT_MATTER_KEY = LazyPattern(r"([ \t]*(?:-[ \t]+)?)([A-Za-z_][\w.:-]*)[ \t]*[:=][ \t]*")
_KEY_PARTS = LazyPattern(r"[_.:-]")

_QUOTE_PREFIX = LazyPattern(r"(?: {0,3}>[ \t]?)+")
_FENCE = LazyPattern(r"[ \t]*(`{3,}(?=[^`]*$)|~{3,})")
_INDENTED = LazyPattern(r"(?: {4}|\t)")
_ATX_HEADING = LazyPattern(r" {0,3}#{1,6}(?:[ \t]+|$)")
_ATX_CLOSING = LazyPattern(r"[ \t]+#+[ \t]*$")
_THEMATIC_BREAK = LazyPattern(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT_UNDERLINE = LazyPattern(r" {0,3}(?:=+|-{2,})[ \t]*$")
_LIST_ITEM = LazyPattern(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+(?:\[[ xX]\][ \t]+)?|$)")
_TABLE_DELIMITER = LazyPattern(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TABLE_PIPE = LazyPattern(r"(?<!\\)\|")
_LINK_DEFINITION = LazyPattern(r""" {0,3}\[[^\]]+\]:[ \t]*\S+(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$""")
_FOOTNOTE_DEFINITION = LazyPattern(r" {0,3}\[\^[^\]]+\]:[ \t]*")
_MDX_STATEMENT = LazyPattern(
    r"""(?:import\s[^\r\n]*?["'][^\r\n]*|export\s+(?:default|const|let|var|function|\{)[^\r\n]*)$"""
)

_NOT_BLANK_LINE = r"(?:[^\n]|\n(?![ \t]*(?:\r?\n|$)))"
# Comments, and elements whose content is never prose (`<pre>`, `<script>`, ...), up to their closers.
_OPENER = LazyPattern(r"<!--|\{/\*|<(" + "|".join(sorted(HIDDEN_ELEMENTS)) + r")\b[^<>]*>", regex.IGNORECASE)
_CLOSERS = {"<!--": "-->", "{/*": "*/}"}
# A closing run is looked for at most this far (a longer span stays text), so a paragraph of
# ever-longer backtick runs, none closed, costs linear time, not one scan to its end per run.
_CODE_SPAN_LIMIT = 5_000
_CODE_SPAN = LazyPattern(rf"(?<!`)(`+)(?!`){_NOT_BLANK_LINE}{{1,{_CODE_SPAN_LIMIT}}}?(?<!`)\1(?!`)")
_AUTOLINK = LazyPattern(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_TAG = LazyPattern(r"</?([A-Za-z][\w:.-]*)(?:\s[^<>]*)?/?>")
_LINK = LazyPattern(
    r"""(!?)\[((?:[^\[\]\\\n]|\\.|\n(?![ \t]*\n))*)\]
    (?:\(\s*(?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)|\[[^\[\]\n]*\])""",
    regex.VERBOSE,
)
_FOOTNOTE_REFERENCE = LazyPattern(r"\[\^[^\[\]\s]+\]")
# Each starts only where a run of its characters starts, so a long run is scanned once, not once per dot.
_URL = LazyPattern(r"""(?<![A-Za-z0-9+.-])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'"]""")
_EMAIL = LazyPattern(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_ESCAPE = LazyPattern(r"\\(?=[!-/:-@\[-`{-~]|\r?\n)")
_EMPHASIS = LazyPattern(r"\*+|~~|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])")


def mask(text: str) -> Masked:
    marks = _Marks(text)
    body = _front_matter(marks)
    _blocks(marks, body)
    _inline(marks)
    return apply(text, marks.hidden, entities(text), comments=marks.comments, blocks=marks.blocks)


class _Marks:
    """The spans hidden so far, and the text as the next pass sees it (hidden text blanked)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.hidden: list[Hide] = []
        self.chars = list(text)
        self.comments: list[tuple[int, int]] = []  # HTML comments that may hold directives
        self.blocks: list[Block] = []  # where headings and list items start

    def hide(self, start: int, end: int, block: bool = False) -> None:
        if end > start:
            self.hidden.append(Hide(start, end, block))
            self.chars[start:end] = _BLANKED * (end - start)

    def work(self) -> str:
        return "".join(self.chars)


def _front_matter(marks: _Marks) -> int:
    """Hide YAML (---) or TOML (+++) front matter except displayed values; return where the body starts."""
    text = marks.text
    opening = _FRONT_MATTER_OPEN.match(text)
    closing = opening and _FRONT_MATTER_CLOSE[opening.group(1)].search(text, opening.end())
    if not opening or not closing:
        return 0
    marks.hide(0, opening.end(), block=True)
    displayed_indent: int | None = None  # inside a displayed value that continues on indented lines
    for m in _LINE.finditer(text, opening.end(), closing.start()):
        line = m.group().rstrip("\r\n")
        key = _FRONT_MATTER_KEY.match(line)
        indent = len(line) - len(line.lstrip())
        if displayed_indent is not None and line.strip() and indent > displayed_indent and not key:
            _show_value(marks, m.start() + indent, m.start() + len(line), m.end())
            continue
        displayed_indent = None
        if key and _KEY_PARTS.split(key.group(2).lower())[-1] in DISPLAYED_KEYS:
            displayed_indent = len(key.group(1))
            marks.hide(m.start(), m.start() + key.end(), block=True)
            _show_value(marks, m.start() + key.end(), m.start() + len(line), m.end())
        else:
            marks.hide(m.start(), m.end())
    marks.hide(closing.start(), closing.end(), block=True)
    return closing.end()


def _show_value(marks: _Marks, start: int, end: int, line_end: int) -> None:
    """Show a scalar's words; hide quotes, block-scalar indicators and trailing comments."""
    value = marks.text[start:end]
    stripped = value.strip()
    if not stripped or _BLOCK_SCALAR.fullmatch(stripped):
        marks.hide(start, line_end)
        return
    lead = len(value) - len(value.lstrip())
    if stripped[0] in "\"'":
        close = value.find(stripped[0], lead + 1)
        shown_start, shown_end = lead + 1, close if close >= 0 else len(value.rstrip())
    else:
        comment = _YAML_COMMENT.search(value)
        shown_start, shown_end = lead, len(value[: comment.start() if comment else len(value)].rstrip())
        if stripped.endswith(("'", '"')) and not comment:
            shown_end -= 1  # the closing quote of a string that began on an earlier line
    marks.hide(start, start + shown_start)
    marks.hide(start + max(shown_start, shown_end), line_end)


@dataclass
class _BlockState:
    fence: str | None = None  # the opening fence of the code block we are in
    code: bool = False  # in an indented code block
    in_list: bool = False
    previous_blank: bool = True
    previous_text: bool = False  # the previous line was paragraph text (a setext underline may follow)
    paragraph_start: int = 0  # where that paragraph began (a setext underline makes it a heading)


def _blocks(marks: _Marks, start: int) -> None:
    """Line by line: code blocks, headings, list items, quotes, tables, thematic breaks, definitions."""
    text = marks.text
    lines = [
        (m.start(), m.end() - len(m.group(1)), m.end()) for m in _LINE.finditer(text, start) if m.end() > m.start()
    ]
    state = _BlockState()
    table = False
    for index, (line_start, content_end, line_end) in enumerate(lines):
        line = text[line_start:content_end]
        quote = _QUOTE_PREFIX.match(line)
        offset = line_start + (quote.end() if quote else 0)
        if quote and state.fence is None:
            marks.hide(line_start, offset)
        rest = text[offset:content_end]
        if state.fence is not None:
            marks.hide(line_start, line_end)
            closing = _FENCE.match(rest)
            if closing and _closes(closing.group(1), state.fence) and not rest[closing.end() :].strip():
                state.fence = None
            continue
        blank = not rest.strip()
        if blank:
            state.previous_blank, state.previous_text, table = True, False, False
            continue
        if (state.previous_blank or state.code) and not state.in_list and _INDENTED.match(rest):
            marks.hide(offset, line_end)
            state.code, state.previous_blank = True, False
            continue
        state.code = False
        fence = _FENCE.match(rest)
        if fence:
            marks.hide(line_start, line_end)
            state.fence = fence.group(1)
            state.previous_blank, state.previous_text = False, False
            continue
        if not rest[:1].isspace() and state.previous_blank and not _LIST_ITEM.match(rest):
            state.in_list = False
        table = table or _table_starts(text, lines, index, rest)
        in_paragraph = state.previous_text
        state.previous_text = _block_line(marks, rest, offset, line_end, state, table)
        if state.previous_text and not in_paragraph:
            state.paragraph_start = offset
        state.previous_blank = False


def _closes(fence: str, opening: str) -> bool:
    return fence[0] == opening[0] and len(fence) >= len(opening)


def _table_starts(text: str, lines: list[tuple[int, int, int]], index: int, rest: str) -> bool:
    if "|" not in rest or index + 1 >= len(lines):
        return False
    following = text[lines[index + 1][0] : lines[index + 1][1]]
    quote = _QUOTE_PREFIX.match(following)
    return _TABLE_DELIMITER.match(following, quote.end() if quote else 0) is not None and "-" in following


def _block_line(marks: _Marks, rest: str, offset: int, line_end: int, state: _BlockState, table: bool) -> bool:
    """Mask one line's block markup; True when the line is paragraph text."""
    if table:
        if _TABLE_DELIMITER.match(rest):
            marks.hide(offset, line_end, block=True)
        else:
            for pipe in _TABLE_PIPE.finditer(rest):
                marks.hide(offset + pipe.start(), offset + pipe.end(), block=True)
            marks.hide(offset + len(rest), line_end, block=True)
        return False
    if _LINK_DEFINITION.match(rest) or _MDX_STATEMENT.match(rest):
        marks.hide(offset, line_end)
        return False
    if state.previous_text and _SETEXT_UNDERLINE.match(rest):
        marks.blocks.append(Block(state.paragraph_start, HEADING))
        marks.hide(offset, line_end, block=True)
        return False
    if _THEMATIC_BREAK.match(rest):
        marks.hide(offset, line_end, block=True)
        return False
    heading = _ATX_HEADING.match(rest)
    if heading:
        marks.blocks.append(Block(offset + heading.end(), HEADING))
        marks.hide(offset, offset + heading.end(), block=True)
        closing = _ATX_CLOSING.search(rest, heading.end())
        if closing:
            marks.hide(offset + closing.start(), offset + closing.end())
        marks.hide(offset + len(rest), line_end, block=True)
        return False
    item = _LIST_ITEM.match(rest)
    if item:
        marks.blocks.append(Block(offset + item.end(), ITEM))
    item = item or _FOOTNOTE_DEFINITION.match(rest)
    if item:
        marks.hide(offset + item.start(), offset + item.end(), block=True)
        state.in_list = True
    return True


def _inline(marks: _Marks) -> None:
    """Spans inside blocks, in precedence order; each pass sees earlier passes' text blanked."""
    _comments_and_raw_elements(marks)
    for pattern in (_CODE_SPAN, _AUTOLINK):
        for m in list(pattern.finditer(marks.work())):
            marks.hide(m.start(), m.end())
    _tags(marks)
    _links(marks)
    for pattern in (_FOOTNOTE_REFERENCE, _URL, _EMAIL, _ESCAPE, _EMPHASIS):
        for m in pattern.finditer(marks.work()):  # over a snapshot, one match at a time (millions of escapes)
            marks.hide(m.start(), m.end())


def _comments_and_raw_elements(marks: _Marks) -> None:
    """HTML and MDX comments and raw elements, each up to its closer; without one it stays text.
    HTML comments outside code are the page's only comments that hold directives.

    A closer that is missing is not searched for again (unlike a lazy `.*?` per opener), so a
    page of unclosed openers stays linear.
    """
    work = marks.work()
    unclosed: set[str] = set()
    pos = 0
    while opener := _OPENER.search(work, pos):
        name = (opener.group(1) or "").lower()
        closer = rf"</{name}\s*>" if name else regex.escape(_CLOSERS[opener.group()])
        close = None if closer in unclosed else regex.compile(closer, regex.IGNORECASE).search(work, opener.end())
        if close is None:
            unclosed.add(closer)
            pos = opener.end()
        else:
            marks.hide(opener.start(), close.end(), block=bool(name))
            if opener.group() == "<!--" and MARKER in work[opener.end() : close.start()]:
                marks.comments.append((opener.start(), close.end()))
            pos = close.end()


def _tags(marks: _Marks) -> None:
    """Inline HTML and JSX tags are masked, but an <img alt="..."> or title="..." is linted."""
    for m in list(_TAG.finditer(marks.work())):
        name = m.group(1).lower()
        shown = shown_attributes(name, m.group())
        block = name in BLOCK_ELEMENTS or bool(shown)
        pos = m.start()
        for value_start, value_end in shown:
            marks.hide(pos, m.start() + value_start, block)
            pos = m.start() + value_end
        marks.hide(pos, m.end(), block)


_LINK_DEPTH = 8  # passes over nested links; markup nested deeper stays text


def _links(marks: _Marks) -> None:
    """Links keep their text, images their alt text (a block of its own); targets are masked.

    Repeated so a link around an image (a badge) is handled after the image inside it; at most
    `_LINK_DEPTH` times, since each pass reads the whole page and 30,000 nested links would take
    30,000 passes.
    """
    for _ in range(_LINK_DEPTH):
        found = list(_LINK.finditer(marks.work()))
        if not found:
            return
        for m in found:
            image = bool(m.group(1))
            marks.hide(m.start(), m.start(2), block=image)
            marks.hide(m.end(2), m.end(), block=image)
