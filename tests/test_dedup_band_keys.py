"""Round 19 (flow19): the band tables' keys made by the compiled kernel, and their sort.

``band_table_keys`` now computes the keys of a shard's dedup split in C
(``_dedup_native.band_keys``); its numpy twin (``_band_table_keys_numpy``) stays the
reference, and every key must be the twin's, bit for bit, on generated signature matrices
(slots that collide, all rows or none picked, any range of bands). ``stable_order`` now
sorts uint64 keys with free high bits (the band tables' band << 32 | key) as one plain
sort of key << bits | row: it must give ``np.argsort(kind="stable")``'s order on keys with
many ties, and fall back to it when the row number does not fit.

``group_links`` (each band entry's previous and first member of its group of equal keys)
is a kernel too: the same arrays as its twin, and as a brute-force walk over the groups.

All fail on main: none of ``_band_table_keys_numpy``, ``group_links``, the kernels
``band_keys`` and ``group_links`` nor ``_row_bits_free`` exist there.
"""
from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_clean import native
from corpus_clean.dedup import (DedupParams, _band_table_keys_numpy, _dedup_native, _group_links_numpy,
                                _row_bits_free, band_table_keys, group_links, stable_order)

compiled = pytest.mark.skipif(_dedup_native is None or not native.built(),
                              reason="corpus_clean._dedup_native was not built")


@st.composite
def band_cases(draw):
    """A signature matrix (few distinct values: equal keys happen), a row mask and a range
    of bands of a drawn banding."""
    rows_per_band = draw(st.sampled_from([1, 2, 3, 4]))
    bands = draw(st.integers(1, 9))
    params = DedupParams(num_perm=rows_per_band * bands, bands=bands, rows=rows_per_band)
    n = draw(st.integers(0, 40))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = draw(st.sampled_from([1, 3, 2**32 - 1]))
    matrix = rng.integers(0, values, size=(n, params.num_perm), endpoint=True).astype(np.uint32)
    mask = rng.random(n) < draw(st.sampled_from([0.0, 0.5, 1.0]))
    start = draw(st.integers(0, bands - 1))
    stop = draw(st.integers(start, bands))
    return matrix, params, mask, range(start, stop)


@compiled
@given(band_cases())
@settings(max_examples=300, deadline=None)
def test_the_kernel_makes_the_twins_band_keys(case):
    matrix, params, mask, bands = case
    want = _band_table_keys_numpy(matrix, params, mask, bands)
    got = band_table_keys(matrix, params, mask, bands)
    assert got.dtype == np.uint64 and got.tolist() == want.tolist()
    with native.twins_only():
        assert band_table_keys(matrix, params, mask, bands).tolist() == want.tolist()


@compiled
def test_the_band_kernel_refuses_rows_and_bands_out_of_range():
    matrix = np.zeros((3, 8), dtype=np.uint32)
    out = np.empty(2, dtype=np.uint64)
    with pytest.raises(IndexError):
        _dedup_native.band_keys(matrix, 8, np.array([0, 3], dtype=np.int64), 0, 1, 2, True, out)
    with pytest.raises(ValueError):  # band 4 of 2 slots each: past the row's 8 slots
        _dedup_native.band_keys(matrix, 8, np.array([0, 1], dtype=np.int64), 4, 5, 2, True, out)
    with pytest.raises(ValueError):  # out holds 2 keys, 2 bands of 2 rows need 4
        _dedup_native.band_keys(matrix, 8, np.array([0, 1], dtype=np.int64), 0, 2, 2, True, out)


@given(st.integers(0, 2**32 - 1), st.integers(0, 3000), st.sampled_from([1, 7, 2**20, 2**32]),
       st.sampled_from([0, 6, 20, 31]))
@settings(max_examples=200, deadline=None)
def test_stable_order_of_uint64_keys_is_argsorts(seed, n, distinct, high_bits):
    """Band-table-like keys (a small number above bit 32, ties common) and keys using the
    high bits (no room for the row number: the stable argsort itself)."""
    rng = np.random.default_rng(seed)
    keys = rng.integers(0, distinct, n, dtype=np.uint64) | (rng.integers(0, 2**high_bits, n, dtype=np.uint64)
                                                            << np.uint64(32))
    assert stable_order(keys).tolist() == np.argsort(keys, kind="stable").tolist()


@given(band_cases())
@settings(max_examples=300, deadline=None)
def test_a_band_tables_keys_sorted_band_by_band_are_in_argsorts_order(case):
    """``stable_order(keys, segments=bands)``, each band's run of keys sorted alone (the
    dedup split's way), is the stable argsort of them all: the band is in the high bits."""
    matrix, params, mask, bands = case
    keys = band_table_keys(matrix, params, mask, bands)
    want = np.argsort(keys, kind="stable").tolist()
    assert stable_order(keys, segments=len(bands)).tolist() == want


def test_segments_sorted_alone_are_only_right_for_runs_in_ascending_ranges():
    """Fault injection: keys whose second run is not above the first sort wrongly when
    cut into runs, so the band in the high bits is what makes it right."""
    keys = np.array([5, 9, 1, 2], dtype=np.uint64)
    assert stable_order(keys, segments=2).tolist() != np.argsort(keys, kind="stable").tolist()


def test_row_bits_are_free_only_when_the_row_number_fits():
    assert _row_bits_free(np.zeros(0, dtype=np.uint64)) == 0
    assert _row_bits_free(np.array([(63 << 32) | 0xFFFFFFFF] * 5, dtype=np.uint64)) == 3  # 38 bits + 3
    assert _row_bits_free(np.array([1 << 61] * 9, dtype=np.uint64)) == 0  # 62 bits + 4 do not fit


@given(st.integers(0, 2**32 - 1), st.integers(0, 400), st.sampled_from([1, 3, 50, 2**40]))
@settings(max_examples=300, deadline=None)
def test_group_links_are_the_twins_and_the_groups_walked(seed, m, distinct):
    rng = np.random.default_rng(seed)
    keys = rng.integers(0, distinct, m, dtype=np.uint64)
    document = rng.integers(0, 1000, m).astype(np.int64)
    order = stable_order(keys)
    want_previous, want_first = np.full(m, -1), np.full(m, -1)
    seen: dict[int, list[int]] = {}
    for i in range(m):  # record order: a group's members in the order they come
        members = seen.setdefault(int(keys[i]), [])
        if members:
            want_previous[i], want_first[i] = document[members[-1]], document[members[0]]
        members.append(i)
    for previous, first in (group_links(keys, order, document), _group_links_numpy(keys, order, document)):
        assert previous.tolist() == want_previous.tolist() and first.tolist() == want_first.tolist()
    with native.twins_only():
        previous, first = group_links(keys, order, document)
        assert previous.tolist() == want_previous.tolist() and first.tolist() == want_first.tolist()


@compiled
def test_the_group_kernel_refuses_an_order_out_of_range():
    keys, out = np.zeros(3, dtype=np.uint64), np.empty(3, dtype=np.int64)
    with pytest.raises(IndexError):
        _dedup_native.group_links(keys, np.array([0, 1, 3]), np.zeros(3, dtype=np.int64), out, out.copy())
    with pytest.raises(ValueError):
        _dedup_native.group_links(keys, np.array([0, 1]), np.zeros(3, dtype=np.int64), out, out.copy())
