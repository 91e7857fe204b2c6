"""Every rule in the YAML packs: its example is removed, its counter-example kept."""
from __future__ import annotations

import pytest

from corpus_clean.boilerplate import strip_boilerplate
from corpus_clean.boilerplate.rules import load_rules, may_act

RULES = load_rules().rules


def _removed_by(text: str, rule) -> list[str]:
    """Lines of `text` removed by `rule` (a caption_credit rule also names <pack>.caption)."""
    names = {rule.id} | ({f"{rule.pack}.caption"} if rule.kind == "caption_credit" else set())
    _, removals = strip_boilerplate(text, use_classifier=False)
    out = []
    for r in removals:
        if r.rule in names:
            out.extend(line.rstrip("\r") for line in r.text.split("\n") if line)
    return out


def test_every_rule_has_an_example_and_expected_removals():
    for rule in RULES:
        assert rule.example.strip(), f"{rule.id} has no example"
        assert rule.removed, f"{rule.id} lists no removed lines"
        assert rule.description or rule.kind != "builtin", f"{rule.id} has no description"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_example_is_removed_by_that_rule(rule):
    removed = _removed_by(rule.example, rule)
    for line in rule.removed:
        assert line in removed, f"{rule.id} did not remove {line!r}; removed {removed!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.keep], ids=[r.id for r in RULES if r.keep])
def test_rule_keep_example_is_kept(rule):
    assert _removed_by(rule.keep, rule) == []


@pytest.mark.parametrize("rule", [r for r in RULES if r.keep], ids=[r.id for r in RULES if r.keep])
def test_keep_example_prose_survives_the_whole_engine(rule):
    clean, _ = strip_boilerplate(rule.keep)
    for line in rule.keep.splitlines():
        if len(line.split()) >= 12:
            assert line in clean, f"{rule.id}: prose line cut: {line!r}"


def test_rule_names_are_pack_dot_rule_and_unique():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rid in ids:
        pack, _, name = rid.partition(".")
        assert pack and name and "." not in name


def test_metadata_rule_names_for_extract_step():
    ids = {r.id for r in RULES}
    assert "news.headline" in ids
    assert any(i.endswith(".byline") for i in ids)
    assert any(i.endswith(".dateline") for i in ids)


def test_rules_that_can_start_anywhere_are_gated_by_keywords():
    """A pattern opening with a wildcard ('.{0,400}...') would be tried at every line of
    every page inside the combined regex; keywords send it down the cheap
    find-the-keyword-first path instead (one such rule slowed the text path by ~40%)."""
    for rule in RULES:
        opening = (rule.pattern or "").lstrip("(?:\\(")
        if opening.startswith("."):
            assert rule.keywords, f"{rule.id} starts with a wildcard but has no keywords"


@pytest.mark.parametrize("heading", [
    "Most read in world news", "Other news in this section", "You may also like...", "Also on harbour.example",
    "Lesen Sie auch", "Leia também", "Читайте также", "Você pode gostar...", "También te puede gustar",
    "Potrebbe interessarti:", "Вам также может понравиться",
])
def test_recommendation_headings_take_their_teasers_with_them(heading):
    article = ("The council voted on Tuesday to close the old bridge for two years of repairs, "
               "citing cracks found during an inspection.\n")
    text = article + heading + "\nHarbour ferry timetable changes this summer\nTen best walks on the coast\n"
    rule = next(r for r in RULES if r.id == "ads.recommended_block")
    assert _removed_by(text, rule) == [heading, "Harbour ferry timetable changes this summer", "Ten best walks on the coast"]


def _lines_to_dispatch() -> list[str]:
    from pathlib import Path

    lines = set()
    for rule in RULES:
        lines.update(line for line in (rule.example + "\n" + rule.keep).split("\n"))
    for path in (Path(__file__).resolve().parents[1] / "data" / "raw").glob("*.txt"):
        lines.update(path.read_text(encoding="utf-8", errors="replace").split("\n"))
    # Case and surrounding-space variants: the dispatch key is the stripped, lower-cased start.
    lines |= {v for line in list(lines) for v in (line.upper(), line.lower(), "\u00a0 " + line + " \t")}
    return sorted(line for line in lines if line.strip())


def test_two_character_dispatch_finds_the_same_rule_as_trying_every_rule_in_order():
    """The dispatch on a line's first two characters is only a prefilter: it must give
    the first matching rule of all anchored rules, in pack order, on every line."""
    rules = load_rules()
    own_regex = dict((rule.order, regex) for rule, regex in rules.singles)
    lines = _lines_to_dispatch()
    hits = 0
    for line in lines:
        n_words = len(line.split())
        for in_head, in_tail in ((True, True), (False, False)):
            expected = next((f"r{r.order}" for r in rules.anchored
                             if may_act(r, n_words, in_head, in_tail) and own_regex[r.order].fullmatch(line)), None)
            assert rules.first_match(line, 0, len(line), line.strip(), n_words, in_head, in_tail) == expected, line
        hits += expected is not None
    assert hits > 100 and len(lines) > 500


def test_marker_regex_first_character_checks_change_no_answer():
    """Validation's whole-line marker regex puts each rule behind a lookahead on its
    first characters (for speed): it must find exactly what the plain alternation finds."""
    import re

    from corpus_clean.boilerplate import marker_regexes

    plain_patterns = [r.inline_pattern() for r in RULES if r.is_validation_marker]
    plain = re.compile(f"(?m)^[ \\t]*(?:{'|'.join(plain_patterns)})[ \\t]*$")
    [checked] = marker_regexes()
    assert "(?=(?i:[" in checked
    checked = re.compile(checked)
    lines = _lines_to_dispatch()
    found = [bool(checked.search(line)) for line in lines]
    assert found == [bool(plain.search(line)) for line in lines]
    assert sum(found) > 100
