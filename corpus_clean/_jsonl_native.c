/* Plain JSONL records read in one pass over their bytes (corpus_clean._jsonl_native).
 *
 * Optional, like the other kernels: setup.py builds it when a C compiler is there, and
 * corpus_clean/readers.py reads every line the general way otherwise (decode_bytes, then
 * json.loads), or when CORPUS_CLEAN_NATIVE=0 says so.
 *
 * plain_record(line: bytes) -> dict | None
 *
 * The dict json.loads(line.decode("utf-8")) gives, for a line that is a *plain record*: one
 * JSON object of strings, small integers, true, false and null, in UTF-8. None for any
 * other line, which the caller then reads the general way. That way every line where the
 * two could differ (a BOM or another encoding, invalid UTF-8, nested values, floats, big
 * integers, NaN, a surrogate escape, a control character in a string, anything malformed)
 * is the general reader's to accept or quarantine, with its own reason; this pass only
 * saves the decoded copy of the line and the decoder's Python objects on the lines that
 * need neither.
 *
 * As json.loads: white space is " \t\n\r" around the tokens; a string's escapes are JSON's eight (\" \\ \/ \b \f \n \r \t)
 * and \uXXXX outside the surrogates; integers are "-?(0|[1-9][0-9]*)" (up to 18 digits here).
 * A key given twice makes the line not plain: json.loads would keep the last value and drop
 * the first silently; the general reader quarantines such a record (readers.duplicate_keys).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define MAX_INT_DIGITS 18  /* fits an int64: longer ones are left to json.loads */

/* Why a line is not a plain record: not an error, the caller reads it the general way. */
#define NOT_PLAIN ((PyObject *)1)

typedef struct {
    const uint8_t *at, *end;
    char *scratch;  /* room for the longest string's unescaped bytes (the line's length) */
} Reader;

static void
skip_space(Reader *r)
{
    while (r->at < r->end && (*r->at == ' ' || *r->at == '\t' || *r->at == '\n' || *r->at == '\r'))
        r->at++;
}

static int
hex_value(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Where the run of plain string bytes from `p` ends: at a quote, a backslash, a control
 * character or `end`. Eight bytes at a time while none of the eight is one of those (the
 * usual bit tricks: a byte equal to c, or below 0x20, sets its top bit in the mask; a
 * mask with a bit set sends those eight bytes through the plain loop). */
static const uint8_t *
plain_run_end(const uint8_t *p, const uint8_t *end)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const uint64_t quotes = ones * '"', backslashes = ones * '\\';
    while (end - p >= 8) {
        uint64_t chunk, q, b;
        memcpy(&chunk, p, 8);
        q = chunk ^ quotes;
        b = chunk ^ backslashes;
        uint64_t special = ((q - ones) & ~q) | ((b - ones) & ~b) | ((chunk - ones * 0x20) & ~chunk);
        if (special & highs)
            break;
        p += 8;
    }
    while (p < end && *p != '"' && *p != '\\' && *p >= 0x20)
        p++;
    return p;
}

/* The code point of "\uXXXX" at r->at (just after the "u"), or -1: not four hex digits. */
static int32_t
unicode_escape(Reader *r)
{
    if (r->end - r->at < 4)
        return -1;
    int32_t code = 0;
    for (int i = 0; i < 4; i++) {
        int digit = hex_value(r->at[i]);
        if (digit < 0)
            return -1;
        code = code * 16 + digit;
    }
    r->at += 4;
    return code;
}

/* `code` (not a surrogate) as UTF-8 at `out`; the bytes written. */
static int
put_utf8(char *out, int32_t code)
{
    if (code < 0x80) {
        out[0] = (char)code;
        return 1;
    }
    if (code < 0x800) {
        out[0] = (char)(0xC0 | (code >> 6));
        out[1] = (char)(0x80 | (code & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (code >> 12));
    out[1] = (char)(0x80 | ((code >> 6) & 0x3F));
    out[2] = (char)(0x80 | (code & 0x3F));
    return 3;
}

/* `length` bytes as a new str; NOT_PLAIN when they are not UTF-8 (strict, as decode_bytes). */
static PyObject *
utf8_text(const char *bytes, Py_ssize_t length)
{
    PyObject *text = PyUnicode_DecodeUTF8(bytes, length, NULL);
    if (!text && PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)) {
        PyErr_Clear();
        return NOT_PLAIN;
    }
    return text;
}

/* The string whose opening quote is at r->at, as a new str; NOT_PLAIN for a control
 * character, an escape json.loads refuses, a surrogate escape or bytes that are not UTF-8;
 * NULL with an exception only for a failed allocation. */
static PyObject *
read_string(Reader *r)
{
    const uint8_t *start = ++r->at;
    /* Most strings (every key, most values) have no escape: decoded straight from the line. */
    const uint8_t *p = plain_run_end(start, r->end);
    if (p >= r->end || *p < 0x20)
        return NOT_PLAIN;
    if (*p == '"') {
        r->at = p + 1;
        return utf8_text((const char *)start, (Py_ssize_t)(p - start));
    }
    /* With escapes: unescaped into the scratch buffer, then decoded. */
    char *out = r->scratch;
    memcpy(out, start, (size_t)(p - start));
    out += p - start;
    r->at = p;
    for (;;) {
        if (r->at >= r->end)
            return NOT_PLAIN;
        uint8_t c = *r->at;
        if (c == '"') {
            r->at++;
            break;
        }
        if (c < 0x20)
            return NOT_PLAIN;
        if (c != '\\') {  /* a run of plain bytes, copied at once */
            const uint8_t *run_end = plain_run_end(r->at, r->end);
            memcpy(out, r->at, (size_t)(run_end - r->at));
            out += run_end - r->at;
            r->at = run_end;
            continue;
        }
        if (++r->at >= r->end)
            return NOT_PLAIN;
        c = *r->at++;
        switch (c) {
        case '"': case '\\': case '/': *out++ = (char)c; break;
        case 'b': *out++ = '\b'; break;
        case 'f': *out++ = '\f'; break;
        case 'n': *out++ = '\n'; break;
        case 'r': *out++ = '\r'; break;
        case 't': *out++ = '\t'; break;
        case 'u': {
            int32_t code = unicode_escape(r);
            if (code < 0 || (code >= 0xD800 && code <= 0xDFFF))  /* surrogates: json.loads's to judge */
                return NOT_PLAIN;
            out += put_utf8(out, code);
            break;
        }
        default:
            return NOT_PLAIN;
        }
    }
    return utf8_text(r->scratch, (Py_ssize_t)(out - r->scratch));
}

/* An integer of at most MAX_INT_DIGITS digits (json.loads's int of the token). */
static PyObject *
read_integer(Reader *r)
{
    const uint8_t *p = r->at;
    int negative = *p == '-';
    p += negative;
    const uint8_t *digits = p;
    while (p < r->end && *p >= '0' && *p <= '9')
        p++;
    int64_t n_digits = p - digits;
    if (n_digits == 0 || n_digits > MAX_INT_DIGITS || (digits[0] == '0' && n_digits > 1))
        return NOT_PLAIN;
    if (p < r->end && (*p == '.' || *p == 'e' || *p == 'E'))  /* a float: json.loads's to read */
        return NOT_PLAIN;
    int64_t value = 0;
    for (const uint8_t *d = digits; d < p; d++)
        value = value * 10 + (*d - '0');
    r->at = p;
    return PyLong_FromLongLong(negative ? -value : value);
}

/* true, false or null at r->at. */
static PyObject *
read_literal(Reader *r)
{
    static const struct {
        const char *word;
        size_t length;
    } words[] = {{"true", 4}, {"false", 5}, {"null", 4}};
    for (int i = 0; i < 3; i++) {
        if ((size_t)(r->end - r->at) >= words[i].length && memcmp(r->at, words[i].word, words[i].length) == 0) {
            r->at += words[i].length;
            PyObject *value = i == 0 ? Py_True : i == 1 ? Py_False : Py_None;
            Py_INCREF(value);
            return value;
        }
    }
    return NOT_PLAIN;
}

static PyObject *
read_value(Reader *r)
{
    if (r->at >= r->end)
        return NOT_PLAIN;
    uint8_t c = *r->at;
    if (c == '"')
        return read_string(r);
    if (c == '-' || (c >= '0' && c <= '9'))
        return read_integer(r);
    return read_literal(r);
}

/* The object at r->at into `record`: 0, NOT_PLAIN's 1, or -1 with an exception. */
static int
read_object(Reader *r, PyObject *record)
{
    skip_space(r);
    if (r->at >= r->end || *r->at != '{')
        return 1;
    r->at++;
    skip_space(r);
    if (r->at < r->end && *r->at == '}') {
        r->at++;
        return 0;
    }
    for (;;) {
        skip_space(r);
        if (r->at >= r->end || *r->at != '"')
            return 1;
        PyObject *key = read_string(r);
        if (key == NULL || key == NOT_PLAIN)
            return key == NULL ? -1 : 1;
        skip_space(r);
        if (r->at >= r->end || *r->at != ':') {
            Py_DECREF(key);
            return 1;
        }
        r->at++;
        skip_space(r);
        PyObject *value = read_value(r);
        if (value == NULL || value == NOT_PLAIN) {
            Py_DECREF(key);
            return value == NULL ? -1 : 1;
        }
        Py_ssize_t size = PyDict_GET_SIZE(record);
        int failed = PyDict_SetItem(record, key, value);
        Py_DECREF(key);
        Py_DECREF(value);
        if (failed)
            return -1;
        if (PyDict_GET_SIZE(record) == size)
            return 1;  /* a key given twice: the general way decides (readers.duplicate_keys) */
        skip_space(r);
        if (r->at < r->end && *r->at == ',') {
            r->at++;
            continue;
        }
        if (r->at < r->end && *r->at == '}') {
            r->at++;
            return 0;
        }
        return 1;
    }
}

static PyObject *
plain_record(PyObject *Py_UNUSED(self), PyObject *arg)
{
    if (!PyBytes_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "plain_record: the line must be bytes");
        return NULL;
    }
    Py_ssize_t length = PyBytes_GET_SIZE(arg);
    Reader r = {(const uint8_t *)PyBytes_AS_STRING(arg), (const uint8_t *)PyBytes_AS_STRING(arg) + length, NULL};
    r.scratch = PyMem_Malloc((size_t)length + 1);
    PyObject *record = PyDict_New();
    if (!r.scratch || !record) {
        PyMem_Free(r.scratch);
        Py_XDECREF(record);
        return PyErr_NoMemory();
    }
    int status = read_object(&r, record);
    if (status == 0) {
        skip_space(&r);
        status = r.at == r.end ? 0 : 1;  /* anything after the object: json.loads's "Extra data" */
    }
    PyMem_Free(r.scratch);
    if (status != 0) {
        Py_DECREF(record);
        if (status < 0)
            return NULL;
        Py_RETURN_NONE;
    }
    return record;
}

static PyMethodDef methods[] = {
    {"plain_record", plain_record, METH_O,
     "The dict of a plain JSONL record (UTF-8; strings, small integers, true, false, null), else None."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_jsonl_native",
    "Plain JSONL records read in one pass (optional; see corpus_clean/readers.py).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__jsonl_native(void)
{
    return PyModule_Create(&module);
}
