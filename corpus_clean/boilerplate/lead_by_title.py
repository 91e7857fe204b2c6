"""A lead paragraph that opens with the page's own title stays: a give-back step of the
classifier (``classifier.mark_by_classifier_many`` calls it on each page it read).

Wikis and many reference pages open the article by naming its subject, title first
("The Lantern Keeper" is the sixth episode ...; "Kellerbrücke ist eine Steinbogenbrücke
..."), right under the title the headline step removed. The classifier, fit mostly on
news, sometimes reads that first line after the page's chrome as more chrome. A prose
paragraph (PROSE_MIN_WORDS+ words, ending a sentence) that opens with the title's first
TITLE_MIN_WORDS words is given back when the classifier cut it; in any language, with no
wording list.
"""
from __future__ import annotations

import re

from corpus_clean.boilerplate.engine import HEADLINE_RULE

# How much of the title the paragraph must open with (a one-word title is too common).
TITLE_MIN_WORDS = 2
_QUOTES = "\"'“”‘’«»„"


def title_words(title: str) -> list[str]:
    """The title's words, without a bracketed qualifier or quotes.

    >>> title_words("The Lantern Keeper (episode)")
    ['the', 'lantern', 'keeper']
    """
    title = re.sub(r"\s*[(\[].*?[)\]]\s*$", "", title)
    return [w.strip(_QUOTES).lower() for w in title.split() if w.strip(_QUOTES)]


def opens_with_title(line: str, words: list[str]) -> bool:
    """Whether `line` opens with the title's words (quotes and case aside).

    >>> opens_with_title('"The Lantern Keeper" is the sixth episode of the season.', ['the', 'lantern', 'keeper'])
    True
    >>> opens_with_title('The lantern was lit again on Friday.', ['the', 'lantern', 'keeper'])
    False
    """
    head = [w.strip(_QUOTES + ",:;").lower() for w in line.split()[:len(words)]]
    return len(words) >= TITLE_MIN_WORDS and head == words


def give_back_lead_by_title(ctx, cut_by: str) -> None:
    """Give back the first prose paragraph under the removed title when the classifier
    cut it (its mark is `cut_by`) and it opens with the title's words."""
    rule = ctx.marks.rule
    try:
        title = rule.index(HEADLINE_RULE)
    except ValueError:  # (no title removed: most documents, settled at C speed)
        return
    below = ctx.prose[title + 1:]
    if not below.any():
        return
    i = title + 1 + int(below.argmax())  # (the first paragraph under the title)
    if rule[i] == cut_by:
        words = title_words(ctx.lines.content[title])
        if opens_with_title(ctx.lines.content[i], words):
            rule[i] = None
