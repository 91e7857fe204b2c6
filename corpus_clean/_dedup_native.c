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

/* Slots compared between two checks of whether a pair can still reach `need`. */
#define SLOTS_PER_CHECK 16

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
            for (; s < stop; s++)
                count += a[s] == b[s];
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

static PyMethodDef methods[] = {
    {"equal_slots", equal_slots, METH_VARARGS, "Equal slots of pairs of signature rows (see _dedup_native.c)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_dedup_native", "Compiled kernel of corpus_clean.dedup (optional).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__dedup_native(void)
{
    return PyModule_Create(&module);
}
