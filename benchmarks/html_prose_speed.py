#!/usr/bin/env python3
"""Cost of the second opinion and the label restore (``corpus_clean.html_prose``) on the HTML path.

    python benchmarks/html_prose_speed.py SHARED_BENCH_DIR [--extra PAGES.jsonl.gz] [--rounds 3]

"before" is the extractor with ``html_prose``'s two hooks in ``html.read_page``
turned into no-ops (no label restore, no second opinion): the reading as it was
before them. Same process, interleaved, best of ``--rounds`` CPU-time passes
(``time.process_time``): ``extract_main_text`` alone and the pipeline's HTML
path (``clean_documents``, batches of 64). Also counts on how many pages each
hook changed something. Prints one markdown table.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from corpus_clean import html as html_mod  # noqa: E402
from corpus_clean import html_prose  # noqa: E402
from html_sections_speed import before_after, read_sets  # noqa: E402  (the same timing loop)

HOOKS = {"restore_mislabelled": html_prose.restore_mislabelled, "second_opinion": html_prose.second_opinion}
OFF = {"restore_mislabelled": lambda cuts: 0, "second_opinion": lambda *args, **kwargs: None}


def use(hooks: dict) -> None:
    for name, fn in hooks.items():
        setattr(html_prose, name, fn)


def firing(pages: list[str]) -> tuple[int, int]:
    """Pages where a label was restored, and pages where the second opinion replaced the choice."""
    fired = {"restore": set(), "opinion": set()}
    current = [0]

    def spy_restore(cuts):
        n = HOOKS["restore_mislabelled"](cuts)
        if n:
            fired["restore"].add(current[0])
        return n

    def spy_opinion(*args, **kwargs):
        out = HOOKS["second_opinion"](*args, **kwargs)
        if out is not None:
            fired["opinion"].add(current[0])
        return out

    use({"restore_mislabelled": spy_restore, "second_opinion": spy_opinion})
    try:
        for i, page in enumerate(pages):
            current[0] = i
            html_mod.extract_main_text(page)
    finally:
        use(HOOKS)
    return len(fired["restore"]), len(fired["opinion"])


def main() -> int:
    sets, rounds = read_sets(__doc__.splitlines()[0])
    print("| pages | what | before (pages/s) | after (pages/s) | after ÷ before | labels restored | second opinion taken |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, pages in sets.items():
        restored, opinion = firing(pages)
        for label, b, a in before_after(pages, rounds, lambda which: use(OFF if which == "before" else HOOKS)):
            print(f"| {name} ({len(pages)}) | {label} | {b:.0f} | {a:.0f} | {a / b:.3f} | "
                  f"{restored} ({restored / len(pages):.1%}) | {opinion} ({opinion / len(pages):.1%}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
