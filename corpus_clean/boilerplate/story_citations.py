"""A sentence with a footnote's marker at its end that the classifier cut (round 27): a
give-back step of ``story_body._give_back``.

A wiki's sentences end in their references' markers ("... Lauga jõõ rannalla.[1]",
"... (2021).[2]"): the line's last character is "]", so the line "ends no sentence" by its
counts, and the model, reading a wiki's opening under its cut head, cuts it as furniture.
A sentence of CITED_MIN_WORDS+ words whose stop is followed by nothing but markers
("[1]", "[2][3]", "[a]") is the article's text: a page's furniture does not cite.

The line's characters only.
"""
from __future__ import annotations

import re

from corpus_clean.boilerplate.engine import CLASSIFIER_RULE

# A cited sentence: this many words at least (a reference list's "↑ Census, 2021." cites nothing).
CITED_MIN_WORDS = 3
# A sentence's stop (a closing quote or bracket may follow it), then one or more markers.
_CITED_END = re.compile(r"""[.!?。।…]["'”’»)]?\s*(?:\[(?:\d{1,3}|[a-z])\])+\s*$""")


def is_cited_sentence(line: str) -> bool:
    """`line` is a sentence of CITED_MIN_WORDS+ words ending in a stop and footnote markers.

    >>> [is_cited_sentence(s) for s in ("Kättülä on küla Ižoran maassa.[1]", "Külässä eläb 46 inemistä (2021).[2][3]",
    ...                                 "Read more [1]", "Edit [edit]", "Kättülä on küla.")]
    [True, True, False, False, False]
    """
    return len(line.split()) >= CITED_MIN_WORDS and _CITED_END.search(line) is not None


def give_back_cited_sentences(ctx) -> None:
    """Give back the cited sentences the classifier cut (see the module).

    >>> from corpus_clean.boilerplate.engine import Context
    >>> ctx = Context("Kättülä\\nKättülä on küla Ižoran maassa, Lauga jõõ rannalla.[1]\\nSivu [muokkaa]\\n")
    >>> ctx.marks.rule[:3] = ["classifier"] * 3
    >>> give_back_cited_sentences(ctx)
    >>> ctx.marks.rule
    ['classifier', None, 'classifier', None]
    """
    rule, content = ctx.marks.rule, ctx.lines.content
    last = ctx.stats.last_char
    for i in (last == ord("]")).nonzero()[0].tolist():  # (few lines a page)
        if rule[i] == CLASSIFIER_RULE and is_cited_sentence(content[i]):
            rule[i] = None
