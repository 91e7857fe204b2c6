/* The quality signals' word pass, compiled (corpus_clean._signals_native).
 *
 * Optional, like corpus_clean/_native.c: setup.py builds it when a C compiler is there, and
 * corpus_clean/signals.py runs its pure-Python twin (split_batch, BatchWords.normalised,
 * word_signals) otherwise, or when CORPUS_CLEAN_NATIVE=0 says so; both give the same values.
 *
 * One pass over a batch's UTF-8 bytes does what the twin does in several: it splits the
 * texts into words (str.split()), normalises each distinct word once (lowercased,
 * punctuation removed), tests it for a letter and for stop words, counts per text what the
 * word signals divide (words, words without a letter, normalised words and their
 * characters, stop words, "#"/"..."/"…", "{"/"}", "lorem ipsum", characters) and lays out
 * the normalised words as the n-gram kernel (_native.ngram_counts) reads them.
 *
 * What a space, a punctuation mark, a letter or a stop word is comes in from the Python
 * module that defines it (tables and a callback); this file knows the mechanics only.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* The per-text counts, in the order of the `counts` output's columns (COUNTS in Python). */
enum {
    C_WORDS,       /* words of str.split() */
    C_NO_LETTER,   /* of them, words without a letter */
    C_NORM_WORDS,  /* non-empty normalised words */
    C_NORM_CHARS,  /* their characters */
    C_STOP,        /* of them, stop words of the text's language */
    C_SYMBOLS,     /* text.count("#") + text.count("...") + text.count("…") */
    C_BRACKETS,    /* text.count("{") + text.count("}") */
    C_LOREM,       /* text.lower().count("lorem ipsum") */
    C_CHARS,       /* len(text) */
    N_COUNTS
};
static const char *const COUNT_NAMES[N_COUNTS] = {
    "words", "no_letter", "norm_words", "norm_chars", "stop_words", "symbols", "brackets", "lorem", "chars",
};

#define HASH_SEED 0x9E3779B97F4A7C15ULL
#define HASH_MULTIPLIER 0xD6E8FEB86659FD93ULL

/* --------------------------------------------------------------- memory kept between calls
 * The pass's working arrays are sized for the batch's largest possible number of words, of
 * which only the part its distinct words use is written. Allocated afresh for every batch,
 * that part came as new pages from the kernel each time: ~290 page faults a batch with the
 * n-gram kernel's inputs, nearly half the pass's CPU time (most of it the kernel's, as
 * system time). The arrays are kept from one call to the next instead, and given back
 * after a batch that needed an array larger than KEEP_LIMIT_BYTES (a text of megabytes is
 * a batch of its own: its arrays are not worth holding on to). One call at a time uses the
 * kept arrays (`kept_in_use`); a call that starts while another is running (another
 * thread, while the first one's word_facts runs Python; or word_facts itself) gets arrays
 * of its own, freed when it ends. */
enum { K_RAW_OFFSET, K_RAW_LENGTH, K_RAW_HASH, K_NORM_OFFSET, K_NORM_LENGTH, K_NORM_HASH, K_ARENA, K_RAW_NORM,
       K_RAW_LETTER, K_NORM_CHARS, K_NORM_STOP, N_KEPT };
#define KEEP_LIMIT_BYTES ((size_t)1 << 21)
typedef struct {
    void *memory;
    size_t size;
} Block;
static Block kept[N_KEPT];
static int kept_in_use;

/* Array `which` of `blocks`, at least `size` bytes (its contents kept when it grows). */
static void *
block_memory(Block *blocks, int which, size_t size)
{
    if (blocks[which].size < size) {
        void *grown = PyMem_Realloc(blocks[which].memory, size);
        if (!grown) {
            PyErr_NoMemory();
            return NULL;
        }
        blocks[which].memory = grown;
        blocks[which].size = size;
    }
    return blocks[which].memory;
}

/* After a call: the arrays larger than `limit` bytes are given back (all of a call's own:
 * limit 0). */
static void
release_blocks(Block *blocks, size_t limit)
{
    for (int which = 0; which < N_KEPT; which++) {
        if (blocks[which].size > limit) {
            PyMem_Free(blocks[which].memory);
            blocks[which].memory = NULL;
            blocks[which].size = 0;
        }
    }
}

/* --------------------------------------------------------------- distinct strings
 * A set of byte strings numbered in the order they are added (ids 0, 1, ...), each kept as
 * (offset, length) into a byte store: the batch's own bytes (raw words) or an arena the
 * set owns (normalised words). Open addressing in a table kept at most half full (it
 * doubles as strings come: a batch holds a few thousand distinct words, and a table sized
 * for its every word would not stay in the CPU's cache); the strings' arrays are sized for
 * the batch's largest possible number of words up front. */
typedef struct {
    int64_t *slots;          /* id, or -1: empty */
    uint64_t mask;
    int64_t *offset, *length;
    uint64_t *hash;
    int64_t n;               /* strings in the set */
    char *arena;             /* owned bytes (NULL: the strings live in the caller's bytes) */
    int64_t arena_used, arena_size;
    Block *blocks;           /* where its arrays live (see block_memory) */
} StringSet;

/* An empty set for at most `capacity` strings; its arrays are `blocks` from `first_kept`
 * on (offset, length, hash, then the arena if it owns its bytes). */
static int
string_set_init(StringSet *set, Block *blocks, int64_t capacity, int first_kept, int owns_bytes)
{
    uint64_t n_slots = 4096;
    size_t array_bytes = sizeof(int64_t) * (size_t)(capacity + 1);
    memset(set, 0, sizeof(*set));
    set->blocks = blocks;
    set->mask = n_slots - 1;
    set->slots = PyMem_Malloc(sizeof(int64_t) * n_slots);
    if (!set->slots) {
        PyErr_NoMemory();
        return -1;
    }
    memset(set->slots, 0xFF, sizeof(int64_t) * n_slots);
    if (!(set->offset = block_memory(blocks, first_kept, array_bytes))
        || !(set->length = block_memory(blocks, first_kept + 1, array_bytes))
        || !(set->hash = block_memory(blocks, first_kept + 2, array_bytes)))
        return -1;
    if (owns_bytes) {
        if (!(set->arena = block_memory(blocks, first_kept + 3, 4096)))
            return -1;
        set->arena_size = (int64_t)blocks[first_kept + 3].size;
    }
    return 0;
}

static uint64_t
slot_of(uint64_t hash, uint64_t mask)
{
    return (hash ^ (hash >> 31)) & mask;
}

/* Twice the slots, every string placed again from its kept hash. */
static int
string_set_grow(StringSet *set)
{
    uint64_t n_slots = 2 * (set->mask + 1);
    int64_t *slots = PyMem_Malloc(sizeof(int64_t) * n_slots);
    if (!slots) {
        PyErr_NoMemory();
        return -1;
    }
    memset(slots, 0xFF, sizeof(int64_t) * n_slots);
    for (int64_t id = 0; id < set->n; id++) {
        uint64_t at = slot_of(set->hash[id], n_slots - 1);
        while (slots[at] >= 0)
            at = (at + 1) & (n_slots - 1);
        slots[at] = id;
    }
    PyMem_Free(set->slots);
    set->slots = slots;
    set->mask = n_slots - 1;
    return 0;
}

/* (Its arrays but the slots live in its blocks: see block_memory.) */
static void
string_set_free(StringSet *set)
{
    PyMem_Free(set->slots);
}

/* The id of `bytes` (its hash `hash`; `offset` locates it in the set's store), added if
 * new: *added says which; -1 on error. The caller guarantees room in the strings' arrays
 * (at most `capacity` strings). */
static int64_t
string_set_id(StringSet *set, const char *store, const char *bytes, int64_t length, uint64_t hash, int64_t offset,
              int *added)
{
    if (2 * (uint64_t)(set->n + 1) > set->mask + 1 && string_set_grow(set))
        return -1;
    uint64_t at = slot_of(hash, set->mask);
    for (;; at = (at + 1) & set->mask) {
        int64_t id = set->slots[at];
        if (id < 0)
            break;
        if (set->hash[id] == hash && set->length[id] == length
            && memcmp(store + set->offset[id], bytes, (size_t)length) == 0) {
            *added = 0;
            return id;
        }
    }
    int64_t id = set->n++;
    set->slots[at] = id;
    set->offset[id] = offset;
    set->length[id] = length;
    set->hash[id] = hash;
    *added = 1;
    return id;
}

/* Room for `more` bytes at the end of the set's arena (its block K_ARENA: only the
 * normalised words' set owns its bytes). */
static int
arena_reserve(StringSet *set, int64_t more)
{
    if (set->arena_used + more <= set->arena_size)
        return 0;
    int64_t size = set->arena_size;
    while (size < set->arena_used + more)
        size *= 2;
    char *grown = block_memory(set->blocks, K_ARENA, (size_t)size);
    if (!grown)
        return -1;
    set->arena = grown;
    set->arena_size = size;
    return 0;
}

/* A multiply-xorshift hash of a word, eight bytes at a time (words are short: one or two
 * steps, where a byte-at-a-time hash was a chain of a multiply per byte). */
static uint64_t
hash_bytes(const char *bytes, int64_t length)
{
    uint64_t h = HASH_SEED ^ (uint64_t)length, chunk;
    for (; length >= 8; bytes += 8, length -= 8) {
        memcpy(&chunk, bytes, 8);
        h = (h ^ chunk) * HASH_MULTIPLIER;
        h ^= h >> 32;
    }
    chunk = 0;
    for (int64_t i = 0; i < length; i++)  /* (not memcpy: a library call for a few bytes) */
        chunk |= (uint64_t)(uint8_t)bytes[i] << (8 * i);
    h = (h ^ chunk) * HASH_MULTIPLIER;
    return h ^ (h >> 29);
}

/* --------------------------------------------------------------- the pass's state */
typedef struct {
    /* the definitions, from Python */
    const uint8_t *ascii_space;    /* [256]: byte is an ASCII whitespace character */
    const uint32_t *wide_spaces;   /* the other whitespace code points */
    Py_ssize_t n_wide_spaces;
    const uint8_t *ascii_drop;     /* [128]: normalisation deletes this ASCII character */
    const uint8_t *ascii_letter;   /* [128]: this ASCII character is a letter */
    PyObject *word_facts;          /* non-ASCII word -> (normalised word, holds a letter) */
    PyObject *stop_sets;           /* tuple of sets of str, one per language of the batch */
    Py_ssize_t stop_max_bytes;     /* no stop word is longer (in UTF-8 bytes) */
    /* the distinct words */
    StringSet raw, norm;
    int64_t *raw_norm;             /* per raw id: its normalised word's id */
    uint8_t *raw_letter;           /* per raw id: holds a letter */
    int64_t *norm_chars;           /* per normalised id: characters */
    uint64_t *norm_stop;           /* per normalised id: bit j = a stop word of stop_sets[j] */
    /* the words in text order */
    int64_t *raw_ids, n_raw;
    int64_t *norm_ids, *norm_doc, *words_left, *chars_cumsum, n_norm;
} Pass;

/* Bit j set when `word` (UTF-8) is in stop_sets[j]. */
static int
stop_bits(Pass *pass, const char *word, int64_t length, uint64_t *bits)
{
    *bits = 0;
    Py_ssize_t n_sets = PyTuple_GET_SIZE(pass->stop_sets);
    if (n_sets == 0 || length == 0 || length > pass->stop_max_bytes)
        return 0;
    PyObject *text = PyUnicode_DecodeUTF8(word, (Py_ssize_t)length, "strict");
    if (!text)
        return -1;
    for (Py_ssize_t j = 0; j < n_sets; j++) {
        int found = PySet_Contains(PyTuple_GET_ITEM(pass->stop_sets, j), text);
        if (found < 0) {
            Py_DECREF(text);
            return -1;
        }
        if (found)
            *bits |= (uint64_t)1 << j;
    }
    Py_DECREF(text);
    return 0;
}

/* The normalised word's id for the arena's last `length` bytes (just written there): an
 * existing id (the bytes are given back) or a new one with its characters and stop bits. */
static int64_t
norm_id_of_tail(Pass *pass, int64_t length, int64_t chars)
{
    StringSet *norm = &pass->norm;
    int64_t offset = norm->arena_used - length;
    const char *bytes = norm->arena + offset;
    int added;
    int64_t id = string_set_id(norm, norm->arena, bytes, length, hash_bytes(bytes, length), offset, &added);
    if (id < 0)
        return -1;
    if (!added) {
        norm->arena_used = offset;
        return id;
    }
    pass->norm_chars[id] = chars;
    if (stop_bits(pass, bytes, length, &pass->norm_stop[id]) < 0)
        return -1;
    return id;
}

/* A new ASCII raw word: lowercased and stripped of punctuation in C (str.lower() and the
 * twin's table are plain byte maps on ASCII). */
static int
facts_of_ascii_word(Pass *pass, const uint8_t *word, int64_t length, int64_t raw_id)
{
    if (arena_reserve(&pass->norm, length))
        return -1;
    char *out = pass->norm.arena + pass->norm.arena_used;
    int64_t kept = 0;
    uint8_t letter = 0;
    for (int64_t i = 0; i < length; i++) {
        uint8_t c = word[i];
        letter |= pass->ascii_letter[c];
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (!pass->ascii_drop[c])
            out[kept++] = (char)c;
    }
    pass->norm.arena_used += kept;
    int64_t id = norm_id_of_tail(pass, kept, kept);
    if (id < 0)
        return -1;
    pass->raw_norm[raw_id] = id;
    pass->raw_letter[raw_id] = letter;
    return 0;
}

/* A new raw word with a non-ASCII character: Python's word_facts says what it is. */
static int
facts_of_other_word(Pass *pass, const uint8_t *word, int64_t length, int64_t raw_id)
{
    PyObject *text = PyUnicode_DecodeUTF8((const char *)word, (Py_ssize_t)length, "strict");
    if (!text)
        return -1;
    PyObject *facts = PyObject_CallOneArg(pass->word_facts, text);
    Py_DECREF(text);
    if (!facts)
        return -1;
    int status = -1;
    PyObject *normal, *letter;
    if (!PyTuple_Check(facts) || PyTuple_GET_SIZE(facts) != 2
        || !PyUnicode_Check(normal = PyTuple_GET_ITEM(facts, 0))) {
        PyErr_SetString(PyExc_TypeError, "word_facts must return (str, bool)");
        goto done;
    }
    letter = PyTuple_GET_ITEM(facts, 1);
    Py_ssize_t n_bytes;
    const char *bytes = PyUnicode_AsUTF8AndSize(normal, &n_bytes);
    int holds_letter = PyObject_IsTrue(letter);
    if (!bytes || holds_letter < 0 || arena_reserve(&pass->norm, n_bytes))
        goto done;
    memcpy(pass->norm.arena + pass->norm.arena_used, bytes, (size_t)n_bytes);
    pass->norm.arena_used += n_bytes;
    int64_t id = norm_id_of_tail(pass, n_bytes, PyUnicode_GET_LENGTH(normal));
    if (id < 0)
        goto done;
    pass->raw_norm[raw_id] = id;
    pass->raw_letter[raw_id] = (uint8_t)holds_letter;
    status = 0;
done:
    Py_DECREF(facts);
    return status;
}

/* One word of text `doc` (bytes data[start:end]) into the counts and lists. */
static int
add_word(Pass *pass, const uint8_t *data, int64_t start, int64_t end, int ascii, int64_t doc, int64_t lang,
         int64_t *row)
{
    int added;
    const char *word = (const char *)data + start;
    int64_t raw_id = string_set_id(&pass->raw, (const char *)data, word, end - start, hash_bytes(word, end - start),
                                   start, &added);
    if (raw_id < 0)
        return -1;
    if (added) {
        int failed = ascii ? facts_of_ascii_word(pass, data + start, end - start, raw_id)
                           : facts_of_other_word(pass, data + start, end - start, raw_id);
        if (failed)
            return -1;
    }
    pass->raw_ids[pass->n_raw++] = raw_id;
    row[C_WORDS]++;
    row[C_NO_LETTER] += !pass->raw_letter[raw_id];
    int64_t norm_id = pass->raw_norm[raw_id];
    int64_t chars = pass->norm_chars[norm_id];
    if (chars == 0)  /* nothing left after normalising: not a normalised word */
        return 0;
    int64_t at = pass->n_norm++;
    pass->norm_ids[at] = norm_id;
    pass->norm_doc[at] = doc;
    pass->chars_cumsum[at + 1] = pass->chars_cumsum[at] + chars;
    row[C_NORM_WORDS]++;
    row[C_NORM_CHARS] += chars;
    if (lang >= 0)
        row[C_STOP] += (int64_t)((pass->norm_stop[norm_id] >> lang) & 1);
    return 0;
}

static int
is_wide_space(const Pass *pass, uint32_t code_point)
{
    for (Py_ssize_t i = 0; i < pass->n_wide_spaces; i++)
        if (pass->wide_spaces[i] == code_point)
            return 1;
    return 0;
}

/* The code point of the UTF-8 character of `width` bytes at `bytes` (valid UTF-8). */
static uint32_t
code_point_at(const uint8_t *bytes, int width)
{
    if (width == 2)
        return ((uint32_t)(bytes[0] & 0x1F) << 6) | (bytes[1] & 0x3F);
    if (width == 3)
        return ((uint32_t)(bytes[0] & 0x0F) << 12) | ((uint32_t)(bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F);
    return ((uint32_t)(bytes[0] & 0x07) << 18) | ((uint32_t)(bytes[1] & 0x3F) << 12)
           | ((uint32_t)(bytes[2] & 0x3F) << 6) | (bytes[3] & 0x3F);
}

/* Does "lorem ipsum" start at bytes[0], ASCII letters in any case? (The text's lower()
 * holds it exactly there: no other character lowercases to one of its letters followed by
 * the next; signals.py's test checks that over every code point.) */
static int
lorem_ipsum_at(const uint8_t *bytes, int64_t room)
{
    static const char pattern[] = "lorem ipsum";
    if (room < (int64_t)sizeof(pattern) - 1)
        return 0;
    for (size_t i = 0; i < sizeof(pattern) - 1; i++) {
        uint8_t c = bytes[i];
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c != (uint8_t)pattern[i])
            return 0;
    }
    return 1;
}

/* What a byte is to the scan: most bytes are plain word bytes (BYTE_WORD); the others
 * end a word or are counted. */
enum { BYTE_WORD, BYTE_SPACE, BYTE_DOT, BYTE_HASH, BYTE_BRACKET, BYTE_L, BYTE_HIGH };

static void
byte_kinds(const uint8_t *ascii_space, uint8_t *kinds)
{
    for (int b = 0; b < 256; b++)
        kinds[b] = b >= 0x80 ? BYTE_HIGH : ascii_space[b] ? BYTE_SPACE : BYTE_WORD;
    kinds['.'] = BYTE_DOT;
    kinds['#'] = BYTE_HASH;
    kinds['{'] = kinds['}'] = BYTE_BRACKET;
    kinds['l'] = kinds['L'] = BYTE_L;
}

/* One text, data[start:end]: its words and its character counts. */
static int
scan_text(Pass *pass, const uint8_t *kinds, const uint8_t *data, int64_t start, int64_t end, int64_t doc,
          int64_t lang, int64_t *row)
{
    int64_t word_start = -1, symbols = 0, brackets = 0, lorem = 0, continuation_bytes = 0;
    int ascii = 1;
    int64_t first_norm = pass->n_norm;
    for (int64_t i = start; i < end;) {
        uint8_t b = data[i];
        int64_t next = i + 1;  /* where the character after this one starts */
        if (kinds[b] == BYTE_WORD) {  /* most bytes: the rest of a run of them at once */
            while (next < end && kinds[data[next]] == BYTE_WORD)
                next++;
            if (word_start < 0) {
                word_start = i;
                ascii = 1;
            }
            i = next;
            continue;
        }
        switch (kinds[b]) {
        case BYTE_SPACE:
            if (word_start >= 0 && add_word(pass, data, word_start, i, ascii, doc, lang, row))
                return -1;
            word_start = -1;
            i = next;
            continue;
        case BYTE_DOT:  /* a run of dots holds run / 3 of str.count's non-overlapping "..." */
            while (next < end && data[next] == '.')
                next++;
            symbols += (next - i) / 3;
            break;
        case BYTE_HASH:
            symbols++;
            break;
        case BYTE_BRACKET:
            brackets++;
            break;
        case BYTE_L:
            lorem += lorem_ipsum_at(data + i, end - i);
            break;
        default: {  /* BYTE_HIGH: the lead byte of a character of 2-4 bytes */
            int width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
            uint32_t cp = code_point_at(data + i, width);
            next = i + width;
            continuation_bytes += width - 1;
            if (cp < 0x3001 && is_wide_space(pass, cp)) {
                if (word_start >= 0 && add_word(pass, data, word_start, i, ascii, doc, lang, row))
                    return -1;
                word_start = -1;
                i = next;
                continue;
            }
            symbols += cp == 0x2026;  /* "…" */
            if (word_start < 0)
                word_start = i;
            ascii = 0;
            i = next;
            continue;
        }
        }
        if (word_start < 0) {  /* an ASCII byte that is part of a word */
            word_start = i;
            ascii = 1;
        }
        i = next;
    }
    if (word_start >= 0 && add_word(pass, data, word_start, end, ascii, doc, lang, row))
        return -1;
    row[C_SYMBOLS] += symbols;
    row[C_BRACKETS] += brackets;
    row[C_LOREM] += lorem;
    row[C_CHARS] += (end - start) - continuation_bytes;
    for (int64_t at = first_norm; at < pass->n_norm; at++)
        pass->words_left[at] = pass->n_norm - at;
    return 0;
}

/* An output list of int64 written in place: a bytearray with room for `capacity` items,
 * cut to the items written at the end (no copy of the batch's word lists). */
static int64_t *
new_output(PyObject **output, int64_t capacity)
{
    *output = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)(sizeof(int64_t) * capacity));
    return *output ? (int64_t *)PyByteArray_AS_STRING(*output) : NULL;
}

static int
cut_output(PyObject *output, int64_t n)
{
    return PyByteArray_Resize(output, (Py_ssize_t)(sizeof(int64_t) * n));
}

/* The raw vocabulary as an Arrow string array's offsets (int32) and bytes. */
static PyObject *
raw_vocabulary(const Pass *pass, const uint8_t *data)
{
    int64_t total = 0;
    for (int64_t id = 0; id < pass->raw.n; id++)
        total += pass->raw.length[id];
    if (total > INT32_MAX) {
        PyErr_SetString(PyExc_OverflowError, "the vocabulary holds over 2 GB");
        return NULL;
    }
    PyObject *offsets = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)(sizeof(int32_t) * (pass->raw.n + 1)));
    PyObject *bytes = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)total);
    if (!offsets || !bytes) {
        Py_XDECREF(offsets); Py_XDECREF(bytes);
        return NULL;
    }
    int32_t *out_offsets = (int32_t *)PyBytes_AS_STRING(offsets);
    char *out_bytes = PyBytes_AS_STRING(bytes);
    int32_t at = 0;
    out_offsets[0] = 0;
    for (int64_t id = 0; id < pass->raw.n; id++) {
        memcpy(out_bytes + at, data + pass->raw.offset[id], (size_t)pass->raw.length[id]);
        at += (int32_t)pass->raw.length[id];
        out_offsets[id + 1] = at;
    }
    PyObject *pair = PyTuple_Pack(2, offsets, bytes);
    Py_DECREF(offsets); Py_DECREF(bytes);
    return pair;
}

/* ------------------------------------------------------------------ word_pass
 * word_pass(data, offsets, ascii_space, wide_spaces, ascii_drop, ascii_letter, word_facts,
 *           stop_sets, stop_max_bytes, doc_lang, counts, ngram_inputs)
 *   -> (raw_ids, (vocabulary offsets, vocabulary bytes), n_norm)
 *
 * - data: the texts' UTF-8 bytes (valid: an Arrow string array's); offsets: int64,
 *   n_texts + 1;
 * - ascii_space: uint8 x 256; wide_spaces: uint32 code points (the other whitespace);
 *   ascii_drop / ascii_letter: uint8 x 128; word_facts: callable, a word with a non-ASCII
 *   character -> (its normalised form, whether it holds a letter); stop_sets: tuple of at
 *   most 64 sets of str; stop_max_bytes: their longest word's UTF-8 length; doc_lang:
 *   int64 per text, an index into stop_sets or -1;
 * - counts (int64 [text][N_COUNTS], zeroed, output): the per-text counts (COUNTS);
 * - ngram_inputs (int64 [4][row], row >= the bytes / 2 + texts + 2, output): the n-gram
 *   kernel's inputs, one per row, its first n_norm items (the last row n_norm + 1): each
 *   non-empty normalised word's id (numbered in the order the raw vocabulary first meets
 *   them, the empty one included, as the twin's dictionary_encode of the normalised
 *   vocabulary), its text, the words from it to its text's end, and the normalised
 *   characters before each word. (The caller's array, so that it can keep one from batch
 *   to batch: fresh pages cost more than the pass writing them.)
 * - returns each word's raw id (distinct words numbered in the order they first occur, as
 *   Arrow's dictionary_encode numbers them) as a bytearray of int64, the raw vocabulary,
 *   and the number of non-empty normalised words.
 */
static PyObject *
word_pass(PyObject *Py_UNUSED(self), PyObject *args)
{
    Py_buffer data_b, offsets_b, space_b, wide_b, drop_b, letter_b, lang_b, counts_b, ngram_b;
    PyObject *word_facts, *stop_sets;
    Py_ssize_t stop_max_bytes;
    if (!PyArg_ParseTuple(args, "y*y*y*y*y*y*OO!ny*w*w*:word_pass", &data_b, &offsets_b, &space_b, &wide_b, &drop_b,
                          &letter_b, &word_facts, &PyTuple_Type, &stop_sets, &stop_max_bytes, &lang_b, &counts_b,
                          &ngram_b))
        return NULL;
    /* The kept arrays, unless another call is using them: then arrays of this call's own. */
    Block own[N_KEPT];
    memset(own, 0, sizeof(own));
    Block *blocks = kept_in_use ? own : kept;
    kept_in_use = 1;
    PyObject *result = NULL, *vocabulary = NULL, *raw_ids = NULL;
    Pass pass;
    memset(&pass, 0, sizeof(pass));
    const int64_t *offsets = offsets_b.buf, *doc_lang = lang_b.buf;
    int64_t n_texts = offsets_b.len / 8 - 1;
    Py_ssize_t n_sets = PyTuple_GET_SIZE(stop_sets);
    if (n_texts < 0 || space_b.len != 256 || drop_b.len != 128 || letter_b.len != 128 || lang_b.len != 8 * n_texts
        || counts_b.len != 8 * N_COUNTS * n_texts || n_sets > 64 || !PyCallable_Check(word_facts)) {
        PyErr_SetString(PyExc_ValueError, "word_pass: a table, doc_lang or counts has the wrong size");
        goto done;
    }
    for (Py_ssize_t j = 0; j < n_sets; j++) {
        if (!PyAnySet_Check(PyTuple_GET_ITEM(stop_sets, j))) {
            PyErr_SetString(PyExc_TypeError, "word_pass: stop_sets must hold sets");
            goto done;
        }
    }
    for (int64_t k = 0; k < n_texts; k++) {
        if (offsets[k] < 0 || offsets[k] > offsets[k + 1] || offsets[k + 1] > data_b.len
            || doc_lang[k] < -1 || doc_lang[k] >= n_sets) {
            PyErr_SetString(PyExc_ValueError, "word_pass: a text's offsets or language is out of range");
            goto done;
        }
    }
    pass.ascii_space = space_b.buf;
    pass.wide_spaces = wide_b.buf;
    pass.n_wide_spaces = wide_b.len / 4;
    pass.ascii_drop = drop_b.buf;
    pass.ascii_letter = letter_b.buf;
    pass.word_facts = word_facts;
    pass.stop_sets = stop_sets;
    pass.stop_max_bytes = stop_max_bytes;
    /* A text of b bytes holds at most (b + 1) / 2 words: every bound below is that. */
    int64_t n_bytes = n_texts ? offsets[n_texts] - offsets[0] : 0;
    int64_t capacity = n_bytes / 2 + n_texts + 1;
    int64_t row = (int64_t)(ngram_b.len / (4 * (Py_ssize_t)sizeof(int64_t)));
    if (ngram_b.len % (4 * (Py_ssize_t)sizeof(int64_t)) || row < capacity + 1) {
        PyErr_SetString(PyExc_ValueError, "word_pass: ngram_inputs must be int64 [4][bytes / 2 + texts + 2] or more");
        goto done;
    }
    if (string_set_init(&pass.raw, blocks, capacity, K_RAW_OFFSET, 0)
        || string_set_init(&pass.norm, blocks, capacity, K_NORM_OFFSET, 1))
        goto done;
    size_t per_word = sizeof(int64_t) * (size_t)capacity;
    if (!(pass.raw_norm = block_memory(blocks, K_RAW_NORM, per_word))
        || !(pass.raw_letter = block_memory(blocks, K_RAW_LETTER, capacity))
        || !(pass.norm_chars = block_memory(blocks, K_NORM_CHARS, per_word))
        || !(pass.norm_stop = block_memory(blocks, K_NORM_STOP, per_word)) || !(pass.raw_ids = new_output(&raw_ids, capacity)))
        goto done;
    int64_t *ngram_inputs = ngram_b.buf;
    pass.norm_ids = ngram_inputs;
    pass.norm_doc = ngram_inputs + row;
    pass.words_left = ngram_inputs + 2 * row;
    pass.chars_cumsum = ngram_inputs + 3 * row;
    pass.chars_cumsum[0] = 0;
    const uint8_t *data = data_b.buf;
    int64_t *counts = counts_b.buf;
    uint8_t kinds[256];
    byte_kinds(pass.ascii_space, kinds);
    for (int64_t k = 0; k < n_texts; k++)
        if (scan_text(&pass, kinds, data, offsets[k], offsets[k + 1], k, doc_lang[k], counts + N_COUNTS * k))
            goto done;
    vocabulary = raw_vocabulary(&pass, data);
    if (!vocabulary || cut_output(raw_ids, pass.n_raw))
        goto done;
    result = Py_BuildValue("(OOL)", raw_ids, vocabulary, (long long)pass.n_norm);
done:
    Py_XDECREF(vocabulary);
    Py_XDECREF(raw_ids);
    string_set_free(&pass.raw);
    string_set_free(&pass.norm);
    if (blocks == kept) {
        release_blocks(kept, KEEP_LIMIT_BYTES);
        kept_in_use = 0;
    } else {
        release_blocks(own, 0);
    }
    PyBuffer_Release(&data_b); PyBuffer_Release(&offsets_b); PyBuffer_Release(&space_b); PyBuffer_Release(&wide_b);
    PyBuffer_Release(&drop_b); PyBuffer_Release(&letter_b); PyBuffer_Release(&lang_b); PyBuffer_Release(&counts_b);
    PyBuffer_Release(&ngram_b);
    return result;
}

static PyMethodDef methods[] = {
    {"word_pass", word_pass, METH_VARARGS, "The word counts of signals.word_signals and the n-gram kernel's input (see _signals_native.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_signals_native",
    "The quality signals' compiled word pass (optional; see corpus_clean/signals.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__signals_native(void)
{
    PyObject *mod = PyModule_Create(&module);
    if (!mod)
        return NULL;
    PyObject *names = PyTuple_New(N_COUNTS);
    if (!names) {
        Py_DECREF(mod);
        return NULL;
    }
    for (int i = 0; i < N_COUNTS; i++) {
        PyObject *name = PyUnicode_FromString(COUNT_NAMES[i]);
        if (!name) {
            Py_DECREF(names); Py_DECREF(mod);
            return NULL;
        }
        PyTuple_SET_ITEM(names, i, name);
    }
    if (PyModule_AddObject(mod, "COUNTS", names) < 0) {
        Py_DECREF(names); Py_DECREF(mod);
        return NULL;
    }
    return mod;
}
