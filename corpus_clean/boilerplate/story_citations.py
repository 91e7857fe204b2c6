"""A sentence with a footnote's marker at its end that the classifier cut (round 27): a
give-back step of ``story_body._give_back``.

A wiki's sentences end in their references' markers ("... Lauga jõõ rannalla.[1]",
"... (2021).[2]"): the line's last character is "]", so the line "ends no sentence" by its
counts, and the model, reading a wiki's opening under its cut head, cuts it as furniture.
A sentence of CITED_MIN_WORDS+ words whose stop is followed by nothing but markers
("[1]", "[2][3]", "[a]") is the article's text: a page's furniture does not cite. A
reference list's entries end so too ("Census of the Leningrad region, 2021.[4]"): a line
opening with a list's number ("1.", "2)", "^", "↑") stays cut, and so does a run of cited
lines right under a line a pack's rule cut that has a kept line right above it (a "References"
heading under the article, ``_under_a_rules_cut``; the page's headline over a wiki's opening
has the page's cut chrome above it).

The line's characters only.
"""
from __future__ import annotations

import re

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE
from corpus_clean.boilerplate.story_inserts import nonblank_neighbour

# A cited sentence: this many words at least (a reference list's "↑ Census, 2021." cites nothing).
CITED_MIN_WORDS = 3
# A sentence's stop (a closing quote or bracket may follow it), then one or more markers.
_CITED_END = re.compile(r"""[.!?。।…]["'”’»)]?\s*(?:\[(?:\d{1,3}|[a-z])\])+\s*$""")
# A list's entry opens with its number or a back-link mark ("1.", "2)", "[3]", "^", "↑").
_LIST_NUMBER = re.compile(r"\s*(?:\d{1,3}[.)]|\[\d{1,3}\]|\^|↑)")


def is_cited_sentence(line: str) -> bool:
    """`line` is a sentence of CITED_MIN_WORDS+ words ending in a stop and footnote markers.

    >>> [is_cited_sentence(s) for s in ("Kättülä on küla Ižoran maassa.[1]", "Külässä eläb 46 inemistä (2021).[2][3]",
    ...                                 "Read more [1]", "Edit [edit]", "Kättülä on küla.")]
    [True, True, False, False, False]
    """
    return len(line.split()) >= CITED_MIN_WORDS and _CITED_END.search(line) is not None


def opens_with_a_list_number(line: str) -> bool:
    """A reference list's entry: `line` opens with its number or a back-link mark.

    >>> [opens_with_a_list_number(s) for s in ("1. Census of the region, 2021.[4]", "↑ Census, 2021.[4]", "Census, 2021.[4]")]
    [True, True, False]
    """
    return _LIST_NUMBER.match(line) is not None


def _under_a_rules_cut(ctx, i: int) -> bool:
    """Above line `i` and the cut cited lines right over it, the nearest non-blank line was cut
    by a pack's rule (not the model) and the one above that is kept: a reference list under its
    "References" heading, under the article."""
    rule, content = ctx.marks.rule, ctx.lines.content
    j = nonblank_neighbour(ctx, i, -1)
    while j is not None and rule[j] == CLASSIFIER_RULE and is_cited_sentence(content[j]):
        j = nonblank_neighbour(ctx, j, -1)
    if j is None or rule[j] in (None, CLASSIFIER_RULE):
        return False
    above = nonblank_neighbour(ctx, j, -1)
    return above is not None and rule[above] is None


def give_back_cited_sentences(ctx) -> None:
    """Give back the cited sentences the classifier cut (see the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Kättülä\\nKättülä on küla Ižoran maassa, Lauga jõõ rannalla.[1]\\nSivu [muokkaa]\\n")
    >>> ctx.marks.rule[:3] = ["classifier"] * 3
    >>> give_back_cited_sentences(ctx)
    >>> ctx.marks.rule
    ['classifier', None, 'classifier', None]

    A reference list under its cut heading stays cut.

    >>> ctx = Context("Kättülä on küla Ižoran maassa, Lauga jõõ rannalla.\\nReferences\\n"
    ...               "Census of the Leningrad region, 2021.[4]\\nKingisepp district museum, village list, 2019.[5]\\n")
    >>> ctx.marks.rule[1:4] = ["structure.references_empty", "classifier", "classifier"]
    >>> give_back_cited_sentences(ctx)
    >>> ctx.marks.rule[:4]
    [None, 'structure.references_empty', 'classifier', 'classifier']
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    last = ctx.stats.last_char
    given_back = []
    for i in (last == ord("]")).nonzero()[0].tolist():  # (few lines a page)
        if rule[i] == CLASSIFIER_RULE and is_cited_sentence(content[i]) and not opens_with_a_list_number(content[i]) \
                and not _under_a_rules_cut(ctx, i):
            given_back.append(i)
    for i in given_back:  # (after the walks, which read the model's cuts)
        rule[i] = None
