/* Compiled batch kernels for the core's hot loops (corpus_clean._native).
 *
 * Optional: setup.py builds this module when a C compiler is there, and every kernel has
 * a pure-Python (numpy) twin that gives the same output and stays the reference; see
 * corpus_clean/native.py for the switch (CORPUS_CLEAN_NATIVE=0 forces the twins).
 *
 * Plain CPython C API, no numpy headers: the caller allocates every output as a numpy
 * array and passes it in as a writable buffer, so building needs nothing but a compiler
 * and Python's headers. The kernels know mechanics only (loops, counting, hashing); what
 * is counted (character classes, function words, which n-gram sizes) comes in as tables
 * built by the Python modules that define it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A buffer argument checked for its item size and length. */
static int
check_buffer(Py_buffer *view, const char *name, Py_ssize_t itemsize, Py_ssize_t count)
{
    if (view->len != itemsize * count) {
        PyErr_Format(PyExc_ValueError, "%s: %zd bytes, expected %zd", name, view->len, itemsize * count);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ line_counts
 * Per-line counts of features.line_stats, in one pass over the text's code points.
 *
 * line_counts(text, starts, ends, class_table, kind_column, n_kinds, word_mask, space_mask,
 *             wide_classes, cjk_lo, cjk_hi, stop_table, stop_max_len,
 *             hist, cjk, stop, first_class, last_class, last_char)
 *
 * - text: str; starts/ends: int64 per line (characters [start, end) are the line's);
 * - class_table: uint8 per code point below its length - 1; its last entry is the class
 *   of every code point above; wide_classes: uint32 pairs (code point, class) that
 *   override that last entry for a few wide code points;
 * - kind_column: int32 per class byte: the class's first histogram column (the next
 *   column counts the characters of that class that start a word);
 * - a word is a maximal run of characters whose class has a bit of word_mask (runs cross
 *   line ends, as the numpy twin's are found over the whole text);
 * - stop_table: uint64 keys (word bytes, little-endian, zero-padded; a character above
 *   0xFF reads as '?'), a word of at most stop_max_len characters is counted when
 *   stop_table[key % len] == key, in the line where it starts;
 * - outputs (zeroed by the caller): hist int64 [line][n_kinds], cjk int64 (characters in
 *   [cjk_lo, cjk_hi]), stop int64, first_class/last_class uint8 and last_char uint32 of
 *   the first/last character whose class has no bit of space_mask (left 0 if none).
 */
static PyObject *
line_counts(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_buffer starts_b, ends_b, table_b, column_b, wide_b, stop_b, hist_b, cjk_b, stopout_b, first_b, last_b, lastch_b;
    Py_ssize_t n_kinds, stop_max_len;
    unsigned int word_mask, space_mask;
    unsigned long cjk_lo, cjk_hi;
    if (!PyArg_ParseTuple(args, "Uy*y*y*y*nIIy*kky*nw*w*w*w*w*w*:line_counts", &text, &starts_b, &ends_b,
                          &table_b, &column_b, &n_kinds, &word_mask, &space_mask, &wide_b, &cjk_lo, &cjk_hi,
                          &stop_b, &stop_max_len, &hist_b, &cjk_b, &stopout_b, &first_b, &last_b, &lastch_b))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = starts_b.len / 8;
    Py_ssize_t table_len = table_b.len;
    Py_ssize_t n_wide = wide_b.len / 8;
    Py_ssize_t stop_len = stop_b.len / 8;
    if (check_buffer(&ends_b, "ends", 8, n) || check_buffer(&column_b, "kind_column", 4, 256)
        || check_buffer(&hist_b, "hist", 8, n * n_kinds) || check_buffer(&cjk_b, "cjk", 8, n)
        || check_buffer(&stopout_b, "stop", 8, n) || check_buffer(&first_b, "first_class", 1, n)
        || check_buffer(&last_b, "last_class", 1, n) || check_buffer(&lastch_b, "last_char", 4, n))
        goto done;
    if (table_len < 1 || stop_len < 1 || stop_max_len > 8) {
        PyErr_SetString(PyExc_ValueError, "empty class or stop table, or stop words over 8 characters");
        goto done;
    }
    const int64_t *starts = starts_b.buf, *ends = ends_b.buf;
    const uint8_t *table = table_b.buf;
    const int32_t *column = column_b.buf;
    const uint32_t *wide = wide_b.buf;
    const uint64_t *stop_table = stop_b.buf;
    int64_t *hist = hist_b.buf, *cjk = cjk_b.buf, *stop = stopout_b.buf;
    uint8_t *first_class = first_b.buf, *last_class = last_b.buf;
    uint32_t *last_char = lastch_b.buf;
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const uint8_t above = table[table_len - 1];

#define CLASS_OF(cp, out)                                                          \
    do {                                                                           \
        if ((Py_ssize_t)(cp) < table_len - 1) {                                    \
            out = table[cp];                                                       \
        } else {                                                                   \
            out = above;                                                           \
            for (Py_ssize_t w = 0; w < n_wide; w++)                                \
                if (wide[2 * w] == (cp)) { out = (uint8_t)wide[2 * w + 1]; break; } \
        }                                                                          \
    } while (0)

    int previous_is_word = 0;  /* the class of the character before a line's first */
    for (Py_ssize_t line = 0; line < n; line++) {
        Py_ssize_t start = (Py_ssize_t)starts[line], end = (Py_ssize_t)ends[line];
        if (start < 0 || end > length || start > end) {
            PyErr_SetString(PyExc_ValueError, "a line's offsets lie outside the text");
            goto done;
        }
        if (start > 0) {
            Py_UCS4 before = PyUnicode_READ(kind, data, start - 1);
            uint8_t cls;
            CLASS_OF(before, cls);
            previous_is_word = (cls & word_mask) != 0;
        } else {
            previous_is_word = 0;
        }
        int64_t *row = hist + line * n_kinds;
        int seen_visible = 0;
        for (Py_ssize_t i = start; i < end; i++) {
            Py_UCS4 cp = PyUnicode_READ(kind, data, i);
            uint8_t cls;
            CLASS_OF(cp, cls);
            int is_word = (cls & word_mask) != 0;
            int starts_word = is_word && !previous_is_word;
            row[column[cls] + starts_word]++;
            if (cp >= cjk_lo && cp <= cjk_hi)
                cjk[line]++;
            if (!(cls & space_mask)) {
                if (!seen_visible) {
                    first_class[line] = cls;
                    seen_visible = 1;
                }
                last_class[line] = cls;
                last_char[line] = cp;
            }
            if (starts_word) {
                /* The whole word (it may run past the line's end), as a stop-word key. */
                uint64_t key = 0;
                Py_ssize_t j = i;
                for (; j < length; j++) {
                    Py_UCS4 c = PyUnicode_READ(kind, data, j);
                    uint8_t c_cls;
                    CLASS_OF(c, c_cls);
                    if (!(c_cls & word_mask))
                        break;
                    if (j - i < 8)
                        key |= (uint64_t)(c > 0xFF ? '?' : c) << (8 * (j - i));
                }
                if (j - i <= stop_max_len && stop_table[key % (uint64_t)stop_len] == key)
                    stop[line]++;
            }
            previous_is_word = is_word;
        }
    }
#undef CLASS_OF
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&starts_b); PyBuffer_Release(&ends_b); PyBuffer_Release(&table_b);
    PyBuffer_Release(&column_b); PyBuffer_Release(&wide_b); PyBuffer_Release(&stop_b);
    PyBuffer_Release(&hist_b); PyBuffer_Release(&cjk_b); PyBuffer_Release(&stopout_b);
    PyBuffer_Release(&first_b); PyBuffer_Release(&last_b); PyBuffer_Release(&lastch_b);
    return result;
}

/* ------------------------------------------------------------------ ngram_counts
 * The repeated word n-grams of signals.ngram_signals, per document of a batch.
 *
 * ngram_counts(ids, doc, words_left, chars_cumsum, n_docs, is_top, is_dup, top, dup)
 *
 * - ids: int64 vocabulary id of each word; doc: int64 its document (ascending);
 *   words_left: int64 words from it to its document's end; chars_cumsum: int64, n_words+1
 *   (characters of the words before each word);
 * - is_top / is_dup: uint8 per n (index n, up to max_n = their length - 1);
 * - outputs (zeroed by the caller), int64 [n][n_docs]: for a top n, (count x characters)
 *   of each document's most frequent repeated n-gram (ties: the longer one); for a dup n,
 *   characters of the words covered by repeated n-grams, each word once.
 *
 * An n-gram is the same 64-bit rolling hash of its document and word ids as the numpy
 * twin's, grown one word per n, and is counted only among the starts whose (n-1)-gram
 * repeated (the twin's pruning), so every count is the twin's. Counting uses an
 * open-addressing hash table instead of the twin's sort.
 */
#define GRAM_SEED 0x9E3779B97F4A7C15ULL
#define GRAM_PRIME 0x100000001B3ULL

static PyObject *
ngram_counts(PyObject *self, PyObject *args)
{
    Py_buffer ids_b, doc_b, left_b, cum_b, top_flag_b, dup_flag_b, top_b, dup_b;
    Py_ssize_t n_docs;
    if (!PyArg_ParseTuple(args, "y*y*y*y*ny*y*w*w*:ngram_counts", &ids_b, &doc_b, &left_b, &cum_b, &n_docs,
                          &top_flag_b, &dup_flag_b, &top_b, &dup_b))
        return NULL;
    PyObject *result = NULL;
    int64_t *candidates = NULL, *occurrences = NULL, *best = NULL, *slot_count = NULL;
    uint64_t *rolling = NULL, *grams = NULL, *slot_key = NULL;
    Py_ssize_t n_words = ids_b.len / 8;
    Py_ssize_t n_sizes = top_flag_b.len;  /* n = 0 .. max_n */
    if (check_buffer(&doc_b, "doc", 8, n_words) || check_buffer(&left_b, "words_left", 8, n_words)
        || check_buffer(&cum_b, "chars_cumsum", 8, n_words + 1) || check_buffer(&dup_flag_b, "is_dup", 1, n_sizes)
        || check_buffer(&top_b, "top", 8, n_sizes * n_docs) || check_buffer(&dup_b, "dup", 8, n_sizes * n_docs))
        goto done;
    const int64_t *ids = ids_b.buf, *doc = doc_b.buf, *left = left_b.buf, *cum = cum_b.buf;
    const uint8_t *is_top = top_flag_b.buf, *is_dup = dup_flag_b.buf;
    int64_t *top = top_b.buf, *dup = dup_b.buf;
    for (Py_ssize_t i = 0; i < n_words; i++) {
        if (doc[i] < 0 || doc[i] >= n_docs || left[i] < 1 || left[i] > n_words - i) {
            PyErr_SetString(PyExc_ValueError, "a word's document or words_left is out of range");
            goto done;
        }
    }
    int bits = 1;
    while (((Py_ssize_t)1 << bits) < 2 * n_words)
        bits++;
    Py_ssize_t n_slots = (Py_ssize_t)1 << bits;
    candidates = PyMem_Malloc(sizeof(int64_t) * (n_words + 1));
    occurrences = PyMem_Malloc(sizeof(int64_t) * (n_words + 1));
    rolling = PyMem_Malloc(sizeof(uint64_t) * (n_words + 1));
    grams = PyMem_Malloc(sizeof(uint64_t) * (n_words + 1));
    best = PyMem_Malloc(sizeof(int64_t) * (n_docs + 1));
    slot_key = PyMem_Malloc(sizeof(uint64_t) * n_slots);
    slot_count = PyMem_Malloc(sizeof(int64_t) * n_slots);
    if (!candidates || !occurrences || !rolling || !grams || !best || !slot_key || !slot_count) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t m = n_words;
    for (Py_ssize_t i = 0; i < n_words; i++) {
        candidates[i] = i;
        rolling[i] = ((uint64_t)doc[i] + GRAM_SEED) * GRAM_PRIME ^ ((uint64_t)ids[i] + 1);
    }
    for (Py_ssize_t n = 2; n < n_sizes; n++) {
        Py_ssize_t k = 0;
        for (Py_ssize_t j = 0; j < m; j++)
            if (left[candidates[j]] >= n)
                candidates[k++] = candidates[j];
        m = k;
        if (m == 0)
            break;
        for (Py_ssize_t j = 0; j < m; j++) {
            int64_t s = candidates[j];
            grams[j] = rolling[s] * GRAM_PRIME ^ ((uint64_t)ids[s + n - 1] + 1);
            rolling[s] = grams[j];
        }
        /* Occurrences of each start's n-gram among the starts: a table twice their size. */
        int shift = 1;
        while (((Py_ssize_t)1 << shift) < 2 * m)
            shift++;
        Py_ssize_t mask = ((Py_ssize_t)1 << shift) - 1;
        memset(slot_count, 0, sizeof(int64_t) * (mask + 1));
        for (Py_ssize_t j = 0; j < m; j++) {
            Py_ssize_t at = (Py_ssize_t)((grams[j] * GRAM_SEED) >> (64 - shift));
            while (slot_count[at] && slot_key[at] != grams[j])
                at = (at + 1) & mask;
            slot_key[at] = grams[j];
            slot_count[at]++;
            occurrences[j] = at;  /* the slot, for now */
        }
        for (Py_ssize_t j = 0; j < m; j++)
            occurrences[j] = slot_count[occurrences[j]];
        if (is_top[n]) {
            memset(best, 0, sizeof(int64_t) * n_docs);
            for (Py_ssize_t j = 0; j < m; j++) {
                if (occurrences[j] > 1) {
                    int64_t s = candidates[j];
                    int64_t score = occurrences[j] * ((int64_t)1 << 32) + (cum[s + n] - cum[s]);
                    if (score > best[doc[s]])
                        best[doc[s]] = score;
                }
            }
            for (Py_ssize_t d = 0; d < n_docs; d++)
                top[n * n_docs + d] = (best[d] >> 32) * (best[d] & 0xFFFFFFFF);
        }
        k = 0;
        for (Py_ssize_t j = 0; j < m; j++)
            if (occurrences[j] > 1)
                candidates[k++] = candidates[j];
        m = k;
        if (is_dup[n]) {
            /* Each word once: an n-gram counts up to where the next repeated one starts. */
            for (Py_ssize_t j = 0; j < m; j++) {
                int64_t s = candidates[j];
                int64_t end = s + n;
                if (j + 1 < m && candidates[j + 1] < end)
                    end = candidates[j + 1];
                dup[n * n_docs + doc[s]] += cum[end] - cum[s];
            }
        }
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(candidates); PyMem_Free(occurrences); PyMem_Free(rolling); PyMem_Free(grams);
    PyMem_Free(best); PyMem_Free(slot_key); PyMem_Free(slot_count);
    PyBuffer_Release(&ids_b); PyBuffer_Release(&doc_b); PyBuffer_Release(&left_b); PyBuffer_Release(&cum_b);
    PyBuffer_Release(&top_flag_b); PyBuffer_Release(&dup_flag_b); PyBuffer_Release(&top_b); PyBuffer_Release(&dup_b);
    return result;
}

static PyMethodDef methods[] = {
    {"line_counts", line_counts, METH_VARARGS, "Per-line counts of features.line_stats (see _native.c)."},
    {"ngram_counts", ngram_counts, METH_VARARGS, "Repeated n-gram counts of signals.ngram_signals (see _native.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_native", "Compiled batch kernels (optional; see corpus_clean/native.py).", -1, methods,
};

PyMODINIT_FUNC
PyInit__native(void)
{
    return PyModule_Create(&module);
}
