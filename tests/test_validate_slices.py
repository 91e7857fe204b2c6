"""Validation's per-row searches over a whole shard, a slice at a time (what the validate
task does when one process cleaned): the same results as over the table at once, and the
same report from GX."""
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean.validate import ValidationConfig, row_checks, row_checks_in_slices, validate_table
from tests.test_validate import CLEAN_TEXT, NOISE, make_row, table


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NOISE), st.sampled_from(NOISE), st.sampled_from([None, "Ana", "Jos\ufffd"])),
                max_size=30), st.integers(1, 12))
def test_slices_give_the_checks_of_the_whole_table(noise, rows):
    records = table([make_row(i, text=a + CLEAN_TEXT + b, byline=byline) for i, (a, b, byline) in enumerate(noise)])
    for config in (ValidationConfig(), ValidationConfig(boilerplate_markers=(r"(?m)^Related Topics$",))):
        whole, sliced = row_checks(records, config), row_checks_in_slices(records, config, rows=rows)
        assert sliced.found.keys() == whole.found.keys() and sliced.markers == whole.markers
        assert all(sliced.found[key].tolist() == whole.found[key].tolist() for key in whole.found)


def test_a_slice_with_invalid_utf8_leaves_the_search_to_validation():
    """Fault injection: one slice whose text is not valid UTF-8 makes the checks None, and
    validation then searches (and flags) the row itself."""
    import pyarrow as pa

    texts = [CLEAN_TEXT.encode()] * 5 + [CLEAN_TEXT.encode() + b" \xff"]
    raw = pa.array(texts, pa.binary())
    text = pa.Array.from_buffers(pa.string(), len(texts), raw.buffers())  # no UTF-8 check
    records = table([make_row(i) for i in range(len(texts))])
    records = records.set_column(records.schema.get_field_index("text"), records.schema.field("text"), text)
    assert row_checks_in_slices(records, rows=2) is None
    report = validate_table(records)
    assert list(report.failures) == [make_row(5)["id"]]
    assert [check for check, _ in report.failures[make_row(5)["id"]]] == ["text_clean_unicode"]
