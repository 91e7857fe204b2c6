"""The RE2 gate in front of the marker rules (corpus_clean.line_gate) changes where each
Python search starts, never what it finds: its matches are ``finditer``'s, on generated
texts built from the real marker rules' own lines, on texts with empty and multi-line
matches, non-ASCII text and lone surrogates."""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.boilerplate import whole_line_regexes
from corpus_clean.boilerplate.rules import load_rules
from corpus_clean.html import _marker_rules, marker_removals
from corpus_clean.line_gate import GatedFinder

re2 = pytest.importorskip("re2")


def spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]


def test_marker_rules_have_a_gate():
    finder, rules = _marker_rules()
    assert finder.gate is not None  # every marker rule has an RE2 superset: the gate is on
    assert len(rules) > 10


# Lines the marker rules cut (written here, in several spellings) and article-like lines.
MARKER_LINES = ["ADVERTISEMENT", "Advertisement", "  advertisement\t", "(Reporting by Jane Doe; Editing by Tom Roe)",
                "________________", "Published: March 3, 2024", "Updated 2024-03-03", "Sponsored content",
                "Read more", "Share this article", "Photo: Getty Images"]
PROSE_LINES = ["The council voted on Tuesday to close the bridge for repairs.",
               "Advertisement revenue fell by a third, the company said.",
               "Prices rose 3% in March 2024, the agency reported.", "",
               "   ", "Ünïcödé prose — with dashes, «quotes» and 中文 text.", "Read more about the plan below.",
               "\u00a0", "A line with a tab\tinside it."]


def _pack_lines() -> list[str]:
    """The removed lines and examples the packs document for their unconditional rules."""
    lines = []
    for rule in load_rules().rules:
        if rule.is_unconditional:
            lines += list(rule.removed) + rule.example.splitlines() + rule.keep.splitlines()
    return sorted(set(lines))


PACK_LINES = _pack_lines()


def test_pack_lines_hit_the_marker_rules():
    hit = [line for line in PACK_LINES if marker_removals(line)]
    assert len(hit) >= 20


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(MARKER_LINES + PROSE_LINES + PACK_LINES), max_size=30),
       st.sampled_from(["\n", "\n\n", " \n"]))
def test_marker_matches_are_finditers(lines, joiner):
    finder, _ = _marker_rules()
    text = joiner.join(lines)
    assert spans(finder.finditer(text)) == spans(finder.regex.finditer(text))


def test_marker_removals_on_lone_surrogates_and_wide_text():
    finder, _ = _marker_rules()
    for text in ["Intro line of the story.\n\ud800 broken\nADVERTISEMENT\n", "中文\nADVERTISEMENT\nend 😀\nRead more"]:
        assert spans(finder.finditer(text)) == spans(finder.regex.finditer(text))
    assert [r.rule for r in marker_removals("中文 story text.\nADVERTISEMENT\n")] == ["ads.advertisement"]


# Small rule sets with the shapes that could trip a gate: a rule that matches an empty line,
# one that spans lines (\s matches a newline), case-folding, optional parts, alternations.
RULE_SETS = [
    [r"(?i:read more)", r"x*"],
    [r"a\s+b", r"(?i:share)"],
    [r"(?:Photo|Image):.*", r"\d{4}-\d{2}-\d{2}"],
    [r"[_=-]{5,}", r"(?i:sponsored(?: content)?)", r"b?"],
    [r"(?i:stra\u00dfe)", r"\u0130stanbul"],
]
ALPHABET = "ab xX\n\t_-=:Photo2024Ssharemd\u00dfSS\u0130i\u0131"


@pytest.mark.parametrize("rules", RULE_SETS)
def test_generated_rule_sets_give_finditers_matches(rules):
    regex = re.compile("(?m)^[ \\t]*(?:" + "|".join(rules) + ")[ \\t]*$")
    finder = GatedFinder(regex, rules)
    assert finder.gate is not None
    rng = random.Random(11)
    for _ in range(2000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 40)))
        assert spans(finder.finditer(text)) == spans(regex.finditer(text)), text


def test_a_rule_without_re2_translation_turns_the_gate_off():
    rules = [r"(a)(?(1)b|c)"]  # a conditional group: no RE2 superset
    regex = re.compile("(?m)^[ \\t]*(?:" + "|".join(rules) + ")[ \\t]*$")
    finder = GatedFinder(regex, rules)
    assert finder.gate is None
    assert spans(finder.finditer("ab\nx\n ab ")) == spans(regex.finditer("ab\nx\n ab "))


def test_the_gate_uses_the_packs_line_shape():
    unconditional = [rule for rule in load_rules().rules if rule.is_unconditional]
    combined = whole_line_regexes(unconditional)[0]
    assert combined.startswith("(?m)^[ \\t]*(?:") and combined.endswith(")[ \\t]*$")
