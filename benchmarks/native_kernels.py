#!/usr/bin/env python3
"""Each compiled kernel (corpus_clean/_native.c) against its pure-Python twin, on one
pipeline-sized batch of the generated corpus (benchmarks/corpus_gen.py).

    python benchmarks/native_kernels.py --docs 64 --repeat 7

Prints a markdown table: CPU milliseconds per call (``time.process_time``, best of
--repeat rounds, the twin and the kernel interleaved in each round) and the ratio. Also
checks that both give the same output on the batch.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_gen import document  # noqa: E402

from corpus_clean import native  # noqa: E402
from corpus_clean.boilerplate.classifier import word_keys_native, word_keys_numpy  # noqa: E402
from corpus_clean.boilerplate.features import line_counts_native, line_counts_numpy, split_lines  # noqa: E402
from corpus_clean.signals import (  # noqa: E402
    batch_normalised_words, line_signals_native, line_signals_numpy, ngram_covered_native, ngram_covered_numpy,
)
from corpus_clean.words import split_native, split_numpy  # noqa: E402


def kernel_pairs(texts: list[str]) -> dict[str, tuple]:
    """Per kernel: (twin call, compiled call), both on the batch's inputs as the core makes them."""
    array = pa.array(texts)
    joined = "\n".join(texts)
    lines = split_lines(joined)
    lowered = joined.lower()
    words = batch_normalised_words(texts)
    chars = words.per_word(pc.utf8_length(words.vocabulary)).astype(np.int64)
    words_left = np.cumsum(words.lengths)[words.doc] - np.arange(len(words.ids))
    chars_cumsum = np.concatenate([[0], np.cumsum(chars)])
    return {
        "line_counts (features.line_stats)": (lambda: line_counts_numpy(joined, lines.starts, lines.ends),
                                               lambda: line_counts_native(joined, lines.starts, lines.ends)),
        "word_keys (classifier.word_echo)": (lambda: word_keys_numpy(lowered), lambda: word_keys_native(lowered)),
        "ngram_counts (signals.ngram_signals)": (lambda: ngram_covered_numpy(words, words_left, chars_cumsum),
                                                 lambda: ngram_covered_native(words, words_left, chars_cumsum)),
        "text_line_counts (signals.line_signals)": (lambda: line_signals_numpy(texts),
                                                    lambda: line_signals_native(texts)),
        "split_words (words.BatchWords.split)": (lambda: split_numpy(array), lambda: split_native(array)),
    }


def same(a, b) -> bool:
    """Equal outputs: arrays by value and dtype, dataclasses, dicts and tuples member by member."""
    if isinstance(a, np.ndarray):
        return np.asarray(b).shape == a.shape and np.array_equal(a.astype(np.float64), np.asarray(b, np.float64))
    if isinstance(a, dict):
        return all(same(np.asarray(a[k], np.float64), np.asarray(b.get(k, np.zeros(len(a[k]))), np.float64))
                   for k in a) and set(a) <= set(b)
    if isinstance(a, tuple):
        return all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, pa.Array):
        return a.to_pylist() == b.to_pylist()
    if hasattr(a, "__dataclass_fields__"):
        return all(same(getattr(a, name), getattr(b, name)) for name in a.__dataclass_fields__)
    return a == b


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=64, help="documents in the batch (the pipeline's is 64)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--calls", type=int, default=10, help="calls per timing")
    args = parser.parse_args()
    if not native.built():
        print("corpus_clean._native is not built (or CORPUS_CLEAN_NATIVE=0): nothing to compare", file=sys.stderr)
        return 1
    texts = [document(7, k)["text"] for k in range(args.docs)]
    size_kb = sum(len(t.encode()) for t in texts) / 1e3
    print(f"One batch of {args.docs} generated documents ({size_kb:.0f} KB); CPU ms per call, best of "
          f"{args.repeat} rounds, twin and kernel interleaved\n")
    print("| kernel (where) | numpy/Python twin | compiled | speed-up | same output |")
    print("|---|---:|---:|---:|---|")
    all_same = True
    for name, (twin, compiled) in kernel_pairs(texts).items():
        best = [float("inf"), float("inf")]
        for _ in range(args.repeat):
            for i, fn in enumerate((twin, compiled)):
                started = time.process_time()
                for _ in range(args.calls):
                    fn()
                best[i] = min(best[i], (time.process_time() - started) / args.calls)
        equal = same(twin(), compiled())
        all_same &= equal
        print(f"| {name} | {1e3 * best[0]:.2f} | {1e3 * best[1]:.2f} | {best[0] / best[1]:.1f}× | "
              f"{'yes' if equal else 'NO'} |")
    return 0 if all_same else 1


if __name__ == "__main__":
    sys.exit(main())
