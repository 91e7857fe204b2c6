"""Great Expectations validation step: real GX runs (no mocks) on small Arrow tables.

GX takes seconds to import; corpus_clean.validate caches one ephemeral context per
process, and the `validated` fixture runs the suite once for all the bad-row cases.
"""
import datetime as dt
import json
import re
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.records import clean_schema
from corpus_clean.validate import SUITE_FILE, RowChecks, ValidationConfig, ValidationReport, row_checks, validate_table

UTC = dt.timezone.utc
CLEAN_TEXT = (
    "The council approved the new budget on Tuesday after a long debate.\n\n"
    "Residents said the plan would help the library and the parks. Tabs\tare fine.\r\n"
    "Accents are fine too: café, naïve, Zürich, Ελληνικά, русский, 日本語 — “quoted”.\n"
    "Welsh â’r, 10 Å—, «il est allé…», AT&T, R&D; à la carte, VOCÊ, São Paulo, IRMÃ ok."
)


def make_row(i: int, **changes) -> dict:
    row = {
        "id": f"{i:032x}",
        "source": "news/2024.jsonl",
        "record_index": i,
        "text": CLEAN_TEXT,
        "title": "Council approves budget",
        "byline": "Ana Souza",
        "published": dt.datetime(2024, 3, 5, 9, 30, tzinfo=UTC),
        "lang": "en",
        "encoding": "utf-8",
        "n_chars_raw": len(CLEAN_TEXT) + 120,
        "n_chars_clean": len(CLEAN_TEXT),
        "raw_sha256": "0" * 64,
        "fixes": [{"kind": "mojibake", "count": 1}],
        "removed": [{"start": 0, "end": 12, "rule": "share_bar", "text": "Share this: "}],
        "pipeline_version": "0.1.0",
        "run_id": "run-1",
    }
    row.update(changes)
    return row


def table(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=clean_schema())


# (row changes, check name, substring of the detail)
BAD_ROWS = {
    "short": ({"text": "Too short."}, "text_min_length", "text has 10 chars, minimum 20"),
    "empty": ({"text": ""}, "text_min_length", "text has 0 chars, minimum 20"),
    "null_text": ({"text": None}, "text_not_null", "text is null"),
    "blank": ({"text": " \n\t" * 10}, "text_not_blank", "text is blank (30 whitespace chars)"),
    "invisible": ({"text": "\u200b\u200d \u00ad\u2060\ufeff\u3164" * 5}, "text_not_blank",
                  "text is blank (35 whitespace or invisible chars, e.g. U+200B)"),
    "longer_than_raw": ({"n_chars_raw": 50, "n_chars_clean": 80}, "chars_clean_le_raw",
                        "n_chars_clean 80 exceeds n_chars_raw 50"),
    "nul": ({"text": CLEAN_TEXT + "\x00"}, "text_clean_unicode",
            f"control character U+0000 in text at char {len(CLEAN_TEXT)}"),
    "bell": ({"text": "Ding\x07 " + CLEAN_TEXT}, "text_clean_unicode", "control character U+0007 in text at char 4"),
    "c1": ({"title": "Title\x85here"}, "title_clean_unicode", "control character U+0085 in title at char 5"),
    "bom": ({"byline": "\ufeffAna Souza"}, "byline_clean_unicode", "format character U+FEFF in byline at char 0"),
    "mojibake_e": ({"text": "Le cafÃ© est ouvert. " + CLEAN_TEXT}, "text_no_mojibake",
                   "mojibake marker 'Ã©' in text at char 6"),
    "mojibake_quote": ({"text": CLEAN_TEXT[:120] + "itâ€™s" + CLEAN_TEXT[120:]}, "text_no_mojibake",
                       "mojibake marker 'â€™' in text at char 122"),
    "mojibake_ldquo": ({"text": "He said â€œyesâ€\x9d. " + CLEAN_TEXT}, "text_no_mojibake",
                       "mojibake marker 'â€œ' in text at char 8 (2 markers)"),
    "mojibake_nbsp": ({"text": "voilÃ\xa0le texte. " + CLEAN_TEXT}, "text_no_mojibake", "marker 'Ã\\xa0'"),
    "mojibake_nbsp_space": ({"text": "Ils sont lÃ  ce soir. " + CLEAN_TEXT}, "text_no_mojibake", "marker 'lÃ '"),
    "mojibake_a_line_end": ({"text": "Price: 10Â\n" + CLEAN_TEXT}, "text_no_mojibake",
                            "mojibake marker 'Â\\n' in text at char 9"),
    "mojibake_a_end": ({"text": CLEAN_TEXT + " 10Â"}, "text_no_mojibake", "'Â'"),
    "mojibake_cyrillic": ({"text": "ÐŸÑ€Ð¸Ð²ÐµÑ‚ " + CLEAN_TEXT}, "text_no_mojibake",
                          "mojibake marker 'ÐŸ' in text at char 0"),
    "replacement_char": ({"byline": "Jos\ufffd Silva"}, "byline_no_mojibake",
                         "mojibake marker '\ufffd' in byline at char 3"),
    "mojibake_latin_ext": ({"text": "PomoÄ‡nik je doÅ¡ao. " + CLEAN_TEXT}, "text_no_mojibake",
                           "mojibake marker 'Ä‡' in text at char 4 (2 markers)"),
    "mojibake_cjk": ({"text": "ä¸­æ–‡ " + CLEAN_TEXT}, "text_no_mojibake", "mojibake marker 'ä¸\\xadæ–‡' in text at char 0"),
    "mojibake_eol_a_grave": ({"text": "Ma non sarÃ\nil ravennate. " + CLEAN_TEXT}, "text_no_mojibake",
                             "mojibake marker 'rÃ\\n' in text at char 9"),
    "entity": ({"text": "Caf&eacute; " + CLEAN_TEXT}, "text_no_html_entities",
               "text has '&eacute;' at char 3"),
    "entity_title": ({"title": "AT&amp;amp;T wins"}, "title_no_html_entities", "title has '&amp;'"),
    "lang_code": ({"lang": "english"}, "lang_code", "lang 'english' does not match"),
    "published_old": ({"published": dt.datetime(1970, 1, 1, tzinfo=UTC)}, "published_range",
                      "published 1970-01-01T00:00:00+00:00 outside 1990-01-01"),
    "published_future": ({"published": dt.datetime.now(UTC) + dt.timedelta(days=3)}, "published_range",
                         "outside 1990-01-01T00:00:00+00:00 .. "),
}
# What a random table's rows are made of: each bad row's changes, or none (a clean row, 6 in 6 + len(BAD_ROWS)).
ROW_CHANGES = [changes for changes, _, _ in BAD_ROWS.values()] + [{}] * 6


def rows_with(changes: list[dict], repeated: list[int] = ()) -> list[dict]:
    """One row per change, then the rows at ``repeated`` again under new record indices
    (the same ids twice: the uniqueness check's details list every copy).

    >>> [(r["record_index"], r["text"][:4]) for r in rows_with([{}, {"text": "Tiny."}], [1, 5])]
    [(0, 'The '), (1, 'Tiny'), (101, 'Tiny')]
    """
    rows = [make_row(i, **change) for i, change in enumerate(changes)]
    return rows + [dict(rows[k], record_index=100 + k) for k in repeated if k < len(rows)]


def one_now(monkeypatch: pytest.MonkeyPatch, config: ValidationConfig) -> None:
    """Fix the latest allowed publication date (now + 2 days, shown in a report's details)
    at its value for ``config`` now, so that two validations' reports can be compared."""
    from corpus_clean import validate

    parameters, latest = validate._parameters, validate._parameters(config)["published_max"]
    monkeypatch.setattr(validate, "_parameters",
                        lambda *args, **kwargs: {**parameters(*args, **kwargs), "published_max": latest})


@pytest.fixture(scope="module")
def validated() -> tuple[ValidationReport, dict[str, str]]:
    """One GX run over a table with a clean row, then one bad row per case."""
    rows = [make_row(0)]
    ids = {}
    for i, (case, (changes, _, _)) in enumerate(BAD_ROWS.items(), start=1):
        rows.append(make_row(i, **changes))
        ids[case] = rows[-1]["id"]
    return validate_table(table(rows)), ids


@pytest.mark.parametrize("case", list(BAD_ROWS))
def test_each_expectation_catches_its_bad_row(validated, case):
    report, ids = validated
    _, check, detail = BAD_ROWS[case]
    failures = report.failures.get(ids[case])
    assert failures, f"{case}: row not flagged"
    matching = [d for c, d in failures if c == check]
    assert matching, f"{case}: expected check {check}, got {failures}"
    assert any(detail in d for d in matching), f"{case}: {detail!r} not in {matching}"


def test_clean_row_and_only_bad_rows_flagged(validated):
    report, ids = validated
    assert make_row(0)["id"] not in report.failures
    assert set(report.failures) == set(ids.values())


def test_results_name_every_expectation_with_purpose(validated):
    report, _ = validated
    spec = json.loads(SUITE_FILE.read_text(encoding="utf-8"))
    expected = [e["meta"]["check"] for e in spec["expectations"] if "requires" not in e["meta"]]
    assert [r["name"] for r in report.results] == expected
    for r in report.results:
        assert r["purpose"]
        assert r["success"] == (r["unexpected_count"] == 0)
    by_name = {r["name"]: r for r in report.results}
    assert by_name["text_no_mojibake"]["unexpected_count"] == 11
    assert by_name["id_unique"]["success"]


def test_clean_table_passes():
    rows = [make_row(i) for i in range(5)]
    rows[1].update(title=None, byline=None, published=None, lang=None, encoding=None)
    rows[2].update(text="x" * 20, n_chars_clean=20, n_chars_raw=20)  # boundary values
    rows[3].update(published=dt.datetime(1990, 1, 1, tzinfo=UTC), lang="pt")
    report = validate_table(table(rows))
    assert report.failures == {}
    assert report.row_failures == {}
    assert report.success
    assert all(r["success"] for r in report.results)
    assert report.data_docs_index is None


def test_every_failing_check_of_a_row_is_reported():
    bad = make_row(1, text="Ã©\x07", n_chars_raw=1, n_chars_clean=3, lang="EN")
    report = validate_table(table([make_row(0), bad]))
    checks = [c for c, _ in report.failures[bad["id"]]]
    assert checks == ["text_min_length", "chars_clean_le_raw", "text_clean_unicode",
                      "text_no_mojibake", "lang_code"]


def test_duplicate_ids_both_flagged():
    rows = [make_row(0), make_row(1), make_row(2), make_row(3)]
    rows[3]["id"] = rows[1]["id"]
    report = validate_table(table(rows))
    dup = rows[1]["id"]
    assert list(report.failures) == [dup]
    assert report.failures[dup] == [("id_unique", f"id '{dup}' appears 2 times (rows 1, 3)")]
    assert sorted(report.row_failures) == [1, 3]


def test_empty_table():
    report = validate_table(table([]))
    assert report.failures == {}
    assert report.n_rows == 0
    assert all(r["success"] for r in report.results)


def test_min_chars_is_configurable():
    rows = [make_row(0, text="Fifteen chars!!", n_chars_clean=15)]
    assert validate_table(table(rows), ValidationConfig(min_chars=10)).failures == {}
    failures = validate_table(table(rows), ValidationConfig(min_chars=100)).failures
    assert failures[rows[0]["id"]] == [("text_min_length", "text has 15 chars, minimum 100")]


def test_language_set():
    rows = [make_row(0, lang="en"), make_row(1, lang="de"), make_row(2, lang="fr"), make_row(3, lang=None)]
    assert validate_table(table(rows)).failures == {}  # default: any 2-letter code
    report = validate_table(table(rows), ValidationConfig(languages=("en", "de")))
    assert report.failures == {rows[2]["id"]: [("lang_allowed", "lang 'fr' not in allowed set (de, en)")]}
    assert "lang_allowed" in [r["name"] for r in report.results]


def test_boilerplate_markers():
    rows = [
        make_row(0),
        make_row(1, text=CLEAN_TEXT + "\nRelated Topics\nPolitics"),
        make_row(2, text=CLEAN_TEXT + "\nShare this article"),
    ]
    # No markers: passes trivially.
    assert validate_table(table(rows), ValidationConfig(boilerplate_markers=())).failures == {}
    config = ValidationConfig(boilerplate_markers=(r"(?m)^Related Topics$", r"(?<=\n)Share this"))
    report = validate_table(table(rows), config)
    assert report.failures == {
        rows[1]["id"]: [("text_no_boilerplate",
                         f"boilerplate marker /(?m)^Related Topics$/ matched 'Related Topics' "
                         f"in text at char {len(CLEAN_TEXT) + 1}")],
        rows[2]["id"]: [("text_no_boilerplate",
                         f"boilerplate marker /(?<=\\n)Share this/ matched 'Share this' "
                         f"in text at char {len(CLEAN_TEXT) + 1}")],
    }


MARKERS = [
    r"\bCopyright\b", r"(?<=\n)Read more", r"Read\s+more", r"(?m)^Share this$",
    r"(?i)^\s*advertisement\s*$", r"\d{4} \w+ News", r"(foo)\1", r"(?P<x>ab)(?P=x)",
    r"[\w\s]+ Related", r"(?<!x)Topics(?!y)", r"caf\u00e9", r"[^\s]Sponsored", r"\$\d+",
    r"Comments \(\d+\)", "Related Topics", "(?i)subscribe", "(?x) foo  bar # verbose", r"a{,2}b",
    r"^\W+$",
]


def test_marker_search_matches_python_re():
    """contains_any (RE2 alternations, RE2 prefilters + Python) == re.search, row by row."""
    import random

    import pandas as pd

    from corpus_clean.validate import contains_any, marker_groups

    random.seed(7)
    texts = ["Copyright 2020", "xCopyrightx", "a\nRead more", "Read\u00a0more", "x\nShare this\ny",
             "  Advertisement  ", "١٢٣٤ Big News", "foofoo", "abab", "café", "$100", "Comments (12)",
             "SUBSCRIBE", "foobar", "aab", "b", "Read\u2003more", "...", "", None]
    texts += ["".join(random.choice("abfoRdeadm\n $1(2)éShare thisCopyright\u00a0") for _ in range(25))
              for _ in range(3000)]
    column = pd.Series(texts, dtype="str")
    assert any(g.re2 for g in marker_groups(MARKERS))
    assert any(g.prefilter for g in marker_groups(MARKERS))
    for patterns in [MARKERS] + [[p] for p in MARKERS]:
        got = contains_any(column, patterns).tolist()
        want = [isinstance(t, str) and any(re.search(p, t) for p in patterns) for t in texts]
        assert got == want, patterns


def test_boilerplate_markers_default_from_rule_packs():
    """With the default config, the real rule packs' markers run: a clean text that still
    holds a line an unconditional line rule removes (each such rule's own YAML example)
    is quarantined; the clean text alone is not."""
    from corpus_clean.boilerplate.rules import load_rules

    marker_rules = [rule for rule in load_rules().rules if rule.is_validation_marker]
    leftovers = [line for rule in marker_rules for line in rule.removed]
    assert len(leftovers) >= 10
    rows = [make_row(0)] + [make_row(i + 1, text=f"{CLEAN_TEXT}\n{line}\n", n_chars_clean=len(CLEAN_TEXT) + len(line) + 2)
                            for i, line in enumerate(leftovers)]
    failures = validate_table(table(rows)).failures
    missed = [line for i, line in enumerate(leftovers) if rows[i + 1]["id"] not in failures]
    assert not missed
    assert rows[0]["id"] not in failures


def test_a_number_kept_on_its_own_line_is_content_not_a_boilerplate_marker():
    """`outlets.count_only` cuts like counts, but a section number or a table cell the
    engine keeps ("4.1.1", "4,933,210") must not quarantine the text (validation_marker: false)."""
    texts = [f"{CLEAN_TEXT}\n{line}\n{CLEAN_TEXT}" for line in ["4.1.1", "4,933,210", "12"]]
    rows = [make_row(i, text=text, n_chars_clean=len(text), n_chars_raw=len(text)) for i, text in enumerate(texts)]
    assert not validate_table(table(rows)).failures


def test_invalid_utf8_is_flagged():
    good, bad = "valid text, long enough to pass", "bad \xff byte in a long enough text"
    raw = pa.array([good.encode(), bad.encode("latin-1")], pa.binary())
    text = pa.Array.from_buffers(pa.string(), 2, raw.buffers())  # no UTF-8 check
    t = table([make_row(0, text=good, n_chars_clean=31), make_row(1, text=good, n_chars_clean=31)])
    t = t.set_column(t.schema.get_field_index("text"), t.schema.field("text"), text)
    report = validate_table(t)
    assert report.failures == {make_row(1)["id"]: [("text_clean_unicode", "invalid UTF-8 byte in text at char 4")]}


def test_data_docs_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = [make_row(0), make_row(1, text="short")]
    report = validate_table(table(rows), data_docs_dir="docs/site")  # relative: made absolute
    index = Path(report.data_docs_index)
    assert index.is_absolute()
    assert index == tmp_path / "docs" / "site" / "index.html"
    assert index.is_file()
    html = index.read_text()
    assert "corpus_clean.records" in html
    pages = list((index.parent / "validations").rglob("*.html"))
    assert len(pages) == 1
    page = pages[0].read_text()
    assert "Failed" in page and "short" in page  # the failing expectation and its value


def test_suite_json_is_documented():
    spec = json.loads(SUITE_FILE.read_text(encoding="utf-8"))
    readme = (SUITE_FILE.parent / "README.md").read_text(encoding="utf-8")
    checks = [e["meta"]["check"] for e in spec["expectations"]]
    assert len(checks) == len(set(checks))
    for e in spec["expectations"]:
        assert e["type"].startswith("expect_")
        assert len(e["meta"]["purpose"]) > 20
        assert f"`{e['meta']['check']}`" in readme, e["meta"]["check"]


def test_importing_validate_does_not_import_gx():
    import subprocess
    import sys

    code = ("import sys, corpus_clean.validate; "
            "sys.exit('great_expectations' in sys.modules or 'prefect' in sys.modules)")
    root = Path(__file__).resolve().parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=root).returncode == 0


# --------------------------------------------------------------------------- checks made ahead
# The flow computes the custom expectations' per-row searches where the rows are cleaned
# (validate.row_checks, in the workers) and hands them to validate_table: same report.

NOISE = ["", "\x00", "\x85", "\ufeff", "cafÃ©", "itâ€™s", "Jos\ufffd", "Caf&eacute;", "\nShare this article\n",
         "\nRelated Topics\n", "Related Topics", "  ", "\t", "é", "\u00a0", "Â\n"]


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NOISE), st.sampled_from(NOISE), st.sampled_from(NOISE),
                          st.sampled_from([None, "Ana", "Jos\ufffd", "\ufeffAna"])), min_size=1, max_size=12))
def test_checks_made_ahead_give_the_same_report(noise):
    rows = [make_row(i, text=a + CLEAN_TEXT + b, title="Council" + c, byline=byline)
            for i, (a, b, c, byline) in enumerate(noise)]
    for config in (ValidationConfig(), ValidationConfig(boilerplate_markers=(r"(?m)^Related Topics$",))):
        alone = validate_table(table(rows), config)
        ahead = validate_table(table(rows), config, checks=row_checks(table(rows), config))
        assert (ahead.failures, ahead.results, ahead.row_failures) == (alone.failures, alone.results, alone.row_failures)


def test_gx_decides_from_the_checks_made_ahead():
    """Fault injection: a precomputed result flipped is what GX reports (so the path is
    live), and results made with other boilerplate markers are not used for them."""
    rows = [make_row(0), make_row(1), make_row(2, text=CLEAN_TEXT + "\nRelated Topics\n")]
    config = ValidationConfig(boilerplate_markers=(r"(?m)^Related Topics$",))
    checks = row_checks(table(rows), config)
    assert validate_table(table(rows), config, checks=checks).failing_ids() == {rows[2]["id"]}
    checks.found[("column_values.corpus_clean.no_mojibake", "text")][1] = True
    report = validate_table(table(rows), config, checks=checks)
    assert [check for check, _ in report.failures[rows[1]["id"]]] == ["text_no_mojibake"]
    other = row_checks(table(rows), ValidationConfig(boilerplate_markers=()))  # found no markers
    assert rows[2]["id"] in validate_table(table(rows), config, checks=other).failures


def test_checks_of_batches_concatenate_in_order():
    rows = [make_row(i, text=CLEAN_TEXT + ("\x00" if i % 3 == 0 else "")) for i in range(7)]
    whole = row_checks(table(rows))
    parts = RowChecks.concat([row_checks(table(rows[:4])), row_checks(table(rows[4:]))])
    assert whole.found.keys() == parts.found.keys()
    assert all((whole.found[key] == parts.found[key]).all() for key in whole.found)
    assert RowChecks.concat([row_checks(table(rows[:4])), None]) is None


def test_the_rule_packs_markers_come_with_checks_made_with_them():
    """A flow process whose workers made the checks takes the rule packs' markers from
    them (it never loads the packs for that); checks made with a config's own markers are
    never taken for the rule packs'."""
    from corpus_clean.validate import default_boilerplate_markers

    rows = [make_row(0), make_row(1, text=CLEAN_TEXT + "\nRelated Topics\n")]
    expected = validate_table(table(rows))
    assert rows[1]["id"] in expected.failures  # "Related Topics" is a rule pack marker
    checks = RowChecks.concat([row_checks(table(rows[:1])), row_checks(table(rows[1:]))])
    assert checks.default_markers and checks.markers == default_boilerplate_markers()
    default_boilerplate_markers.cache_clear()
    try:
        ahead = validate_table(table(rows), checks=checks)
        assert default_boilerplate_markers.cache_info().misses == 0
    finally:
        default_boilerplate_markers()
    assert (ahead.failures, ahead.results, ahead.row_failures) == (expected.failures, expected.results,
                                                                   expected.row_failures)
    own = row_checks(table(rows), ValidationConfig(boilerplate_markers=()))  # found no markers
    assert not own.default_markers
    assert validate_table(table(rows), checks=own).failures == expected.failures


# --------------------------------------------------------------------------- the marker prefilter
# The rule packs' marker regex runs in Python only on the texts an RE2 superset of it finds
# something in (validate.search_superset); the verdicts must be re.search's, row by row.

def _marker_lines() -> list[str]:
    from corpus_clean.boilerplate.rules import load_rules

    return [line for rule in load_rules().rules if rule.is_validation_marker for line in rule.removed]


def _variants(line: str) -> list[str]:
    """A marker line as it may sit in a text: indented, trailing blanks, case-flipped,
    the letters Python's case-insensitive match equates with others (ı, ſ, K), cut, glued."""
    return [line, f"  {line}\t", line.upper(), line.lower(), line.replace("i", "ı").replace("s", "ſ"),
            line.replace("k", "\u212a"), line[:-1], line + ".", f"x{line}", line.replace(" ", "\u00a0")]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(CLEAN_TEXT.splitlines()), st.sampled_from(NOISE),
                          st.builds(lambda k, v: _variants(_marker_lines()[k % len(_marker_lines())])[v],
                                    st.integers(0, 10_000), st.integers(0, 9)),
                          st.text(alphabet="aıſK \t0123456789:|/-•Sharefollow\n\r", max_size=30)),
                max_size=8),
       st.sampled_from(["\n", "\r\n", " ", ""]))
def test_rule_pack_marker_prefilter_gives_re_search_verdicts(lines, sep):
    from corpus_clean.validate import default_boilerplate_markers, found_any

    markers = default_boilerplate_markers()
    text = sep.join(lines)
    texts = [text, CLEAN_TEXT + "\n" + text, text + "\n" + CLEAN_TEXT, None]
    got = found_any(pa.array(texts), markers).tolist()
    assert got == [t is not None and any(re.search(p, t) for p in markers) for t in texts]


# Patterns RE2 cannot run (lookarounds), with global flags: a lone one is searched as it
# is, several as one scoped alternation.
_PYTHON_ONLY_MARKERS = [r"(?m)^Share(?=!)$", r"(?i)(?<=x)follow", r"(?s)a.b(?!c)", r"(?mi)^[ \t]*ad(?= )"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="aAbcx Sharefolw!\n\t", max_size=40), max_size=6),
       st.lists(st.sampled_from(_PYTHON_ONLY_MARKERS), min_size=1, max_size=3, unique=True))
def test_python_only_markers_alone_or_together_give_re_search_verdicts(texts, markers):
    from corpus_clean.validate import found_any, marker_groups

    assert all(group.re2 is None for group in marker_groups(markers))
    values = [*texts, None]
    got = found_any(pa.array(values), markers).tolist()
    assert got == [t is not None and any(re.search(p, t) for p in markers) for t in values]


def test_rule_pack_markers_are_searched_in_python_only_where_the_prefilter_finds_them():
    """The fast path is live: the rule packs' marker gets an RE2 prefilter, which finds
    every marker line in a text and passes over clean texts."""
    pytest.importorskip("re2")
    from corpus_clean.validate import default_boilerplate_markers, marker_groups, prefilter_rows

    [group] = [g for g in marker_groups(default_boilerplate_markers()) if g.re2 is None]
    assert group.prefilter is not None
    lines = _marker_lines()
    texts = [CLEAN_TEXT, CLEAN_TEXT.upper()] + [f"{CLEAN_TEXT}\n{line}\n" for line in lines]
    assert prefilter_rows(pa.array(texts), group.prefilter).tolist() == [False, False] + [True] * len(lines)


def test_without_google_re2_every_row_is_searched_in_python(monkeypatch):
    """google-re2 missing (its compile answers None): no prefilter, the same verdicts."""
    from corpus_clean import validate

    markers = validate.default_boilerplate_markers()
    texts = [CLEAN_TEXT] + [f"{CLEAN_TEXT}\n{line}\n" for line in _marker_lines()[:10]] + [None]
    with_prefilter = validate.found_any(pa.array(texts), markers).tolist()
    monkeypatch.setattr(validate, "_re2_searcher", lambda pattern: None)
    validate._marker_groups.cache_clear()
    try:
        assert all(g.prefilter is None for g in validate.marker_groups(markers))
        assert validate.found_any(pa.array(texts), markers).tolist() == with_prefilter == [False] + [True] * 10 + [False]
    finally:
        validate._marker_groups.cache_clear()
