"""The renderer's flat output, the removals and the UTF-8 parse: what the speed work relies on."""
from __future__ import annotations

from hypothesis import given, strategies as st

from corpus_clean.html import _END, KEEP, _lines, extract_main_text, removals_of

_RULES = st.sampled_from(["html.nav", "html.links", "html.furniture", KEEP])
_TEXT = st.text(alphabet=st.sampled_from(list("ab \n\t\u00a0\u2028")), max_size=8)


@st.composite
def _outputs(draw) -> list:
    """A renderer output: text, unused slots, and properly nested verdict markers."""
    out, depth = [], 0
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(["text", "text", "slot", "open", "close"]))
        if kind == "text":
            out.append(draw(_TEXT))
        elif kind == "slot":
            out.append(None)
        elif kind == "open":
            out.append((draw(_RULES),))
            depth += 1
        elif depth:
            out.append(_END)
            depth -= 1
    return out + [_END] * depth


def _lines_by_character(out: list, verdict: str) -> list[tuple[str, str]]:
    """The same lines, worked out character by character: a line ends at a newline and
    where text comes under another innermost verdict; whitespace collapsed, blanks dropped."""
    lines, current, rule, stack = [], [], verdict, [verdict]
    for item in out:
        if type(item) is str:
            if stack[-1] != rule:
                lines.append(("".join(current), rule))
                current, rule = [], stack[-1]
            for c in item:
                if c == "\n":
                    lines.append(("".join(current), rule))
                    current = []
                else:
                    current.append(c)
        elif item is _END:
            stack.pop()
        elif item is not None:
            stack.append(item[0])
    lines.append(("".join(current), rule))
    return [(" ".join(text.split()), rule) for text, rule in lines if text.split()]


@given(_outputs())
def test_lines_of_the_flat_output_break_at_newlines_and_verdict_changes(out):
    assert _lines(out, "html.not_main") == _lines_by_character(out, "html.not_main")


@given(st.lists(st.tuples(st.text(alphabet="ab c", min_size=1, max_size=6).filter(str.strip), _RULES),
                max_size=20))
def test_removals_are_maximal_runs_of_cut_lines_with_their_exact_text(lines):
    lines = [(" ".join(text.split()), rule) for text, rule in lines]
    visible, removed = removals_of(lines)
    assert visible == "".join(line + "\n" for line, _ in lines)
    for r in removed:
        assert visible[r.start:r.end] == r.text and r.rule != KEEP
    for before, after in zip(removed, removed[1:]):
        assert before.end <= after.start
        assert before.end < after.start or before.rule != after.rule  # runs are maximal
    cut = sum(r.end - r.start for r in removed)
    assert cut == sum(len(line) + 1 for line, rule in lines if rule != KEEP)


_PAGE = st.lists(st.sampled_from(["<p>", "</p>", "<div class='share'>", "</div>", "<a href='/x'>", "</a>",
                                  "Words, more words, and a sentence. ", "\ud800", "\udfff", " caf\u00e9 "]),
                 max_size=40)


@given(_PAGE)
def test_lone_surrogates_are_ignored_as_the_parser_ignores_them(parts):
    """The page is encoded once to UTF-8 with errors ignored (what Lexbor does with a str)."""
    page = "<body>" + "".join(parts) + "</body>"
    clean = page.encode("utf-8", errors="ignore").decode("utf-8")
    a, b = extract_main_text(page), extract_main_text(clean)
    assert (a.text, a.visible_text, a.removed) == (b.text, b.visible_text, b.removed)


def test_cut_text_inside_an_empty_article_block_keeps_its_own_rule():
    """A block with no text of its own is not read for furniture labels: the cut inside keeps its reason."""
    body = "<p>" + "Harbour engineers, residents and the council agreed on the budget. " * 3 + "</p>"
    page = f"<body><article><div><div class='advert'>Advertisement</div></div>{body}{body}</article></body>"
    ex = extract_main_text(page)
    assert [r.rule for r in ex.removed if r.text.strip() == "Advertisement"] == ["html.ads"]
    assert "Advertisement" not in ex.text
