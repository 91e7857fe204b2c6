#!/usr/bin/env python3
"""CPU time of the core's pieces outside the boilerplate engine, one tree in one process
(reading, the mojibake gate and repair, language id, the signals and their kernels,
the counters, the clean table), each timed over a corpus' batches after they were
cleaned once, best of --repeat:

    python benchmarks/corpus_gen.py /tmp/c5 --mb 5
    for tree in /tmp/base .; do python benchmarks/core_pieces.py --tree $tree /tmp/c5; done

Run the two trees one after the other, twice, and read the ratios: the machine is shared.
A piece a tree does not have prints "-".
"""
from __future__ import annotations

import copy
import hashlib
import json

from doc_extras import best_cpu, corpus_tree_args  # (benchmarks/: the best CPU time of a few runs)


def main() -> None:
    args = corpus_tree_args(__doc__, 5, "a folder of JSONL (benchmarks/corpus_gen.py)")

    from corpus_clean import extract, signals
    from corpus_clean.mojibake import might_need_repair, repair
    from corpus_clean.pipeline import StepCounters, clean_documents
    from corpus_clean.readers import decode_bytes, list_input_files
    from corpus_clean.records import documents_table
    from corpus_clean.shards import _batches, parse_lines, plan_shards
    from corpus_clean.steps import DEFAULT_STEPS, resolve_steps

    [shard] = plan_shards(list_input_files(str(args.corpus)), target_bytes=1 << 50)
    batches = list(_batches(shard, {}))
    cleaned = []
    for batch in batches:
        docs = [copy.copy(doc) for doc in parse_lines(batch)[0]]
        clean_documents(docs, resolve_steps(DEFAULT_STEPS))
        cleaned.append(docs)
    documents = [doc for docs in cleaned for doc in docs]
    lines = [unread.line for batch in batches for unread in batch]
    raw_texts = [doc.raw_text for doc in documents]
    texts = [[doc.text for doc in docs] for docs in cleaned]
    langs = [[doc.lang for doc in docs] for docs in cleaned]
    scores = [[doc.lang_score for doc in docs] for docs in cleaned]

    def counters() -> None:
        counted = StepCounters()
        if hasattr(counted, "add_many"):
            for docs in cleaned:
                counted.add_many(docs)
        else:
            for doc in documents:
                counted.add(doc)

    def ngram_kernel() -> None:
        for words in ngram_inputs:
            signals.ngram_counts_native(*words)

    ngram_inputs = []  # the n-gram kernel's arguments, as the word pass hands them over
    original = signals.ngram_counts_native
    # (copies: the word pass may lay them out in an array it reuses for the next batch)
    signals.ngram_counts_native = lambda *words: ngram_inputs.append(copy.deepcopy(words)) or original(*words)
    for batch_texts, batch_langs in zip(texts, langs):
        signals.word_pass_native(batch_texts, batch_langs)
    signals.ngram_counts_native = original

    pieces = {
        "parse_lines (JSONL lines -> Documents)": lambda: [parse_lines(batch) for batch in batches],
        "  decode_bytes": lambda: [decode_bytes(line) for line in lines],
        "  json.loads": lambda: [json.loads(line) for line in lines],
        "  sha256 of the lines": lambda: [hashlib.sha256(line).hexdigest() for line in lines],
        "mojibake gate (might_need_repair)": lambda: [might_need_repair(text) for text in raw_texts],
        "mojibake repair, gate included": lambda: [repair(text) for text in raw_texts],
        "language_score (CLD2)": lambda: [extract.language_score(doc.text) for doc in documents],
        "compute_signals": lambda: [signals.compute_signals(*batch) for batch in zip(texts, langs, scores)],
        "  word pass (compiled), n-grams included": lambda: [signals.word_pass_native(*batch)
                                                            for batch in zip(texts, langs)],
        "  n-gram kernel": ngram_kernel,
        "  line signals kernel": lambda: [signals.line_signals_native(batch) for batch in texts],
        "StepCounters (per document or per batch)": counters,
        "documents_table (the clean table)": lambda: [documents_table(docs, "bench") for docs in cleaned],
    }
    print(f"{args.tree}: {len(documents)} documents in {len(batches)} batches; CPU s, best of {args.repeat}")
    for name, work in pieces.items():
        print(f"{name:45s} {best_cpu(work, args.repeat):.4f}")


if __name__ == "__main__":
    main()
