#!/usr/bin/env python3
"""CPU time of each stage of the boilerplate engine (``engine.strip_many``) on a corpus'
texts, cold (the rule verdict cache emptied before each pass), one code tree:

    python benchmarks/corpus_gen.py /tmp/c5 --mb 5
    for tree in /tmp/base . /tmp/base .; do python benchmarks/engine_stages.py /tmp/c5 --tree $tree; done

Each stage function is wrapped in its module (``STAGES``) by a timer of
``time.process_time`` (inclusive: nested stages overlap their callers), the texts go
through ``strip_many`` in batches of ``shards.BATCH_DOCS``, and each stage's best pass of
--repeat is printed in ms. The texts are the corpus' ``text`` fields as read (no mojibake
repair: the engine's share of the core, not the core). Read ratios between trees run
one after the other: the machine is shared. A stage a tree does not have prints "-".
"""
from __future__ import annotations

import importlib
import json
import time

from doc_extras import corpus_tree_args  # (benchmarks/)

# (module, attribute path): the engine's stages, then the classifier's pieces
STAGES = [
    ("corpus_clean.boilerplate.engine", "strip_many"),
    ("corpus_clean.boilerplate.batch", "Batch.of"),
    ("corpus_clean.boilerplate.engine", "line_rules_many"),
    ("corpus_clean.boilerplate.engine", "line_gates"),
    ("corpus_clean.boilerplate.engine", "line_verdict"),
    ("corpus_clean.boilerplate.engine", "apply_rule_packs"),
    ("corpus_clean.boilerplate.batch", "mark_date_lines_many"),
    ("corpus_clean.boilerplate.batch", "mark_menu_runs_many"),
    ("corpus_clean.boilerplate.batch", "mark_headline_many"),
    ("corpus_clean.boilerplate.engine", "mark_repeats"),
    ("corpus_clean.boilerplate.engine", "keep_fragments_inside_prose"),
    ("corpus_clean.boilerplate.batch", "mark_trailing_comments_many"),
    ("corpus_clean.boilerplate.batch", "classifier_applies_many"),
    ("corpus_clean.boilerplate.classifier", "mark_by_classifier_many"),
    ("corpus_clean.boilerplate.classifier", "paragraph_views"),
    ("corpus_clean.boilerplate.classifier", "line_features_many"),
    ("corpus_clean.boilerplate.classifier", "word_echo"),
    ("corpus_clean.boilerplate.classifier", "lines_to_cut_many"),
    ("corpus_clean.boilerplate.classifier", "give_back_story_body_lines"),
    ("corpus_clean.boilerplate.classifier", "give_back_echoing_edges"),
    ("corpus_clean.boilerplate.classifier", "mark_story_inserts"),
    ("corpus_clean.boilerplate.classifier", "give_back_list_lines"),
    ("corpus_clean.boilerplate.classifier", "give_back_lead_by_title"),
    ("corpus_clean.boilerplate.classifier", "mark_captions_over_credits"),
    ("corpus_clean.boilerplate.classifier", "mark_author_bio"),
    ("corpus_clean.boilerplate.batch", "finish_many"),
    ("corpus_clean.boilerplate.batch", "_cut_all"),
    ("corpus_clean.boilerplate.batch", "_line_prefixes"),
]


def wrap(module_name: str, path: str, spent: dict[str, float]) -> bool:
    """Replace module_name.path by a timer adding its inclusive CPU time to spent[path]."""
    owner = importlib.import_module(module_name)
    *parents, name = path.split(".")
    for parent in parents:
        owner = getattr(owner, parent, None)
    function = getattr(owner, name, None) if owner is not None else None
    if function is None:
        return False
    clock = time.process_time
    depth = [0]  # (a recursive or re-entered stage is counted once, at its outer call)

    def timed(*args, **kwargs):
        if depth[0]:
            return function(*args, **kwargs)
        depth[0] += 1
        began = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[path] = spent.get(path, 0.0) + clock() - began
            depth[0] -= 1

    if isinstance(owner, type) and isinstance(owner.__dict__.get(name), classmethod):
        setattr(owner, name, classmethod(lambda cls, *a, **k: timed(*a, **k)))
        function = function.__func__.__get__(owner)
    else:
        setattr(owner, name, timed)
    return True


def main() -> None:
    args = corpus_tree_args(__doc__, 3, "a folder of JSONL with a `text` field (benchmarks/corpus_gen.py)")

    from corpus_clean.boilerplate import engine
    from corpus_clean.boilerplate.rules import load_rules
    from corpus_clean.shards import BATCH_DOCS

    texts = [json.loads(line)["text"] for path in sorted(args.corpus.glob("*.jsonl")) for line in path.open()]
    batches = [texts[k:k + BATCH_DOCS] for k in range(0, len(texts), BATCH_DOCS)]
    ruleset = load_rules()
    for batch in batches[:2]:  # (warm-up: imports, the model, the RE2 automata's first states)
        engine.strip_many(batch)
    spent: dict[str, float] = {}
    present = {path for module, path in STAGES if wrap(module, path, spent)}
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        ruleset.line_cache.clear()
        spent.clear()
        for batch in batches:
            engine.strip_many(batch)
        for path, seconds in spent.items():
            best[path] = min(best.get(path, seconds), seconds)
    mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(f"tree {args.tree}: {len(texts)} texts, {mb:.1f} MB, best of {args.repeat} cold passes, CPU ms")
    for _, path in STAGES:
        print(f"  {path:34s} {best[path] * 1000:8.1f}" if path in present and path in best else f"  {path:34s}        -")


if __name__ == "__main__":
    main()
