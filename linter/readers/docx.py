"""Word documents (.docx): body paragraphs, table cells, headers and footers, in document order.

The text is the paragraphs joined by line breaks, so a finding's line is the paragraph number and
its column the character in that paragraph. Each paragraph is its own block for the sentence
splitter; a line break inside a paragraph (Shift+Enter) is a space in the text and a line break
in the lintable text. Needs the optional python-docx (`pip install copylint[docx]`).

python-docx leaves entity references (`&claim;`) unresolved, and the text of a `<w:t>` after one
is then lost. Word never writes a DTD, but a crafted file may declare entities: one declared as
plain text (no markup, no further references) is expanded in place, up to MAX_ENTITY_CHARS in all;
any other (external, undeclared, nested) is left out with a note, keeping the words around it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import Any

from ..text.sentences import HEADING, ITEM
from . import SkippedFile
from .masking import Block, Decode, Hide, Masked, apply

try:
    import docx
    from lxml import etree  # type: ignore[import-untyped]  # python-docx's XML library
except ImportError:  # the optional extra is not installed
    docx = None  # type: ignore[assignment]

MISSING = "skipped, reading .docx files needs python-docx: pip install copylint[docx]"
_LINE_BREAK = re.compile(r"[\r\n]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # WordprocessingML's namespace
_PARTS = ("header", "first_page_header", "even_page_header")
# A zip bomb is refused before any part is parsed: the XML parser needs several times a part's size.
MAX_PART_BYTES = 256 * 2**20  # no real document's part inflates to more
MAX_RATIO = 100  # text XML deflates about 5 to 20 times; bombs hundreds of times
RATIO_FROM_BYTES = 2**20  # a smaller part may deflate as well as it likes
MAX_ENTITY_CHARS = 1_000_000  # entity text expanded per file: one long entity used often is a bomb


def extract(data: bytes) -> tuple[str, Masked, list[str]]:
    if docx is None:
        raise SkippedFile(MISSING)
    try:
        _refuse_bombs(data)
        document = docx.Document(io.BytesIO(data))
    except SkippedFile:
        raise
    except Exception as exc:  # a zip error, a missing part, bad XML: not a Word document we can read
        raise SkippedFile(f"skipped, not a readable Word document ({type(exc).__name__})") from None
    notes = _expand_entities(document)
    found = list(_paragraphs(document))
    paragraphs = [p.text for p in found]
    text = "\n".join(_LINE_BREAK.sub(" ", p) for p in paragraphs)
    starts = list(accumulate((len(p) + 1 for p in paragraphs), initial=0))
    inner_breaks = [
        Decode(s + m.start(), s + m.end(), "\n")
        for s, p in zip(starts, paragraphs, strict=False)
        for m in _LINE_BREAK.finditer(p)
    ]
    paragraph_ends = [Hide(m.start(), m.end(), block=True) for m in _LINE_BREAK.finditer(text)]
    kinds = [(start, _kind(paragraph)) for start, paragraph in zip(starts, found, strict=False)]
    blocks = [Block(start, kind) for start, kind in kinds if kind is not None]
    return text, apply(text, paragraph_ends, inner_breaks, blocks=blocks), notes


def _kind(paragraph: Any) -> str | None:
    """HEADING for a title or heading style, ITEM for a bulleted or numbered paragraph (read from the
    XML as it is: a style element without its value is no style, not an error)."""
    properties = paragraph._p.find(_W + "pPr")
    if properties is None:
        return None
    style_element = properties.find(_W + "pStyle")
    style = (style_element.get(_W + "val") if style_element is not None else None) or ""
    if style.startswith("Heading") or style == "Title":
        return HEADING
    if style.startswith("List") or properties.find(_W + "numPr") is not None:
        return ITEM
    return None


def _refuse_bombs(data: bytes) -> None:
    """Raises SkippedFile for a part that would inflate too far, judged by the zip's sizes (reading
    a part never yields more than its stated size)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in archive.infolist():
            ratio = part.file_size / max(part.compress_size, 1)
            if part.file_size > MAX_PART_BYTES or (part.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO):
                size = part.file_size // 2**20
                raise SkippedFile(f"skipped, {part.filename} would inflate to {size} MB ({ratio:.0f} times its size)")


def _expand_entities(document: Any) -> list[str]:
    """Replace each entity reference in the document's XML parts by its text (see above); notes
    name the parts whose entities were left out."""
    notes, expanded = [], 0
    for part in document.part.package.iter_parts():
        root = getattr(part, "element", None)  # an XML part
        if root is None:
            continue
        references = list(root.iter(etree.Entity))
        dtd = root.getroottree().docinfo.internalDTD
        declared = {entity.name: entity.content for entity in (dtd.iterentities() if dtd is not None else ())}
        left_out = set()  # empty when there are no references: nothing is noted
        for reference in references:
            value = declared.get(reference.name)
            if value is None or "<" in value or "&" in value:
                left_out.add(reference.name)
                value = ""
            expanded += len(value)
            if expanded > MAX_ENTITY_CHARS:
                raise SkippedFile(f"skipped, its entities would expand to more than {MAX_ENTITY_CHARS:,} characters")
            _replace_by_text(reference, value)
        if left_out:
            names = ", ".join(f"&{name};" for name in sorted(left_out))
            notes.append(f"{part.partname.lstrip('/')}: left out entities not declared as plain text: {names}")
    return notes


def _replace_by_text(node: Any, text: str) -> None:
    """Remove `node`, putting `text` and the text after it where it stood."""
    text += node.tail or ""
    parent, previous = node.getparent(), node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(node)


def _paragraphs(document: Any) -> Iterator[Any]:
    """Headers, then the body, then footers; table cells row by row, nested tables included."""
    for section in document.sections:
        yield from _parts(section, _PARTS)
    yield from _blocks(document.iter_inner_content())
    for section in document.sections:
        yield from _parts(section, tuple(part.replace("header", "footer") for part in _PARTS))


def _parts(section: Any, names: tuple[str, ...]) -> Iterator[Any]:
    for name in names:
        part = getattr(section, name)
        if not part.is_linked_to_previous:  # otherwise it repeats an earlier section's, or is absent
            yield from _blocks(part.iter_inner_content())


def _blocks(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        if hasattr(item, "rows"):
            yield from _cells(item)
        else:
            yield item


def _cells(table: Any) -> Iterator[Any]:
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc not in seen:  # a merged cell is listed once per grid column it spans
                seen.add(cell._tc)
                yield from _blocks(cell.iter_inner_content())
