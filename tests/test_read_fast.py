"""Reading a file (issue 20): the bulk paths of segmentation, cruft tagging and paragraph building
give exactly what the plain line-by-line and paragraph-by-paragraph code gave."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.corpus import _is_hard_wrapped, document_from_text, segment

# Whitespace of every kind str.strip knows (form feed, NEL, the line separator...), line
# ends, letters, sentence ends and a long line, so that blocks, blank lines and wrapped prose
# all come up.
_LINE = st.one_of(
    st.text(alphabet=st.sampled_from(list("ab .?\t\x0c\x85\u2028\u00a0é”")), max_size=12),
    st.sampled_from(["x" * 35 + " wrapped line of prose", "y" * 45 + ".", "z" * 130, "", " ", "\t \x0c"]),
)
_TEXT = st.lists(_LINE, max_size=14).map("\n".join) | st.text(
    alphabet=st.sampled_from(list("ab \n\n\t.\x0c\x1c")), max_size=60
)


def _plain_segment(text: str) -> tuple[list[tuple[int, int]], str]:
    """The line-by-line segmentation of main 0453a5d, kept as the reference."""
    spans: list[tuple[int, int]] = []
    blocks: list[list[tuple[int, str]]] = [[]]
    blank_lines = 0
    multi_line_splits = 0
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()
    position = 0
    for line in lines:
        if line.strip():
            blocks[-1].append((position, line))
        else:
            blank_lines += 1
            if blocks[-1]:
                blocks.append([])
        position += len(line) + 1
    inner = [len(line.strip()) for block in blocks for _, line in block[:-1]]
    if len(inner) < 3:
        wrapped_document = False
    else:
        longest = max(len(line.strip()) for block in blocks for _, line in block)
        moderate = sum(30 <= length <= 100 for length in inner)
        wrapped_document = longest <= 120 and moderate >= 0.8 * len(inner)
    for block in blocks:
        if not block:
            continue
        block_lines = [line for _, line in block]
        if len(block) > 1 and (wrapped_document or _is_hard_wrapped(block_lines)):
            first_start, first = block[0]
            last_start, last = block[-1]
            spans.append((first_start + (len(first) - len(first.lstrip())), last_start + len(last.rstrip())))
        else:
            if len(block) > 1:
                multi_line_splits += len(block)
            for line_start, line in block:
                spans.append((line_start + (len(line) - len(line.lstrip())), line_start + len(line.rstrip())))
    convention = "line" if multi_line_splits > max(3, len(spans) / 2) or not blank_lines else "blank-line"
    return spans, convention


_WRAPPED = "\n".join(["A line of prose that is wrapped at a fixed width of about"] * 4)


@settings(max_examples=400)
@given(_TEXT)
@example("")
@example("\n")
@example("  \n\n")
@example("  \nabc\n\n  def  \n")
@example(f"{_WRAPPED}\n\n{_WRAPPED}.\nShort.\n\n\n{_WRAPPED}\n")
@example(f"\n \n{_WRAPPED}  \n \t\n{_WRAPPED}")
@example("One.\nTwo.\nThree.\n\nFour.\nFive.\n")
def test_segment_is_the_line_by_line_segmentation(text: str) -> None:
    assert segment(text) == _plain_segment(text)


@given(_TEXT)
def test_paragraph_texts_are_their_spans(text: str) -> None:
    document = document_from_text(text)
    assert [p.text for p in document.paragraphs] == [document.text[p.start : p.end] for p in document.paragraphs]
    assert document.rebuild() == document.text


def test_paragraphs_built_in_bulk_are_the_dataclass_s() -> None:
    from dataclasses import fields

    from reader.corpus import Paragraph, _paragraphs

    built = _paragraphs([(0, 3), (5, 9)], ["One", "Two."], [None, "byline"])
    assert built == [Paragraph(0, "One", 0, 3), Paragraph(1, "Two.", 5, 9, "byline")]
    assert [vars(p) for p in built] == [vars(Paragraph(0, "One", 0, 3)), vars(Paragraph(1, "Two.", 5, 9, "byline"))]
    assert list(vars(built[0])) == [item.name for item in fields(Paragraph)]
    assert built[1].is_boilerplate and hash(built[0]) == hash(Paragraph(0, "One", 0, 3))
