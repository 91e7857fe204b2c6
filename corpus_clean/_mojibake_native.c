/* The mojibake gate's scan, compiled (corpus_clean._mojibake_native).
 *
 * Optional like the other kernels (setup.py builds it when a C compiler is there):
 * corpus_clean/mojibake/detect.py's `might_need_repair` runs its regex twin when this
 * module is missing or CORPUS_CLEAN_NATIVE=0, with the same answers
 * (tests/test_mojibake_gate.py compares both on random text).
 *
 * trigger_scan(text, start, classes) -> int
 *
 * - text: a str; start: where to begin;
 * - classes: bytes, 65,536 flags, one per BMP code point (built by detect.py from its
 *   own character classes): SINGLE (a control, U+FFFD, a surrogate... that needs repair
 *   alone), LEAD (a UTF-8 lead byte as some codec reads it), CONT (a continuation byte),
 *   NBSP_LEAD ("Â"/"Ã", whose 0xA0 may have been lost), AMPERSAND ("&"); a code point
 *   above U+FFFF has none;
 * - returns the first index i >= start where detect._TRIGGER_AT_START_RE matches, or
 *   where it may match ("&": the caller tries the entity pattern there), -1 if none:
 *   text[i] is a SINGLE, or a LEAD followed by a CONT, or a NBSP_LEAD followed by " ",
 *   "\r", "\n" or the end, or an AMPERSAND.
 *
 * Why: the regex engine tests every character of every text against a large character
 * class (~3.5 ns a character, 14 us per 4 KB page, most of it for pages that need no
 * repair); a table look-up per character costs a few instructions.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

enum { SINGLE = 1, LEAD = 2, CONT = 4, NBSP_LEAD = 8, AMPERSAND = 16 };

/* The flags of one code point (none above the BMP). */
#define FLAGS_OF(cp) ((cp) <= 0xFFFF ? classes[(cp)] : 0)

static PyObject *
trigger_scan(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *text;
    Py_ssize_t start;
    Py_buffer classes_b;
    if (!PyArg_ParseTuple(args, "Uny*:trigger_scan", &text, &start, &classes_b))
        return NULL;
    if (classes_b.len != 0x10000) {
        PyBuffer_Release(&classes_b);
        PyErr_SetString(PyExc_ValueError, "classes: one byte per BMP code point expected");
        return NULL;
    }
    const uint8_t *classes = classes_b.buf;
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_ssize_t found = -1;
    if (start < 0)
        start = 0;

    /* Once per string kind, so each copy reads its characters as a plain array. */
#define SCAN(CHAR_T)                                                                   \
    do {                                                                               \
        const CHAR_T *chars = (const CHAR_T *)data;                                    \
        for (Py_ssize_t i = start; i < length; i++) {                                  \
            const Py_UCS4 cp = chars[i];                                               \
            const uint8_t flags = FLAGS_OF(cp);                                        \
            if (!flags)                                                                \
                continue;                                                              \
            if (flags & (SINGLE | AMPERSAND)) {                                        \
                found = i;                                                             \
                break;                                                                 \
            }                                                                          \
            if (i + 1 == length) {                                                     \
                if (flags & NBSP_LEAD) { /* "Â" or "Ã" at the very end (\Z) */          \
                    found = i;                                                         \
                    break;                                                             \
                }                                                                      \
                continue;                                                              \
            }                                                                          \
            const Py_UCS4 next = chars[i + 1];                                         \
            if (((flags & LEAD) && (FLAGS_OF(next) & CONT))                            \
                || ((flags & NBSP_LEAD) && (next == ' ' || next == '\r' || next == '\n'))) { \
                found = i;                                                             \
                break;                                                                 \
            }                                                                          \
        }                                                                              \
    } while (0)

    if (kind == PyUnicode_1BYTE_KIND)
        SCAN(Py_UCS1);
    else if (kind == PyUnicode_2BYTE_KIND)
        SCAN(Py_UCS2);
    else
        SCAN(Py_UCS4);
#undef SCAN
    PyBuffer_Release(&classes_b);
    return PyLong_FromSsize_t(found);
}

static PyMethodDef methods[] = {
    {"trigger_scan", trigger_scan, METH_VARARGS,
     "First index where the mojibake gate's trigger may match (see _mojibake_native.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_mojibake_native",
    "The mojibake gate's scan over a text's characters (see _mojibake_native.c).", -1, methods,
};

PyMODINIT_FUNC
PyInit__mojibake_native(void)
{
    return PyModule_Create(&module);
}
