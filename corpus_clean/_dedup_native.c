/* Compiled kernel of the near-duplicate stage (corpus_clean._dedup_native).
 *
 * Optional, like corpus_clean/_native.c: setup.py builds it when a C compiler is there,
 * and the kernel has a numpy twin in corpus_clean/dedup.py (``_equal_slots_numpy``) that
 * gives the same output and stays the reference (tests/test_dedup_kernels.py).
 *
 * Plain CPython C API, no numpy headers: the caller passes every array as a buffer.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Slots compared between two checks of whether a pair can still reach `need`. */
#define SLOTS_PER_CHECK 16

/* Equal slots among a[0:n] and b[0:n]: four at a time with the compiler's vector types
 * where it has them (gcc, clang: SSE2 on x86-64, NEON on arm64), one at a time otherwise.
 * (gcc -O2 leaves the plain loop scalar.) */
#if defined(__GNUC__)
typedef int32_t four_i32 __attribute__((vector_size(16)));

static inline Py_ssize_t
equal_in(const uint32_t *a, const uint32_t *b, Py_ssize_t n)
{
    four_i32 sum = {0, 0, 0, 0};
    Py_ssize_t s = 0;
    for (; s + 4 <= n; s += 4) {
        four_i32 x, y;
        memcpy(&x, a + s, sizeof x);
        memcpy(&y, b + s, sizeof y);
        sum -= (x == y);  /* -1 where equal */
    }
    Py_ssize_t count = sum[0] + sum[1] + sum[2] + sum[3];
    for (; s < n; s++)
        count += a[s] == b[s];
    return count;
}
#else
static inline Py_ssize_t
equal_in(const uint32_t *a, const uint32_t *b, Py_ssize_t n)
{
    Py_ssize_t count = 0;
    for (Py_ssize_t s = 0; s < n; s++)
        count += a[s] == b[s];
    return count;
}
#endif

/* equal_slots(left_matrix, left_rows, right_matrix, right_rows, slots, need, out)
 *
 * For each pair k, the number of slots where row left_rows[k] of left_matrix equals row
 * right_rows[k] of right_matrix (both: rows of `slots` uint32, C order; the rows: int64),
 * into out[k] (int32). The rows are read where they lie: nothing is gathered.
 *
 * need > 0: a pair stops being compared once it cannot reach `need` equal slots (its
 * count so far plus the slots left is below `need`); its out[k] is then some count below
 * `need`. So out[k] >= need exactly when the whole rows agree on at least `need` slots,
 * and every count that reaches `need` is exact. need <= 0: every count is exact.
 */
static PyObject *
equal_slots(PyObject *self, PyObject *args)
{
    Py_buffer left, left_rows, right, right_rows, out;
    Py_ssize_t slots, need;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*y*nnw*", &left, &left_rows, &right, &right_rows, &slots, &need, &out))
        return NULL;
    Py_ssize_t pairs = left_rows.len / 8;
    Py_ssize_t n_left = slots > 0 ? left.len / (4 * slots) : 0, n_right = slots > 0 ? right.len / (4 * slots) : 0;
    if (slots <= 0 || left.len % (4 * slots) || right.len % (4 * slots)) {
        PyErr_SetString(PyExc_ValueError, "matrices must hold whole rows of `slots` uint32");
        goto done;
    }
    if (left_rows.len % 8 || right_rows.len != left_rows.len || out.len != 4 * pairs) {
        PyErr_SetString(PyExc_ValueError, "left_rows, right_rows (int64) and out (int32) must have one item per pair");
        goto done;
    }
    const uint32_t *a_all = (const uint32_t *)left.buf, *b_all = (const uint32_t *)right.buf;
    const int64_t *li = (const int64_t *)left_rows.buf, *ri = (const int64_t *)right_rows.buf;
    int32_t *counts = (int32_t *)out.buf;
    for (Py_ssize_t k = 0; k < pairs; k++) {
        if (li[k] < 0 || li[k] >= n_left || ri[k] < 0 || ri[k] >= n_right) {
            PyErr_Format(PyExc_IndexError, "pair %zd: row out of range", k);
            goto done;
        }
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t k = 0; k < pairs; k++) {
        const uint32_t *a = a_all + li[k] * slots, *b = b_all + ri[k] * slots;
        Py_ssize_t count = 0, s = 0;
        while (s < slots) {
            Py_ssize_t stop = s + SLOTS_PER_CHECK < slots ? s + SLOTS_PER_CHECK : slots;
            count += equal_in(a + s, b + s, stop - s);
            s = stop;
            if (count + (slots - s) < need)
                break;  /* cannot reach `need`: count < need */
        }
        counts[k] = (int32_t)count;
    }
    Py_END_ALLOW_THREADS
    result = Py_None;
    Py_INCREF(result);
done:
    PyBuffer_Release(&left);
    PyBuffer_Release(&left_rows);
    PyBuffer_Release(&right);
    PyBuffer_Release(&right_rows);
    PyBuffer_Release(&out);
    return result;
}

/* ------------------------------------------------------------ signatures' tokens
 * The twins of dedup.word_hashes (the pieces' hashes), exact_hashes and shingle_hashes
 * (``dedup._batch_tokens_numpy``): same hashes, bit for bit (tests/test_dedup_kernels.py).
 */
#define FNV_OFFSET 0xCBF29CE484222325ULL
#define FNV_PRIME 0x100000001B3ULL

static inline uint64_t
mix64(uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/* A byte of a piece: a-z, or any byte of a non-ASCII character (the caller has already
 * cut and folded every word that holds one: its pieces joined by spaces); A-Z folds to
 * a-z; every other ASCII byte cuts the word. */
static inline int
piece_byte(unsigned char c, unsigned char *folded)
{
    if (c >= 'A' && c <= 'Z') {
        *folded = (unsigned char)(c + 32);
        return 1;
    }
    *folded = c;
    return (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* piece_hashes(offsets, data, out_hashes, out_first) -> number of pieces
 *
 * Word w of the vocabulary is data[offsets[w]:offsets[w + 1]] (offsets: int64, one more
 * than the words). Each of its pieces (maximal runs of piece bytes, folded) is hashed as
 * FNV-1a 64 over its bytes, then mix64 (dedup.string_hashes), into out_hashes (uint64,
 * room for one piece per byte); word w's pieces are out_hashes[out_first[w]:out_first[w + 1]]
 * (out_first: int64, one more than the words).
 */
static PyObject *
piece_hashes(PyObject *self, PyObject *args)
{
    Py_buffer offsets, data, out_hashes, out_first;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "y*y*w*w*", &offsets, &data, &out_hashes, &out_first))
        return NULL;
    Py_ssize_t words = offsets.len / 8 - 1;
    const int64_t *off = (const int64_t *)offsets.buf;
    if (offsets.len % 8 || words < 0 || out_first.len != offsets.len || out_hashes.len < 8 * data.len) {
        PyErr_SetString(PyExc_ValueError, "offsets and out_first: int64, one more than the words; out_hashes: a uint64 per byte");
        goto done;
    }
    for (Py_ssize_t w = 0; w < words; w++) {
        if (off[w] < 0 || off[w] > off[w + 1] || off[w + 1] > data.len) {
            PyErr_Format(PyExc_IndexError, "word %zd: offsets out of range", w);
            goto done;
        }
    }
    const unsigned char *bytes = (const unsigned char *)data.buf;
    uint64_t *hashes = (uint64_t *)out_hashes.buf;
    int64_t *first = (int64_t *)out_first.buf;
    Py_ssize_t n = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t w = 0; w < words; w++) {
        first[w] = n;
        int in_piece = 0;
        uint64_t h = FNV_OFFSET;
        for (int64_t k = off[w]; k < off[w + 1]; k++) {
            unsigned char folded;
            if (piece_byte(bytes[k], &folded)) {
                h = (h ^ folded) * FNV_PRIME;
                in_piece = 1;
            } else if (in_piece) {
                hashes[n++] = mix64(h);
                h = FNV_OFFSET;
                in_piece = 0;
            }
        }
        if (in_piece)
            hashes[n++] = mix64(h);
    }
    first[words] = n;
    Py_END_ALLOW_THREADS
    result = PyLong_FromSsize_t(n);
done:
    PyBuffer_Release(&offsets);
    PyBuffer_Release(&data);
    PyBuffer_Release(&out_hashes);
    PyBuffer_Release(&out_first);
    return result;
}

/* The checks both passes of the documents' tokens share. */
static int
check_words(Py_buffer *piece_first, Py_buffer *ids, Py_buffer *lengths, Py_ssize_t *n_vocab)
{
    *n_vocab = piece_first->len / 8 - 1;
    if (piece_first->len % 8 || *n_vocab < 0 || ids->len % 8 || lengths->len % 8) {
        PyErr_SetString(PyExc_ValueError, "piece_first, ids and lengths must be int64");
        return 0;
    }
    const int64_t *id = (const int64_t *)ids->buf, *len = (const int64_t *)lengths->buf;
    Py_ssize_t n_ids = ids->len / 8, total = 0;
    for (Py_ssize_t d = 0; d < lengths->len / 8; d++) {
        if (len[d] < 0) {
            PyErr_SetString(PyExc_ValueError, "negative length");
            return 0;
        }
        total += len[d];
    }
    if (total != n_ids) {
        PyErr_SetString(PyExc_ValueError, "lengths must add up to the words");
        return 0;
    }
    for (Py_ssize_t k = 0; k < n_ids; k++) {
        if (id[k] < 0 || id[k] >= *n_vocab) {
            PyErr_Format(PyExc_IndexError, "word %zd: vocabulary id out of range", k);
            return 0;
        }
    }
    return 1;
}

/* token_counts(piece_first, ids, lengths, out_counts)
 *
 * Each document's number of dedup words (pieces) into out_counts (int64, one per
 * document): document d's words are the next lengths[d] of ids (int64, vocabulary ids),
 * vocabulary word v has piece_first[v + 1] - piece_first[v] pieces.
 */
static PyObject *
token_counts(PyObject *self, PyObject *args)
{
    Py_buffer piece_first, ids, lengths, out_counts;
    PyObject *result = NULL;
    Py_ssize_t n_vocab;
    if (!PyArg_ParseTuple(args, "y*y*y*w*", &piece_first, &ids, &lengths, &out_counts))
        return NULL;
    if (!check_words(&piece_first, &ids, &lengths, &n_vocab))
        goto done;
    if (out_counts.len != lengths.len) {
        PyErr_SetString(PyExc_ValueError, "out_counts: one int64 per document");
        goto done;
    }
    const int64_t *first = (const int64_t *)piece_first.buf, *id = (const int64_t *)ids.buf;
    const int64_t *len = (const int64_t *)lengths.buf;
    int64_t *counts = (int64_t *)out_counts.buf;
    Py_BEGIN_ALLOW_THREADS
    Py_ssize_t k = 0;
    for (Py_ssize_t d = 0; d < lengths.len / 8; d++) {
        int64_t c = 0;
        for (int64_t j = 0; j < len[d]; j++, k++)
            c += first[id[k] + 1] - first[id[k]];
        counts[d] = c;
    }
    Py_END_ALLOW_THREADS
    result = Py_None;
    Py_INCREF(result);
done:
    PyBuffer_Release(&piece_first);
    PyBuffer_Release(&ids);
    PyBuffer_Release(&lengths);
    PyBuffer_Release(&out_counts);
    return result;
}

/* doc_tokens(piece_hashes, piece_first, ids, lengths, counts, n, out_exact, out_shingles)
 *
 * For each document (its words as in token_counts, its `counts` from token_counts): its
 * exact hash (dedup.exact_hashes) into out_exact (uint64 per document), and its word
 * n-grams' hashes (dedup.shingle_hashes: FNV-style chain of n word hashes, a document of
 * 1..n-1 words one chain padded with zeros, none without words; then mix64) into
 * out_shingles, documents one after another (uint64; exactly as many as the shingles).
 */
static PyObject *
doc_tokens(PyObject *self, PyObject *args)
{
    Py_buffer piece_hashes_buf, piece_first, ids, lengths, counts_buf, out_exact, out_shingles;
    Py_ssize_t n;
    PyObject *result = NULL;
    Py_ssize_t n_vocab;
    uint64_t *window = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*nw*w*", &piece_hashes_buf, &piece_first, &ids, &lengths, &counts_buf, &n,
                          &out_exact, &out_shingles))
        return NULL;
    if (!check_words(&piece_first, &ids, &lengths, &n_vocab))
        goto done;
    Py_ssize_t docs = lengths.len / 8;
    const int64_t *first = (const int64_t *)piece_first.buf, *id = (const int64_t *)ids.buf;
    const int64_t *len = (const int64_t *)lengths.buf, *counts = (const int64_t *)counts_buf.buf;
    const uint64_t *pieces = (const uint64_t *)piece_hashes_buf.buf;
    if (n < 1 || counts_buf.len != lengths.len || out_exact.len != lengths.len || out_shingles.len % 8
            || piece_hashes_buf.len % 8 || first[n_vocab] > piece_hashes_buf.len / 8) {
        PyErr_SetString(PyExc_ValueError, "n >= 1; counts and out_exact: one per document; piece hashes: uint64");
        goto done;
    }
    Py_ssize_t shingles = 0;
    for (Py_ssize_t d = 0; d < docs; d++)
        shingles += counts[d] <= 0 ? 0 : (counts[d] > n ? counts[d] - n + 1 : 1);
    if (out_shingles.len != 8 * shingles) {
        PyErr_SetString(PyExc_ValueError, "out_shingles: one uint64 per shingle");
        goto done;
    }
    int64_t longest = n;
    for (Py_ssize_t d = 0; d < docs; d++)
        longest = counts[d] > longest ? counts[d] : longest;
    /* one document's word hashes at a time, padded with n zeros (a short text's chain) */
    window = (uint64_t *)PyMem_Calloc((size_t)longest + (size_t)n, sizeof(uint64_t));
    if (window == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    uint64_t *exact = (uint64_t *)out_exact.buf, *out = (uint64_t *)out_shingles.buf;
    int bad = 0;
    Py_BEGIN_ALLOW_THREADS
    Py_ssize_t k = 0, s = 0;
    for (Py_ssize_t d = 0; d < docs; d++) {
        uint64_t sum = 0;
        int64_t position = 0;
        for (int64_t j = 0; j < len[d]; j++, k++) {
            int64_t p = first[id[k]], stop = first[id[k] + 1];
            if (position + (stop - p) > counts[d]) {
                bad = 1;
                break;
            }
            for (; p < stop; p++, position++) {
                uint64_t h = pieces[p];
                sum += mix64(h ^ mix64((uint64_t)position + 1));
                window[position] = h;
            }
        }
        if (bad || position != counts[d]) {
            bad = 1;
            break;
        }
        if (position > 0) {
            /* a text shorter than n words: one chain, the zeros past its end in it */
            int64_t chains = position > n ? position - n + 1 : 1;
            for (int64_t i = 0; i < n; i++)
                window[position + i] = 0;
            for (int64_t i = 0; i < chains; i++) {
                uint64_t chain = 0;
                for (Py_ssize_t q = 0; q < n; q++)
                    chain = chain * FNV_PRIME ^ window[i + q];
                out[s++] = mix64(chain);
            }
        }
        exact[d] = mix64(sum ^ (uint64_t)position);
    }
    Py_END_ALLOW_THREADS
    if (bad) {
        PyErr_SetString(PyExc_ValueError, "counts are not token_counts' of these words");
        goto done;
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyMem_Free(window);
    PyBuffer_Release(&piece_hashes_buf);
    PyBuffer_Release(&piece_first);
    PyBuffer_Release(&ids);
    PyBuffer_Release(&lengths);
    PyBuffer_Release(&counts_buf);
    PyBuffer_Release(&out_exact);
    PyBuffer_Release(&out_shingles);
    return result;
}

/* ------------------------------------------------------------ decisions in record order
 * The twin of dedup._decide_in_order's loop (``_decide_numpy``): same roots, same
 * similarities, same reads between two releases (tests/test_dedup_kernels.py).
 */
static int
cmp_int64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static inline int32_t
count_equal(const uint32_t *a, const uint32_t *b, Py_ssize_t slots)
{
    return (int32_t)equal_in(a, b, slots);
}

/* decide(to_decide, first, seen_at, exact_first, candidate_at, bounds, right, root,
 *        similarity, old, new, n_old, slots, need, start, max_reads) -> where it stopped
 *
 * Decides to_decide[start:] in order, as dedup._decide_in_order does, until the
 * signatures read since the call began reach max_reads (checked before each document,
 * as the twin checks before it releases the mapped pages): returns the index of the next
 * document to decide (len(to_decide) when all are). Positions below n_old are rows of
 * `old`, the others rows of `new` (position - n_old). int64 arrays but `similarity`
 * (float32) and the matrices (uint32, `slots` per row); root and similarity are written.
 * A document whose indexes are out of range raises IndexError, the ones before it decided.
 */
static PyObject *
decide(PyObject *self, PyObject *args)
{
    Py_buffer to_decide, seen_at, exact_first, candidate_at, bounds, right, root, similarity, old, new;
    Py_ssize_t first, n_old, slots, need, start, max_reads;
    PyObject *result = NULL;
    int64_t *roots = NULL;  /* one document's candidates' kept documents (malloc: filled without the GIL) */
    if (!PyArg_ParseTuple(args, "y*ny*y*y*y*y*w*w*y*y*nnnnn", &to_decide, &first, &seen_at, &exact_first,
                          &candidate_at, &bounds, &right, &root, &similarity, &old, &new, &n_old, &slots, &need,
                          &start, &max_reads))
        return NULL;
    Py_ssize_t docs = to_decide.len / 8, n_root = root.len / 8, n_local = seen_at.len / 8;
    Py_ssize_t n_bounds = bounds.len / 8, n_right = right.len / 8;
    if (slots <= 0 || old.len % (4 * slots) || new.len % (4 * slots) || old.len / (4 * slots) < n_old
            || n_old + new.len / (4 * slots) < n_root || similarity.len != 4 * n_root || exact_first.len != seen_at.len
            || candidate_at.len != to_decide.len || n_bounds < 1 || start < 0 || start > docs) {
        PyErr_SetString(PyExc_ValueError, "decide: inconsistent array sizes");
        goto done;
    }
    const int64_t *order = (const int64_t *)to_decide.buf, *seen = (const int64_t *)seen_at.buf;
    const int64_t *twin = (const int64_t *)exact_first.buf, *at = (const int64_t *)candidate_at.buf;
    const int64_t *bound = (const int64_t *)bounds.buf, *earlier_docs = (const int64_t *)right.buf;
    int64_t *rt = (int64_t *)root.buf;
    float *sim = (float *)similarity.buf;
    const uint32_t *old_rows = (const uint32_t *)old.buf, *new_rows = (const uint32_t *)new.buf;
    Py_ssize_t j = start, reads = 0, capacity = 0, bad = -1;
#define ROW(p) ((p) < n_old ? old_rows + (p) * slots : new_rows + ((p) - n_old) * slots)
    Py_BEGIN_ALLOW_THREADS
    for (; j < docs; j++) {
        if (reads >= max_reads)
            break;
        int64_t i = order[j], local = i - first;
        /* Every index this document's decision follows, checked before it is used (only
         * the documents decided in this call: the caller calls again after each release). */
        if (i < n_old || i >= n_root || local < 0 || local >= n_local || seen[local] >= n_root
                || twin[local] < 0 || twin[local] > i) {
            bad = j;
            break;
        }
        int64_t earlier = seen[local];
        if (earlier >= 0) {  /* same id, same text as an indexed document: its decision stands */
            rt[i] = rt[earlier] != earlier ? rt[earlier] : i;
            sim[i] = sim[earlier];
        } else if (twin[local] < i) {
            if (rt[twin[local]] < 0 || rt[twin[local]] >= n_root) {
                bad = j;
                break;
            }
            rt[i] = rt[twin[local]];
            sim[i] = (float)((double)count_equal(ROW(i), ROW(rt[i]), slots) / (double)slots);
            reads += 2;
        } else {
            int64_t k = at[j], n = 0;
            if (k < 0 || k + 1 >= n_bounds || bound[k] < 0 || bound[k] > bound[k + 1] || bound[k + 1] > n_right) {
                bad = j;
                break;
            }
            if (bound[k + 1] - bound[k] > capacity) {
                capacity = 2 * (bound[k + 1] - bound[k]);
                int64_t *grown = (int64_t *)realloc(roots, (size_t)capacity * sizeof(int64_t));
                if (grown == NULL) {
                    bad = -2;
                    break;
                }
                roots = grown;
            }
            for (int64_t c = bound[k]; c < bound[k + 1]; c++) {
                if (earlier_docs[c] < 0 || earlier_docs[c] >= i || rt[earlier_docs[c]] < 0
                        || rt[earlier_docs[c]] >= n_root)
                    break;
                roots[n++] = rt[earlier_docs[c]];
            }
            if (n != bound[k + 1] - bound[k]) {  /* a candidate not earlier, or a kept document out of range */
                bad = j;
                break;
            }
            if (n > 1)
                qsort(roots, (size_t)n, sizeof(int64_t), cmp_int64);
            int64_t distinct = 0;
            for (int64_t c = 0; c < n; c++)
                if (distinct == 0 || roots[c] != roots[distinct - 1])
                    roots[distinct++] = roots[c];
            reads += 1 + distinct;
            int32_t best_count = -1;
            int64_t best = -1;
            for (int64_t c = 0; c < distinct; c++) {  /* ties: the earliest kept document */
                int32_t count = count_equal(ROW(i), ROW(roots[c]), slots);
                if (count > best_count) {
                    best_count = count;
                    best = roots[c];
                }
            }
            if (best >= 0 && best_count >= need) {
                rt[i] = best;
                sim[i] = (float)((double)best_count / (double)slots);
            }
        }
    }
    Py_END_ALLOW_THREADS
#undef ROW
    if (bad == -2) {
        PyErr_NoMemory();
        goto done;
    }
    if (bad >= 0) {
        PyErr_Format(PyExc_IndexError, "decide: document %zd (or one of its candidates) out of range", bad);
        goto done;
    }
    result = PyLong_FromSsize_t(j);
done:
    free(roots);
    PyBuffer_Release(&to_decide);
    PyBuffer_Release(&seen_at);
    PyBuffer_Release(&exact_first);
    PyBuffer_Release(&candidate_at);
    PyBuffer_Release(&bounds);
    PyBuffer_Release(&right);
    PyBuffer_Release(&root);
    PyBuffer_Release(&similarity);
    PyBuffer_Release(&old);
    PyBuffer_Release(&new);
    return result;
}

/* MinHash signatures, the sketch rensa's R-MinHash makes since its 0.5 (its
 * ALGORITHM_VERSION 2), computed here straight into the caller's matrix: rensa's answer
 * is a Python list of lists (128 Python ints a document) that numpy then reads back.
 *
 * The sketch ("fast similarity sketching", bucket rounds with a fallback), for a
 * document's token hashes h and the permutations (a_i, b_i) of slot i, each slot is the
 * smallest rank it is given:
 *   round r = 0, 1, 2: m = splitmix64(h ^ b_0 ^ BUCKET_DOMAIN ^ r * ROUND_DOMAIN) gives
 *     slot bucket(m) (an unbiased map of m's low 32 bits onto the slots) the rank
 *     (r << 30) | (m >> 34);
 *   fallback: f = splitmix64(h ^ a_0 ^ FALLBACK_DOMAIN) gives every slot i the rank
 *     (3 << 30) | ((a_i * f + b_i) >> 34).
 * A rank of round r is below every rank of a later round and of the fallback, so once
 * every slot has one from round r the later rounds cannot change it, and the fallback
 * only matters for slots no round reached: both are skipped then (the same minima).
 * A document without tokens keeps every slot at 2^32 - 1.
 */
#define SKETCH_RANK_BITS 2
#define SKETCH_ROUNDS 3
#define SKETCH_FALLBACK ((uint32_t)SKETCH_ROUNDS << (32 - SKETCH_RANK_BITS))
#define SKETCH_BUCKET_DOMAIN 0x6a09e667f3bcc909ULL
#define SKETCH_ROUND_DOMAIN 0x3c6ef372fe94f82bULL
#define SKETCH_FALLBACK_DOMAIN 0xbb67ae8584caa73bULL

static inline uint64_t
splitmix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* The slot of a mixed hash among `slots` (< 2^32): the top of (m's low 32 bits) * slots,
 * drawn again (m = splitmix64(m)) while it falls in the incomplete last interval, the
 * low 32 bits of the product below `threshold` = 2^32 mod slots (0 for a power of 2). */
static inline uint32_t
sketch_bucket(uint64_t m, uint32_t slots, uint32_t threshold)
{
    for (;;) {
        uint64_t product = (uint64_t)(uint32_t)m * slots;
        if ((uint32_t)product >= threshold)
            return (uint32_t)(product >> 32);
        m = splitmix64(m);
    }
}

/* Tokens mixed at a time (a block of splitmix64 outputs on the stack). */
#define SKETCH_BLOCK 256

/* out[t] = splitmix64(h[t] ^ seed): one loop the compiler vectorizes where the processor
 * multiplies 64-bit lanes (AVX-512DQ, chosen at run time by gcc's target clones, which
 * need glibc's indirect functions; elsewhere the plain loop). */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__GLIBC__)
__attribute__((target_clones("arch=x86-64-v4", "default"), optimize("O3")))
#endif
static void
mix_block(const uint64_t *h, Py_ssize_t n, uint64_t seed, uint64_t *out)
{
    for (Py_ssize_t t = 0; t < n; t++)
        out[t] = splitmix64(h[t] ^ seed);
}

static void
sketch_document(const uint64_t *h, Py_ssize_t n, const uint64_t *a, const uint64_t *b, uint32_t slots,
                uint32_t *row)
{
    for (uint32_t i = 0; i < slots; i++)
        row[i] = UINT32_MAX;
    if (n == 0)
        return;
    uint64_t mixed[SKETCH_BLOCK];
    uint32_t empty = slots, threshold = (uint32_t)(0u - slots) % slots;
    for (uint32_t round = 0; round < SKETCH_ROUNDS && empty; round++) {
        uint64_t seed = b[0] ^ SKETCH_BUCKET_DOMAIN ^ ((uint64_t)round * SKETCH_ROUND_DOMAIN);
        uint32_t prefix = round << (32 - SKETCH_RANK_BITS);
        for (Py_ssize_t start = 0; start < n; start += SKETCH_BLOCK) {
            Py_ssize_t count = n - start < SKETCH_BLOCK ? n - start : SKETCH_BLOCK;
            mix_block(h + start, count, seed, mixed);
            for (Py_ssize_t t = 0; t < count; t++) {
                uint64_t m = mixed[t];
                uint32_t rank = prefix | (uint32_t)(m >> (32 + SKETCH_RANK_BITS));
                uint32_t *slot = row + sketch_bucket(m, slots, threshold);
                empty -= *slot == UINT32_MAX;
                if (rank < *slot)
                    *slot = rank;
            }
        }
    }
    if (!empty)
        return;
    for (Py_ssize_t t = 0; t < n; t++) {
        uint64_t f = splitmix64(h[t] ^ a[0] ^ SKETCH_FALLBACK_DOMAIN);
        for (uint32_t i = 0; i < slots; i++) {
            if (row[i] < SKETCH_FALLBACK)
                continue;  /* reached by a round */
            uint32_t rank = SKETCH_FALLBACK | (uint32_t)((a[i] * f + b[i]) >> (32 + SKETCH_RANK_BITS));
            if (rank < row[i])
                row[i] = rank;
        }
    }
}

/* minhash_rows(token_hashes, row_offsets, perm_a, perm_b, out)
 *
 * Document d's tokens are token_hashes[row_offsets[d]:row_offsets[d + 1]] (uint64 both);
 * perm_a, perm_b: the slots' permutations (uint64, one per slot); out: documents x slots
 * uint32, C order, filled with each document's sketch (above). The GIL is released.
 */
static PyObject *
minhash_rows(PyObject *self, PyObject *args)
{
    Py_buffer tokens, offsets, perm_a, perm_b, out;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*y*w*", &tokens, &offsets, &perm_a, &perm_b, &out))
        return NULL;
    Py_ssize_t n_tokens = tokens.len / 8, docs = offsets.len / 8 - 1, slots = perm_a.len / 8;
    const uint64_t *offset = (const uint64_t *)offsets.buf;
    if (tokens.len % 8 || offsets.len % 8 || docs < 0 || perm_a.len % 8 || perm_b.len != perm_a.len || slots <= 0
        || slots > (Py_ssize_t)UINT32_MAX || out.len != 4 * docs * slots) {
        PyErr_SetString(PyExc_ValueError, "minhash_rows: token_hashes, row_offsets, perm_a, perm_b (uint64) and "
                                          "out (uint32, documents x slots) do not fit together");
        goto done;
    }
    if (offset[0] != 0 || offset[docs] != (uint64_t)n_tokens) {
        PyErr_SetString(PyExc_ValueError, "minhash_rows: row_offsets must run from 0 to the number of tokens");
        goto done;
    }
    for (Py_ssize_t d = 0; d < docs; d++) {
        if (offset[d] > offset[d + 1]) {
            PyErr_SetString(PyExc_ValueError, "minhash_rows: row_offsets must not decrease");
            goto done;
        }
    }
    const uint64_t *h = (const uint64_t *)tokens.buf, *a = (const uint64_t *)perm_a.buf, *b = (const uint64_t *)perm_b.buf;
    uint32_t *rows = (uint32_t *)out.buf;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t d = 0; d < docs; d++)
        sketch_document(h + offset[d], (Py_ssize_t)(offset[d + 1] - offset[d]), a, b, (uint32_t)slots,
                        rows + d * slots);
    Py_END_ALLOW_THREADS
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&tokens);
    PyBuffer_Release(&offsets);
    PyBuffer_Release(&perm_a);
    PyBuffer_Release(&perm_b);
    PyBuffer_Release(&out);
    return result;
}

/* ------------------------------------------------------------ band keys
 * band_keys(matrix, slots, rows, band_start, band_stop, rows_per_band, with_band, out)
 *
 * The twin of dedup.band_table_keys (numpy: ``_band_table_keys_numpy``): for the k-th band
 * of [band_start, band_stop) and the j-th of the n documents `rows` (int64 row numbers of
 * `matrix`, rows of `slots` uint32, C order), out[k * n + j] (uint64) is the band's
 * FNV-1a-style hash of its `rows_per_band` slots, high 32 bits kept, with the band number
 * above them (band << 32) when `with_band`. Same keys, bit for bit (tests/test_dedup_kernels.py).
 */
static PyObject *
band_keys(PyObject *self, PyObject *args)
{
    Py_buffer matrix, rows, out;
    Py_ssize_t slots, band_start, band_stop, per_band;
    int with_band;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "y*ny*nnnpw*", &matrix, &slots, &rows, &band_start, &band_stop, &per_band,
                          &with_band, &out))
        return NULL;
    Py_ssize_t n = rows.len / 8, bands = band_stop - band_start;
    Py_ssize_t n_rows = slots > 0 ? matrix.len / (4 * slots) : 0;
    if (slots <= 0 || matrix.len % (4 * slots) || rows.len % 8) {
        PyErr_SetString(PyExc_ValueError, "band_keys: matrix must hold whole rows of `slots` uint32, rows int64");
        goto done;
    }
    if (bands < 0 || per_band <= 0 || band_start < 0 || band_stop * per_band > slots || out.len != 8 * n * bands) {
        PyErr_SetString(PyExc_ValueError, "band_keys: bands out of the rows' slots, or out (uint64) of the wrong size");
        goto done;
    }
    const int64_t *row = (const int64_t *)rows.buf;
    for (Py_ssize_t j = 0; j < n; j++) {
        if (row[j] < 0 || row[j] >= n_rows) {
            PyErr_Format(PyExc_IndexError, "band_keys: row %zd out of range", j);
            goto done;
        }
    }
    const uint32_t *m = (const uint32_t *)matrix.buf;
    uint64_t *keys = (uint64_t *)out.buf;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t k = 0; k < bands; k++) {
        Py_ssize_t band = band_start + k;
        uint64_t tag = with_band ? ((uint64_t)band << 32) : 0;
        for (Py_ssize_t j = 0; j < n; j++) {
            const uint32_t *slot = m + row[j] * slots + band * per_band;
            uint64_t h = FNV_OFFSET;
            for (Py_ssize_t r = 0; r < per_band; r++)
                h = (h ^ (uint64_t)slot[r]) * FNV_PRIME;
            keys[k * n + j] = tag | (h >> 32);
        }
    }
    Py_END_ALLOW_THREADS
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&matrix);
    PyBuffer_Release(&rows);
    PyBuffer_Release(&out);
    return result;
}

/* ------------------------------------------------------------ band groups' links
 * group_links(keys, order, document, previous, first)
 *
 * The twin of dedup._group_links_numpy: `order` (int64) sorts `keys` (uint64) stably, so a
 * group of equal keys is a run of `order`, its members in record order. For each entry i
 * of such a group but its first, previous[i] is the document (document[j], int64) of the
 * member just before it and first[i] that of the group's first member; for a group's
 * first member both are -1. Same arrays as the twin (tests/test_dedup_band_keys.py).
 */
static PyObject *
group_links(PyObject *self, PyObject *args)
{
    Py_buffer keys, order, document, previous, first;
    PyObject *result = NULL;
    if (!PyArg_ParseTuple(args, "y*y*y*w*w*", &keys, &order, &document, &previous, &first))
        return NULL;
    Py_ssize_t m = keys.len / 8;
    if (keys.len % 8 || order.len != keys.len || document.len != keys.len || previous.len != keys.len
            || first.len != keys.len) {
        PyErr_SetString(PyExc_ValueError, "group_links: keys (uint64), order, document, previous and first "
                                          "(int64) must have one item per entry");
        goto done;
    }
    const uint64_t *key = (const uint64_t *)keys.buf;
    const int64_t *at = (const int64_t *)order.buf, *doc = (const int64_t *)document.buf;
    for (Py_ssize_t p = 0; p < m; p++) {
        if (at[p] < 0 || at[p] >= m) {
            PyErr_Format(PyExc_IndexError, "group_links: order[%zd] out of range", p);
            goto done;
        }
    }
    int64_t *before = (int64_t *)previous.buf, *head = (int64_t *)first.buf;
    Py_BEGIN_ALLOW_THREADS
    int64_t group_first = -1;
    for (Py_ssize_t p = 0; p < m; p++) {
        int64_t i = at[p];
        if (p > 0 && key[at[p - 1]] == key[i]) {
            before[i] = doc[at[p - 1]];
            head[i] = group_first;
        } else {
            before[i] = head[i] = -1;
            group_first = doc[i];
        }
    }
    Py_END_ALLOW_THREADS
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&keys);
    PyBuffer_Release(&order);
    PyBuffer_Release(&document);
    PyBuffer_Release(&previous);
    PyBuffer_Release(&first);
    return result;
}

static PyMethodDef methods[] = {
    {"equal_slots", equal_slots, METH_VARARGS, "Equal slots of pairs of signature rows (see _dedup_native.c)."},
    {"piece_hashes", piece_hashes, METH_VARARGS, "The hashes of a vocabulary's dedup pieces (see _dedup_native.c)."},
    {"token_counts", token_counts, METH_VARARGS, "Dedup words per document (see _dedup_native.c)."},
    {"doc_tokens", doc_tokens, METH_VARARGS, "Exact and shingle hashes per document (see _dedup_native.c)."},
    {"decide", decide, METH_VARARGS, "Duplicate decisions in record order (see _dedup_native.c)."},
    {"minhash_rows", minhash_rows, METH_VARARGS, "MinHash signatures of documents' token hashes (see _dedup_native.c)."},
    {"band_keys", band_keys, METH_VARARGS, "LSH band keys of signature rows (see _dedup_native.c)."},
    {"group_links", group_links, METH_VARARGS, "Each band entry's previous and first group member (see _dedup_native.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_dedup_native", "Compiled kernels of corpus_clean.dedup (optional).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__dedup_native(void)
{
    return PyModule_Create(&module);
}
