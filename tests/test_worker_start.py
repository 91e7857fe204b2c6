"""A cleaning process's start: the rule packs are parsed with libyaml's loader when PyYAML
has it, and that must give the very packs the pure-Python loader gives."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from corpus_clean.boilerplate import rules

PACKS = sorted(Path(rules.PACK_DIR).glob("*.yaml"))


def test_the_fast_loader_is_used_when_pyyaml_has_libyaml():
    assert rules.PACK_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert issubclass(rules.PACK_LOADER, (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.name)
def test_every_shipped_pack_parses_the_same_with_both_loaders(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=rules.PACK_LOADER) == yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506
    fast = rules.load_pack(path)
    monkeypatch.setattr(rules, "PACK_LOADER", yaml.SafeLoader)
    assert rules.load_pack(path) == fast  # the compiled-from rules, field by field


_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                     st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
_documents = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4)), max_leaves=20)


@given(_documents, st.sampled_from([None, '"', "'", "|"]), st.booleans())
def test_both_loaders_read_what_a_pack_author_could_write_alike(document, style, flow):
    """Any data written as YAML in the styles a pack uses (plain, quoted, literal blocks;
    block or flow collections) reads back the same with either loader."""
    text = yaml.safe_dump({"pack": "p", "rules": [document]}, default_style=style, default_flow_style=flow,
                          allow_unicode=True)
    assert yaml.load(text, Loader=rules.PACK_LOADER) == yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506


@given(st.lists(st.sampled_from(["pack: p", "rules:", "  - name: a", "    pattern: '^Share (this|on)'",
                                 "    example: \"Share this\"", "    keywords: [a, b]", "    order: 10", "  # note",
                                 "    text: |", "      two lines", "    - x", "\t", "key: 'it''s'", "a: [1, {b: c}]",
                                 "- ü: \"\\u00e9\"", ": bad", "&a x", "*a"]), max_size=10))
def test_both_loaders_agree_on_hand_written_pack_lines(lines):
    """Lines such as a pack author writes, in any order: whatever the pure-Python loader
    reads, libyaml reads the same; whatever libyaml refuses, so does the other. (libyaml
    is the more lenient one: it reads "&a x" followed by a line holding only a tab, which
    the pure-Python loader refuses; a pack must load with both, which the shipped packs'
    test above checks.)"""
    text = "\n".join(lines)
    found = []
    for loader in (rules.PACK_LOADER, yaml.SafeLoader):
        try:
            found.append(("data", yaml.load(text, Loader=loader)))  # noqa: S506
        except yaml.YAMLError:
            found.append(("refused", None))
    fast, reference = found
    if reference[0] == "data" or fast[0] == "refused":
        assert fast == reference


def test_a_worker_starts_without_prefect_gx_or_pandas():
    """What a cleaning worker loads before its first batch (``parallel.start_worker`` when the
    fork server is bare) holds none of the flow's heavy modules: they would cost its start
    CPU and memory for nothing."""
    import subprocess
    import sys

    code = ("import sys; from corpus_clean import parallel; parallel.start_worker(); "
            "print(sorted({m.partition('.')[0] for m in sys.modules} & {'prefect', 'great_expectations', 'pandas', "
            "'sqlalchemy', 'fastapi', 'distributed', 'dask'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"
