"""The cleaning steps in order, on Documents. Pure: no Prefect, no I/O.

    repair (mojibake, control chars, broken words) → strip boilerplate → extract metadata

Each step is a small function that takes a Document, fills in its fields and counts
what it did, so a shard's counters can be summed into the run report. Boilerplate
removal takes a batch of documents at once (same result per document, less numpy
call overhead); the other steps go one document at a time.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from corpus_clean import extract
from corpus_clean.boilerplate import join_broken_words, strip_boilerplate_many
from corpus_clean.document import Document
from corpus_clean.mojibake import repair

ALL_STEPS = ("mojibake", "boilerplate", "metadata")


@dataclass
class StepCounters:
    """What the steps did over many documents: fixes and removals per rule, chars cut."""

    fixes: Counter = field(default_factory=Counter)
    removed_by_rule: Counter = field(default_factory=Counter)
    chars_removed_by_rule: Counter = field(default_factory=Counter)
    documents: int = 0

    def add(self, doc: Document) -> None:
        self.documents += 1
        self.fixes.update(doc.fixes)
        for removal in doc.removed:
            self.removed_by_rule[removal.rule] += 1
            self.chars_removed_by_rule[removal.rule] += removal.end - removal.start

    def merge(self, other: "StepCounters") -> None:
        self.documents += other.documents
        self.fixes.update(other.fixes)
        self.removed_by_rule.update(other.removed_by_rule)
        self.chars_removed_by_rule.update(other.chars_removed_by_rule)


def html_to_text(doc: Document) -> None:
    """HTML input: the page's visible text becomes the raw text, and main-content
    extraction's cuts (navigation, comments, captions...) its first removals; its
    metadata fills the columns. The cuts are applied after repair
    (``corpus_clean.html.finish_html_documents``), so their offsets index the
    repaired text like every other removal."""
    if doc.html is None:
        return
    from corpus_clean.html import extract_main_text  # lazy: text-only runs skip the parser

    extraction = extract_main_text(doc.html)
    doc.raw_text = extraction.visible_text
    doc.removed = extraction.removed
    doc.title = extraction.title
    doc.byline = extraction.byline
    doc.published = extract.parse_published(extraction.published)
    doc.lang = extraction.lang.split("-")[0].lower() if extraction.lang else None


def repair_text(doc: Document) -> None:
    """Mojibake/control characters, then words broken across a blank line."""
    text, fixes = repair(doc.raw_text)
    text, joined = join_broken_words(text)
    if joined:
        fixes = {**fixes, "broken_word_joined": joined}
    doc.repaired_text = text
    doc.fixes = fixes


def remove_boilerplate(docs: list[Document]) -> None:
    """Rule packs + line classifier on plain text; HTML documents get their extraction
    cuts and the packs' marker rules only (``corpus_clean.html.finish_html_documents``:
    the other rules cost F1 on extracted text on every benchmark)."""
    text_docs = [doc for doc in docs if doc.html is None]
    if text_docs:
        results = strip_boilerplate_many([doc.repaired_text for doc in text_docs])
        for doc, (text, removed) in zip(text_docs, results):
            doc.text, doc.removed = text, removed
    _finish_html([doc for doc in docs if doc.html is not None], rule_packs=None)


def _finish_html(docs: list[Document], rule_packs: bool | None) -> None:
    if docs:
        from corpus_clean.html import finish_html_documents

        finish_html_documents(docs, rule_packs=rule_packs)


def extract_metadata(doc: Document) -> None:
    """Title/byline/date from the labelled cuts (HTML metadata wins when present)."""
    doc.title = doc.title or extract.first_removed(doc.removed, (".headline", ".title"))
    doc.byline = doc.byline or extract.clean_byline(extract.first_removed(doc.removed, (".byline",)))
    doc.published = doc.published or extract.parse_published(
        extract.first_removed(doc.removed, (".dateline",))
    )
    doc.lang = doc.lang or extract.detect_language(doc.text)


def clean_document(doc: Document, steps: tuple[str, ...] = ALL_STEPS) -> Document:
    """Run the chosen steps on one document, in pipeline order. Returns the same object."""
    clean_documents([doc], steps)
    return doc


def clean_documents(docs: list[Document], steps: tuple[str, ...] = ALL_STEPS) -> None:
    """``clean_document`` on each of `docs` (the same result), boilerplate in one batch."""
    for doc in docs:
        html_to_text(doc)
        if "mojibake" in steps:
            repair_text(doc)
        else:
            doc.repaired_text = doc.raw_text
    if "boilerplate" in steps:
        remove_boilerplate(docs)
    else:
        for doc in docs:
            doc.text = doc.repaired_text
        _finish_html([doc for doc in docs if doc.html is not None], rule_packs=False)
    if "metadata" in steps:
        for doc in docs:
            extract_metadata(doc)


def clean_text(text: str, *, source: str = "<string>", html: str | None = None) -> Document:
    """Convenience for tests and notebooks: clean one string (or one HTML page)."""
    from corpus_clean.document import sha256_hex, stable_id

    raw = html if html is not None else text
    doc = Document(id=stable_id(source, 0), source=source, raw_text=text,
                   raw_sha256=sha256_hex(raw.encode("utf-8", "surrogatepass")), html=html)
    return clean_document(doc)
