"""Find the whole-line matches of a long Python regex faster, with an RE2 gate in front.

The HTML path's marker rules (``html.marker_removals``) are one multiline alternation,
``(?m)^[ \\t]*(?:rule1|rule2|...)[ \\t]*$``, run with ``finditer`` over each extracted
article. Python's engine tries the whole alternation at every line start, and most
articles hold no marker line at all: that was ~4 % of the HTML path's CPU time on real
pages. :class:`GatedFinder` puts an RE2 search in front: the same alternation with each
rule replaced by its RE2 superset (``boilerplate.kernels.re2_superset``: matches at
least every string the rule matches). RE2's leftmost match therefore starts at or
before Python's next match, so Python's search may start there instead of at the
current position; when RE2 finds nothing, Python would find nothing either.

The matches are exactly ``pattern.finditer(text)``'s: the gate only moves where each
Python search starts, never what it returns. Without google-re2, or for a rule with
no safe translation, or on text RE2 cannot take (a lone surrogate), it is plain
``finditer``.

>>> rules = [r"(?i:advertisement)", r"Read more"]
>>> finder = GatedFinder(re.compile(r"(?m)^[ \\t]*(?:(?i:advertisement)|Read more)[ \\t]*$"), rules)
>>> [m.group() for m in finder.finditer("A paragraph.\\n  ADVERTISEMENT\\nRead more\\nend")]
['  ADVERTISEMENT', 'Read more']
>>> list(finder.finditer("Nothing here to cut."))
[]
"""
from __future__ import annotations

import re
from typing import Iterator

from corpus_clean.boilerplate.kernels import re2_superset

# The line shape of ``boilerplate.whole_line_regexes``: blanks, one of the rules, blanks.
_LINE_START = "(?m)^[ \\t]*(?:"
_LINE_END = ")[ \\t]*$"
# RE2's memory budget for the gate. A search that finds a match runs a second, reverse DFA
# back from the match's end to its start, and RE2 gives that one a third of the budget: at
# the kernels' 64 MB (RE2_MAX_MEM) the reverse DFA of this alternation ran out of room and
# every such search fell back to RE2's NFA, ~100 ns a character, twice Python's own search
# (a third of the articles have a line the gate lets through: the marker rules were ~15 % of
# the HTML path's time). At 128 MB both DFAs fit: ~21 ns a character over every article, once
# the DFAs' states are built; the states take ~46 MB (measured on 674 real pages; 26 MB at
# 64 MB). The budget changes only which of RE2's engines answers, never the answer.
GATE_MAX_MEM = 128 << 20


class GatedFinder:
    """``regex.finditer`` for a whole-line alternation of ``rule_patterns``, RE2 first.

    ``regex``: the Python ``(?m)^[ \\t]*(?:...)[ \\t]*$`` alternation of the rules (each
    rule as written in ``rule_patterns``, or narrowed, e.g. behind a lookahead on its
    first character); the gate is built from the rules' own patterns.
    """

    def __init__(self, regex: re.Pattern, rule_patterns: list[str]):
        self.regex = regex
        self.gate = _re2_gate(rule_patterns)

    def finditer(self, text: str) -> Iterator[re.Match]:
        """Exactly ``self.regex.finditer(text)``.

        The gate searches the text's UTF-8 bytes, encoded once: RE2's Python wrapper
        would encode the whole str again, and count its characters up to the search's
        start, on every search (a cost in the text's length per line the gate lets
        through). Its hits are mapped back to str positions piece by piece: one pass
        over the text in all, none on ASCII text (where a byte is a character).
        """
        gate = self.gate
        if gate is None:
            yield from self.regex.finditer(text)
            return
        try:
            data = text.encode("utf-8")
        except UnicodeError:  # a lone surrogate: RE2 cannot read the text
            yield from self.regex.finditer(text)
            return
        ascii_only = len(data) == len(text)
        match_at = self.regex.match
        pos = byte_pos = 0  # where the next search starts, in characters and in bytes
        while True:
            hit = gate.search(data, byte_pos)
            if hit is None:
                return
            hit_byte = hit.start()  # (a character boundary: RE2 matches whole UTF-8 characters)
            hit_pos = hit_byte if ascii_only else pos + len(data[byte_pos:hit_byte].decode("utf-8"))
            # Python's next match starts at the hit or after it: tried at the hit only (what
            # ``search`` from there finds first); a hit the regex does not take (the gate is a
            # superset) sends the gate on from the next character, not Python's search to the end.
            match = match_at(text, hit_pos)
            if match is None:
                if hit_pos >= len(text):
                    return
                pos, byte_pos = hit_pos + 1, hit_byte + len(text[hit_pos].encode("utf-8"))
                continue
            if match.end() == match.start():
                # finditer's rule after an empty match (the next one must move on) is its own:
                # let it go on from here (a fresh finditer from this point finds the same).
                yield from self.regex.finditer(text, match.start())
                return
            yield match
            end = match.end()
            byte_pos = end if ascii_only else hit_byte + len(text[hit_pos:end].encode("utf-8"))
            pos = end


def _re2_gate(patterns: list[str]):
    """The compiled RE2 superset of the whole-line alternation, or None (no google-re2,
    a rule with no safe translation, or a set RE2 does not compile)."""
    try:
        import re2
    except ImportError:
        return None
    bodies = []
    for pattern in patterns:
        superset = re2_superset(pattern)  # "^(?:...)$": the anchors come from the line pattern
        if superset is None:
            return None
        bodies.append(superset[1:-1])
    options = re2.Options()
    options.max_mem = GATE_MAX_MEM
    options.log_errors = False
    try:
        return re2.compile(_LINE_START + "|".join(bodies) + _LINE_END, options)
    except re2.error:
        return None
