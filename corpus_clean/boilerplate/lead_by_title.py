"""A lead paragraph that opens with the page's own title stays (rule-free give-back).

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

import numpy as np

HEADLINE = "news.headline"
CLASSIFIER = "classifier"
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


def give_back_lead_by_title(ctx) -> None:
    """Give back the first prose paragraph under the removed title when the classifier cut
    it and it opens with the title's words."""
    rule = ctx.marks.rule
    titles = [i for i, r in enumerate(rule) if r == HEADLINE]
    if not titles:
        return
    words = title_words(ctx.lines.content[titles[0]])
    if len(words) < TITLE_MIN_WORDS:
        return
    for i in np.flatnonzero(ctx.prose[titles[0] + 1:]).tolist():
        i += titles[0] + 1
        if rule[i] == CLASSIFIER and opens_with_title(ctx.lines.content[i], words):
            rule[i] = None
        break  # (only the first paragraph under the title)
