"""One self-contained HTML page: the stats, a legend and the rows side by side in a table.

Inline CSS only: no script, no external resource (a Content-Security-Policy forbids both), and
colours for light and dark schemes. Added words are green, dropped red, changed and reworded
rows yellow, moved blue, boilerplate dim; every row also has its glyph, so colour is never
the only signal. All document text and file names are escaped, control characters made
visible: nothing in a document becomes markup.
"""

from __future__ import annotations

from html import escape

from reader.compare import Comparison, Row
from reader.exporters.common import kind_counts, link_notes, paragraph_numbers, row_label, shown_rows
from reader.measures import percent
from reader.text import sanitize

STYLE = """
:root { color-scheme: light dark; --fg: #1f2328; --bg: #ffffff; --muted: #6e7781;
  --line: #d0d7de; --add: #1a7f37; --add-bg: #dafbe1; --drop: #cf222e; --drop-bg: #ffebe9;
  --change: #9a6700; --change-bg: #fff8c5; --move: #0969da; --move-bg: #ddf4ff; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8d96a0; --line: #30363d;
    --add: #3fb950; --add-bg: #12361f; --drop: #f85149; --drop-bg: #4a1619;
    --change: #d29922; --change-bg: #3b2e0a; --move: #58a6ff; --move-bg: #0c2d6b; }
}
body { font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg);
  margin: 1.5rem auto; max-width: 90rem; padding: 0 1rem; }
h1 { font-size: 1.4rem; }
dl.files { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; }
table { border-collapse: collapse; }
table.stats td, table.stats th { border: 1px solid var(--line); padding: 0.2rem 0.6rem; text-align: right; }
p.legend span { margin-right: 1rem; }
table.rows { width: 100%; table-layout: fixed; }
table.rows th { text-align: left; color: var(--muted); font-weight: 600; }
table.rows td { vertical-align: top; border-top: 1px solid var(--line); padding: 0.4rem 0.6rem; }
col.number { width: 3.5rem; } col.glyph { width: 2.5rem; }
td.number { color: var(--muted); text-align: right; }
td.glyph { text-align: center; font-weight: 700; }
td p { margin: 0 0 0.6rem; white-space: pre-wrap; overflow-wrap: anywhere; }
td p:last-child { margin-bottom: 0; }
.paragraph { color: var(--muted); font-size: 0.8em; margin-right: 0.4em; }
.reason { color: var(--muted); font-style: italic; }
del { color: var(--drop); background: var(--drop-bg); }
ins { color: var(--add); background: var(--add-bg); text-decoration: none; font-weight: 600; }
.added .glyph, .kind.added { color: var(--add); }
.added td.side:last-child { background: var(--add-bg); }
.dropped .glyph, .kind.dropped { color: var(--drop); }
.dropped td.side:nth-child(2) { background: var(--drop-bg); }
.changed .glyph, .reworded .glyph, .kind.changed, .kind.reworded { color: var(--change); }
.changed td.glyph, .reworded td.glyph { background: var(--change-bg); }
.moved .glyph, .kind.moved { color: var(--move); }
.moved td.glyph { background: var(--move-bg); }
tr.boilerplate td { opacity: 0.55; }
tr.boilerplate td.side { background: none; }
tr.links td { color: var(--muted); font-size: 0.9em; padding-top: 0; }
""".strip()

POLICY = "default-src 'none'; style-src 'unsafe-inline'"
"""No script, no fetch of anything: the page is complete in itself."""


def _text(text: str) -> str:
    """Document text as HTML: control characters visible, then escaped."""
    return escape(sanitize(text))


def _side(comparison: Comparison, row: Row, side: str) -> str:
    document = comparison.left if side == "left" else comparison.right
    indices = row.left if side == "left" else row.right
    paragraphs = []
    for index, pieces in zip(indices, comparison.paragraph_pieces(row, side)):
        paragraph = document.paragraphs[index]
        parts = [f'<span class="paragraph">{paragraph_numbers((index,))}</span>']
        if paragraph.is_boilerplate:
            parts.append(f'<span class="reason">({_text(paragraph.boilerplate or "")})</span> ')
        for op, text in pieces:
            if op == "=" or not (row.left and row.right):
                parts.append(_text(text))
            else:
                tag = "del" if op == "-" else "ins"
                parts.append(f"<{tag}>{_text(text)}</{tag}>")
        paragraphs.append("<p>" + "".join(parts) + "</p>")
    return f'<td class="side">{"".join(paragraphs)}</td>'


def _row(comparison: Comparison, number: int, row: Row) -> str:
    classes = row.kind + (" boilerplate" if row.boilerplate else "")
    label = escape(row_label(comparison, row))
    return (
        f'<tr class="{classes}" id="row-{number}"><td class="number">{number}</td>'
        + _side(comparison, row, "left")
        + f'<td class="glyph" title="{label}">{escape(row.glyph)}</td>'
        + _side(comparison, row, "right")
        + "</tr>"
        + "".join(
            f'<tr class="links"><td></td><td colspan="3">{escape(note)}</td></tr>'
            for note in link_notes(comparison, number)
        )
    )


def to_html(comparison: Comparison, *, changes_only: bool = False) -> str:
    """Render a comparison as one HTML page; ``changes_only`` leaves out *same* rows."""
    left, right = comparison.left, comparison.right
    stats = comparison.stats
    counts = kind_counts(comparison)
    legend = "".join(f'<span class="kind {kind}">{escape(glyph)} {kind}</span>' for glyph, kind, _ in counts)
    stat_heads = "".join(f"<th>{escape(glyph)} {kind}</th>" for glyph, kind, _ in counts)
    stat_cells = "".join(f"<td>{count}</td>" for _, _, count in counts)
    rows = "\n".join(_row(comparison, number, row) for number, row in shown_rows(comparison, changes_only=changes_only))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_text(left.name or left.path)} ↔ {_text(right.name or right.path)}</title>
<style>
{STYLE}
</style>
</head>
<body>
<h1>{_text(left.name or left.path)} ↔ {_text(right.name or right.path)}</h1>
<dl class="files">
<dt>Left</dt><dd>{_text(left.path)} — {_text(left.display_title)}</dd>
<dt>Right</dt><dd>{_text(right.path)} — {_text(right.display_title)}</dd>
</dl>
<table class="stats">
<tr><th>words kept</th>{stat_heads}<th>words added</th><th>words dropped</th></tr>
<tr><td>{percent(stats.similarity)}</td>{stat_cells}<td>{stats.words_added}</td><td>{stats.words_dropped}</td></tr>
</table>
<p class="legend">{legend}<span><del>dropped words</del></span><span><ins>added words</ins></span><span class="reason">(dim: web cruft)</span></p>
<table class="rows">
<colgroup><col class="number"><col><col class="glyph"><col></colgroup>
<thead><tr><th>#</th><th>left</th><th></th><th>right</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""
