"""The built-in steps, each a thin wrapper around its pure module in corpus_clean/."""
from __future__ import annotations

from corpus_clean import extract
from corpus_clean.boilerplate import join_broken_words, strip_boilerplate_many
from corpus_clean.document import Document
from corpus_clean.mojibake import repair
from corpus_clean.steps.base import Step


class RepairMojibake(Step):
    """Mojibake and control characters (``corpus_clean.mojibake.repair``), then words
    broken across a blank line. Sets ``repaired_text``: every later offset indexes it."""

    name = "mojibake"
    description = "repair mojibake, HTML entities, control characters, broken words"

    def run(self, batch: list[Document]) -> list[Document]:
        for doc in batch:
            text, fixes = repair(doc.raw_text)
            text, joined = join_broken_words(text)
            if joined:
                fixes = {**fixes, "broken_word_joined": joined}
            doc.repaired_text = doc.text = text
            doc.fixes = fixes
        html_docs = [doc for doc in batch if doc.html is not None]
        if html_docs:  # the extraction's cuts follow the repair
            from corpus_clean.html import rebase_cuts

            rebase_cuts(html_docs)
        return batch


class StripBoilerplate(Step):
    """Rule packs + line classifier on plain text. On text extracted from HTML only the
    packs' marker rules (``corpus_clean.html.finish_html_documents``): the classifier,
    fit on flattened pages, and the packs' other rules cut real paragraphs of extracted
    text (benchmarks/RESULTS-html.md)."""

    name = "boilerplate"
    description = "cut boilerplate lines and spans, recording each cut and its rule"

    def run(self, batch: list[Document]) -> list[Document]:
        text_docs = [doc for doc in batch if doc.html is None]
        if text_docs:
            results = strip_boilerplate_many([doc.repaired_text for doc in text_docs])
            for doc, (text, removed) in zip(text_docs, results):
                doc.text, doc.removed = text, removed
        html_docs = [doc for doc in batch if doc.html is not None]
        if html_docs:
            from corpus_clean.html import finish_html_documents

            finish_html_documents(html_docs)
        return batch


class ExtractMetadata(Step):
    """Title/byline/date from the labelled cuts (HTML metadata wins when present), and
    the language of the clean text."""

    name = "metadata"
    description = "move title, byline, published date into columns; detect the language"

    def run(self, batch: list[Document]) -> list[Document]:
        for doc in batch:
            doc.title = doc.title or extract.first_removed(doc.removed, (".headline", ".title"))
            doc.byline = doc.byline or extract.clean_byline(extract.first_removed(doc.removed, (".byline",)))
            doc.published = doc.published or extract.parse_published(
                extract.first_removed(doc.removed, (".dateline",)))
            # Always our own detector (<html lang> is in declared_lang); its probability is
            # kept for the signals step, which would otherwise run language id again.
            doc.lang, doc.lang_score = extract.language_score(doc.text)
        return batch
