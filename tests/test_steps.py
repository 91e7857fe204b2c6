"""The step registry: one interface, names checked up front, a new step is one class +
one registry line, filters set documents aside with a reason, per-step stats."""
from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from corpus_clean import steps as registry
from corpus_clean.document import Document
from corpus_clean.pipeline import clean_documents
from corpus_clean.steps import Filter, Step, UnknownStepError, resolve_steps
from tests.conftest import ARTICLE, CONTENT_LINES, write_small_corpus


class CountWords(Step):
    """A test step defined here, not in the package: writes each text's word count into
    the byline column, so its effect is visible in the Parquet."""

    name = "count_words"
    description = "test step"

    def run(self, batch):
        for doc in batch:
            doc.byline = f"{len(doc.text.split())} words"
        return batch


class DropMentionsOfWestmere(Filter):
    name = "no_westmere"

    def keep(self, doc):
        return ("Westmere" not in doc.text, "mentions Westmere")


@pytest.fixture
def test_steps_registered():
    saved = dict(registry.STEPS)
    registry.register(DropMentionsOfWestmere)  # registry order is pipeline order: the filter first
    registry.register(CountWords)
    yield
    registry.STEPS.clear()
    registry.STEPS.update(saved)


def make_doc(text: str, index: int = 0) -> Document:
    return Document(id=f"d{index}", source="t", raw_text=text, raw_sha256="x", record_index=index)


def test_unknown_step_names_are_rejected_with_the_valid_ones():
    with pytest.raises(UnknownStepError) as error:
        resolve_steps(["mojibake", "bolierplate"])
    message = str(error.value)
    assert "'bolierplate'" in message and all(name in message for name in registry.STEPS)


def test_steps_run_in_registry_order_whatever_order_they_are_named_in():
    assert [s.name for s in resolve_steps(["metadata", "boilerplate", "mojibake"])] == \
        ["mojibake", "boilerplate", "metadata"]


def test_each_step_reports_documents_and_characters_in_and_out():
    docs = [make_doc(ARTICLE, i) for i in range(3)]
    stats = clean_documents(docs)
    assert list(stats) == ["mojibake", "boilerplate", "metadata", "signals"]
    cut = stats["boilerplate"]
    assert cut.documents_in == cut.documents_out == 3
    assert cut.chars_in == 3 * len(ARTICLE)
    assert cut.chars_out == sum(len(doc.text) for doc in docs) < cut.chars_in
    assert cut.chars_removed == cut.chars_in - cut.chars_out and cut.seconds >= 0
    assert stats["metadata"].chars_in == stats["metadata"].chars_out  # moves text into columns, cuts none


def test_a_subset_of_steps_leaves_the_other_fields_alone():
    [doc] = [make_doc("Caf\u00c3\u00a9 opens.\nShare this article\n")]
    clean_documents([doc], ["mojibake"])
    assert doc.text == "Café opens.\nShare this article\n" and doc.removed == [] and doc.lang is None


def test_a_filter_sets_documents_aside_with_its_reason_and_later_steps_skip_them(test_steps_registered):
    docs = [make_doc(ARTICLE, 0), make_doc(ARTICLE.replace("Eastmere", "Westmere"), 1)]
    stats = clean_documents(docs, ["mojibake", "boilerplate", "no_westmere", "count_words"])
    assert docs[0].filtered is None and docs[0].byline.endswith("words")
    assert docs[1].filtered == ("no_westmere", "mentions Westmere")
    assert docs[1].byline is None  # count_words never saw it
    assert "Facebook" not in docs[1].text  # but it keeps its cleaned text and its provenance
    assert any(r.rule for r in docs[1].removed)
    assert stats["no_westmere"].documents_in == 2 and stats["no_westmere"].documents_out == 1
    assert stats["count_words"].documents_in == 1


def test_a_step_defined_in_a_test_module_runs_through_the_real_flow(tmp_path, prefect_server, test_steps_registered):
    from flows.clean_corpus import clean_corpus

    corpus = write_small_corpus(tmp_path)
    out = tmp_path / "out"
    manifest = clean_corpus(input_path=str(corpus), output_dir=str(out), data_docs=False,
                            steps=["mojibake", "boilerplate", "metadata", "no_westmere", "count_words"])
    clean = pq.read_table(out / "clean").to_pylist()
    [article] = [row for row in clean if row["source"] == "article.txt"]
    assert article["byline"] == f"{len(article['text'].split())} words"
    assert all(line in article["text"] for line in CONTENT_LINES)

    # The Westmere copy went to filtered/, with its cleaned text and its reason; not to quarantine.
    [filtered] = pq.read_table(out / "filtered").to_pylist()
    assert filtered["filtered_by"] == "no_westmere" and filtered["filter_reason"] == "mentions Westmere"
    assert "Westmere" in filtered["text"] and "Facebook" not in filtered["text"] and filtered["removed"]
    quarantined = pq.read_table(out / "quarantine").to_pylist()
    assert all("Westmere" not in (row["text"] or "") for row in quarantined)

    on_disk = json.loads((out / "manifest.json").read_text())
    totals = on_disk["totals"]
    assert totals["filtered"] == 1 and on_disk["files"]["feed.jsonl"]["filtered"] == 1
    assert totals["read"] == totals["clean"] + totals["quarantined"] + totals["filtered"] + totals["skipped"]
    steps = {entry["step"]: entry for entry in on_disk["steps"]}
    assert list(steps) == ["mojibake", "boilerplate", "metadata", "no_westmere", "count_words"]  # as named
    assert steps["no_westmere"]["documents_out"] == steps["no_westmere"]["documents_in"] - 1
    assert steps["count_words"]["documents_in"] == steps["no_westmere"]["documents_out"]
    assert manifest["steps"] == on_disk["steps"]


def test_the_flow_rejects_an_unknown_step_before_any_work(tmp_path, prefect_server):
    from flows.clean_corpus import clean_corpus

    corpus = write_small_corpus(tmp_path)
    with pytest.raises(UnknownStepError, match="bolierplate"):
        clean_corpus(input_path=str(corpus), output_dir=str(tmp_path / "out"), steps=["bolierplate"])
    assert not (tmp_path / "out").exists()
