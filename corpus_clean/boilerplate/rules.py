"""Rule packs: boilerplate patterns as data (YAML), one rule per pattern.

A pack file (``packs/<pack>.yaml``) looks like::

    pack: news
    rules:
      - name: byline
        kind: line            # line | section | block | caption_credit | empty_heading
        pattern: 'By\\s+[A-Z].*'   # Python regex, must match the WHOLE stripped line
        flags: i              # optional: i = ignore case
        where: head           # optional: anywhere (default) | head | tail
        max_words: 20         # optional: the line may not have more words
        keywords: [cookie]    # optional: literals (lower-case) the line must contain;
                              # for patterns that search the line (".{0,200}\bcookie...")
        description: ...
        example: |            # a small document in which the rule fires
          By Jane Roe and John Doe
          The council voted on Tuesday to close the bridge for repairs.
        removed: ["By Jane Roe and John Doe"]   # lines of `example` the rule must remove
        keep: |               # optional counter-example: the rule must not fire here
          By Tuesday the council had voted to close the bridge for repairs.

Kinds (what happens when the pattern matches a line):

* ``line``: remove that line.
* ``section``: the marker starts a section that runs to the end of the document
  (reader comments, talk-page UI). Only when the marker is past ``min_position``
  (fraction of the document's characters), below a few prose lines of article, and
  followed by fewer prose lines than precede it, or when 2+ lines below it match
  other rules of the same pack (comment metadata); otherwise only the marker line goes.
* ``block``: the marker plus the short, non-prose lines right after it
  (a "Recommended for you" list of teaser headlines), at most ``max_lines``.
* ``caption_credit``: a photo credit line; in text whose paragraphs are separated by
  blank lines, the line directly above it (no blank line between) is removed too as
  ``<pack>.caption`` when it is at most ``caption_max_words``.
* ``empty_heading``: a heading ("References:") removed only when nothing that looks
  like its content follows it.
* ``builtin``: a structural rule written in Python in ``engine.py`` (headline, repeated
  lines, menu runs, trailing comments...); the YAML entry names and documents it and
  carries its example, so it is tested like every other rule.

Rules are compiled into combined regexes (named groups, first alternative wins),
full-matched once per candidate line: short lines against all rules, long lines only
against rules allowing them; rules with ``keywords`` only on lines containing one.
See ``RuleSet``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

PACK_DIR = Path(__file__).parent / "packs"
KINDS = {"line", "section", "block", "caption_credit", "empty_heading", "builtin"}
WHERES = {"anywhere", "head", "tail"}


@dataclass(frozen=True)
class Rule:
    """One boilerplate pattern, with the example that documents (and tests) it."""

    pack: str
    name: str
    kind: str
    pattern: str
    flags: str = ""
    where: str = "anywhere"
    max_words: int | None = None
    min_position: float = 0.0
    max_lines: int = 30
    caption_max_words: int = 60
    description: str = ""
    example: str = ""
    removed: tuple[str, ...] = ()
    keep: str = ""
    keywords: tuple[str, ...] = ()  # lower-case literals, one of which the line must contain
    order: int = 0  # position over all packs: on a line matched by two rules, the lower wins

    @property
    def id(self) -> str:
        """The provenance name written into each Removal, e.g. ``news.byline``."""
        return f"{self.pack}.{self.name}"

    def inline_pattern(self) -> str:
        """The pattern with its flags scoped to it, for the combined regex."""
        return f"(?{self.flags}:{self.pattern})" if self.flags else f"(?:{self.pattern})"


# Lines with at most this many words are tried against every line rule; longer lines
# only against the rules whose max_words allows them (prose never meets the menus).
SHORT_LINE_WORDS = 8


@dataclass(frozen=True)
class RuleSet:
    """All rules of all packs, compiled for matching one line at a time.

    * ``anchored_all``: every line rule without keywords, one regex, one named group
      per rule (first alternative wins), for lines of up to SHORT_LINE_WORDS words;
    * ``anchored_long``: the same for rules that allow longer lines;
    * ``keyword_rules``: rules with ``keywords`` (patterns that look anywhere in the
      line, e.g. "... contributed to this report"): tried only on lines that contain
      one of their keywords (found with ``str.find`` on the lower-cased text).

    Use each regex with ``.fullmatch(text, line_start, line_end)``.
    """

    rules: tuple[Rule, ...]
    anchored_all: re.Pattern | None = field(repr=False)
    anchored_long: re.Pattern | None = field(repr=False)
    anchored_long_max_words: int
    keyword_rules: tuple[tuple[Rule, re.Pattern], ...] = field(repr=False)
    group_to_rule: dict = field(repr=False)


def _rule_from_dict(pack: str, d: dict) -> Rule:
    kind = d.get("kind", "line")
    where = d.get("where", "anywhere")
    if kind not in KINDS:
        raise ValueError(f"{pack}.{d.get('name')}: unknown kind {kind!r}")
    if where not in WHERES:
        raise ValueError(f"{pack}.{d.get('name')}: unknown where {where!r}")
    rule = Rule(
        pack=pack,
        name=d["name"],
        kind=kind,
        pattern=d.get("pattern", ""),
        flags=d.get("flags", ""),
        where=where,
        max_words=d.get("max_words"),
        min_position=float(d.get("min_position", 0.0)),
        max_lines=int(d.get("max_lines", 30)),
        caption_max_words=int(d.get("caption_max_words", 60)),
        description=d.get("description", ""),
        example=d.get("example", ""),
        removed=tuple(d.get("removed", ())),
        keep=d.get("keep", ""),
        keywords=tuple(k.lower() for k in d.get("keywords", ())),
    )
    if kind != "builtin":
        re.compile(rule.inline_pattern())  # fail early on a bad pattern
    return rule


def _read_pack(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_pack(path: Path) -> list[Rule]:
    """Read one YAML pack file into rules."""
    data = _read_pack(path)
    pack = data["pack"]
    return [_rule_from_dict(pack, d) for d in data.get("rules", [])]


# Whitespace allowed around a line's content (NBSP and friends included).
_WS = r"[ \t\r\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]*"


def _combine(rules: list[Rule], group_to_rule: dict) -> re.Pattern | None:
    if not rules:
        return None
    alternatives = []
    for rule in rules:
        group = f"r{rule.order}"
        group_to_rule[group] = rule
        alternatives.append(f"(?P<{group}>{rule.inline_pattern()})")
    return re.compile(f"{_WS}(?:{'|'.join(alternatives)}){_WS}")


def compile_rules(rules: list[Rule]) -> RuleSet:
    """Compile the line rules for per-line full matching (see RuleSet)."""
    from dataclasses import replace

    rules = [replace(r, order=i) for i, r in enumerate(rules)]
    line_rules = [r for r in rules if r.kind != "builtin"]
    anchored = [r for r in line_rules if not r.keywords]
    long_rules = [r for r in anchored if r.max_words is None or r.max_words > SHORT_LINE_WORDS]
    group_to_rule: dict = {}
    anchored_all = _combine(anchored, group_to_rule)
    anchored_long = _combine(long_rules, group_to_rule)
    long_max = max((r.max_words if r.max_words is not None else 10**9) for r in long_rules) if long_rules else 0
    keyword_rules = tuple((r, re.compile(f"{_WS}(?:{r.inline_pattern()}){_WS}")) for r in line_rules if r.keywords)
    return RuleSet(tuple(rules), anchored_all, anchored_long, long_max, keyword_rules, group_to_rule)


@lru_cache(maxsize=4)
def load_rules(pack_dir: str = str(PACK_DIR)) -> RuleSet:
    """Load and compile every ``*.yaml`` pack in `pack_dir` (cached)."""
    # Packs are tried in ascending `order` (then file name): on a line two patterns
    # could both match, the earlier pack names it (a byline before a copyright line).
    packs = [_read_pack(p) for p in sorted(Path(pack_dir).glob("*.yaml"))]
    rules: list[Rule] = []
    for data in sorted(packs, key=lambda d: d.get("order", 50)):
        rules.extend(_rule_from_dict(data["pack"], d) for d in data.get("rules", []))
    names = [r.id for r in rules]
    dupes = {n for n in names if names.count(n) > 1}
    if dupes:
        raise ValueError(f"duplicate rule names: {sorted(dupes)}")
    return compile_rules(rules)
