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

/* A hash of bytes, eight at a time (for hash tables of words and lines: equal spans of one
 * buffer, or of one str, have equal bytes). */
static uint64_t
bytes_hash(const unsigned char *bytes, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n, word;
    for (; n >= 8; bytes += 8, n -= 8) {
        memcpy(&word, bytes, 8);
        h = (h ^ word) * 0x100000001B3ULL;
        h ^= h >> 29;
    }
    word = 0;
    memcpy(&word, bytes, n);
    h = (h ^ word) * 0xD6E8FEB86659FD93ULL;
    return h ^ (h >> 32);
}

/* Run LOOP(CHAR_T), a loop over a str's characters as a CHAR_T array, with the
 * character type of the str's kind (1, 2 or 4 bytes per code point): reading a plain
 * array lets the compiler keep the loop tight, where PyUnicode_READ switches on the kind
 * at every character. */
#define BY_STRING_KIND(kind, LOOP)                 \
    do {                                           \
        if ((kind) == PyUnicode_1BYTE_KIND)        \
            LOOP(Py_UCS1);                         \
        else if ((kind) == PyUnicode_2BYTE_KIND)   \
            LOOP(Py_UCS2);                         \
        else                                       \
            LOOP(Py_UCS4);                         \
    } while (0)

/* The two code points whose str.lower() Py_UNICODE_TOLOWER does not give: "İ" (two
 * characters) and "Σ" (final sigma depends on the neighbours). Every other character
 * lower-cases on its own to Py_UNICODE_TOLOWER's one character (a test checks all). */
#define CONTEXT_LOWER(c) ((c) == 0x130 || (c) == 0x3A3)

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

    /* The loop over the lines, once per string kind (1, 2 or 4 bytes per code point), so
     * each copy reads its characters as a plain array: PyUnicode_READ's switch on the
     * kind at every character cost ~40 % of the pass. */
#define LINE_COUNTS_LOOP(CHAR_T)                                                          \
    do {                                                                                 \
        const CHAR_T *chars = (const CHAR_T *)data;                                      \
        int previous_is_word = 0;  /* the class of the character before a line's first */ \
        for (Py_ssize_t line = 0; line < n; line++) {                                    \
            Py_ssize_t start = (Py_ssize_t)starts[line], end = (Py_ssize_t)ends[line];   \
            if (start < 0 || end > length || start > end) {                             \
                PyErr_SetString(PyExc_ValueError, "a line's offsets lie outside the text"); \
                goto done;                                                               \
            }                                                                            \
            if (start > 0) {                                                             \
                Py_UCS4 before = chars[start - 1];                                       \
                uint8_t cls;                                                             \
                CLASS_OF(before, cls);                                                   \
                previous_is_word = (cls & word_mask) != 0;                               \
            } else {                                                                     \
                previous_is_word = 0;                                                    \
            }                                                                            \
            int64_t *row = hist + line * n_kinds;                                        \
            int seen_visible = 0;                                                        \
            for (Py_ssize_t i = start; i < end; i++) {                                   \
                Py_UCS4 cp = chars[i];                                                   \
                uint8_t cls;                                                             \
                CLASS_OF(cp, cls);                                                       \
                int is_word = (cls & word_mask) != 0;                                    \
                int starts_word = is_word && !previous_is_word;                          \
                row[column[cls] + starts_word]++;                                        \
                if (cp >= cjk_lo && cp <= cjk_hi)                                        \
                    cjk[line]++;                                                         \
                if (!(cls & space_mask)) {                                               \
                    if (!seen_visible) {                                                 \
                        first_class[line] = cls;                                         \
                        seen_visible = 1;                                                \
                    }                                                                    \
                    last_class[line] = cls;                                              \
                    last_char[line] = cp;                                                \
                }                                                                        \
                if (starts_word) {                                                       \
                    /* The whole word (it may run past the line's end), as a stop-word key. */ \
                    uint64_t key = 0;                                                    \
                    Py_ssize_t j = i;                                                    \
                    for (; j < length; j++) {                                            \
                        Py_UCS4 c = chars[j];                                            \
                        uint8_t c_cls;                                                   \
                        CLASS_OF(c, c_cls);                                              \
                        if (!(c_cls & word_mask))                                        \
                            break;                                                       \
                        if (j - i < 8)                                                   \
                            key |= (uint64_t)(c > 0xFF ? '?' : c) << (8 * (j - i));     \
                    }                                                                    \
                    if (j - i <= stop_max_len && stop_table[key % (uint64_t)stop_len] == key) \
                        stop[line]++;                                                    \
                }                                                                        \
                previous_is_word = is_word;                                              \
            }                                                                            \
        }                                                                                \
    } while (0)

    BY_STRING_KIND(kind, LINE_COUNTS_LOOP);
#undef LINE_COUNTS_LOOP
#undef CLASS_OF
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&starts_b); PyBuffer_Release(&ends_b); PyBuffer_Release(&table_b);
    PyBuffer_Release(&column_b); PyBuffer_Release(&wide_b); PyBuffer_Release(&stop_b);
    PyBuffer_Release(&hist_b); PyBuffer_Release(&cjk_b); PyBuffer_Release(&stopout_b);
    PyBuffer_Release(&first_b); PyBuffer_Release(&last_b); PyBuffer_Release(&lastch_b);
    return result;
}

/* ------------------------------------------------------------------ line_stats
 * The per-line counts of features.line_stats themselves, for lines that lie end to end
 * over a text (starts[0] == 0, each line starting where the one before ends, the last
 * ending with the text), as split_lines and lines_of_stripped make them: what line_counts
 * counts into a histogram for numpy to reduce, counted here into each line's totals.
 *
 * line_stats(text, starts, ends, class_table, word_mask, space_mask, alpha, upper, digit,
 *            punct, wide_classes, cjk_lo, cjk_hi, stop_table, stop_max_len,
 *            n_chars, n_alpha, n_upper, n_digit, n_punct, n_words, n_cap_words, n_stop,
 *            first_class, last_class, last_char)
 *
 * - text, starts, ends, class_table, wide_classes, cjk_lo/hi, stop_table, stop_max_len,
 *   word_mask, space_mask: as line_counts (a word may run past its line's end: it counts
 *   in the line where it starts);
 * - alpha/upper/digit/punct: class bits; a character counts in n_alpha (...) when its
 *   class has that bit, in n_chars when it has no bit of space_mask;
 * - n_words: characters that start a word, plus half (rounded down) the line's characters
 *   in [cjk_lo, cjk_hi]; n_cap_words: those starting a word whose class has `upper`;
 * - outputs: int64 per line (n_chars .. n_stop), uint8 (first_class, last_class), uint32
 *   (last_char); every one is written (no need to zero them).
 *
 * Measured against line_counts + numpy's reduction: a histogram's counters are memory
 * that consecutive characters of one class increment one after another, each word was
 * read twice (its stop-word key), and the reduction is seven more passes.
 */

/* The stop-word keys in an open-addressing table of a power-of-two size: a multiply and
 * a shift per look-up, where stop_table's `key % size` is a division (which cost more than
 * the rest of a word). The same keys, so the same answers. */
#define STOP_BITS 10
#define WORD_START_BIT (1ULL << 40)
#define STOP_SLOTS (1 << STOP_BITS)
#define STOP_MIX 0x9E3779B97F4A7C15ULL

static inline Py_ssize_t
stop_slot_of(const uint64_t *slots, uint64_t key)
{
    Py_ssize_t at = (Py_ssize_t)((key * STOP_MIX) >> (64 - STOP_BITS));
    while (slots[at]) {
        if (slots[at] == key)
            return at;
        at = (at + 1) & (STOP_SLOTS - 1);
    }
    return -1;
}

typedef struct {
    Py_buffer table_b, wide_b, stop_b;
    const uint8_t *table;
    Py_ssize_t table_last;  /* code points below it have their own class */
    uint8_t above;
    const uint32_t *wide;
    Py_ssize_t n_wide;
    unsigned int word_mask, space_mask;
    uint32_t cjk_lo, cjk_span;
    int count_cjk;
    Py_ssize_t stop_max_len;
    /* What one character adds to its line's counts, by its class and whether the
     * character before it is in a word (index 2 * class + in_word): one byte per count
     * (visible, alpha, upper, digit, punct, word starts, capitalised word starts) in one
     * uint64, so a character costs one table read and one addition; the bytes are added
     * up over at most 255 characters at a time. */
    uint64_t increment[512];
    uint64_t stop_keys[STOP_SLOTS];
} StatsTables;

/* The tables from their Python arguments (the buffers stay held: stats_tables_release). */
static int
stats_tables_init(StatsTables *t, unsigned int alpha_bit, unsigned int upper_bit, unsigned int digit_bit,
                  unsigned int punct_bit, unsigned long cjk_lo, unsigned long cjk_hi)
{
    Py_ssize_t stop_len = t->stop_b.len / 8;
    if (t->table_b.len < 1 || stop_len < 1 || t->stop_max_len > 8) {
        PyErr_SetString(PyExc_ValueError, "empty class or stop table, or stop words over 8 characters");
        return -1;
    }
    t->table = t->table_b.buf;
    t->table_last = t->table_b.len - 1;
    t->above = t->table[t->table_last];
    t->wide = t->wide_b.buf;
    t->n_wide = t->wide_b.len / 8;
    t->count_cjk = cjk_hi >= cjk_lo;
    t->cjk_lo = (uint32_t)cjk_lo;
    t->cjk_span = t->count_cjk ? (uint32_t)(cjk_hi - cjk_lo) : 0;
    for (unsigned int cls = 0; cls < 256; cls++)
        for (unsigned int in_word = 0; in_word < 2; in_word++) {
            const unsigned int is_word = (cls & t->word_mask) != 0, starts_word = is_word && !in_word;
            t->increment[2 * cls + in_word] =
                (uint64_t)((cls & t->space_mask) == 0) | (uint64_t)((cls & alpha_bit) != 0) << 8
                | (uint64_t)((cls & upper_bit) != 0) << 16 | (uint64_t)((cls & digit_bit) != 0) << 24
                | (uint64_t)((cls & punct_bit) != 0) << 32 | (starts_word ? WORD_START_BIT : 0)
                | (uint64_t)(starts_word && (cls & upper_bit)) << 48;
        }
    memset(t->stop_keys, 0, sizeof(t->stop_keys));
    const uint64_t *stop_table = t->stop_b.buf;
    for (Py_ssize_t k = 0, placed = 0; k < stop_len; k++) {
        uint64_t key = stop_table[k];
        if (key == 0 || stop_slot_of(t->stop_keys, key) >= 0)
            continue;  /* (0: an empty entry) */
        if (++placed > STOP_SLOTS / 2) {
            PyErr_SetString(PyExc_ValueError, "too many stop words for the kernel's table");
            return -1;
        }
        Py_ssize_t at = (Py_ssize_t)((key * STOP_MIX) >> (64 - STOP_BITS));
        while (t->stop_keys[at])
            at = (at + 1) & (STOP_SLOTS - 1);
        t->stop_keys[at] = key;
    }
    return 0;
}

static void
stats_tables_release(StatsTables *t)
{
    PyBuffer_Release(&t->table_b); PyBuffer_Release(&t->wide_b); PyBuffer_Release(&t->stop_b);
}

/* The per-line outputs, from line `at` on. */
typedef struct {
    int64_t *n_chars, *n_alpha, *n_upper, *n_digit, *n_punct, *n_words, *n_cap_words, *n_stop;
    uint8_t *first_class, *last_class;
    uint32_t *last_char;
} StatsOut;

/* Count the n lines (starts/ends: end to end over the text) of one text into out's
 * entries 0..n-1 (n_stop: added to, so zeroed by the caller). */
static void
count_text(const StatsTables *t, int kind, const void *data, Py_ssize_t length, const int64_t *starts,
           const int64_t *ends, Py_ssize_t n, const StatsOut *out)
{
#define STATS_CLASS_OF(cp, out_)                                                    \
    do {                                                                            \
        if ((Py_ssize_t)(cp) < table_last) {                                        \
            out_ = table[cp];                                                       \
        } else {                                                                    \
            out_ = t->above;                                                        \
            for (Py_ssize_t w = 0; w < t->n_wide; w++)                              \
                if (t->wide[2 * w] == (cp)) { out_ = (uint8_t)t->wide[2 * w + 1]; break; } \
        }                                                                           \
    } while (0)

    /* Is a word's key (its first 8 characters, one byte each, '?' above 0xFF) a stop word? */
#define STOP_WORD_AT(chars, from, to, hit)                                          \
    do {                                                                            \
        hit = 0;                                                                    \
        if ((to) - (from) <= stop_max_len) {                                     \
            uint64_t key_ = 0;                                                      \
            for (Py_ssize_t j_ = (from); j_ < (to); j_++) {                         \
                Py_UCS4 c_ = (chars)[j_];                                           \
                key_ |= (uint64_t)(c_ > 0xFF ? '?' : c_) << (8 * (j_ - (from)));    \
            }                                                                       \
            hit = stop_slot_of(t->stop_keys, key_) >= 0;                            \
        }                                                                           \
    } while (0)

    /* The tables the loop reads at every character, in locals (read through `t`, each was
     * read again at every character: the counts written through `out` might, for the
     * compiler, be them). Below `fast_last` a character's class is table[cp] and it is no
     * CJK character: the loop's common case is a table read and an addition; the rest
     * (CJK from cjk_lo on, code points past the table) goes the slow way. */
    const uint8_t *const table = t->table;
    const Py_ssize_t table_last = t->table_last;
    const uint64_t *const increment = t->increment;
    const unsigned int word_mask = t->word_mask;
    const uint32_t cjk_lo = t->cjk_lo, cjk_span = t->cjk_span;
    const unsigned int count_cjk = (unsigned int)t->count_cjk;
    const Py_ssize_t fast_last = count_cjk && (Py_ssize_t)cjk_lo < table_last ? (Py_ssize_t)cjk_lo : table_last;
    const Py_ssize_t stop_max_len = t->stop_max_len;
    int64_t *const n_stop = out->n_stop;

    /* The line a word that ends now started in: this one when it started at or after the
     * line's start, else `carried` (the line it started in, set as it ran past a line's
     * end). Tracked at word ends and line starts, not at every character. */
#define WORD_LINE(start_, line_, carried_) ((word_start) >= (start_) ? (line_) : (carried_))

    /* The first and last visible characters are found from the line's two ends (mostly
     * its first and second-last characters), not tracked at every character. */
#define STATS_LOOP(CHAR_T)                                                                   \
    do {                                                                                    \
        const CHAR_T *chars = (const CHAR_T *)data;                                         \
        unsigned int in_word = 0;                                                           \
        Py_ssize_t word_start = 0, carried = 0;                                             \
        for (Py_ssize_t line = 0; line < n; line++) {                                       \
            const Py_ssize_t start = (Py_ssize_t)starts[line], end = (Py_ssize_t)ends[line]; \
            int64_t totals[7] = {0, 0, 0, 0, 0, 0, 0}, cjk = 0;                             \
            if (in_word && line > 0)  /* a word runs on from the line before */             \
                carried = WORD_LINE(starts[line - 1], line - 1, carried);                   \
            for (Py_ssize_t i = start; i < end;) {                                          \
                const Py_ssize_t chunk_end = end - i > 255 ? i + 255 : end;                 \
                uint64_t packed = 0;                                                        \
                for (; i < chunk_end; i++) {                                                \
                    const Py_UCS4 cp = chars[i];                                            \
                    uint8_t cls;                                                            \
                    if ((Py_ssize_t)cp < fast_last) {                                       \
                        cls = table[cp];                                                    \
                    } else {                                                                \
                        STATS_CLASS_OF(cp, cls);                                            \
                        cjk += count_cjk & ((uint32_t)(cp - cjk_lo) <= cjk_span);           \
                    }                                                                       \
                    const uint64_t step = increment[2 * cls + in_word];                     \
                    packed += step;                                                         \
                    /* (from the class, not from `step`: the next character's table read   \
                     * then waits for no read of this one's) */                             \
                    const unsigned int is_word = (cls & word_mask) != 0;                    \
                    word_start = (step >> 40) & 1 ? i : word_start;  /* (WORD_START_BIT) */ \
                    if (in_word & !is_word) {  /* a word ended: a stop word? */             \
                        int hit;                                                            \
                        STOP_WORD_AT(chars, word_start, i, hit);                            \
                        n_stop[WORD_LINE(start, line, carried)] += hit;                     \
                    }                                                                       \
                    in_word = is_word;                                                      \
                }                                                                           \
                for (int k = 0; k < 7; k++)                                                 \
                    totals[k] += (packed >> (8 * k)) & 0xFF;                                \
            }                                                                               \
            out->n_chars[line] = totals[0]; out->n_alpha[line] = totals[1];                 \
            out->n_upper[line] = totals[2]; out->n_digit[line] = totals[3];                 \
            out->n_punct[line] = totals[4]; out->n_words[line] = totals[5] + cjk / 2;       \
            out->n_cap_words[line] = totals[6];                                             \
            uint8_t first = 0, last = 0;                                                    \
            uint32_t last_cp = 0;                                                           \
            for (Py_ssize_t i = start; i < end; i++) {                                      \
                uint8_t cls;                                                                \
                STATS_CLASS_OF(chars[i], cls);                                              \
                if (!(cls & t->space_mask)) { first = cls; break; }                         \
            }                                                                               \
            for (Py_ssize_t i = end - 1; i >= start; i--) {                                 \
                uint8_t cls;                                                                \
                STATS_CLASS_OF(chars[i], cls);                                              \
                if (!(cls & t->space_mask)) { last = cls; last_cp = chars[i]; break; }      \
            }                                                                               \
            out->first_class[line] = first; out->last_class[line] = last;                   \
            out->last_char[line] = last_cp;                                                 \
        }                                                                                   \
        if (in_word) {  /* (n >= 1: a word was read) */                                     \
            int hit;                                                                        \
            STOP_WORD_AT(chars, word_start, length, hit);                                   \
            n_stop[WORD_LINE(starts[n - 1], n - 1, carried)] += hit;                        \
        }                                                                                   \
    } while (0)

    BY_STRING_KIND(kind, STATS_LOOP);
#undef STATS_LOOP
#undef WORD_LINE
#undef STOP_WORD_AT
#undef STATS_CLASS_OF
}

#define STATS_TABLES_FORMAT "y*IIIIIIy*kky*n"

static PyObject *
line_stats(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_buffer starts_b, ends_b;
    Py_buffer out_b[8], first_b, last_b, lastch_b;
    StatsTables *t = PyMem_Malloc(sizeof(StatsTables));
    unsigned int alpha_bit, upper_bit, digit_bit, punct_bit;
    unsigned long cjk_lo, cjk_hi;
    if (t == NULL)
        return PyErr_NoMemory();
    if (!PyArg_ParseTuple(args, "Uy*y*" STATS_TABLES_FORMAT "w*w*w*w*w*w*w*w*w*w*w*:line_stats", &text, &starts_b,
                          &ends_b, &t->table_b, &t->word_mask, &t->space_mask, &alpha_bit, &upper_bit, &digit_bit,
                          &punct_bit, &t->wide_b, &cjk_lo, &cjk_hi, &t->stop_b, &t->stop_max_len, &out_b[0],
                          &out_b[1], &out_b[2], &out_b[3], &out_b[4], &out_b[5], &out_b[6], &out_b[7], &first_b,
                          &last_b, &lastch_b)) {
        PyMem_Free(t);
        return NULL;
    }
    static const char *out_names[8] = {"n_chars", "n_alpha", "n_upper", "n_digit", "n_punct", "n_words",
                                       "n_cap_words", "n_stop"};
    PyObject *result = NULL;
    Py_ssize_t n = starts_b.len / 8;
    if (check_buffer(&ends_b, "ends", 8, n) || check_buffer(&first_b, "first_class", 1, n)
        || check_buffer(&last_b, "last_class", 1, n) || check_buffer(&lastch_b, "last_char", 4, n))
        goto done;
    for (int k = 0; k < 8; k++)
        if (check_buffer(&out_b[k], out_names[k], 8, n))
            goto done;
    if (stats_tables_init(t, alpha_bit, upper_bit, digit_bit, punct_bit, cjk_lo, cjk_hi) < 0)
        goto done;
    const int64_t *starts = starts_b.buf, *ends = ends_b.buf;
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t line = 0; line < n; line++) {
        Py_ssize_t expected_start = line ? (Py_ssize_t)ends[line - 1] : 0;
        if ((Py_ssize_t)starts[line] != expected_start || ends[line] < starts[line]
            || (line == n - 1 && (Py_ssize_t)ends[line] != length)) {
            PyErr_SetString(PyExc_ValueError, "the lines do not lie end to end over the text");
            goto done;
        }
    }
    if (n == 0 && length != 0) {
        PyErr_SetString(PyExc_ValueError, "the lines do not lie end to end over the text");
        goto done;
    }
    StatsOut out = {out_b[0].buf, out_b[1].buf, out_b[2].buf, out_b[3].buf, out_b[4].buf, out_b[5].buf,
                    out_b[6].buf, out_b[7].buf, first_b.buf, last_b.buf, lastch_b.buf};
    memset(out.n_stop, 0, sizeof(int64_t) * n);
    count_text(t, PyUnicode_KIND(text), PyUnicode_DATA(text), length, starts, ends, n, &out);
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&starts_b); PyBuffer_Release(&ends_b);
    for (int k = 0; k < 8; k++)
        PyBuffer_Release(&out_b[k]);
    PyBuffer_Release(&first_b); PyBuffer_Release(&last_b); PyBuffer_Release(&lastch_b);
    stats_tables_release(t);
    PyMem_Free(t);
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
 * open-addressing hash table instead of the twin's sort, one document at a time through
 * every n (its words, n-grams and table stay in the CPU's cache: 1.15x over the batch's
 * starts one n at a time).
 *
 * A start is hashed at n only where it can repeat: an n-gram that occurs twice holds two
 * (n-1)-grams that do, the one at its start and the one a word later, so a start whose
 * next word's (n-1)-gram did not repeat is left out before its hash (for n = 2, whether
 * each word repeats in its document, counted in a plain array by vocabulary id when the
 * ids lie in a small range). The starts left out are n-grams counted once, which no
 * count reads: every output is the same, for ~37 % fewer starts hashed at n = 2 on the
 * generated corpus and fewer at every later n.
 */
#define GRAM_SEED 0x9E3779B97F4A7C15ULL
typedef struct {
    uint64_t key;
    int64_t count;  /* 0: an empty slot */
} GramSlot;
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
    int64_t *candidates = NULL, *occurrences = NULL;
    uint64_t *rolling = NULL, *grams = NULL;
    uint32_t *repeated_at = NULL;  /* per start of the document: the round its gram last repeated */
    int32_t *word_count = NULL;    /* per vocabulary id (minus the smallest): its uses in the document */
    GramSlot *slots = NULL;  /* (key and count side by side: one cache line per probe) */
    Py_ssize_t n_words = ids_b.len / 8;
    Py_ssize_t n_sizes = top_flag_b.len;  /* n = 0 .. max_n */
    if (check_buffer(&doc_b, "doc", 8, n_words) || check_buffer(&left_b, "words_left", 8, n_words)
        || check_buffer(&cum_b, "chars_cumsum", 8, n_words + 1) || check_buffer(&dup_flag_b, "is_dup", 1, n_sizes)
        || check_buffer(&top_b, "top", 8, n_sizes * n_docs) || check_buffer(&dup_b, "dup", 8, n_sizes * n_docs))
        goto done;
    const int64_t *ids = ids_b.buf, *doc = doc_b.buf, *left = left_b.buf, *cum = cum_b.buf;
    const uint8_t *is_top = top_flag_b.buf, *is_dup = dup_flag_b.buf;
    int64_t *top = top_b.buf, *dup = dup_b.buf;
    Py_ssize_t longest_run = 0;  /* (the most words of one document: the buffers' size) */
    for (Py_ssize_t i = 0, run_start = 0; i < n_words; i++) {
        if (doc[i] < 0 || doc[i] >= n_docs || left[i] < 1 || left[i] > n_words - i) {
            PyErr_SetString(PyExc_ValueError, "a word's document or words_left is out of range");
            goto done;
        }
        if (i > 0 && doc[i] < doc[i - 1]) {  /* (each document's words in one run: counted per run) */
            PyErr_SetString(PyExc_ValueError, "the words' documents are not in ascending order");
            goto done;
        }
        if (i > 0 && doc[i] != doc[i - 1])
            run_start = i;
        longest_run = i + 1 - run_start > longest_run ? i + 1 - run_start : longest_run;
    }
    int64_t id_min = 0, id_max = -1;
    for (Py_ssize_t i = 0; i < n_words; i++) {
        id_min = (i == 0 || ids[i] < id_min) ? ids[i] : id_min;
        id_max = (i == 0 || ids[i] > id_max) ? ids[i] : id_max;
    }
    /* (the words' repeats counted by id only when the ids' range is not far wider than
     * the batch: a vocabulary's ids are; anything else is hashed from n = 2 on, as before) */
    const uint64_t id_range = (uint64_t)id_max - (uint64_t)id_min;  /* (unsigned: no overflow for any ids) */
    const int count_words = n_words > 0 && id_range < (uint64_t)(4 * n_words + 65536);
    /* Buffers and table for one document, not the batch: a batch's (~150,000 words: 4 x 1.2
     * MB of arrays and a 4 MB table) were fresh pages the kernel faulted in and zeroed on
     * every call, where one document's stay in the CPU's cache. */
    int bits = 1;
    while (((Py_ssize_t)1 << bits) < 4 * longest_run)
        bits++;
    Py_ssize_t n_slots = (Py_ssize_t)1 << bits;
    candidates = PyMem_Malloc(sizeof(int64_t) * (longest_run + 1));
    occurrences = PyMem_Malloc(sizeof(int64_t) * (longest_run + 1));
    rolling = PyMem_Malloc(sizeof(uint64_t) * (longest_run + 1));
    grams = PyMem_Malloc(sizeof(uint64_t) * (longest_run + 1));
    slots = PyMem_Calloc(n_slots, sizeof(GramSlot));  /* (all empty: count 0) */
    repeated_at = PyMem_Calloc(longest_run + 1, sizeof(uint32_t));
    word_count = count_words ? PyMem_Calloc((size_t)id_range + 1, sizeof(int32_t)) : NULL;
    if (!candidates || !occurrences || !rolling || !grams || !slots || !repeated_at || (count_words && !word_count)) {
        PyErr_NoMemory();
        goto done;
    }
    /* One document at a time (its words are one run): its starts, n-grams and table stay
     * in the CPU's cache through every n. */
    uint32_t round = 0;  /* (a stamp per document and n: repeated_at never needs emptying) */
    for (Py_ssize_t first = 0, last; first < n_words; first = last) {
        const int64_t d = doc[first];
        for (last = first + 1; last < n_words && doc[last] == d; last++)
            ;
        Py_ssize_t m = last - first;
        for (Py_ssize_t j = 0; j < m; j++) {  /* (rolling: by the start's place in its document) */
            candidates[j] = first + j;
            rolling[j] = ((uint64_t)d + GRAM_SEED) * GRAM_PRIME ^ ((uint64_t)ids[first + j] + 1);
        }
        round++;  /* round: the document's words that repeat in it (every word, uncounted) */
        if (count_words) {
            for (Py_ssize_t j = 0; j < m; j++)
                word_count[ids[first + j] - id_min]++;
            for (Py_ssize_t j = 0; j < m; j++)
                repeated_at[j] = word_count[ids[first + j] - id_min] > 1 ? round : 0;
            for (Py_ssize_t j = 0; j < m; j++)
                word_count[ids[first + j] - id_min] = 0;
        } else {
            for (Py_ssize_t j = 0; j < m; j++)
                repeated_at[j] = round;
        }
        for (Py_ssize_t n = 2; n < n_sizes; n++) {
            while (m > 0 && left[candidates[m - 1]] < n)  /* (ascending: those near its end) */
                m--;
            if (m == 0)
                break;
            /* Only the starts whose (n-1)-gram and next (n-1)-gram both repeated (the next
             * word is in the document: left >= n >= 2). */
            Py_ssize_t kept = 0;
            for (Py_ssize_t j = 0; j < m; j++) {
                int64_t s = candidates[j];
                candidates[kept] = s;
                kept += (repeated_at[s - first] == round) & (repeated_at[s - first + 1] == round);
            }
            m = kept;
            round++;  /* round: the starts whose n-gram repeats */
            if (m == 0)
                break;
            for (Py_ssize_t j = 0; j < m; j++) {
                int64_t s = candidates[j];
                grams[j] = rolling[s - first] * GRAM_PRIME ^ ((uint64_t)ids[s + n - 1] + 1);
                rolling[s - first] = grams[j];
            }
            int shift = 1;
            while (((Py_ssize_t)1 << shift) < 4 * m)
                shift++;
            Py_ssize_t mask = ((Py_ssize_t)1 << shift) - 1;
            /* Occurrences of each start's n-gram, in a table 4-8x their number (every slot
             * empty: the table starts zeroed and each round empties the slots it filled,
             * where a memset of the whole table wrote more). (Not 2-4x: a probe that meets
             * another n-gram is a mispredicted branch; at a quarter full or less, fewer do:
             * the kernel 21.4 -> 20.0 ms per 5 MB, 8-16x gained 0.5 more.) */
            for (Py_ssize_t j = 0; j < m; j++) {
                Py_ssize_t at = (Py_ssize_t)((grams[j] * GRAM_SEED) >> (64 - shift));
                /* (one branch, not two: whether the slot is empty or holds this
                 * n-gram, the loop ends; `&&`'s extra branch mispredicted half the time) */
                while ((slots[at].count != 0) & (slots[at].key != grams[j]))
                    at = (at + 1) & mask;
                slots[at].key = grams[j];
                slots[at].count++;
                occurrences[j] = at;  /* the slot, for now */
            }
            /* Each start's count read, the best score kept (top n) and the repeated starts
             * kept (branch-free: repeated or not is random), in one pass; then the slots
             * emptied (not before: a later start may read the same slot). */
            int64_t best_score = 0;
            Py_ssize_t k = 0;
            for (Py_ssize_t j = 0; j < m; j++) {
                int64_t s = candidates[j], count = slots[occurrences[j]].count;
                int64_t score = count * ((int64_t)1 << 32) + (cum[s + n] - cum[s]);
                score = count > 1 ? score : 0;
                best_score = score > best_score ? score : best_score;
                candidates[k] = s;  /* (k <= j: a start is read before its place is written) */
                k += count > 1;
                repeated_at[s - first] = count > 1 ? round : repeated_at[s - first];
            }
            for (Py_ssize_t j = 0; j < m; j++)
                slots[occurrences[j]].count = 0;
            if (is_top[n])
                top[n * n_docs + d] = (best_score >> 32) * (best_score & 0xFFFFFFFF);
            m = k;
            if (is_dup[n]) {
                /* Each word once: an n-gram counts up to where the next repeated one starts. */
                int64_t covered = 0;
                for (Py_ssize_t j = 0; j < m; j++) {
                    int64_t s = candidates[j];
                    int64_t end = s + n;
                    if (j + 1 < m && candidates[j + 1] < end)
                        end = candidates[j + 1];
                    covered += cum[end] - cum[s];
                }
                dup[n * n_docs + d] += covered;
            }
        }
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(candidates); PyMem_Free(occurrences); PyMem_Free(rolling); PyMem_Free(grams);
    PyMem_Free(slots); PyMem_Free(repeated_at); PyMem_Free(word_count);
    PyBuffer_Release(&ids_b); PyBuffer_Release(&doc_b); PyBuffer_Release(&left_b); PyBuffer_Release(&cum_b);
    PyBuffer_Release(&top_flag_b); PyBuffer_Release(&dup_flag_b); PyBuffer_Release(&top_b); PyBuffer_Release(&dup_b);
    return result;
}

/* ------------------------------------------------------------------ ascii_words
 * A line outside ASCII as the ASCII line engine._voice_hits reads with RE2: each
 * character outside ASCII becomes "x" when it is a word character of Python's re (\w:
 * Py_UNICODE_ISALNUM, as sre's SRE_UNI_IS_WORD; "_" is ASCII), else a space; ASCII stays.
 * The twin: two re substitutions (engine._WIDE_WORD_CHAR, _WIDE_OTHER_CHAR), 2.5 and
 * 0.8 ms over the generated 5 MB's lines, where this is one pass.
 *
 * ascii_words(line) -> str
 */
static PyObject *
ascii_words(PyObject *self, PyObject *line)
{
    if (!PyUnicode_Check(line)) {
        PyErr_SetString(PyExc_TypeError, "ascii_words takes a str");
        return NULL;
    }
    if (PyUnicode_READY(line) < 0)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(line);
    int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    PyObject *out = PyUnicode_New(n, 127);
    if (out == NULL)
        return NULL;
    Py_UCS1 *to = PyUnicode_1BYTE_DATA(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        to[i] = c < 128 ? (Py_UCS1)c : Py_UNICODE_ISALNUM(c) ? 'x' : ' ';
    }
    return out;
}

/* ------------------------------------------------------------------ marked_lines
 * Which lines a rule marked (engine.Marks.removed, batch.Batch.removed): per line of
 * each list, one after another, 1 where the entry is not None, as a bytearray (a
 * writable numpy bool array's buffer). The twin maps `is not None` over the lines into
 * a bytearray: a Python bool per line, ~4 µs a page, called ~3,000 times per 5 MB.
 *
 * marked_lines(lists) -> bytearray; lists: a list of lists (each document's rules).
 */
static PyObject *
marked_lines(PyObject *self, PyObject *args)
{
    PyObject *lists;
    if (!PyArg_ParseTuple(args, "O!:marked_lines", &PyList_Type, &lists))
        return NULL;
    Py_ssize_t total = 0;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(lists); k++) {
        PyObject *rules = PyList_GET_ITEM(lists, k);
        if (!PyList_Check(rules)) {
            PyErr_SetString(PyExc_TypeError, "marked_lines takes a list of lists");
            return NULL;
        }
        total += PyList_GET_SIZE(rules);
    }
    PyObject *out = PyByteArray_FromStringAndSize(NULL, total);
    if (out == NULL)
        return NULL;
    char *flag = PyByteArray_AS_STRING(out);
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(lists); k++) {
        PyObject *rules = PyList_GET_ITEM(lists, k);
        PyObject **items = PySequence_Fast_ITEMS(rules);
        for (Py_ssize_t i = 0, n = PyList_GET_SIZE(rules); i < n; i++)
            *flag++ = items[i] != Py_None;
    }
    return out;
}

/* ------------------------------------------------------------------ cached_verdicts
 * engine.line_rules_many's look-up of each line's rule verdict in the cache of its
 * flags, and the inverse step, each line's verdict into its document's dict: two loops
 * over the batch's ~40,000 short lines per 5 MB that ran in the interpreter (list
 * comprehensions, ~3 % of a cold core pass). The twins are line_rules_many's own
 * comprehensions (engine._cached_verdicts_py, engine._verdict_maps_py).
 *
 * cached_verdicts(caches, which, lines, raw, unseen) -> (verdicts, misses)
 *   verdicts[k] = caches[which[k]].get(raw[lines[k]], unseen); misses: the k (in order)
 *   whose verdict is `unseen`. caches: list of dict; which, lines, raw: lists.
 *
 * verdict_maps(verdicts, lines, first_line, n_docs) -> list of n_docs dicts
 *   each verdict that is not None, at key lines[k] - first_line[doc] of the dict of its
 *   document doc (the last with first_line[doc] <= lines[k]: numpy's searchsorted(...,
 *   side="right") - 1); first_line: int64 buffer, ascending, first_line[0] <= every line.
 */
static PyObject *
cached_verdicts(PyObject *self, PyObject *args)
{
    PyObject *caches, *which, *lines, *raw, *unseen;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O:cached_verdicts", &PyList_Type, &caches, &PyList_Type, &which,
                          &PyList_Type, &lines, &PyList_Type, &raw, &unseen))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lines), n_caches = PyList_GET_SIZE(caches), n_raw = PyList_GET_SIZE(raw);
    if (PyList_GET_SIZE(which) != n) {
        PyErr_SetString(PyExc_ValueError, "cached_verdicts: which and lines differ in length");
        return NULL;
    }
    for (Py_ssize_t c = 0; c < n_caches; c++)
        if (!PyDict_Check(PyList_GET_ITEM(caches, c))) {
            PyErr_SetString(PyExc_TypeError, "cached_verdicts: caches must be dicts");
            return NULL;
        }
    PyObject *verdicts = PyList_New(n), *misses = PyList_New(0);
    if (verdicts == NULL || misses == NULL)
        goto error;
    for (Py_ssize_t k = 0; k < n; k++) {
        const Py_ssize_t w = PyLong_AsSsize_t(PyList_GET_ITEM(which, k));
        const Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(lines, k));
        if (PyErr_Occurred())
            goto error;
        if (w < 0 || w >= n_caches || i < 0 || i >= n_raw) {
            PyErr_SetString(PyExc_IndexError, "cached_verdicts: a cache or line index out of range");
            goto error;
        }
        PyObject *verdict = PyDict_GetItemWithError(PyList_GET_ITEM(caches, w), PyList_GET_ITEM(raw, i));
        if (verdict == NULL) {
            if (PyErr_Occurred())
                goto error;
            verdict = unseen;
        }
        if (verdict == unseen) {
            PyObject *at = PyLong_FromSsize_t(k);
            if (at == NULL || PyList_Append(misses, at) < 0) {
                Py_XDECREF(at);
                goto error;
            }
            Py_DECREF(at);
        }
        PyList_SET_ITEM(verdicts, k, Py_NewRef(verdict));
    }
    return Py_BuildValue("(NN)", verdicts, misses);
error:
    Py_XDECREF(verdicts);
    Py_XDECREF(misses);
    return NULL;
}

static PyObject *
verdict_maps(PyObject *self, PyObject *args)
{
    PyObject *verdicts, *lines;
    Py_buffer first_b;
    Py_ssize_t n_docs;
    if (!PyArg_ParseTuple(args, "O!O!y*n:verdict_maps", &PyList_Type, &verdicts, &PyList_Type, &lines, &first_b,
                          &n_docs))
        return NULL;
    const int64_t *first = (const int64_t *)first_b.buf;
    PyObject *out = NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    if (first_b.len != n_docs * (Py_ssize_t)sizeof(int64_t) || n_docs < 1 || PyList_GET_SIZE(verdicts) != n) {
        PyErr_SetString(PyExc_ValueError, "verdict_maps: first_line must hold n_docs int64, verdicts one per line");
        goto done;
    }
    out = PyList_New(n_docs);
    if (out == NULL)
        goto done;
    for (Py_ssize_t d = 0; d < n_docs; d++) {
        PyObject *map = PyDict_New();
        if (map == NULL)
            goto error;
        PyList_SET_ITEM(out, d, map);
    }
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *verdict = PyList_GET_ITEM(verdicts, k);
        if (verdict == Py_None)
            continue;
        const Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(lines, k));
        if (i == -1 && PyErr_Occurred())
            goto error;
        if (i < first[0]) {
            PyErr_SetString(PyExc_ValueError, "verdict_maps: a line before the first document");
            goto error;
        }
        Py_ssize_t lo = 0, hi = n_docs;  /* the last doc with first[doc] <= i */
        while (hi - lo > 1) {
            const Py_ssize_t mid = lo + (hi - lo) / 2;
            if (first[mid] <= i)
                lo = mid;
            else
                hi = mid;
        }
        PyObject *key = PyLong_FromSsize_t(i - (Py_ssize_t)first[lo]);
        if (key == NULL)
            goto error;
        const int status = PyDict_SetItem(PyList_GET_ITEM(out, lo), key, verdict);
        Py_DECREF(key);
        if (status < 0)
            goto error;
    }
    goto done;
error:
    Py_CLEAR(out);
done:
    PyBuffer_Release(&first_b);
    return out;
}

/* ------------------------------------------------------------------ utf8_texts
 * A list of str as the buffers of an Arrow string array (records.string_array), where
 * pa.array(texts, pa.string()) asked each str for its UTF-8 through
 * PyUnicode_AsUTF8AndSize: for a text that is not ASCII that encodes it into a copy the
 * str keeps for its lifetime (a malloc per text, the slower encoder: ~5 ms per 4 MB of
 * clean text, where encoding alone is ~1), then grew Arrow's buffer by reallocating.
 *
 * utf8_texts(texts, allocate) -> (offsets, data)
 *
 * - texts: list of str (anything else: TypeError; a lone surrogate: UnicodeEncodeError;
 *   past 2 GiB of UTF-8: OverflowError; the caller then calls pa.array, the reference);
 * - allocate(size): a writable buffer of at least `size` bytes (pa.allocate_buffer: Arrow's
 *   own memory pool, as pa.array's buffers are; a bytes object of a batch's texts a call,
 *   from malloc, made a run's memory creep ~30 MB over 48 shards: tests/test_memory_flat.py);
 * - offsets: bytes, int32 x (len(texts) + 1); data: what `allocate` returned, the texts'
 *   UTF-8 end to end.
 *
 * An ASCII str is its own UTF-8 (copied as it is); any other is encoded once into a
 * bytes object (not kept on the str), the whole sized before anything is copied.
 */
static PyObject *
utf8_texts(PyObject *self, PyObject *args)
{
    PyObject *texts, *allocate;
    if (!PyArg_ParseTuple(args, "O!O:utf8_texts", &PyList_Type, &texts, &allocate))
        return NULL;
    Py_buffer data_b = {0};
    Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *result = NULL, *offsets = NULL, *data = NULL;
    PyObject **encoded = PyMem_Calloc(n ? n : 1, sizeof(PyObject *));  /* (NULL: an ASCII text) */
    if (encoded == NULL)
        return PyErr_NoMemory();
    Py_ssize_t total = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *text = PyList_GET_ITEM(texts, k);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "texts must be str");
            goto done;
        }
        if (PyUnicode_READY(text) < 0)
            goto done;
        if (PyUnicode_IS_ASCII(text)) {
            total += PyUnicode_GET_LENGTH(text);
        } else {
            if ((encoded[k] = PyUnicode_AsUTF8String(text)) == NULL)
                goto done;
            total += PyBytes_GET_SIZE(encoded[k]);
        }
        if (total > INT32_MAX) {
            PyErr_SetString(PyExc_OverflowError, "texts past an Arrow string array's 2 GiB");
            goto done;
        }
    }
    offsets = PyBytes_FromStringAndSize(NULL, (n + 1) * (Py_ssize_t)sizeof(int32_t));
    data = PyObject_CallFunction(allocate, "n", total);
    if (offsets == NULL || data == NULL || PyObject_GetBuffer(data, &data_b, PyBUF_WRITABLE) < 0)
        goto done;
    if (data_b.len < total) {
        PyErr_SetString(PyExc_ValueError, "allocate gave a buffer too small");
        goto done;
    }
    int32_t *offset = (int32_t *)PyBytes_AS_STRING(offsets);
    char *out = data_b.buf;
    Py_ssize_t at = 0;
    offset[0] = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *text = PyList_GET_ITEM(texts, k);
        const void *from = encoded[k] ? (const void *)PyBytes_AS_STRING(encoded[k]) : PyUnicode_DATA(text);
        Py_ssize_t size = encoded[k] ? PyBytes_GET_SIZE(encoded[k]) : PyUnicode_GET_LENGTH(text);
        memcpy(out + at, from, size);
        at += size;
        offset[k + 1] = (int32_t)at;
    }
    result = PyTuple_Pack(2, offsets, data);
done:
    if (data_b.obj != NULL)
        PyBuffer_Release(&data_b);
    for (Py_ssize_t k = 0; k < n; k++)
        Py_XDECREF(encoded[k]);
    PyMem_Free(encoded);
    Py_XDECREF(offsets);
    Py_XDECREF(data);
    return result;
}

/* ------------------------------------------------------------------ split_words
 * The words of a batch of UTF-8 texts, dictionary-encoded (words.BatchWords.split).
 *
 * split_words(data, offsets, ascii_space, wide_lead, wide_2, wide_3, lengths)
 *     -> (ids, vocabulary offsets, vocabulary bytes)
 *
 * - data: the texts' UTF-8 bytes; offsets: int64, n_texts + 1 (text k is bytes
 *   offsets[k] .. offsets[k + 1]);
 * - a space is a byte b with ascii_space[b] (uint8 x 256), or a 2-/3-byte character whose
 *   lead byte has wide_lead[b] and whose bytes, read big-endian, are in wide_2 / wide_3
 *   (uint32 lists); a word is a maximal run of other bytes inside one text;
 * - lengths (int64 per text, output) gets each text's number of words;
 * - returns each word's id (int64, as a bytearray) and the distinct words in the order
 *   they first occur (int32 offsets and their bytes: an Arrow string array's buffers),
 *   which is the order Arrow's dictionary_encode (the twin's) gives them.
 */
static int
in_list(uint32_t value, const uint32_t *list, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++)
        if (list[i] == value)
            return 1;
    return 0;
}

typedef struct {
    int64_t *items;
    Py_ssize_t n, capacity;
} Int64List;

static int
int64_push(Int64List *list, int64_t value)
{
    if (list->n == list->capacity) {
        Py_ssize_t capacity = list->capacity ? 2 * list->capacity : 1024;
        int64_t *grown = PyMem_Realloc(list->items, sizeof(int64_t) * capacity);
        if (!grown) {
            PyErr_NoMemory();
            return -1;
        }
        list->items = grown;
        list->capacity = capacity;
    }
    list->items[list->n++] = value;
    return 0;
}

/* The distinct words: their (start, length) in data, and an open-addressing table of ids. */
typedef struct {
    Int64List start, length;
    int64_t *slots;  /* id, -1: empty */
    Py_ssize_t n_slots;
} Vocabulary;

static int
vocabulary_grow(Vocabulary *vocab, const uint8_t *data)
{
    Py_ssize_t n_slots = vocab->n_slots ? 2 * vocab->n_slots : 4096;
    int64_t *slots = PyMem_Malloc(sizeof(int64_t) * n_slots);
    if (!slots) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n_slots; i++)
        slots[i] = -1;
    for (Py_ssize_t id = 0; id < vocab->start.n; id++) {
        const int64_t start = vocab->start.items[id], length = vocab->length.items[id];
        Py_ssize_t at = (Py_ssize_t)(bytes_hash(data + start, (size_t)length) & (uint64_t)(n_slots - 1));
        while (slots[at] >= 0)
            at = (at + 1) & (n_slots - 1);
        slots[at] = id;
    }
    PyMem_Free(vocab->slots);
    vocab->slots = slots;
    vocab->n_slots = n_slots;
    return 0;
}

/* The id of data[start:start + length], added as a new word if it is one; -1 on error. */
static int64_t
vocabulary_id(Vocabulary *vocab, const uint8_t *data, int64_t start, int64_t length)
{
    if (2 * (vocab->start.n + 1) > vocab->n_slots && vocabulary_grow(vocab, data))
        return -1;
    Py_ssize_t mask = vocab->n_slots - 1;
    Py_ssize_t at = (Py_ssize_t)(bytes_hash(data + start, (size_t)length) & (uint64_t)mask);
    for (;; at = (at + 1) & mask) {
        int64_t id = vocab->slots[at];
        if (id < 0)
            break;
        if (vocab->length.items[id] == length
            && memcmp(data + vocab->start.items[id], data + start, (size_t)length) == 0)
            return id;
    }
    int64_t id = vocab->start.n;
    if (int64_push(&vocab->start, start) || int64_push(&vocab->length, length))
        return -1;
    vocab->slots[at] = id;
    return id;
}

static PyObject *
split_words(PyObject *self, PyObject *args)
{
    Py_buffer data_b, offsets_b, ascii_b, lead_b, wide2_b, wide3_b, lengths_b;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*w*:split_words", &data_b, &offsets_b, &ascii_b, &lead_b, &wide2_b,
                          &wide3_b, &lengths_b))
        return NULL;
    PyObject *result = NULL, *ids_out = NULL, *offsets_out = NULL, *bytes_out = NULL;
    Int64List ids = {NULL, 0, 0};
    Vocabulary vocab = {{NULL, 0, 0}, {NULL, 0, 0}, NULL, 0};
    Py_ssize_t n_texts = offsets_b.len / 8 - 1;
    if (n_texts < 0 || check_buffer(&ascii_b, "ascii_space", 1, 256) || check_buffer(&lead_b, "wide_lead", 1, 256)
        || check_buffer(&lengths_b, "lengths", 8, n_texts))
        goto done;
    const uint8_t *data = data_b.buf, *ascii_space = ascii_b.buf, *wide_lead = lead_b.buf;
    const int64_t *offsets = offsets_b.buf;
    const uint32_t *wide_2 = wide2_b.buf, *wide_3 = wide3_b.buf;
    Py_ssize_t n_wide_2 = wide2_b.len / 4, n_wide_3 = wide3_b.len / 4;
    int64_t *lengths = lengths_b.buf;
    for (Py_ssize_t k = 0; k < n_texts; k++) {
        if (offsets[k] < 0 || offsets[k] > offsets[k + 1] || offsets[k + 1] > data_b.len) {
            PyErr_SetString(PyExc_ValueError, "a text's offsets lie outside the data");
            goto done;
        }
    }
    for (Py_ssize_t k = 0; k < n_texts; k++) {
        Py_ssize_t i = (Py_ssize_t)offsets[k], end = (Py_ssize_t)offsets[k + 1];
        int64_t count = 0;
        Py_ssize_t word_start = -1;  /* the open word's first byte, -1: none */
        while (i <= end) {
            Py_ssize_t width = 0;  /* bytes of the space character starting here, 0: not one */
            if (i == end) {
                width = 1;  /* the text's end closes its last word */
            } else {
                uint8_t b = data[i];
                if (ascii_space[b]) {
                    width = 1;
                } else if (wide_lead[b]) {
                    if (i + 1 < end && in_list(((uint32_t)b << 8) | data[i + 1], wide_2, n_wide_2))
                        width = 2;
                    else if (i + 2 < end
                             && in_list(((uint32_t)b << 16) | ((uint32_t)data[i + 1] << 8) | data[i + 2], wide_3,
                                        n_wide_3))
                        width = 3;
                }
            }
            if (!width) {
                if (word_start < 0)
                    word_start = i;
                i++;
                continue;
            }
            if (word_start >= 0) {
                int64_t id = vocabulary_id(&vocab, data, word_start, i - word_start);
                if (id < 0 || int64_push(&ids, id))
                    goto done;
                count++;
                word_start = -1;
            }
            i += width;
        }
        lengths[k] = count;
    }
    /* The vocabulary as an Arrow string array's offsets and bytes. */
    int64_t total = 0;
    for (Py_ssize_t id = 0; id < vocab.length.n; id++)
        total += vocab.length.items[id];
    if (total > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "the vocabulary holds over 2 GB");
        goto done;
    }
    ids_out = PyByteArray_FromStringAndSize((const char *)ids.items, (Py_ssize_t)(sizeof(int64_t) * ids.n));
    offsets_out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(sizeof(int32_t) * (vocab.start.n + 1)));
    bytes_out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)total);
    if (!ids_out || !offsets_out || !bytes_out)
        goto done;
    int32_t *vocab_offsets = (int32_t *)PyBytes_AS_STRING(offsets_out);
    char *vocab_bytes = PyBytes_AS_STRING(bytes_out);
    int32_t at = 0;
    vocab_offsets[0] = 0;
    for (Py_ssize_t id = 0; id < vocab.start.n; id++) {
        memcpy(vocab_bytes + at, data + vocab.start.items[id], (size_t)vocab.length.items[id]);
        at += (int32_t)vocab.length.items[id];
        vocab_offsets[id + 1] = at;
    }
    result = PyTuple_Pack(3, ids_out, offsets_out, bytes_out);
done:
    Py_XDECREF(ids_out); Py_XDECREF(offsets_out); Py_XDECREF(bytes_out);
    PyMem_Free(ids.items); PyMem_Free(vocab.start.items); PyMem_Free(vocab.length.items); PyMem_Free(vocab.slots);
    PyBuffer_Release(&data_b); PyBuffer_Release(&offsets_b); PyBuffer_Release(&ascii_b); PyBuffer_Release(&lead_b);
    PyBuffer_Release(&wide2_b); PyBuffer_Release(&wide3_b); PyBuffer_Release(&lengths_b);
    return result;
}

/* ------------------------------------------------------------------ text_line_counts
 * The counts behind signals.line_signals, for each text of a batch.
 *
 * text_line_counts(texts, bullets, ellipses, terminals, counts)
 *
 * - texts: list of str; bullets / ellipses / terminals: tuples of str (a line counts when
 *   it starts with one of the bullets, ends with one of the ellipses, of the terminals);
 * - counts (int64 [text][9], output): lines, bullet lines, ellipsis lines, terminal lines,
 *   repeated lines, their characters, paragraphs, repeated paragraphs, their characters.
 *
 * Lines are the text split at "\n", stripped (str.strip: Py_UNICODE_ISSPACE), non-empty.
 * Paragraphs are the twin's pieces between matches of the regex \n\s*\n, stripped, non-empty.
 * A match is a run of whitespace holding two newlines, so it always holds a blank line
 * (the text between two of its newlines): a paragraph is a run of non-blank lines with no
 * blank line between them, from the first one's stripped start to the last one's stripped
 * end. A line (paragraph) repeats when an earlier one of the text is equal to it.
 */
typedef struct {
    Py_ssize_t *start, *length;  /* the spans seen, by slot (length -1: empty slot) */
    Py_ssize_t n_slots, capacity;  /* slots in use (a power of two), allocated */
    Py_ssize_t *filled, n_filled;  /* the slots holding a span: all others are empty, up to capacity */
} SpanSet;

/* Add a span to the set; 1 if an equal span was there already. */
static int
span_seen(SpanSet *set, int kind, const void *data, Py_ssize_t start, Py_ssize_t length)
{
    const char *bytes = (const char *)data + kind * start;
    Py_ssize_t mask = set->n_slots - 1;
    Py_ssize_t at = (Py_ssize_t)(bytes_hash((const unsigned char *)bytes, (size_t)(kind * length)) & (uint64_t)mask);
    while (set->length[at] >= 0) {
        if (set->length[at] == length
            && memcmp((const char *)data + kind * set->start[at], bytes, (size_t)(kind * length)) == 0)
            return 1;
        at = (at + 1) & mask;
    }
    set->start[at] = start;
    set->length[at] = length;
    set->filled[set->n_filled++] = at;
    return 0;
}

/* Empty the set, with room for `at_least` spans. Only the slots filled since the last
 * reset are emptied (a text's ~100 lines, where emptying every slot of a table sized for
 * its characters wrote ~128 KB per 4 KB text). */
static int
span_set_reset(SpanSet *set, Py_ssize_t at_least)
{
    Py_ssize_t n = 16;
    while (n < 2 * at_least)
        n *= 2;
    if (n > set->capacity) {
        PyMem_Free(set->start);
        PyMem_Free(set->length);
        PyMem_Free(set->filled);
        set->start = PyMem_Malloc(sizeof(Py_ssize_t) * n);
        set->length = PyMem_Malloc(sizeof(Py_ssize_t) * n);
        set->filled = PyMem_Malloc(sizeof(Py_ssize_t) * n);
        set->capacity = n;
        if (!set->start || !set->length || !set->filled) {
            set->capacity = 0;
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t i = 0; i < n; i++)
            set->length[i] = -1;
        set->n_filled = 0;
    }
    for (Py_ssize_t i = 0; i < set->n_filled; i++)
        set->length[set->filled[i]] = -1;
    set->n_filled = 0;
    set->n_slots = n;  /* a power of two: slots are hash & (n_slots - 1) */
    return 0;
}

/* A tuple of str and, to skip most tail matches, the code point each one starts or ends with. */
typedef struct {
    PyObject *tuple;
    int direction;  /* -1: prefixes, 1: suffixes (PyUnicode_Tailmatch's) */
    Py_UCS4 edge[64];
    Py_ssize_t n;
} Affixes;

static int
affixes_init(Affixes *affixes, PyObject *tuple, int direction)
{
    affixes->tuple = tuple;
    affixes->direction = direction;
    affixes->n = PyTuple_GET_SIZE(tuple);
    if (affixes->n > 64) {
        PyErr_SetString(PyExc_ValueError, "at most 64 affixes");
        return -1;
    }
    for (Py_ssize_t i = 0; i < affixes->n; i++) {
        PyObject *affix = PyTuple_GET_ITEM(tuple, i);
        if (!PyUnicode_Check(affix) || PyUnicode_GET_LENGTH(affix) == 0) {
            PyErr_SetString(PyExc_TypeError, "affixes must be non-empty str");
            return -1;
        }
        affixes->edge[i] = PyUnicode_READ_CHAR(affix, direction < 0 ? 0 : PyUnicode_GET_LENGTH(affix) - 1);
    }
    return 0;
}

/* Does text[start:end] (not empty) start (end) with one of the affixes? 1, 0, -1 on error. */
static int
matches_any(PyObject *text, int kind, const void *data, const Affixes *affixes, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 edge = PyUnicode_READ(kind, data, affixes->direction < 0 ? start : end - 1);
    for (Py_ssize_t i = 0; i < affixes->n; i++) {
        if (affixes->edge[i] != edge)
            continue;
        Py_ssize_t hit = PyUnicode_Tailmatch(text, PyTuple_GET_ITEM(affixes->tuple, i), start, end,
                                             affixes->direction);
        if (hit != 0)
            return (int)hit;  /* 1, or -1 on error */
    }
    return 0;
}

/* The next "\n" at or after `from`, or `length`. */
static Py_ssize_t
next_newline(int kind, const void *data, Py_ssize_t from, Py_ssize_t length)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        const char *at = memchr((const char *)data + from, '\n', (size_t)(length - from));
        return at ? at - (const char *)data : length;
    }
    if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *chars = data;
        while (from < length && chars[from] != '\n')
            from++;
        return from;
    }
    const Py_UCS4 *chars = data;
    while (from < length && chars[from] != '\n')
        from++;
    return from;
}

/* Count one paragraph [start, end) into row[6..8]. */
static void
count_paragraph(SpanSet *set, int kind, const void *data, Py_ssize_t start, Py_ssize_t end, int64_t *row)
{
    row[6]++;
    if (span_seen(set, kind, data, start, end - start)) {
        row[7]++;
        row[8] += end - start;
    }
}

static PyObject *
text_line_counts(PyObject *self, PyObject *args)
{
    PyObject *texts, *bullets, *ellipses, *terminals;
    Py_buffer counts_b;
    if (!PyArg_ParseTuple(args, "O!O!O!O!w*:text_line_counts", &PyList_Type, &texts, &PyTuple_Type, &bullets,
                          &PyTuple_Type, &ellipses, &PyTuple_Type, &terminals, &counts_b))
        return NULL;
    PyObject *result = NULL;
    SpanSet lines = {NULL, NULL, 0, 0, NULL, 0}, paragraphs = {NULL, NULL, 0, 0, NULL, 0};
    Py_ssize_t n_texts = PyList_GET_SIZE(texts);
    if (check_buffer(&counts_b, "counts", 8 * 9, n_texts))
        goto done;
    Affixes starts_bullet, ends_ellipsis, ends_terminal;
    if (affixes_init(&starts_bullet, bullets, -1) || affixes_init(&ends_ellipsis, ellipses, 1)
        || affixes_init(&ends_terminal, terminals, 1))
        goto done;
    int64_t *counts = counts_b.buf;
    for (Py_ssize_t k = 0; k < n_texts; k++) {
        PyObject *text = PyList_GET_ITEM(texts, k);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "texts must be str");
            goto done;
        }
        int64_t *row = counts + 9 * k;
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        Py_ssize_t length = PyUnicode_GET_LENGTH(text);
        /* (a text has at most length / 2 + 1 non-blank lines) */
        if (span_set_reset(&lines, length / 2 + 1) || span_set_reset(&paragraphs, length / 2 + 1))
            goto done;
        Py_ssize_t paragraph_start = -1, paragraph_end = -1;  /* the open paragraph, if any */
        for (Py_ssize_t piece = 0; piece <= length;) {
            Py_ssize_t newline = next_newline(kind, data, piece, length);
            Py_ssize_t s = piece, e = newline;
            while (s < e && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, s)))
                s++;
            while (e > s && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, e - 1)))
                e--;
            piece = newline + 1;
            if (s == e) {  /* a blank line closes the open paragraph */
                if (paragraph_start >= 0)
                    count_paragraph(&paragraphs, kind, data, paragraph_start, paragraph_end, row);
                paragraph_start = -1;
                continue;
            }
            if (paragraph_start < 0)
                paragraph_start = s;
            paragraph_end = e;
            row[0]++;
            int bullet = matches_any(text, kind, data, &starts_bullet, s, e);
            int ellipsis = matches_any(text, kind, data, &ends_ellipsis, s, e);
            int terminal = matches_any(text, kind, data, &ends_terminal, s, e);
            if (bullet < 0 || ellipsis < 0 || terminal < 0)
                goto done;
            row[1] += bullet;
            row[2] += ellipsis;
            row[3] += terminal;
            if (span_seen(&lines, kind, data, s, e - s)) {
                row[4]++;
                row[5] += e - s;
            }
        }
        if (paragraph_start >= 0)
            count_paragraph(&paragraphs, kind, data, paragraph_start, paragraph_end, row);
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(lines.start); PyMem_Free(lines.length); PyMem_Free(lines.filled);
    PyMem_Free(paragraphs.start); PyMem_Free(paragraphs.length); PyMem_Free(paragraphs.filled);
    PyBuffer_Release(&counts_b);
    return result;
}

/* ------------------------------------------------------------------ word_keys
 * The words of a text as (row, hash) pairs (classifier.word_echo).
 *
 * word_keys(text, class_table, wide_classes, word_mask, min_length, base, keys, rows) -> count
 *
 * - a word is a maximal run of characters whose class (class_table and wide_classes, as in
 *   line_counts) has a bit of word_mask; only words of at least min_length characters count;
 * - keys (uint64, output): sum of the word's code points times base**(offset in the word),
 *   mod 2^64; rows (int64, output): the number of "\n" before the word;
 * - both outputs need room for len(text) / min_length + 1 words; returns how many there are;
 * - lower (optional, default false): read the text lower-cased, as text.lower() would give it
 *   (ValueError on a CONTEXT_LOWER character: the caller lower-cases such a text itself).
 */
static PyObject *
word_keys(PyObject *self, PyObject *args)
{
    PyObject *text;
    Py_buffer table_b, wide_b, keys_b, rows_b;
    unsigned int word_mask;
    Py_ssize_t min_length;
    unsigned long long base;
    int lower = 0;
    if (!PyArg_ParseTuple(args, "Uy*y*InKw*w*|p:word_keys", &text, &table_b, &wide_b, &word_mask, &min_length, &base,
                          &keys_b, &rows_b, &lower))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    if (min_length < 1 || table_b.len < 1) {
        PyErr_SetString(PyExc_ValueError, "min_length < 1 or an empty class table");
        goto done;
    }
    Py_ssize_t room = length / min_length + 1;
    if (check_buffer(&keys_b, "keys", 8, room) || check_buffer(&rows_b, "rows", 8, room))
        goto done;
    const uint8_t *table = table_b.buf;
    const uint32_t *wide = wide_b.buf;
    Py_ssize_t table_len = table_b.len, n_wide = wide_b.len / 8;
    const uint8_t above = table[table_len - 1];
    uint64_t *keys = keys_b.buf;
    int64_t *rows = rows_b.buf;
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t count = 0, run = 0;
    int64_t row = 0;
    uint64_t key = 0, power = 1;
    /* Once per string kind, as in line_counts: each copy reads a plain array. */
#define WORD_KEYS_LOOP(CHAR_T)                                                            \
    do {                                                                                 \
        const CHAR_T *chars = (const CHAR_T *)data;                                      \
        for (Py_ssize_t i = 0; i <= length; i++) {                                       \
            Py_UCS4 cp = i < length ? chars[i] : 0;                                      \
            if (lower) {  /* (str.lower's, one character at a time: see CONTEXT_LOWER) */ \
                if (cp < 128) {                                                          \
                    cp += (cp - 'A' < 26u) ? 'a' - 'A' : 0;                              \
                } else if (CONTEXT_LOWER(cp)) {                                          \
                    PyErr_SetString(PyExc_ValueError, "a character str.lower() lower-cases in context"); \
                    goto done;                                                           \
                } else {                                                                 \
                    cp = Py_UNICODE_TOLOWER(cp);                                         \
                }                                                                        \
            }                                                                            \
            uint8_t cls = 0;                                                             \
            if (i < length) {                                                            \
                if ((Py_ssize_t)cp < table_len - 1) {                                    \
                    cls = table[cp];                                                     \
                } else {                                                                 \
                    cls = above;                                                         \
                    for (Py_ssize_t w = 0; w < n_wide; w++)                              \
                        if (wide[2 * w] == cp) { cls = (uint8_t)wide[2 * w + 1]; break; } \
                }                                                                        \
            }                                                                            \
            if (cls & word_mask) {                                                       \
                key += (uint64_t)cp * power;                                             \
                power *= base;                                                           \
                run++;                                                                   \
                continue;                                                                \
            }                                                                            \
            if (run >= min_length) {  /* a word ended here */                            \
                keys[count] = key;                                                       \
                rows[count] = row;                                                       \
                count++;                                                                 \
            }                                                                            \
            run = 0;                                                                     \
            key = 0;                                                                     \
            power = 1;                                                                   \
            if (cp == '\n' && i < length)                                                \
                row++;                                                                   \
        }                                                                                \
    } while (0)

    BY_STRING_KIND(kind, WORD_KEYS_LOOP);
#undef WORD_KEYS_LOOP
    result = PyLong_FromSsize_t(count);
done:
    PyBuffer_Release(&table_b); PyBuffer_Release(&wide_b); PyBuffer_Release(&keys_b); PyBuffer_Release(&rows_b);
    return result;
}

/* ------------------------------------------------------------------ tree_sums
 * The summed leaf values of oblivious trees for every row (classifier.TreeModel).
 *
 * tree_sums(features, n_rows, columns, thresholds, question_of, depth, leaf_values, sums)
 *
 * - features: float32 [feature][row] (n_rows per feature); columns: int64 and thresholds:
 *   float32 per distinct question (is feature columns[q] > thresholds[q]?);
 * - question_of: int64 [level][tree], the distinct question tree t asks at level d (the
 *   answers, first level the top bit, are the number of the tree's leaf);
 * - leaf_values: float64 [tree][2^depth];
 * - sums (float64 per row, output): the row's leaf values added tree after tree, from the
 *   first tree's, in that order (numpy's sum over the trees' axis adds them so).
 *
 * Rows go in blocks of TREE_BLOCK, whose answers (one byte each) stay in the cache.
 */
#define TREE_BLOCK 64

static PyObject *
tree_sums(PyObject *self, PyObject *args)
{
    Py_buffer features_b, columns_b, thresholds_b, question_b, leaf_b, sums_b;
    Py_ssize_t n_rows, depth;
    if (!PyArg_ParseTuple(args, "y*ny*y*y*ny*w*:tree_sums", &features_b, &n_rows, &columns_b, &thresholds_b,
                          &question_b, &depth, &leaf_b, &sums_b))
        return NULL;
    PyObject *result = NULL;
    uint8_t *answers = NULL;
    Py_ssize_t n_questions = columns_b.len / 8;
    Py_ssize_t n_features = n_rows > 0 ? features_b.len / 4 / n_rows : 0;
    if (depth < 1 || depth > 30 || n_rows < 0) {
        PyErr_SetString(PyExc_ValueError, "depth must be 1..30, n_rows >= 0");
        goto done;
    }
    Py_ssize_t n_trees = question_b.len / 8 / depth, n_leaves = (Py_ssize_t)1 << depth;
    if (check_buffer(&features_b, "features", 4, n_features * n_rows)
        || check_buffer(&thresholds_b, "thresholds", 4, n_questions)
        || check_buffer(&question_b, "question_of", 8, depth * n_trees)
        || check_buffer(&leaf_b, "leaf_values", 8, n_trees * n_leaves) || check_buffer(&sums_b, "sums", 8, n_rows))
        goto done;
    const float *features = features_b.buf, *thresholds = thresholds_b.buf;
    const int64_t *columns = columns_b.buf, *question_of = question_b.buf;
    const double *leaf_values = leaf_b.buf;
    double *sums = sums_b.buf;
    for (Py_ssize_t q = 0; q < n_questions; q++)
        if (columns[q] < 0 || columns[q] >= n_features) {
            PyErr_SetString(PyExc_ValueError, "a question's feature is out of range");
            goto done;
        }
    for (Py_ssize_t k = 0; k < depth * n_trees; k++)
        if (question_of[k] < 0 || question_of[k] >= n_questions) {
            PyErr_SetString(PyExc_ValueError, "question_of: a question out of range");
            goto done;
        }
    if (n_trees == 0 || n_rows == 0) {
        for (Py_ssize_t j = 0; j < n_rows; j++)
            sums[j] = 0.0;
        result = Py_NewRef(Py_None);
        goto done;
    }
    answers = PyMem_Malloc((size_t)n_questions * TREE_BLOCK + 1);
    if (answers == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t first = 0; first < n_rows; first += TREE_BLOCK) {
        const Py_ssize_t block = n_rows - first < TREE_BLOCK ? n_rows - first : TREE_BLOCK;
        for (Py_ssize_t q = 0; q < n_questions; q++) {
            const float *feature = features + columns[q] * n_rows + first;
            const float threshold = thresholds[q];
            uint8_t *answer = answers + q * TREE_BLOCK;
            for (Py_ssize_t j = 0; j < block; j++)
                answer[j] = feature[j] > threshold;
        }
        double *sum = sums + first;
        for (Py_ssize_t t = 0; t < n_trees; t++) {
            const double *values = leaf_values + t * n_leaves;
            uint32_t leaf[TREE_BLOCK];
            const uint8_t *top = answers + question_of[t] * TREE_BLOCK;
            for (Py_ssize_t j = 0; j < block; j++)
                leaf[j] = top[j];
            for (Py_ssize_t d = 1; d < depth; d++) {
                const uint8_t *level = answers + question_of[d * n_trees + t] * TREE_BLOCK;
                for (Py_ssize_t j = 0; j < block; j++)
                    leaf[j] = (leaf[j] << 1) | level[j];
            }
            if (t == 0)
                for (Py_ssize_t j = 0; j < block; j++)
                    sum[j] = values[leaf[j]];
            else
                for (Py_ssize_t j = 0; j < block; j++)
                    sum[j] += values[leaf[j]];
        }
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(answers);
    PyBuffer_Release(&features_b); PyBuffer_Release(&columns_b); PyBuffer_Release(&thresholds_b);
    PyBuffer_Release(&question_b); PyBuffer_Release(&leaf_b); PyBuffer_Release(&sums_b);
    return result;
}

/* ------------------------------------------------------------------ stable_order
 * The order that sorts uint64 keys, equal keys in their original order: what
 * numpy.argsort(keys, kind="stable") gives (classifier.word_echo), where numpy's stable
 * sort of 64-bit keys compares them (timsort).
 *
 * stable_order(keys, order)  (keys: uint64; order: int64 output, one per key)
 *
 * First by buckets (bucket_order): the keys are hashes, so their top bits spread them
 * evenly over ~n/4 buckets (at most 2^20: 8 MB of counters for 4 M keys and more); each
 * key goes to its bucket in the original order and each bucket, a few keys, is sorted by
 * insertion (an equal key is never moved past another: stable). Keys that crowd into
 * few buckets out of order (not hashes) would make the insertions quadratic: past a
 * budget of moves the buckets are dropped for the least-significant-digit radix sort
 * (lsd_order: 8 passes of one byte, each a count and a scatter of every key; a pass whose
 * byte is the same in every key is skipped), which was the whole sort before (~2-3x
 * slower on a batch's ~50,000 word keys: a pass reads the keys in the order of the pass
 * before, out of the cache). A stable sort's order is unique: both give numpy's.
 */
typedef struct {
    uint64_t key;
    int64_t at;  /* the key's place in `keys` */
} KeyAt;

/* Insertions per key allowed before bucket_order gives up (uniform hashes need ~2). */
#define BUCKET_MOVES_PER_KEY 8

/* The order of `keys` by buckets of their top bits (n >= 2): 1 done, 0 too many moves
 * (`order` not written: the caller sorts another way), -1 no memory (error set). */
static int
bucket_order(const uint64_t *keys, int64_t *order, Py_ssize_t n)
{
    int bits = 1;
    while (bits < 20 && ((Py_ssize_t)4 << bits) <= n)
        bits++;
    const int shift = 64 - bits;
    const Py_ssize_t n_buckets = (Py_ssize_t)1 << bits;
    Py_ssize_t *bucket_end = PyMem_Calloc(n_buckets + 1, sizeof(Py_ssize_t));
    KeyAt *sorted = PyMem_Malloc(sizeof(KeyAt) * n);
    int status = -1;
    if (bucket_end == NULL || sorted == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        bucket_end[(keys[i] >> shift) + 1]++;
    for (Py_ssize_t b = 0; b < n_buckets; b++)
        bucket_end[b + 1] += bucket_end[b];
    /* (bucket_end[b]: where bucket b's next key goes; when all are placed, its end) */
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t to = bucket_end[keys[i] >> shift]++;
        sorted[to].key = keys[i];
        sorted[to].at = i;
    }
    const Py_ssize_t budget = BUCKET_MOVES_PER_KEY * n;
    Py_ssize_t moves = 0, first = 0;
    for (Py_ssize_t b = 0; b < n_buckets; first = bucket_end[b++]) {
        for (Py_ssize_t j = first + 1; j < bucket_end[b]; j++) {
            const KeyAt key = sorted[j];
            Py_ssize_t i = j;
            for (; i > first && sorted[i - 1].key > key.key; i--)
                sorted[i] = sorted[i - 1];
            sorted[i] = key;
            moves += j - i;
            if (moves > budget) {  /* (checked per key: one bucket may hold them all) */
                status = 0;
                goto done;
            }
        }
    }
    for (Py_ssize_t i = 0; i < n; i++)
        order[i] = sorted[i].at;
    status = 1;
done:
    PyMem_Free(bucket_end);
    PyMem_Free(sorted);
    return status;
}

/* The order of `keys` by a least-significant-digit radix sort (see above); `spare`:
 * room for n int64. */
static void
lsd_order(const uint64_t *keys, int64_t *order, int64_t *spare, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++)
        order[i] = i;
    int64_t *from = order, *to = spare;
    for (int shift = 0; shift < 64; shift += 8) {
        Py_ssize_t count[257] = {0};
        for (Py_ssize_t i = 0; i < n; i++)
            count[((keys[i] >> shift) & 0xFF) + 1]++;
        if (n == 0 || count[((keys[0] >> shift) & 0xFF) + 1] == n)
            continue;  /* (every key has this byte: the pass would keep the order) */
        for (int b = 0; b < 256; b++)
            count[b + 1] += count[b];
        for (Py_ssize_t i = 0; i < n; i++) {  /* (in the current order: stable) */
            int64_t k = from[i];
            to[count[(keys[k] >> shift) & 0xFF]++] = k;
        }
        int64_t *swap = from;
        from = to;
        to = swap;
    }
    if (from != order)
        memcpy(order, from, sizeof(int64_t) * n);
}

static PyObject *
stable_order(PyObject *self, PyObject *args)
{
    Py_buffer keys_b, order_b;
    if (!PyArg_ParseTuple(args, "y*w*:stable_order", &keys_b, &order_b))
        return NULL;
    PyObject *result = NULL;
    int64_t *spare = NULL;
    const Py_ssize_t n = keys_b.len / 8;
    if (check_buffer(&order_b, "order", 8, n))
        goto done;
    const uint64_t *keys = keys_b.buf;
    int64_t *order = order_b.buf;
    int by_buckets = n >= 2 ? bucket_order(keys, order, n) : 0;
    if (by_buckets < 0)
        goto done;
    if (!by_buckets) {
        spare = PyMem_Malloc(sizeof(int64_t) * (n + 1));
        if (spare == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        lsd_order(keys, order, spare, n);
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(spare);
    PyBuffer_Release(&keys_b); PyBuffer_Release(&order_b);
    return result;
}

/* ------------------------------------------------------------------ rule_gates
 * Which rules can match each never-seen line of a batch (boilerplate.engine.line_gates),
 * in one pass over the lines: the keyword rules whose keyword the lower-cased line holds
 * (an Aho-Corasick automaton over code points, lower-casing as it reads) and whose own
 * RE2 superset full-matches it, and the anchored rules whose RE2 superset full-matches
 * the line (the RE2 set's own matcher, called on each line's UTF-8).
 *
 * rule_gates(lines, char_class, delta, n_classes, state_bits, set_match, bit_of, always,
 *            keyword_matchers, keyword_checked, keyword_bits, anchored_bits[, row_delta])
 *
 * - lines: list of str;
 * Every set of rule bits is W uint64 words (bit k of the set: bit k % 64 of word k / 64),
 * W being the length of `always`: as many words as the rule set needs (kernels.gate_words).
 *
 * - char_class: uint16 per lower-case code point below its length: the automaton's input
 *   class of that character (0: in no keyword); delta: int32 [state][n_classes], the next
 *   state (the full automaton: failure links folded in); state_bits: uint64 [state][W],
 *   the bits of the keyword rules with a keyword ending there (or at a suffix of it);
 * - set_match: the RE2 set's match function (bytes -> list of pattern indices), or None
 *   to leave anchored_bits alone; bit_of: uint64 [set index][W]; always: uint64 [W], the
 *   bits of the patterns without a superset; a line that is no UTF-8 (a lone surrogate)
 *   gets every bit;
 * - keyword_matchers: per keyword rule, the match function of its regex's RE2 superset
 *   (one-pattern set) or None; keyword_checked: uint64 [line][W], the keyword bits worth
 *   confirming: each such bit the line holds is cleared when the superset does not
 *   full-match the line (the rule's regex cannot), as without a matcher it is kept;
 *   (needs set_match: the line's UTF-8 is made once for both);
 * - outputs: keyword_bits, anchored_bits: uint64 [line][W];
 * - row_delta (optional): uint32 [state][n_classes], delta as the scan reads it (see
 *   ROW_HAS_BITS), made once by the caller (KeywordAutomaton.row_delta_bytes); without
 *   it, it is made from delta on each call. Each row is checked to lie inside the table,
 *   except in a bytes object already found to fit (the last one is remembered: bytes
 *   cannot change, and the engine hands the same table to every batch);
 * - longest (optional): at least the longest keyword's length in code points (the
 *   automaton's depth, KeywordAutomaton.longest): long lines are then read as two halves
 *   at once (keyword_scan); 0 or none: one chain per line.
 *
 * Lower-casing: str.lower() maps every character on its own to one character, like
 * Py_UNICODE_TOLOWER, except two (checked over every code point by the tests): "İ",
 * whose lower case is two characters, and "Σ", whose lower case depends on its
 * neighbours (final sigma). A line holding either is lower-cased by str.lower() itself
 * and read as it comes out.
 */
typedef struct {
    const uint16_t *char_class;
    Py_ssize_t n_chars;  /* char_class's length */
    const uint32_t *row_delta;  /* [state][n_classes]: the next state's row, see ROW_HAS_BITS */
    Py_ssize_t n_classes;
    const uint64_t *state_bits;  /* [state][n_words] */
    Py_ssize_t n_words;
    Py_ssize_t longest;  /* the longest keyword's code points (0: not known) */
    uint16_t byte_class[2][256];  /* the class of each code point below 256: [lower][c] */
} KeywordAutomaton;

/* row_delta's entries: the next state's first entry (state x n_classes), with this bit set
 * when that state has rule bits. Reading a line is then one dependent load and a mask per
 * character (the state's multiply by n_classes left the chain), and a state's bits are
 * looked up only where a keyword ends (its state found by a division, rarely). */
#define ROW_HAS_BITS 0x80000000u

/* Input class of code point c (-1: a CONTEXT_LOWER character while lower-casing). */
static inline int
keyword_class(const KeywordAutomaton *a, Py_UCS4 c, int lower)
{
    if (c < 256)
        return a->byte_class[lower][c];
    if (lower) {
        if (CONTEXT_LOWER(c))
            return -1;
        c = Py_UNICODE_TOLOWER(c);
    }
    return (Py_ssize_t)c < a->n_chars ? a->char_class[c] : 0;
}

/* Fill the per-byte class tables of `a` (char_class and n_chars set): code points below
 * 256 lower-case on their own (none is CONTEXT_LOWER). */
static void
keyword_byte_classes(KeywordAutomaton *a)
{
    for (Py_UCS4 c = 0; c < 256; c++) {
        Py_UCS4 low = c < 128 ? (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) : Py_UNICODE_TOLOWER(c);
        a->byte_class[0][c] = (Py_ssize_t)c < a->n_chars ? a->char_class[c] : 0;
        a->byte_class[1][c] = (Py_ssize_t)low < a->n_chars ? a->char_class[low] : 0;
    }
}

/* OR the rule bits of the state whose row starts at `row` into bits[0 .. n_words). */
static inline void
add_state_bits(const KeywordAutomaton *a, uint32_t row, uint64_t *bits)
{
    const uint64_t *state_bits = a->state_bits + (row / a->n_classes) * a->n_words;
    for (Py_ssize_t w = 0; w < a->n_words; w++)
        bits[w] |= state_bits[w];
}

/* One character's step of a scan: `row` moves on, a keyword's end adds its bits; returns
 * -1 from the scan on a CONTEXT_LOWER character. */
#define KEYWORD_STEP(CHAR_T, c, row)                                                        \
    do {                                                                                    \
        int cls_ = sizeof(CHAR_T) == 1 ? a->byte_class[lower][(c)] : keyword_class(a, (c), lower); \
        if (cls_ < 0)                                                                       \
            return -1;                                                                      \
        uint32_t next_ = row_delta[(row) + (uint32_t)cls_];                                 \
        (row) = next_ & ~ROW_HAS_BITS;                                                      \
        if (next_ & ROW_HAS_BITS)  /* (a keyword ends here: rare) */                        \
            add_state_bits(a, (row), bits);                                                 \
    } while (0)

/* The keyword bits of one str's characters (OR-ed into bits[0 .. n_words)), lower-cased
 * on the way when `lower` (then returns -1 on meeting a CONTEXT_LOWER character: the
 * caller lower-cases the line itself).
 *
 * A line of 4+ times the longest keyword (`a->longest` code points; 0: unknown) is read as
 * two halves side by side, the second starting afresh `longest - 1` characters before the
 * middle: each character's step waits on the one before (a load), so two independent
 * chains run in the time of one. The same bits: a keyword ending in the first half is
 * found by the first, one ending in the second starts at most `longest - 1` characters
 * before it, where the second chain has begun. */
static int
keyword_scan(const KeywordAutomaton *a, int kind, const void *data, Py_ssize_t length, int lower, uint64_t *bits)
{
    const uint32_t *row_delta = a->row_delta;
    Py_ssize_t split = a->longest > 0 && length >= 4 * a->longest ? length / 2 : length;
    Py_ssize_t second = split - (a->longest > 0 ? a->longest - 1 : 0);  /* (where the second half's chain starts) */
#define KEYWORD_SCAN_LOOP(CHAR_T)                                                  \
    do {                                                                           \
        const CHAR_T *chars = (const CHAR_T *)data;                                \
        uint32_t row = 0, row2 = 0;                                                \
        Py_ssize_t i = 0;                                                          \
        if (split < length) {                                                      \
            for (; i < split; i++) {                                               \
                KEYWORD_STEP(CHAR_T, chars[i], row);                               \
                KEYWORD_STEP(CHAR_T, chars[second + i], row2);                     \
            }                                                                      \
            for (i = second + split; i < length; i++)                              \
                KEYWORD_STEP(CHAR_T, chars[i], row2);                              \
        } else {                                                                   \
            for (; i < length; i++)                                                \
                KEYWORD_STEP(CHAR_T, chars[i], row);                               \
        }                                                                          \
    } while (0)
    BY_STRING_KIND(kind, KEYWORD_SCAN_LOOP);
#undef KEYWORD_SCAN_LOOP
    return 0;
}

/* row_delta (see ROW_HAS_BITS) of a `delta` whose states are all below n_states, made
 * into `out` (n_states x n_classes entries). */
static void
rows_of_delta(const int32_t *delta, Py_ssize_t n_states, Py_ssize_t n_classes, const uint64_t *state_bits,
              Py_ssize_t n_words, uint32_t *out)
{
    for (Py_ssize_t k = 0; k < n_states * n_classes; k++) {
        uint32_t has_bits = 0;
        for (Py_ssize_t w = 0; w < n_words; w++)
            has_bits |= state_bits[(Py_ssize_t)delta[k] * n_words + w] != 0;
        out[k] = (uint32_t)(delta[k] * n_classes) | (has_bits ? ROW_HAS_BITS : 0);
    }
}

/* Is every entry of a given row_delta a row inside the table, flagged only where that
 * state has bits? (A branch-free pass: it vectorises.) */
static int
row_delta_fits(const uint32_t *row_delta, Py_ssize_t n_states, Py_ssize_t n_classes)
{
    uint32_t last_row = (uint32_t)((n_states - 1) * n_classes), too_far = 0;
    for (Py_ssize_t k = 0; k < n_states * n_classes; k++)
        too_far |= (row_delta[k] & ~ROW_HAS_BITS) > last_row;
    return !too_far;
}

/* The last row_delta found to fit, when it came as a bytes object (immutable: held here,
 * its content cannot change), with the shape it was checked for: the check reads the
 * whole table (the automaton's 1,990 x 357 entries, 2.8 MB, ~1 ms cold) and the engine
 * hands the same table to every batch. */
static PyObject *fitting_rows = NULL;
static Py_ssize_t fitting_states = 0, fitting_classes = 0;

/* row_delta_fits, skipped for the bytes object last found to fit with this shape. */
static int
row_delta_fits_once(PyObject *owner, const uint32_t *row_delta, Py_ssize_t n_states, Py_ssize_t n_classes)
{
    if (owner == fitting_rows && n_states == fitting_states && n_classes == fitting_classes)
        return 1;
    if (!row_delta_fits(row_delta, n_states, n_classes))
        return 0;
    if (PyBytes_CheckExact(owner)) {
        Py_XSETREF(fitting_rows, Py_NewRef(owner));
        fitting_states = n_states, fitting_classes = n_classes;
    }
    return 1;
}

/* The bits (n_words words) of the patterns of an RE2 set (its match function) that match
 * `utf8`, with those of `always`. */
static int
set_bits(PyObject *utf8, PyObject *set_match, const uint64_t *bit_of, Py_ssize_t n_set, const uint64_t *always,
         Py_ssize_t n_words, uint64_t *bits)
{
    PyObject *found = PyObject_CallOneArg(set_match, utf8);
    if (found == NULL)
        return -1;
    PyObject *seq = PySequence_Fast(found, "the set's match must return a sequence");
    Py_DECREF(found);
    if (seq == NULL)
        return -1;
    for (Py_ssize_t w = 0; w < n_words; w++)
        bits[w] = always[w];
    for (Py_ssize_t j = 0, n = PySequence_Fast_GET_SIZE(seq); j < n; j++) {
        Py_ssize_t index = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(seq, j));
        if (index < 0 || index >= n_set) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_IndexError, "a set index past bit_of");
            Py_DECREF(seq);
            return -1;
        }
        for (Py_ssize_t w = 0; w < n_words; w++)
            bits[w] |= bit_of[index * n_words + w];
    }
    Py_DECREF(seq);
    return 0;
}

/* The anchored bits of one line (its UTF-8 through the RE2 set), and its keyword bits
 * among `checked` confirmed by each keyword rule's own superset (n_words words each);
 * -1 on an error. */
static int
re2_gates(PyObject *line, PyObject *set_match, const uint64_t *bit_of, Py_ssize_t n_set, const uint64_t *always,
          Py_ssize_t n_words, PyObject *keyword_matchers, const uint64_t *checked, uint64_t *anchored,
          uint64_t *keywords)
{
    static const uint64_t one_bit = 1, no_bit = 0;
    PyObject *utf8 = PyUnicode_AsUTF8String(line);
    if (utf8 == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError))
            return -1;
        PyErr_Clear();  /* a lone surrogate: RE2 cannot say, every rule is tried */
        for (Py_ssize_t w = 0; w < n_words; w++)
            anchored[w] = ~(uint64_t)0;
        return 0;
    }
    int status = set_bits(utf8, set_match, bit_of, n_set, always, n_words, anchored);
    Py_ssize_t n_matchers = PyTuple_GET_SIZE(keyword_matchers);
    for (Py_ssize_t w = 0; status == 0 && w < n_words; w++) {
        uint64_t to_check = keywords[w] & checked[w];
        for (Py_ssize_t k = 64 * w; status == 0 && to_check; k++, to_check >>= 1) {
            if (!(to_check & 1) || k >= n_matchers || PyTuple_GET_ITEM(keyword_matchers, k) == Py_None)
                continue;
            uint64_t passed;
            status = set_bits(utf8, PyTuple_GET_ITEM(keyword_matchers, k), &one_bit, 1, &no_bit, 1, &passed);
            if (status == 0 && !passed)
                keywords[w] &= ~((uint64_t)1 << (k - 64 * w));
        }
    }
    Py_DECREF(utf8);
    return status;
}

static PyObject *
rule_gates(PyObject *self, PyObject *args)
{
    PyObject *lines, *set_match, *keyword_matchers, *row_delta_arg = Py_None;
    Py_ssize_t longest = 0;
    Py_buffer class_b, delta_b, state_b, bit_of_b, always_b, checked_b, keyword_b, anchored_b, rows_b = {0};
    Py_ssize_t n_classes;
    if (!PyArg_ParseTuple(args, "O!y*y*ny*Oy*y*O!y*w*w*|On:rule_gates", &PyList_Type, &lines, &class_b, &delta_b,
                          &n_classes, &state_b, &set_match, &bit_of_b, &always_b, &PyTuple_Type, &keyword_matchers,
                          &checked_b, &keyword_b, &anchored_b, &row_delta_arg, &longest))
        return NULL;
    PyObject *result = NULL;
    uint32_t *made_rows = NULL;  /* (row_delta made here when the caller gave none) */
    Py_ssize_t n_lines = PyList_GET_SIZE(lines);
    Py_ssize_t n_words = always_b.len / 8;  /* words per set of rule bits */
    Py_ssize_t n_states = n_words > 0 ? state_b.len / (8 * n_words) : 0;
    if (n_words < 1 || always_b.len % 8 || state_b.len % (8 * n_words) || bit_of_b.len % (8 * n_words)) {
        PyErr_SetString(PyExc_ValueError, "always, state_bits, bit_of: whole rows of 64-bit words");
        goto done;
    }
    if (n_classes < 1 || n_states < 1 || class_b.len < 2) {
        PyErr_SetString(PyExc_ValueError, "an empty automaton");
        goto done;
    }
    if (check_buffer(&delta_b, "delta", 4, n_states * n_classes)
        || check_buffer(&keyword_b, "keyword_bits", 8, n_lines * n_words)
        || check_buffer(&anchored_b, "anchored_bits", 8, n_lines * n_words)
        || check_buffer(&checked_b, "keyword_checked", 8, n_lines * n_words))
        goto done;
    if (n_states * n_classes >= (Py_ssize_t)ROW_HAS_BITS) {
        PyErr_SetString(PyExc_ValueError, "an automaton too large for 31-bit rows");
        goto done;
    }
    const uint16_t *char_class = class_b.buf;
    uint16_t worst_class = 0;  /* (branch-free checks: they vectorise) */
    for (Py_ssize_t k = 0; k < class_b.len / 2; k++)
        worst_class = char_class[k] > worst_class ? char_class[k] : worst_class;
    if (worst_class >= n_classes) {
        PyErr_SetString(PyExc_ValueError, "char_class: a class out of range");
        goto done;
    }
    const uint32_t *row_delta;
    if (row_delta_arg != Py_None) {  /* (the automaton's own, made once: KeywordAutomaton.row_delta) */
        if (PyObject_GetBuffer(row_delta_arg, &rows_b, PyBUF_SIMPLE) < 0
            || check_buffer(&rows_b, "row_delta", 4, n_states * n_classes))
            goto done;
        if (!row_delta_fits_once(row_delta_arg, rows_b.buf, n_states, n_classes)) {
            PyErr_SetString(PyExc_ValueError, "row_delta: a row out of range");
            goto done;
        }
        row_delta = rows_b.buf;
    } else {
        const int32_t *delta = delta_b.buf;
        uint32_t outside = 0;
        for (Py_ssize_t k = 0; k < n_states * n_classes; k++)
            outside |= (uint32_t)delta[k] >= (uint32_t)n_states;
        if (outside) {
            PyErr_SetString(PyExc_ValueError, "delta: a state out of range");
            goto done;
        }
        made_rows = PyMem_Malloc(sizeof(uint32_t) * n_states * n_classes);
        if (made_rows == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        rows_of_delta(delta, n_states, n_classes, state_b.buf, n_words, made_rows);
        row_delta = made_rows;
    }
    KeywordAutomaton automaton = {char_class, class_b.len / 2, row_delta, n_classes, state_b.buf, n_words,
                                  longest > 0 ? longest : 0};
    keyword_byte_classes(&automaton);
    uint64_t *keyword_bits = keyword_b.buf, *anchored_bits = anchored_b.buf;
    int matching = set_match != Py_None;
    for (Py_ssize_t k = 0; k < n_lines; k++) {
        PyObject *line = PyList_GET_ITEM(lines, k);
        if (!PyUnicode_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "lines must be str");
            goto done;
        }
        uint64_t *line_keywords = keyword_bits + k * n_words;
        if (keyword_scan(&automaton, PyUnicode_KIND(line), PyUnicode_DATA(line), PyUnicode_GET_LENGTH(line), 1,
                         line_keywords) < 0) {
            PyObject *lowered = PyObject_CallMethod(line, "lower", NULL);
            if (lowered == NULL)
                goto done;
            for (Py_ssize_t w = 0; w < n_words; w++)  /* (the bits found before "İ" or "Σ" dropped) */
                line_keywords[w] = 0;
            keyword_scan(&automaton, PyUnicode_KIND(lowered), PyUnicode_DATA(lowered), PyUnicode_GET_LENGTH(lowered), 0,
                         line_keywords);
            Py_DECREF(lowered);
        }
        if (matching && re2_gates(line, set_match, bit_of_b.buf, bit_of_b.len / (8 * n_words), always_b.buf, n_words,
                                  keyword_matchers, (const uint64_t *)checked_b.buf + k * n_words,
                                  anchored_bits + k * n_words, line_keywords) < 0)
            goto done;
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(made_rows);
    if (rows_b.obj != NULL)
        PyBuffer_Release(&rows_b);
    PyBuffer_Release(&class_b); PyBuffer_Release(&delta_b); PyBuffer_Release(&state_b);
    PyBuffer_Release(&bit_of_b); PyBuffer_Release(&always_b); PyBuffer_Release(&checked_b);
    PyBuffer_Release(&keyword_b); PyBuffer_Release(&anchored_b);
    return result;
}

/* ------------------------------------------------------------------ cut_documents
 * The removals and clean text of each document of a batch from its lines' marks
 * (boilerplate.engine.build_removals and cut_spans, whose Python stays the reference):
 * one compiled pass per document where Python walked every marked line, built a list
 * per span, sliced each span twice (the whitespace test, the Removal) and sliced the
 * text between the cuts.
 *
 * cut_documents(texts, marks, starts, ends, first_line, extras, make_removal)
 *
 * - texts: list of str; marks: list (one per text) of lists, each line's rule (a str)
 *   or None; starts/ends: int64 per line of the batch, offsets in the line's own text;
 *   first_line: int64 per text, its first line's row;
 * - extras: list (one per text) of None or a [start, end, rule] partial-line span;
 * - make_removal: the Removal class (document.Removal), each one made here as
 *   engine.removal makes it (object.__new__, then its four fields written past the
 *   frozen class's __setattr__), or any callable make_removal(start, end, rule, text);
 * - returns a list with, per text, (clean text, [Removal, ...]), or None where this
 *   kernel leaves the document to the Python path (an extra span starting where a line
 *   span starts: `sorted` would order them by end and rule; offsets out of range).
 *
 * Steps, as cut_spans: consecutive marked lines with an equal rule form one span (a line
 * of no characters is skipped); the extra span goes in by its start; spans of whitespace
 * alone (str.isspace) fold into the cut before them, else into the one right after them,
 * else stay in the text; a last cut running to the end of a text without final newline
 * takes the "\n" (and a "\r" before it) in front of its run of touching cuts.
 */
typedef struct {
    Py_ssize_t start, end;
    PyObject *rule;  /* borrowed; NULL: blank lines waiting for the cut after them */
} CutSpan;

/* str.isspace() of text[start:end] (False when empty). */
static int
span_is_space(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    if (start >= end)
        return 0;
    for (Py_ssize_t i = start; i < end; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)))
            return 0;
    return 1;
}

/* The spans of one document's marked lines (rows first..first + n_lines of starts/ends)
 * into spans; returns their number, or -1 on an error. */
static Py_ssize_t
line_spans(PyObject *marks, const int64_t *starts, const int64_t *ends, CutSpan *spans)
{
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0, n_lines = PyList_GET_SIZE(marks); i < n_lines; i++) {
        PyObject *rule = PyList_GET_ITEM(marks, i);
        if (rule == Py_None || starts[i] == ends[i])
            continue;
        if (n > 0 && spans[n - 1].end == starts[i]) {
            int same = spans[n - 1].rule == rule ? 1 : PyObject_RichCompareBool(spans[n - 1].rule, rule, Py_EQ);
            if (same < 0)
                return -1;
            if (same) {
                spans[n - 1].end = ends[i];
                continue;
            }
        }
        spans[n].start = starts[i];
        spans[n].end = ends[i];
        spans[n].rule = rule;
        n++;
    }
    return n;
}

/* _without_blank_spans: returns the number of spans left. */
static Py_ssize_t
fold_blank_spans(int kind, const void *data, CutSpan *spans, Py_ssize_t n)
{
    int any = 0;
    for (Py_ssize_t k = 0; k < n && !any; k++)
        any = span_is_space(kind, data, spans[k].start, spans[k].end);
    if (!any)
        return n;
    Py_ssize_t kept = 0;  /* spans[0..kept) are the kept ones (written over the read ones) */
    for (Py_ssize_t k = 0; k < n; k++) {
        CutSpan span = spans[k];
        int touches_previous = kept > 0 && spans[kept - 1].end == span.start;
        if (!span_is_space(kind, data, span.start, span.end)) {
            if (touches_previous && spans[kept - 1].rule == NULL)
                span.start = spans[--kept].start;
            spans[kept++] = span;
        } else if (touches_previous) {
            spans[kept - 1].end = span.end;
        } else if (k + 1 < n && spans[k + 1].start == span.end) {
            span.rule = NULL;
            spans[kept++] = span;
        }
    }
    Py_ssize_t left = 0;
    for (Py_ssize_t k = 0; k < kept; k++)
        if (spans[k].rule != NULL)
            spans[left++] = spans[k];
    return left;
}

/* The names of a Removal's fields, in order (interned once: new_removal). */
static PyObject *removal_field_names[4];

/* make_removal(start, end, rule, text) (`fields`): when make_removal is a class (the
 * frozen dataclass Removal), an instance made as engine.removal makes it, without its
 * Python call: object.__new__ of the class, each field set by object.__setattr__ (the
 * class' own __setattr__ refuses: frozen). ~10,800 Removals per 5 MB of text. */
static PyObject *
new_removal(PyObject *make_removal, PyObject *const *fields)
{
    if (!PyType_Check(make_removal))
        return PyObject_Vectorcall(make_removal, fields, 4, NULL);
    if (removal_field_names[0] == NULL) {
        static const char *names[4] = {"start", "end", "rule", "text"};
        for (int k = 0; k < 4; k++)
            if ((removal_field_names[k] = PyUnicode_InternFromString(names[k])) == NULL)
                return NULL;
    }
    PyObject *no_args = PyTuple_New(0);
    PyObject *made = no_args ? PyBaseObject_Type.tp_new((PyTypeObject *)make_removal, no_args, NULL) : NULL;
    Py_XDECREF(no_args);
    for (int k = 0; made != NULL && k < 4; k++)
        if (PyObject_GenericSetAttr(made, removal_field_names[k], fields[k]) < 0)
            Py_CLEAR(made);
    return made;
}

/* One document's (clean text, removals), or Py_None for the Python path; NULL on error. */
static PyObject *
cut_document(PyObject *text, PyObject *marks, const int64_t *starts, const int64_t *ends, PyObject *extra,
             PyObject *make_removal, CutSpan *spans)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0, n_lines = PyList_GET_SIZE(marks); i < n_lines; i++)
        if (starts[i] < 0 || starts[i] > ends[i] || ends[i] > length)
            Py_RETURN_NONE;
    Py_ssize_t n = line_spans(marks, starts, ends, spans);
    if (n < 0)
        return NULL;
    if (extra != Py_None) {
        if (!PyList_Check(extra) || PyList_GET_SIZE(extra) != 3)
            Py_RETURN_NONE;
        Py_ssize_t s = PyLong_AsSsize_t(PyList_GET_ITEM(extra, 0));
        Py_ssize_t e = PyLong_AsSsize_t(PyList_GET_ITEM(extra, 1));
        if ((s == -1 || e == -1) && PyErr_Occurred())
            return NULL;
        if (s < 0 || s > e || e > length)
            Py_RETURN_NONE;
        Py_ssize_t at = 0;
        while (at < n && spans[at].start < s)
            at++;
        if (at < n && spans[at].start == s)
            Py_RETURN_NONE;
        memmove(spans + at + 1, spans + at, (size_t)(n - at) * sizeof(CutSpan));
        spans[at].start = s;
        spans[at].end = e;
        spans[at].rule = PyList_GET_ITEM(extra, 2);
        n++;
    }
    n = fold_blank_spans(kind, data, spans, n);
    if (n == 0)
        return Py_BuildValue("(O[])", text);
    if (spans[n - 1].end == length && (length == 0 || PyUnicode_READ(kind, data, length - 1) != '\n')) {
        Py_ssize_t k = n - 1;
        while (k > 0 && spans[k - 1].end == spans[k].start)
            k--;
        Py_ssize_t s = spans[k].start, prev_end = k > 0 ? spans[k - 1].end : 0;
        if (s - 1 >= prev_end && s >= 1 && PyUnicode_READ(kind, data, s - 1) == '\n') {
            s--;
            if (s - 1 >= prev_end && PyUnicode_READ(kind, data, s - 1) == '\r')
                s--;
            spans[k].start = s;
        }
    }
    PyObject *removals = PyList_New(n), *pieces = PyList_New(n + 1), *result = NULL;
    if (removals == NULL || pieces == NULL)
        goto done;
    Py_ssize_t kept_from = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *cut = PyUnicode_Substring(text, spans[k].start, spans[k].end);
        if (cut == NULL)
            goto done;
        PyObject *args[4] = {PyLong_FromSsize_t(spans[k].start), PyLong_FromSsize_t(spans[k].end), spans[k].rule, cut};
        PyObject *removal = args[0] && args[1] ? new_removal(make_removal, args) : NULL;
        Py_XDECREF(args[0]);
        Py_XDECREF(args[1]);
        Py_DECREF(cut);
        if (removal == NULL)
            goto done;
        PyList_SET_ITEM(removals, k, removal);
        /* (text[a:b] with b < a is "", as in the Python path) */
        PyObject *piece = PyUnicode_Substring(text, kept_from, spans[k].start > kept_from ? spans[k].start : kept_from);
        if (piece == NULL)
            goto done;
        PyList_SET_ITEM(pieces, k, piece);
        kept_from = spans[k].end;
    }
    PyObject *last = PyUnicode_Substring(text, kept_from, length > kept_from ? length : kept_from);
    if (last == NULL)
        goto done;
    PyList_SET_ITEM(pieces, n, last);
    PyObject *empty = PyUnicode_New(0, 0);
    PyObject *clean = empty ? PyUnicode_Join(empty, pieces) : NULL;
    Py_XDECREF(empty);
    if (clean != NULL)
        result = PyTuple_Pack(2, clean, removals);
    Py_XDECREF(clean);
done:
    Py_XDECREF(removals);
    Py_XDECREF(pieces);
    return result;
}

static PyObject *
cut_documents(PyObject *self, PyObject *args)
{
    PyObject *texts, *marks, *extras, *make_removal;
    Py_buffer starts_b, ends_b, first_b;
    if (!PyArg_ParseTuple(args, "O!O!y*y*y*O!O:cut_documents", &PyList_Type, &texts, &PyList_Type, &marks, &starts_b,
                          &ends_b, &first_b, &PyList_Type, &extras, &make_removal))
        return NULL;
    PyObject *result = NULL;
    CutSpan *spans = NULL;
    Py_ssize_t n_docs = PyList_GET_SIZE(texts), n_rows = starts_b.len / 8;
    if (PyList_GET_SIZE(marks) != n_docs || PyList_GET_SIZE(extras) != n_docs) {
        PyErr_SetString(PyExc_ValueError, "texts, marks and extras: one per document");
        goto done;
    }
    if (check_buffer(&ends_b, "ends", 8, n_rows) || check_buffer(&first_b, "first_line", 8, n_docs))
        goto done;
    const int64_t *starts = starts_b.buf, *ends = ends_b.buf, *first = first_b.buf;
    Py_ssize_t most = 0;
    for (Py_ssize_t d = 0; d < n_docs; d++) {
        PyObject *text = PyList_GET_ITEM(texts, d), *rules = PyList_GET_ITEM(marks, d);
        if (!PyUnicode_Check(text) || !PyList_Check(rules)) {
            PyErr_SetString(PyExc_TypeError, "texts: str; marks: lists");
            goto done;
        }
        if (first[d] < 0 || first[d] + PyList_GET_SIZE(rules) > n_rows) {
            PyErr_SetString(PyExc_ValueError, "first_line: a document's lines past the rows");
            goto done;
        }
        if (PyList_GET_SIZE(rules) > most)
            most = PyList_GET_SIZE(rules);
    }
    spans = PyMem_New(CutSpan, most + 2);
    result = PyList_New(n_docs);
    if (spans == NULL || result == NULL) {
        Py_CLEAR(result);
        if (spans == NULL)
            PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t d = 0; d < n_docs; d++) {
        PyObject *one = cut_document(PyList_GET_ITEM(texts, d), PyList_GET_ITEM(marks, d), starts + first[d],
                                     ends + first[d], PyList_GET_ITEM(extras, d), make_removal, spans);
        if (one == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, d, one);
    }
done:
    PyMem_Free(spans);
    PyBuffer_Release(&starts_b);
    PyBuffer_Release(&ends_b);
    PyBuffer_Release(&first_b);
    return result;
}

/* ------------------------------------------------------------------ first_copies
 * Per line of a batch, the row of the first equal line of its group (a document's
 * lines): engine.first_copies, whose Python (a dict per group) stays the reference.
 *
 * first_copies(lines, bounds, out)
 *
 * - lines: list of str (every group's lines, one group after another);
 * - bounds: int64, n_groups + 1 ascending rows (group g: rows bounds[g] .. bounds[g + 1]);
 * - out: int64 per line (written): the first row r of its group with lines[r] == lines[i].
 *
 * One open-addressing table of row numbers per group, sized to a power of two at least
 * twice its lines, keyed by the str's own (cached) hash, equal strings compared by value.
 */
static PyObject *
first_copies(PyObject *self, PyObject *args)
{
    PyObject *lines;
    Py_buffer bounds_b, out_b;
    if (!PyArg_ParseTuple(args, "O!y*w*:first_copies", &PyList_Type, &lines, &bounds_b, &out_b))
        return NULL;
    PyObject *result = NULL;
    int64_t *slots = NULL;
    Py_hash_t *hashes = NULL;
    Py_ssize_t n = PyList_GET_SIZE(lines), n_bounds = bounds_b.len / 8;
    const int64_t *bounds = bounds_b.buf;
    int64_t *out = out_b.buf;
    if (check_buffer(&out_b, "out", 8, n) || bounds_b.len % 8 || n_bounds < 1) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "bounds: at least one int64");
        goto done;
    }
    Py_ssize_t widest = 0;
    for (Py_ssize_t g = 0; g + 1 < n_bounds; g++) {
        if (bounds[g] < 0 || bounds[g + 1] < bounds[g] || bounds[g + 1] > n) {
            PyErr_SetString(PyExc_ValueError, "bounds: rows out of order or past the lines");
            goto done;
        }
        if (bounds[g + 1] - bounds[g] > widest)
            widest = (Py_ssize_t)(bounds[g + 1] - bounds[g]);
    }
    Py_ssize_t size = 8;
    while (size < 2 * widest)
        size *= 2;
    slots = PyMem_Malloc(sizeof(int64_t) * size);
    hashes = PyMem_Malloc(sizeof(Py_hash_t) * (n > 0 ? n : 1));
    if (slots == NULL || hashes == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        if (!PyUnicode_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "lines must be str");
            goto done;
        }
        if ((hashes[i] = PyObject_Hash(line)) == -1)
            goto done;
    }
    for (Py_ssize_t g = 0; g + 1 < n_bounds; g++) {
        Py_ssize_t a = (Py_ssize_t)bounds[g], b = (Py_ssize_t)bounds[g + 1];
        Py_ssize_t mask = 8;
        while (mask < 2 * (b - a))
            mask *= 2;
        mask -= 1;  /* (a table as small as the group: clearing it costs what its lines do) */
        for (Py_ssize_t k = 0; k <= mask; k++)
            slots[k] = -1;
        for (Py_ssize_t i = a; i < b; i++) {
            PyObject *line = PyList_GET_ITEM(lines, i);
            Py_ssize_t at = (Py_ssize_t)((size_t)hashes[i] & (size_t)mask);
            for (;;) {
                int64_t r = slots[at];
                if (r < 0) {
                    slots[at] = i;
                    out[i] = i;
                    break;
                }
                if (hashes[r] == hashes[i]) {
                    PyObject *other = PyList_GET_ITEM(lines, r);
                    int equal = other == line || PyUnicode_Compare(other, line) == 0;
                    if (PyErr_Occurred())
                        goto done;
                    if (equal) {
                        out[i] = r;
                        break;
                    }
                }
                at = (at + 1) & mask;
            }
        }
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(slots);
    PyMem_Free(hashes);
    PyBuffer_Release(&bounds_b);
    PyBuffer_Release(&out_b);
    return result;
}

/* ------------------------------------------------------------------ removal_fields
 * The fields of a batch's Removals, flat, for the table's `removed` column
 * (records.removed_column; its Python twin stays the reference): one pass over the
 * documents' lists where Python made a tuple per Removal for Arrow to take apart.
 *
 * removal_fields(removed, starts, ends) -> (rules, texts)
 *
 * - removed: list (one per document) of lists of Removals (objects with int `start` and
 *   `end`, str `rule` and `text`), in order;
 * - starts, ends: int64, one per Removal of all documents (filled);
 * - returns two lists of str, one item per Removal. TypeError when a field is not of
 *   its type (the caller then converts the Removals as before).
 */
static PyObject *
removal_fields(PyObject *self, PyObject *args)
{
    PyObject *removed;
    Py_buffer starts_b, ends_b;
    if (!PyArg_ParseTuple(args, "O!w*w*:removal_fields", &PyList_Type, &removed, &starts_b, &ends_b))
        return NULL;
    static PyObject *names[4];
    static const char *spelled[4] = {"start", "end", "rule", "text"};
    PyObject *rules = NULL, *texts = NULL, *result = NULL;
    Py_ssize_t n = starts_b.len / 8, k = 0;
    if (check_buffer(&ends_b, "ends", 8, n))
        goto done;
    for (int f = 0; f < 4; f++)
        if (names[f] == NULL && (names[f] = PyUnicode_InternFromString(spelled[f])) == NULL)
            goto done;
    rules = PyList_New(n);
    texts = PyList_New(n);
    if (rules == NULL || texts == NULL)
        goto done;
    int64_t *starts = starts_b.buf, *ends = ends_b.buf;
    for (Py_ssize_t d = 0; d < PyList_GET_SIZE(removed); d++) {
        PyObject *cuts = PyList_GET_ITEM(removed, d);
        if (!PyList_Check(cuts)) {
            PyErr_SetString(PyExc_TypeError, "removed: a list of Removals per document");
            goto done;
        }
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(cuts); j++, k++) {
            if (k >= n) {
                PyErr_SetString(PyExc_ValueError, "more Removals than starts and ends");
                goto done;
            }
            PyObject *cut = PyList_GET_ITEM(cuts, j), *field[4] = {NULL, NULL, NULL, NULL};
            int ok = 1;
            for (int f = 0; f < 4 && ok; f++)
                ok = (field[f] = PyObject_GetAttr(cut, names[f])) != NULL;
            if (ok && !(PyLong_CheckExact(field[0]) && PyLong_CheckExact(field[1]) && PyUnicode_CheckExact(field[2])
                        && PyUnicode_CheckExact(field[3]))) {
                PyErr_SetString(PyExc_TypeError, "a Removal's start and end: int, rule and text: str");
                ok = 0;
            }
            if (ok) {
                starts[k] = PyLong_AsLongLong(field[0]);
                ends[k] = PyLong_AsLongLong(field[1]);
                ok = !PyErr_Occurred();
            }
            Py_XDECREF(field[0]);
            Py_XDECREF(field[1]);
            if (!ok) {
                Py_XDECREF(field[2]);
                Py_XDECREF(field[3]);
                goto done;
            }
            PyList_SET_ITEM(rules, k, field[2]);  /* (the references move into the lists) */
            PyList_SET_ITEM(texts, k, field[3]);
        }
    }
    if (k != n) {
        PyErr_SetString(PyExc_ValueError, "fewer Removals than starts and ends");
        goto done;
    }
    result = PyTuple_Pack(2, rules, texts);
done:
    Py_XDECREF(rules);
    Py_XDECREF(texts);
    PyBuffer_Release(&starts_b);
    PyBuffer_Release(&ends_b);
    return result;
}

/* ------------------------------------------------------------------ lines_cut_by
 * story_body.BodyShape.cut_by's look-up in one pass: the lines among a page's candidates
 * that were removed and whose rule is in a container (the twin, the reference:
 * story_body._cut_by_py, two numpy calls, a list and a comprehension, ~4,000 calls per
 * 5 MB, ~1.5 % of a cold core pass).
 *
 * lines_cut_by(candidates, removed, rule, rules) -> list of int
 *
 * - candidates, removed: bool per line (1 byte each); rule: the page's list of each line's
 *   rule (str) or None; rules: any container (`in`: PySequence_Contains);
 * - the lines i, ascending, with candidates[i], removed[i] and rule[i] in rules.
 */
static PyObject *
lines_cut_by(PyObject *self, PyObject *args)
{
    Py_buffer candidates_b, removed_b;
    PyObject *rule, *rules;
    if (!PyArg_ParseTuple(args, "y*y*O!O:lines_cut_by", &candidates_b, &removed_b, &PyList_Type, &rule, &rules))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = PyList_GET_SIZE(rule);
    if (check_buffer(&candidates_b, "candidates", 1, n) || check_buffer(&removed_b, "removed", 1, n))
        goto done;
    const uint8_t *candidates = candidates_b.buf, *removed = removed_b.buf;
    result = PyList_New(0);
    for (Py_ssize_t i = 0; result != NULL && i < n; i++) {
        if (!candidates[i] || !removed[i])
            continue;
        int in = PySequence_Contains(rules, PyList_GET_ITEM(rule, i));
        PyObject *line = in > 0 ? PyLong_FromSsize_t(i) : NULL;
        if (in < 0 || (in > 0 && (line == NULL || PyList_Append(result, line) < 0)))
            Py_CLEAR(result);
        Py_XDECREF(line);
    }
done:
    PyBuffer_Release(&candidates_b);
    PyBuffer_Release(&removed_b);
    return result;
}

/* ------------------------------------------------------------------ next_to_kept_list
 * story_body._next_to_a_kept_list in one pass (the twin, the reference:
 * story_body._next_to_a_kept_list_py, ~15 numpy calls once per page the model read).
 *
 * next_to_kept_list(rule, blank, paragraphs, list_min_lines, classifier) -> list of int
 *
 * - rule: the page's list of each line's rule (str) or None (removed: not None);
 *   blank, paragraphs: bool per line; list_min_lines >= 1;
 * - the lines i, ascending, that are not blank, whose rule equals `classifier`, and
 *   whose list_min_lines nearest non-blank lines above them, or below them, are all
 *   kept short lines (no rule, not paragraphs); the page's edge is no such line.
 */
static PyObject *
next_to_kept_list(PyObject *self, PyObject *args)
{
    PyObject *rule, *classifier;
    Py_buffer blank_b, para_b;
    Py_ssize_t list_min;
    if (!PyArg_ParseTuple(args, "O!y*y*nU:next_to_kept_list", &PyList_Type, &rule, &blank_b, &para_b, &list_min,
                          &classifier))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t *nonblank = NULL, *run_above = NULL;
    uint8_t *kept_short = NULL;
    Py_ssize_t n = PyList_GET_SIZE(rule);
    if (check_buffer(&blank_b, "blank", 1, n) || check_buffer(&para_b, "paragraphs", 1, n))
        goto done;
    if (list_min < 1) {
        PyErr_SetString(PyExc_ValueError, "list_min_lines must be 1 or more");
        goto done;
    }
    const uint8_t *blank = blank_b.buf, *paragraphs = para_b.buf;
    PyObject **items = PySequence_Fast_ITEMS(rule);
    nonblank = PyMem_Malloc(sizeof(Py_ssize_t) * (n + 1));
    run_above = PyMem_Malloc(sizeof(Py_ssize_t) * (n + 1));
    kept_short = PyMem_Malloc(n + 1);
    if (nonblank == NULL || run_above == NULL || kept_short == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t m = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (blank[i])
            continue;
        nonblank[m] = i;
        kept_short[m] = items[i] == Py_None && !paragraphs[i];
        /* (kept short lines right above position m, in a row) */
        run_above[m] = m == 0 ? 0 : (kept_short[m - 1] ? run_above[m - 1] + 1 : 0);
        m++;
    }
    result = PyList_New(0);
    Py_ssize_t run_below = 0;  /* (kept short lines right below position p, in a row: filled going up) */
    PyObject *found = result;
    /* Going down the positions needs the run below each: count it from the bottom first. */
    Py_ssize_t *below = PyMem_Malloc(sizeof(Py_ssize_t) * (m + 1));
    if (below == NULL) {
        Py_CLEAR(result);
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t p = m - 1; p >= 0; p--) {
        below[p] = run_below;
        run_below = kept_short[p] ? run_below + 1 : 0;
    }
    for (Py_ssize_t p = 0; found != NULL && p < m; p++) {
        Py_ssize_t i = nonblank[p];
        if (items[i] == Py_None || (run_above[p] < list_min && below[p] < list_min))
            continue;
        int is = PyObject_RichCompareBool(items[i], classifier, Py_EQ);
        PyObject *line = is > 0 ? PyLong_FromSsize_t(i) : NULL;
        if (is < 0 || (is > 0 && (line == NULL || PyList_Append(found, line) < 0))) {
            Py_CLEAR(result);
            found = NULL;
        }
        Py_XDECREF(line);
    }
    PyMem_Free(below);
done:
    PyMem_Free(nonblank); PyMem_Free(run_above); PyMem_Free(kept_short);
    PyBuffer_Release(&blank_b); PyBuffer_Release(&para_b);
    return result;
}

/* ------------------------------------------------------------------ thread_starts
 * story_threads.thread_starts in one pass over a page's lines (the twin, the reference:
 * story_threads._thread_starts_py, ~40 numpy calls on the page's ~200 lines, once per
 * classified page: ~3 % of a cold core pass).
 *
 * thread_starts(rules, blank, last_class, last_char, n_words, n_chars, more_ends,
 *               sent_end, name_max_chars, story_min_words, comment_min_chars, classifier)
 *     -> list of int
 *
 * - rules: the page's list of each line's rule (str) or None (removed: not None);
 * - blank: bool per line; last_class: uint8; last_char: uint32; n_words, n_chars: int64;
 * - more_ends: bool per code point, read as CodeSet.of reads it (a code point past the
 *   table reads its last entry);
 * - a line is returned, in order, when: it is not blank, has name_max_chars or fewer
 *   characters, its rule is None or equal to `classifier`; the nearest kept line (not
 *   blank, no rule) above it ends a sentence (last_class & sent_end, or more_ends); a kept
 *   sentence of story_min_words+ words stands somewhere above it; and one of the next two
 *   non-blank lines is a sentence of comment_min_chars+ characters.
 */
static PyObject *
thread_starts(PyObject *self, PyObject *args)
{
    PyObject *rules, *classifier;
    Py_buffer blank_b, class_b, char_b, words_b, chars_b, ends_b;
    unsigned int sent_end;
    long long name_max_chars, story_min_words, comment_min_chars;
    if (!PyArg_ParseTuple(args, "O!y*y*y*y*y*y*ILLLU:thread_starts", &PyList_Type, &rules, &blank_b, &class_b,
                          &char_b, &words_b, &chars_b, &ends_b, &sent_end, &name_max_chars, &story_min_words,
                          &comment_min_chars, &classifier))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n = PyList_GET_SIZE(rules);
    if (check_buffer(&blank_b, "blank", 1, n) || check_buffer(&class_b, "last_class", 1, n)
        || check_buffer(&char_b, "last_char", 4, n) || check_buffer(&words_b, "n_words", 8, n)
        || check_buffer(&chars_b, "n_chars", 8, n))
        goto done;
    if (ends_b.len < 1) {
        PyErr_SetString(PyExc_ValueError, "more_ends: an empty table");
        goto done;
    }
    const uint8_t *blank = blank_b.buf, *last_class = class_b.buf, *more_ends = ends_b.buf;
    const uint32_t *last_char = char_b.buf;
    const int64_t *n_words = words_b.buf, *n_chars = chars_b.buf;
    PyObject **rule = PySequence_Fast_ITEMS(rules);
    const Py_ssize_t last_entry = ends_b.len - 1;
#define THREAD_SENTENCE(i) \
    ((last_class[i] & sent_end) != 0 || more_ends[last_char[i] < (uint32_t)last_entry ? last_char[i] : last_entry])
    result = PyList_New(0);
    if (result == NULL)
        goto done;
    Py_ssize_t above = -1;  /* the nearest kept line above line i */
    int story_above = 0;    /* a kept sentence of story_min_words+ words above line i */
    for (Py_ssize_t i = 0; i < n; i++) {
        const int kept = !blank[i] && rule[i] == Py_None;
        if (!blank[i] && above >= 0 && story_above && n_chars[i] <= name_max_chars && THREAD_SENTENCE(above)) {
            /* (a comment one or two non-blank lines down) */
            int soon = 0;
            for (Py_ssize_t j = i + 1, seen = 0; j < n && seen < 2 && !soon; j++) {
                if (blank[j])
                    continue;
                seen++;
                soon = THREAD_SENTENCE(j) && n_chars[j] >= comment_min_chars;
            }
            int open = rule[i] == Py_None;
            if (soon && !open) {
                open = PyObject_RichCompareBool(rule[i], classifier, Py_EQ);
                if (open < 0)
                    goto fail;
            }
            if (soon && open) {
                PyObject *line = PyLong_FromSsize_t(i);
                if (line == NULL || PyList_Append(result, line) < 0) {
                    Py_XDECREF(line);
                    goto fail;
                }
                Py_DECREF(line);
            }
        }
        if (kept) {
            above = i;
            story_above |= THREAD_SENTENCE(i) && n_words[i] >= story_min_words;
        }
    }
#undef THREAD_SENTENCE
    goto done;
fail:
    Py_CLEAR(result);
done:
    PyBuffer_Release(&blank_b); PyBuffer_Release(&class_b); PyBuffer_Release(&char_b);
    PyBuffer_Release(&words_b); PyBuffer_Release(&chars_b); PyBuffer_Release(&ends_b);
    return result;
}

/* ------------------------------------------------------------------ html.kept_text */

/* An offset of a Removal (its ``start`` or ``end``) as a Py_ssize_t; -2 when it is not a
 * non-negative int (the caller then leaves the text to the Python twin), -1 on an error. */
static Py_ssize_t removal_offset(PyObject *removal, PyObject *name)
{
    PyObject *value = PyObject_GetAttr(removal, name);
    if (value == NULL)
        return -1;
    Py_ssize_t offset = PyLong_Check(value) ? PyLong_AsSsize_t(value) : -2;
    Py_DECREF(value);
    if (offset == -1 && PyErr_Occurred()) {
        PyErr_Clear();  /* (beyond a Py_ssize_t: the twin) */
        return -2;
    }
    return offset < 0 ? -2 : offset;
}

/* kept_text(text, removed) -> str or None: html.kept_text's ``"".join(text[s:e] for s, e in
 * kept_segments(text, removed))`` built at once (the kept spans read first, until a character needs
 * the text's own kind, so the string is in its canonical kind, then each span copied in); None when an offset is not a
 * non-negative int (the twin then answers, with Python's slicing). */
static PyObject *kept_text(PyObject *self, PyObject *args)
{
    PyObject *text, *removed;
    if (!PyArg_ParseTuple(args, "UO!", &text, &PyList_Type, &removed))
        return NULL;
    static PyObject *start_name = NULL, *end_name = NULL;
    if (start_name == NULL && (start_name = PyUnicode_InternFromString("start")) == NULL)
        return NULL;
    if (end_name == NULL && (end_name = PyUnicode_InternFromString("end")) == NULL)
        return NULL;
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), n = PyList_GET_SIZE(removed);
    Py_ssize_t *spans = PyMem_Malloc(sizeof(Py_ssize_t) * 2 * (size_t)(n + 1));
    if (spans == NULL)
        return PyErr_NoMemory();
    Py_ssize_t count = 0, pos = 0, total = 0;
    PyObject *result = NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *r = PyList_GET_ITEM(removed, i);
        Py_ssize_t start = removal_offset(r, start_name), end;
        if (start == -1)
            goto done;
        end = start == -2 ? -2 : removal_offset(r, end_name);
        if (end == -1)
            goto done;
        if (start == -2 || end == -2) {
            result = Py_NewRef(Py_None);
            goto done;
        }
        if (start > pos) {  /* (text[pos:start], clamped as a slice is) */
            Py_ssize_t lo = pos < length ? pos : length, hi = start < length ? start : length;
            spans[2 * count] = lo;
            spans[2 * count + 1] = hi;
            count++;
            total += hi - lo;
        }
        if (end > pos)
            pos = end;
    }
    if (pos < length) {
        spans[2 * count] = pos;
        spans[2 * count + 1] = length;
        count++;
        total += length - pos;
    }
    Py_UCS4 widest = 0;
    if (!PyUnicode_IS_ASCII(text)) {
        /* (read until a character needs the text's own kind: the string is then made in that kind) */
        int kind = PyUnicode_KIND(text);
        Py_UCS4 own_kind = kind == PyUnicode_1BYTE_KIND ? 0x80 : kind == PyUnicode_2BYTE_KIND ? 0x100 : 0x10000;
        const void *data = PyUnicode_DATA(text);
        for (Py_ssize_t k = 0; k < count && widest < own_kind; k++)
            for (Py_ssize_t i = spans[2 * k]; i < spans[2 * k + 1]; i++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, i);
                if (c > widest) {
                    widest = c;
                    if (widest >= own_kind)
                        break;
                }
            }
    }
    result = PyUnicode_New(total, widest);
    if (result == NULL)
        goto done;
    /* (copied by hand: PyUnicode_CopyCharacters will not put a Latin-1 string's ASCII characters into an
     * ASCII string; the same kind is one memcpy a span, a narrower one a character at a time) */
    int from_kind = PyUnicode_KIND(text), to_kind = PyUnicode_KIND(result);
    const void *from = PyUnicode_DATA(text);
    void *to = PyUnicode_DATA(result);
    Py_ssize_t at = 0;
    for (Py_ssize_t k = 0; k < count; k++) {
        Py_ssize_t lo = spans[2 * k], size = spans[2 * k + 1] - lo;
        if (from_kind == to_kind) {
            memcpy((char *)to + at * to_kind, (const char *)from + lo * from_kind, (size_t)(size * to_kind));
        } else {
            for (Py_ssize_t i = 0; i < size; i++)
                PyUnicode_WRITE(to_kind, to, at + i, PyUnicode_READ(from_kind, from, lo + i));
        }
        at += size;
    }
done:
    PyMem_Free(spans);
    return result;
}

static PyMethodDef methods[] = {
    {"first_copies", first_copies, METH_VARARGS, "First equal line of each line's group, engine.first_copies (see _native.c)."},
    {"cut_documents", cut_documents, METH_VARARGS, "Removals and clean texts of boilerplate.batch's documents (see _native.c)."},
    {"rule_gates", rule_gates, METH_VARARGS, "Keyword and RE2 gates of boilerplate.engine.line_gates (see _native.c)."},
    {"stable_order", stable_order, METH_VARARGS, "numpy.argsort(keys, kind='stable') of uint64 keys (see _native.c)."},
    {"tree_sums", tree_sums, METH_VARARGS, "Summed leaf values of classifier.TreeModel's trees (see _native.c)."},
    {"word_keys", word_keys, METH_VARARGS, "Word hashes and rows of classifier.word_echo (see _native.c)."},
    {"text_line_counts", text_line_counts, METH_VARARGS, "Line and paragraph counts of signals.line_signals (see _native.c)."},
    {"split_words", split_words, METH_VARARGS, "Dictionary-encoded words of words.BatchWords.split (see _native.c)."},
    {"line_counts", line_counts, METH_VARARGS, "Per-line counts of features.line_stats (see _native.c)."},
    {"line_stats", line_stats, METH_VARARGS, "The per-line counts of features.line_stats themselves (see _native.c)."},
    {"ngram_counts", ngram_counts, METH_VARARGS, "Repeated n-gram counts of signals.ngram_signals (see _native.c)."},
    {"removal_fields", removal_fields, METH_VARARGS, "The Removals' fields, flat, of records.removed_column (see _native.c)."},
    {"ascii_words", ascii_words, METH_O, "A line as ASCII for engine._voice_hits' RE2 (see _native.c)."},
    {"marked_lines", marked_lines, METH_VARARGS, "Which lines a rule marked, engine.Marks.removed (see _native.c)."},
    {"cached_verdicts", cached_verdicts, METH_VARARGS, "Each line's cached rule verdict, engine.line_rules_many (see _native.c)."},
    {"verdict_maps", verdict_maps, METH_VARARGS, "The verdicts per document, engine.line_rules_many (see _native.c)."},
    {"lines_cut_by", lines_cut_by, METH_VARARGS, "The removed candidates a rule of a set cut, story_body.BodyShape.cut_by (see _native.c)."},
    {"next_to_kept_list", next_to_kept_list, METH_VARARGS, "The model's cuts next to a kept list, story_body._next_to_a_kept_list (see _native.c)."},
    {"thread_starts", thread_starts, METH_VARARGS, "The lines a comment thread may start at, story_threads.thread_starts (see _native.c)."},
    {"kept_text", kept_text, METH_VARARGS, "The text without the removed spans, html.kept_text (see _native.c)."},
    {"utf8_texts", utf8_texts, METH_VARARGS, "A list of str as an Arrow string array's buffers, records.string_array (see _native.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_native", "Compiled batch kernels (optional; see corpus_clean/native.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__native(void)
{
    PyObject *m = PyModule_Create(&module);
    /* (word_keys takes `lower`: a module built before it has no such flag, and the caller
     * lower-cases in Python) */
    if (m != NULL && PyModule_AddIntConstant(m, "WORD_KEYS_LOWER", 1) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
