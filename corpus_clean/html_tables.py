"""Data tables inside the article: kept even when their cells are links.

Inside the chosen blocks, :func:`corpus_clean.html.render_page` cuts a block
whose text is mostly link text as a menu (``html.links``), and a table is
judged as a whole. A comparison table links each model's name and ends each
row with a "Check price" button, so half its text is link text, and it went
as a menu. trafilatura converts tables cell by cell and keeps them
(``handle_table``); a menu laid out as a table has links in every cell.

:func:`is_data_table` tells them apart *by structure*: a data table has rows
holding ``MIN_PLAIN_CELLS`` or more cells of text outside links (a price, a
rating, a date), in ``DATA_ROW_SHARE`` of its rows, and ``MIN_DATA_ROWS`` such
rows. A navbox's rows hold one plain cell (the group's name) beside a cell of
links; a menu's cells are all links.
"""
from __future__ import annotations

from functools import cache

from selectolax.lexbor import LexborNode

from corpus_clean import lexbor_walk

_ROWS = lexbor_walk.Query("tr")  # (one C walk when built)

__all__ = ["is_data_table"]

MIN_PLAIN_CELLS = 2
MIN_DATA_ROWS = 2
DATA_ROW_SHARE = 0.5
CELL_TAGS = ("td", "th")


def is_data_table(table: LexborNode) -> bool:
    """True when ``table`` holds rows of data (cells of text outside links), not a menu.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> rows = "".join(f"<tr><td><a href='/m{i}'>Model {i}</a></td><td>${i}99</td><td>4.{i}/5</td>"
    ...                f"<td><a class='btn' href='/go'>Check price</a></td></tr>" for i in range(4))
    >>> is_data_table(LexborHTMLParser(f"<table>{rows}</table>").css_first("table"))
    True
    >>> navbox = "".join(f"<tr><th>Group {i}</th><td><a href='/a'>One</a> • <a href='/b'>Two</a></td></tr>"
    ...                  for i in range(4))
    >>> is_data_table(LexborHTMLParser(f"<table>{navbox}</table>").css_first("table"))
    False
    """
    rows, data = _row_counts(table)
    return data >= MIN_DATA_ROWS and data >= DATA_ROW_SHARE * rows


def _row_counts(table: LexborNode) -> tuple[int, int]:
    """(rows, data rows) of ``table``: its own rows (not a nested table's), and those holding
    ``MIN_PLAIN_CELLS`` cells of text outside links. In one C walk when built (``_lexbor_walk.table_rows``:
    no node object, string or Python loop per row, cell and text; the render walk asks it of every table
    it keeps, ~180 k instructions a table in Python)."""
    walker = lexbor_walk.active()
    if walker is not None:
        return walker.table_rows(table, _table_ids(), MIN_PLAIN_CELLS)
    rows = [row for row in _ROWS.select(table) if _table_of(row) == table.mem_id]
    return len(rows), sum(1 for row in rows if _plain_cells(row) >= MIN_PLAIN_CELLS)


@cache
def _table_ids() -> tuple[int, ...]:
    """The tag ids ``table_rows`` reads: tr, table, td, th, a and the text nodes'."""
    from selectolax.lexbor import LexborHTMLParser

    text_id = next(n.tag_id for n in LexborHTMLParser("<p>t</p>").body.traverse(include_text=True) if n.tag == "-text")
    return (*(min(lexbor_walk.tag_ids([tag])) for tag in ("tr", "table", *CELL_TAGS, "a")), text_id)


def _plain_cells(row: LexborNode) -> int:
    """Cells of ``row`` with text outside links."""
    count = 0
    cell = row.child
    while cell is not None:
        if cell.tag in CELL_TAGS and _text_outside_links(cell):
            count += 1
        cell = cell.next
    return count


def _text_outside_links(node: LexborNode) -> bool:
    """True when a text node under ``node``, not inside an ``<a>``, holds a letter or a digit
    (a navbox's " • " between its links is no data)."""
    for inner in node.traverse(include_text=True):
        if inner.tag == "-text" and any(c.isalnum() for c in inner.text_content or ""):
            parent = inner.parent
            while parent is not None and parent.mem_id != node.mem_id and parent.tag != "a":
                parent = parent.parent
            if parent is None or parent.tag != "a":
                return True
    return False


def _table_of(row: LexborNode) -> int:
    """``mem_id`` of the ``<table>`` a row belongs to (not a table nested in one of its cells)."""
    node = row.parent
    while node is not None and node.tag != "table":
        node = node.parent
    return node.mem_id if node is not None else 0
