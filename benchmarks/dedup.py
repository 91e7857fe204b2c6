#!/usr/bin/env python3
"""Near-duplicate removal on a planted corpus, datasketch vs rensa, and quality-signal speed.

    python benchmarks/dedup.py [--articles 1500] [--million 1000000] [--skip-million]

Needs the bench extra for the comparison (`uv pip install datasketch==2.0.0`); nothing
from ../shared: the corpus is generated here, deterministically, from this file's own
sentence templates and vocabulary.

The planted corpus (``planted_corpus``): distinct news articles built from sentence
templates, each published on a "site" whose page furniture (header, menu, share bar,
related links, newsletter box, a long publisher blurb, footer) wraps the body. Planted:

- exact copies: the same page again (other id);
- near copies: 5-12 % of the body's words substituted, deleted or inserted, on a
  DIFFERENT site (other furniture), with the paragraphs re-wrapped;
- distinct articles that share long page furniture and the same topic (same site, same
  topic vocabulary): they must never merge.

Every page goes through ``corpus_clean.pipeline.clean_documents`` first, as in a run.
Copies come after their original in the record order (so the original is the one kept).
Two template sets: "tuning" (parameters chosen here) and "held-out" (other templates,
vocabulary, sites and seed; only checked).

Tables: quality per parameter set (tuning; in-sample), quality of the chosen parameters
on both corpora, datasketch vs rensa (signature speed per core, estimates, memory),
index memory / save / load / size at --million signatures, and compute_signals speed
next to the cleaning pipeline's own per-document time.
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

# One thread per library, so speeds are per core (rensa's batch APIs can use Rayon).
os.environ.setdefault("RAYON_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pyarrow as pa  # noqa: E402

from corpus_clean import dedup  # noqa: E402
from corpus_clean.dedup import DedupIndex, DedupParams  # noqa: E402
from corpus_clean.document import Document  # noqa: E402
from corpus_clean.pipeline import clean_documents  # noqa: E402

# --------------------------------------------------------------------------------------
# The planted corpus
# --------------------------------------------------------------------------------------

FIRST = "Ana Ben Carla Dmitri Elif Farid Greta Hugo Ines Jonas Kemal Lena Marta Nadia Oskar Priya Quentin Rosa Sami Tomas Uma Viktor Wanda Yusuf Zoe Aaron Bianca Cyril Dora Emil".split()
LAST = "Okafor Lindqvist Moreau Tanaka Kowalski Haddad Brennan Silva Novak Petrov Schmidt Ferreira Costa Nakamura Oyelaran Duarte Hansen Rossi Kaya Morales Jensen Varga Castillo Byrne Ionescu Weber Mensah Larsen Ortega Kim".split()

TEMPLATE_SETS = {
    "tuning": {
        "seed": 14,
        "places": "Eastmere Harwick Lowford Bellhaven Corran Dunmore Fairlie Glenavon Kestrel Bay Millbrook Norwood Pembury Redcastle Saltash Thornby Upwell Westcombe Yarrow Ashgrove Brackley".split(),
        "topics": {
            "council": ("budget levy reserve pier bridge library depot allotment tender audit ward bypass roundabout "
                        "pavement streetlight grant surplus deficit contract", "council committee cabinet treasury planning board"),
            "weather": ("flood storm gale drought reservoir river bank culvert sandbag warning rainfall snowfall "
                        "heatwave frost tide surge embankment forecast", "met office flood agency coastguard water board"),
            "sport": ("final derby goal penalty striker keeper coach season league cup trophy stadium fixture "
                      "transfer injury replay semifinal squad", "rovers athletic united wanderers city club"),
            "science": ("comet telescope glacier survey sample genome fossil reactor probe orbit sensor dataset "
                        "laboratory vaccine trial microscope satellite", "observatory university institute agency academy"),
        },
        "sentences": [
            "{person}, who leads the {org}, said the {noun} would be ready before {month}.",
            "The {org} in {place} agreed on {day} to spend more on the {noun} and less on the {noun2}.",
            "Residents of {place} have complained for years that the {noun} was neglected.",
            "According to {person}, the {noun2} cost {number} thousand pounds more than planned.",
            "A spokesperson for the {org} declined to comment on the {noun} until {month}.",
            "{person} told reporters that the {noun} in {place} had surprised everyone involved.",
            "Work on the {noun2} is expected to start in {month}, weeks later than first announced.",
            "Critics say the {org} ignored warnings about the {noun} for almost {number} months.",
            "Several people who attended the meeting in {place} asked why the {noun2} took so long.",
            "The {noun} had not been inspected since {month}, a report by {person} found.",
            "Officials from {place} and {place2} will meet again on {day} to discuss the {noun}.",
            "In a statement, the {org} promised a full review of the {noun2} by the end of {month}.",
            "{person} said the decision on the {noun} was the hardest of the year.",
            "Local businesses in {place} fear the {noun2} will keep customers away for {number} weeks.",
            "The vote on the {noun} passed by {number} to {number2} after a long debate.",
            "Nobody was hurt, but the {noun2} near {place} remains closed for now.",
            "{person} and {person2} both argued that the {noun} deserved a second look.",
            "Figures released on {day} show the {noun} has grown by {number} per cent since {month}.",
        ],
        "sites": ["The Eastmere Gazette", "Harwick Evening Post", "Lowford Courier", "Bellhaven Herald", "Corran Daily"],
    },
    "held-out": {
        "seed": 2718,
        "places": "Arkwell Brindle Calder Vale Dorrow Edgemoor Falkirk Green Grayling Hollins Islay Point Jarrow Keld Larch Hill Morwen Nessby Orrin Quarry End Rilston Stavely Tarn Vicker".split(),
        "topics": {
            "transport": ("tram timetable signal platform ticket fare depot carriage junction tunnel viaduct "
                          "bus lane cycle path ferry route timetable", "transit authority rail operator ferry company ports trust"),
            "health": ("clinic ward waiting list ambulance surgery nurse rota pharmacy outbreak screening vaccine "
                       "hospital bed appointment therapy", "health board hospital trust nursing union medical council"),
            "schools": ("classroom curriculum exam timetable teacher pupil playground canteen inspection "
                        "library laptop scholarship apprenticeship uniform", "education board school trust teachers union parents forum"),
            "business": ("factory shipment warehouse harvest orchard export tariff loan payroll shift store "
                         "market rent mortgage dividend", "chamber of commerce trade body credit union farmers cooperative"),
        },
        "sentences": [
            "Speaking on {day}, {person} of the {org} described the {noun} as overdue.",
            "Families across {place} say the {noun2} has changed their daily routine.",
            "The {org} confirmed that {number} staff would work on the {noun} this winter.",
            "It is the first time since {month} that the {noun} has been discussed in public.",
            "{person} warned that without the {noun2}, {place} could fall behind {place2}.",
            "A survey of {number} households found strong support for the {noun}.",
            "Plans for the {noun2} were first drawn up by {person2} more than a decade ago.",
            "The {org} has set aside {number} million for the {noun} over three years.",
            "Opposition members asked whether the {noun} had been properly costed.",
            "Behind the scenes, officials in {place} were already preparing for the {noun2}.",
            "{person} admitted the {org} had underestimated the demand for the {noun}.",
            "Those living closest to the {noun2} will be offered compensation from {month}.",
            "By {month}, the {org} hopes to publish a timetable for the {noun}.",
            "Meanwhile, {person2} said the {noun2} in {place2} had worked better than expected.",
            "The row over the {noun} is likely to return when the {org} meets on {day}.",
            "Visitors to {place} may notice the {noun2} being tested over the coming weeks.",
        ],
        "sites": ["Arkwell Observer", "Calder Vale Times", "Morwen Chronicle", "Tarn Valley News", "Jarrow Bulletin"],
    },
}

MONTHS = "January February March April May June July August September October November December".split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
FILLER_WORDS = "the new local old public small large early late main second other major recent".split()


def site_furniture(site: str, topic: str, rng: random.Random) -> tuple[list[str], list[str]]:
    """Page furniture of one site: (lines before the body, lines after it). Long on purpose
    (a related-links list and a publisher blurb), since articles on one site share it."""
    sections = " | ".join(["Home", "News", topic.title(), "Sport", "Business", "Weather", "Opinion"])
    header = [site, sections, "Skip to main content", "Share Tweet Email"]
    related = ["Related stories"] + [
        f"{rng.choice(FIRST)} {rng.choice(LAST)} on why the {topic} plans matter" for _ in range(4)]
    blurb = (f"{site} has served readers for more than a century. Our journalism is funded by readers "
             f"like you: subscribe for unlimited access to local news, puzzles and our weekly magazine, "
             f"and get the morning briefing delivered to your inbox every weekday.")
    footer = ["Facebook Twitter WhatsApp Email", "Sign up for our newsletter", *related, blurb,
              f"© 2026 {site} Ltd. All rights reserved.", "About us | Contact | Privacy policy | Terms of use"]
    return header, footer


@dataclass
class Article:
    topic: str
    title: str
    paragraphs: list[list[str]]  # paragraphs of words


def make_article(templates: dict, rng: random.Random) -> Article:
    topic = rng.choice(sorted(templates["topics"]))
    nouns, orgs = templates["topics"][topic]
    nouns, orgs = nouns.split(), orgs.split()
    place = rng.choice(templates["places"])

    def fill(sentence: str) -> str:
        return sentence.format(
            person=f"{rng.choice(FIRST)} {rng.choice(LAST)}", person2=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            org=f"{rng.choice(FILLER_WORDS)} {rng.choice(orgs)}", noun=f"{rng.choice(FILLER_WORDS)} {rng.choice(nouns)}",
            noun2=rng.choice(nouns), place=place if rng.random() < 0.6 else rng.choice(templates["places"]),
            place2=rng.choice(templates["places"]), month=rng.choice(MONTHS), day=rng.choice(DAYS),
            number=rng.randint(2, 95), number2=rng.randint(2, 95))

    n_sentences = rng.choice([rng.randint(5, 10), rng.randint(12, 40)])  # some short articles
    sentences = [fill(rng.choice(templates["sentences"])) for _ in range(n_sentences)]
    paragraphs, i = [], 0
    while i < len(sentences):
        take = rng.randint(2, 4)
        paragraphs.append(" ".join(sentences[i:i + take]).split())
        i += take
    title = f"{place} {rng.choice(nouns)} {rng.choice(['row', 'plan', 'vote', 'delay', 'warning'])} {rng.choice(['deepens', 'approved', 'announced', 'questioned'])}".title()
    return Article(topic, title, paragraphs)


def edit_words(paragraphs: list[list[str]], rate: float, vocabulary: list[str], rng: random.Random) -> list[list[str]]:
    """Change `rate` of the words: substitute (60 %), delete (20 %) or insert (20 %) at
    random positions, never emptying a paragraph."""
    paragraphs = [list(p) for p in paragraphs]
    n_words = sum(len(p) for p in paragraphs)
    for _ in range(max(1, round(rate * n_words))):
        p = rng.choice([p for p in paragraphs if len(p) > 1])
        k = rng.randrange(len(p))
        action = rng.random()
        if action < 0.6:
            p[k] = rng.choice(vocabulary)
        elif action < 0.8:
            del p[k]
        else:
            p.insert(k, rng.choice(vocabulary))
    return paragraphs


def render(article: Article, paragraphs: list[list[str]], site: str, rng: random.Random, wrap: bool) -> str:
    """A page: site header, title, body, furniture. `wrap` hard-wraps paragraphs at ~70
    characters (another site's layout); the cleaner joins them back into paragraphs or not,
    either way the words are the same."""
    header, footer = site_furniture(site, article.topic, rng)
    body = []
    for words in paragraphs:
        text = " ".join(words)
        if wrap:
            lines, line = [], []
            for word in words:
                line.append(word)
                if sum(len(w) + 1 for w in line) > 70:
                    lines.append(" ".join(line))
                    line = []
            text = "\n".join(lines + ([" ".join(line)] if line else []))
        body.append(text)
    middle = rng.randint(1, max(1, len(body) - 1))
    body.insert(middle, "Advertisement")
    return "\n".join(header + [article.title, ""] + ["\n\n".join(body), ""] + footer) + "\n"


@dataclass
class Planted:
    texts: list[str]          # raw pages, in record order
    family: list[int]         # article each page is a copy of
    kind: list[str]           # original | exact | near
    edit_rate: list[float]


def planted_corpus(name: str, n_articles: int, exact_share: float = 0.1, near_share: float = 0.25) -> Planted:
    """Deterministic planted corpus for one template set (see the module docstring)."""
    templates = TEMPLATE_SETS[name]
    rng = random.Random(templates["seed"])
    vocabulary = sorted({w for nouns, _ in templates["topics"].values() for w in nouns.split()} | set(FILLER_WORDS))
    articles = [make_article(templates, rng) for _ in range(n_articles)]
    # Same topic on the same site: distinct articles sharing the long furniture.
    sites = [templates["sites"][hash_topic(a.topic) % len(templates["sites"])] for a in articles]
    pages: list[tuple[int, str, str, float]] = []
    for family, article in enumerate(articles):
        pages.append((family, "original", render(article, article.paragraphs, sites[family], rng, False), 0.0))
    copies = []
    for family, article in enumerate(articles):
        if rng.random() < exact_share:
            copies.append((family, "exact", pages[family][2], 0.0))
        if rng.random() < near_share:
            rate = rng.uniform(0.05, 0.12)
            other_site = rng.choice([s for s in templates["sites"] if s != sites[family]])
            edited = edit_words(article.paragraphs, rate, vocabulary, rng)
            copies.append((family, "near", render(article, edited, other_site, rng, True), rate))
    # Originals in order; each copy at a random later point (sort keys: family index for
    # an original, a random number past it for a copy).
    keyed = [(float(family), page) for family, page in enumerate(pages)]
    keyed += [(rng.uniform(copy[0] + 0.5, n_articles), copy) for copy in copies]
    order = [page for _, page in sorted(keyed, key=lambda kp: kp[0])]
    return Planted([p[2] for p in order], [p[0] for p in order], [p[1] for p in order], [p[3] for p in order])


def hash_topic(topic: str) -> int:
    return sum(map(ord, topic))


def clean_pages(texts: list[str]) -> tuple[list[str], list[str | None], float]:
    """The pipeline's cleaning on every page, in batches as a shard runs it. Returns the
    clean texts, their languages and the seconds it took."""
    docs = [Document(id=f"doc{i:07d}", source="planted", raw_text=t, raw_sha256="") for i, t in enumerate(texts)]
    start = time.perf_counter()
    for i in range(0, len(docs), 64):
        clean_documents(docs[i:i + 64])
    return [d.text for d in docs], [d.lang for d in docs], time.perf_counter() - start


# --------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------

def score(corpus: Planted, assignments: pa.Table) -> dict:
    """Exact / near copies caught (marked a duplicate of their own article), and distinct
    articles merged (any document marked a duplicate of another article's document)."""
    position = {f"doc{i:07d}": i for i in range(len(corpus.texts))}
    dup_of = assignments.column("duplicate_of").to_pylist()
    counts = {"exact": [0, 0], "near": [0, 0]}
    merged = 0
    originals_marked = 0
    for i, target in enumerate(dup_of):
        kind = corpus.kind[i]
        same = target is not None and corpus.family[position[target]] == corpus.family[i]
        if target is not None and not same:
            merged += 1
        if kind == "original":
            originals_marked += target is not None
        else:
            counts[kind][0] += same
            counts[kind][1] += 1
    return {"exact": counts["exact"], "near": counts["near"], "merged": merged, "originals_marked": originals_marked}


def similarity_margin(corpus: Planted, texts: list[str], params: DedupParams) -> dict[str, float]:
    """Estimated Jaccard (fraction of equal signature slots) of the closest two distinct
    articles (all pairs of originals) and of the farthest near copy from its original."""
    table = dedup.signature_table([str(i) for i in range(len(texts))], texts, params)
    matrix = dedup.signature_matrix(table, params)
    originals = np.array([i for i, k in enumerate(corpus.kind) if k == "original"])
    closest = 0.0
    for start in range(0, len(originals), 200):
        block = matrix[originals[start:start + 200]]
        agree = (block[:, None, :] == matrix[originals][None, :, :]).mean(axis=2)
        for row, i in enumerate(range(start, min(start + 200, len(originals)))):
            agree[row, i] = 0.0  # not with itself
        closest = max(closest, float(agree.max()))
    original_of = {corpus.family[i]: i for i in originals}
    near = [i for i, k in enumerate(corpus.kind) if k == "near"]
    farthest = min(float((matrix[i] == matrix[original_of[corpus.family[i]]]).mean()) for i in near)
    return {"closest distinct": closest, "farthest near copy": farthest}


def run_dedup(ids: list[str], texts: list[str], params: DedupParams) -> pa.Table:
    index = DedupIndex(params)
    return index.assign(dedup.signature_table(ids, texts, params))


def percent(pair: list[int]) -> str:
    return f"{pair[0]}/{pair[1]} ({100 * pair[0] / max(1, pair[1]):.1f} %)"


# --------------------------------------------------------------------------------------
# datasketch next to rensa
# --------------------------------------------------------------------------------------

def datasketch_signatures(shingle_sets: list[list[str]], params: DedupParams) -> np.ndarray:
    """The same signatures' role with datasketch 2.0 (MinHash.bulk, SHA-1 32-bit hashing)."""
    from datasketch import MinHash

    hashes = MinHash.bulk([[s.encode() for s in shingles] for shingles in shingle_sets],
                          num_perm=params.num_perm, seed=params.seed)
    return np.stack([h.hashvalues for h in hashes]).astype(np.uint32)


def rensa_string_signatures(shingle_sets: list[list[str]], params: DedupParams) -> np.ndarray:
    """rensa hashing the shingle strings itself (the pipeline's path until the batch hashing)."""
    from rensa import RMinHash

    matrix = RMinHash.digest_matrix_from_token_sets(shingle_sets, num_perm=params.num_perm, seed=params.seed)
    return np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(shingle_sets), params.num_perm)


def signature_speed(texts: list[str], params: DedupParams, repeat: int) -> dict[str, float]:
    """Documents/s per core (CPU time) for normalise+shingle as Python strings, both
    libraries on those strings, and the pipeline's whole path (``signature_table``: words
    hashed over the batch, rensa on the hashes), interleaved, best of `repeat`."""
    words = [dedup.normalised_words(t) for t in texts]
    sets = [dedup.shingles(w, params.shingle_words) for w in words]
    ids = [str(i) for i in range(len(texts))]
    steps = {
        "shingling": lambda: [dedup.shingles(dedup.normalised_words(t), params.shingle_words) for t in texts],
        "rensa": lambda: rensa_string_signatures(sets, params),
        "datasketch": lambda: datasketch_signatures(sets, params),
        "pipeline": lambda: [dedup.signature_table(ids[s:s + 256], texts[s:s + 256], params)
                             for s in range(0, len(texts), 256)],
    }
    best = {name: 1e9 for name in steps}
    for _ in range(repeat):
        for name, step in steps.items():
            start = time.process_time()
            step()
            best[name] = min(best[name], time.process_time() - start)
    return {k: len(texts) / v for k, v in best.items()}


def object_memory(texts: list[str], params: DedupParams) -> dict[str, float]:
    """Bytes per document to hold each library's signature objects (tracemalloc), and our
    index's matrix row."""
    sets = [dedup.shingles(dedup.normalised_words(t), params.shingle_words) for t in texts]
    from datasketch import LeanMinHash, MinHash
    from rensa import RMinHash

    out = {}
    gc.collect()
    tracemalloc.start()
    kept = [LeanMinHash(m) for m in MinHash.bulk([[s.encode() for s in x] for x in sets],
                                                  num_perm=params.num_perm, seed=params.seed)]
    out["datasketch LeanMinHash"] = tracemalloc.get_traced_memory()[0] / len(texts)
    tracemalloc.stop()
    del kept
    gc.collect()
    tracemalloc.start()
    kept = RMinHash.from_token_sets(sets, num_perm=params.num_perm, seed=params.seed)
    out["rensa RMinHash (Rust memory not traced: + 4 B × num_perm)"] = (
        tracemalloc.get_traced_memory()[0] / len(texts) + 4 * params.num_perm)
    tracemalloc.stop()
    del kept
    out["our index: uint32 row"] = 4 * params.num_perm
    return out


def print_stage_speeds(pages: list[str], repeat: int) -> None:
    """Per-document time of the cleaning pipeline, compute_signals (with and without its
    own py3langid pass) and the dedup stage on the same pages, interleaved in one process,
    best of `repeat`: on a shared machine only these ratios mean something."""
    from corpus_clean.extract import language_score
    from corpus_clean.signals import compute_signals

    texts, langs, _ = clean_pages(pages)
    ids = [f"doc{i:07d}" for i in range(len(texts))]
    scores = [language_score(t)[1] for t in texts]
    steps = {
        "cleaning pipeline (repair, boilerplate, metadata), the baseline": lambda: clean_pages(pages),
        "compute_signals, own py3langid pass for lang_score": lambda: compute_signals(texts, langs),
        "compute_signals, lang_scores passed in (py3langid already ran for `lang`)":
            lambda: compute_signals(texts, langs, lang_scores=scores),
        "dedup stage: normalise + shingle + rensa signatures + assign": lambda: run_dedup(ids, texts, DedupParams()),
    }
    best = dict.fromkeys(steps, 1e9)
    for _ in range(repeat):
        for name, step in steps.items():
            start = time.perf_counter()
            step()
            best[name] = min(best[name], time.perf_counter() - start)
    baseline = best[next(iter(steps))]
    raw_kb = sum(len(p) for p in pages) / 4096
    print(f"## Per-document speed ({len(pages)} held-out pages, {raw_kb * 4:,.0f} KB raw, interleaved, best of {repeat})\n")
    print("| step | documents/s (one core) | ms per 4 KB of raw page | time vs cleaning |")
    print("|---|---:|---:|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {len(pages) / seconds:,.0f} | {1000 * seconds / raw_kb:.2f} | {seconds / baseline:.2f}× |")


# --------------------------------------------------------------------------------------
# The index at scale
# --------------------------------------------------------------------------------------

def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def million_index(n: int, params: DedupParams) -> list[tuple[str, str]]:
    """Index of `n` signatures (random slots, like distinct documents' minima, so nothing
    compresses that would not in a real index): assign, memory, save, load, size."""
    rng = np.random.default_rng(0)
    matrix = rng.integers(0, 2**32, size=(n, params.num_perm), dtype=np.uint32)
    table = pa.Table.from_arrays([
        pa.array([f"{i:032x}" for i in range(n)]),
        pa.array(rng.integers(0, 2**63, size=n, dtype=np.uint64)),
        pa.array(np.full(n, 500, dtype=np.int64)),
        pa.FixedSizeListArray.from_arrays(pa.array(matrix.ravel()), params.num_perm),
    ], schema=dedup.signature_schema(params))
    del matrix
    gc.collect()
    rows = []
    before = rss_mb()
    start = time.perf_counter()
    index = DedupIndex(params)
    index.assign(table)
    rows.append(("assign (group by band + verify), all new", f"{time.perf_counter() - start:.1f} s"))
    del table
    gc.collect()
    rows.append(("index memory: RSS growth after assign", f"{rss_mb() - before:.0f} MB"))
    for part, size in index.memory_bytes().items():
        rows.append((f"index memory: {part}", f"{size / 1e6:.0f} MB"))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    rows.append(("peak RSS of this process so far", f"{peak:.0f} MB"))
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        index.save(tmp)
        rows.append(("save (zstd Parquet part)", f"{time.perf_counter() - start:.1f} s"))
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        rows.append(("size on disk", f"{size / 1e6:.0f} MB"))
        del index
        gc.collect()
        start = time.perf_counter()
        loaded = DedupIndex.load(tmp, params)
        rows.append(("load (read parts, rebuild sorted keys)", f"{time.perf_counter() - start:.1f} s"))
        # A next run against the loaded index.
        extra = dedup.signature_table([f"new{i}" for i in range(2000)],
                                      [" ".join(random.Random(i).choices(FIRST + LAST, k=300)) for i in range(2000)],
                                      params)
        start = time.perf_counter()
        loaded.assign(extra)
        rows.append((f"assign 2,000 new documents against {n:,}", f"{time.perf_counter() - start:.1f} s"))
    return rows


# --------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------

GRID_SHINGLES = (2, 3, 4, 5)
GRID_BANDS = ((128, 32, 4), (128, 16, 8), (128, 64, 2), (64, 16, 4), (64, 32, 2))
GRID_THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--million", type=int, default=1_000_000)
    parser.add_argument("--skip-million", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    corpora, cleaned, clean_seconds, languages = {}, {}, {}, {}
    for name in TEMPLATE_SETS:
        corpora[name] = planted_corpus(name, args.articles)
        cleaned[name], languages[name], clean_seconds[name] = clean_pages(corpora[name].texts)
    ids = {name: [f"doc{i:07d}" for i in range(len(c.texts))] for name, c in corpora.items()}

    print("## Planted corpora\n")
    print("| corpus | pages | originals | exact copies | near copies (5-12 % words changed, other site) | sites |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, c in corpora.items():
        print(f"| {name} | {len(c.texts)} | {c.kind.count('original')} | {c.kind.count('exact')} | "
              f"{c.kind.count('near')} | {len(TEMPLATE_SETS[name]['sites'])} |")

    # Tuning: every grid point on the tuning corpus only.
    print("\n## Parameter grid on the tuning corpus (in-sample)\n")
    print("| shingle words | num_perm | bands×rows | threshold | exact caught | near caught | distinct merged |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    results = []
    for n in GRID_SHINGLES:
        for num_perm, bands, rows in GRID_BANDS:
            for threshold in GRID_THRESHOLDS:
                params = DedupParams(shingle_words=n, num_perm=num_perm, bands=bands, rows=rows, threshold=threshold)
                s = score(corpora["tuning"], run_dedup(ids["tuning"], cleaned["tuning"], params))
                results.append((params, s))
                print(f"| {n} | {num_perm} | {bands}×{rows} | {threshold} | {percent(s['exact'])} | "
                      f"{percent(s['near'])} | {s['merged']} |")
    # Choice: no merge and every exact copy; then most near copies; among the signature
    # settings that reach it, the one whose admissible thresholds span the widest range
    # (the most margin on both sides), then the cheaper signature; threshold: the middle
    # of that range.
    admissible = [(p, s) for p, s in results if s["merged"] == 0 and s["exact"][0] == s["exact"][1]]
    best_near = max(s["near"][0] for _, s in admissible)
    ranges: dict[tuple, list[float]] = {}
    for p, s in admissible:
        if s["near"][0] == best_near:
            ranges.setdefault((p.shingle_words, p.num_perm, p.bands, p.rows), []).append(p.threshold)
    (n, num_perm, bands, rows), thresholds = max(
        ranges.items(), key=lambda kv: (max(kv[1]) - min(kv[1]), -kv[0][1]))
    middle = sorted(thresholds)[len(thresholds) // 2]
    chosen = DedupParams(shingle_words=n, num_perm=num_perm, bands=bands, rows=rows, threshold=middle)
    print(f"\nAdmissible thresholds for the chosen signature: {sorted(thresholds)}")
    print(f"\nChosen on the tuning corpus: {chosen}; code default: {DedupParams()}\n")

    print("## Chosen parameters: tuning (in-sample) and held-out corpora\n")
    if chosen != DedupParams():
        print(f"**The code default {DedupParams()} differs from the choice: update DedupParams.**\n")
    print("| corpus | exact copies caught | near copies caught | distinct articles merged | originals marked duplicate "
          "| closest two distinct articles (est. Jaccard) | farthest near copy (est. Jaccard) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in corpora:
        s = score(corpora[name], run_dedup(ids[name], cleaned[name], chosen))
        margin = similarity_margin(corpora[name], cleaned[name], chosen)
        print(f"| {name} | {percent(s['exact'])} | {percent(s['near'])} | {s['merged']} | {s['originals_marked']} "
              f"| {margin['closest distinct']:.3f} | {margin['farthest near copy']:.3f} |")
    print(f"\nThreshold {chosen.threshold}: a pair is merged when its estimated Jaccard is >= it.")

    params = DedupParams()
    print("\n## datasketch 2.0.0 vs rensa 0.5.0 (same process, interleaved, best of "
          f"{args.repeat}; held-out corpus, one thread)\n")
    speed = signature_speed(cleaned["held-out"], params, args.repeat)
    words = [dedup.normalised_words(t) for t in cleaned["held-out"]]
    sets = [dedup.shingles(w, params.shingle_words) for w in words]
    print("| step | documents/s per core |")
    print("|---|---:|")
    print(f"| normalise + shingle as Python strings (for both libraries below) | {speed['shingling']:,.0f} |")
    print(f"| rensa RMinHash signatures of the shingle strings | {speed['rensa']:,.0f} |")
    print(f"| datasketch MinHash.bulk signatures of the shingle strings | {speed['datasketch']:,.0f} |")
    print(f"| the pipeline: `signature_table` (words and shingles hashed over the batch, rensa on the hashes; "
          f"all included) | {speed['pipeline']:,.0f} |")
    with_ds = DedupIndex(params)
    table = dedup.signature_table(ids["held-out"], cleaned["held-out"], params)
    ds_matrix = datasketch_signatures(sets, params)
    ds_table = table.set_column(3, "minhash", pa.FixedSizeListArray.from_arrays(pa.array(ds_matrix.ravel()), params.num_perm))
    s_ds = score(corpora["held-out"], with_ds.assign(ds_table))
    s_rs = score(corpora["held-out"], DedupIndex(params).assign(table))
    print("\n| library | exact caught | near caught | distinct merged |")
    print("|---|---:|---:|---:|")
    print(f"| rensa | {percent(s_rs['exact'])} | {percent(s_rs['near'])} | {s_rs['merged']} |")
    print(f"| datasketch | {percent(s_ds['exact'])} | {percent(s_ds['near'])} | {s_ds['merged']} |")
    mem = object_memory(cleaned["held-out"], params)
    print("\n| signatures held as | bytes per document |")
    print("|---|---:|")
    for k, v in mem.items():
        print(f"| {k} | {v:,.0f} |")

    print_stage_speeds(corpora["held-out"].texts[:600], args.repeat)

    if not args.skip_million:
        print(f"\n## Index with {args.million:,} signatures ({params.num_perm} slots)\n")
        print("| what | measured |")
        print("|---|---:|")
        for what, value in million_index(args.million, params):
            print(f"| {what} | {value} |")


if __name__ == "__main__":
    main()
