/*
 * corpus_clean._lexbor_walk: the HTML path's element walks in C, over the tree
 * selectolax's Lexbor parser built (see corpus_clean/lexbor_walk.py, which decides
 * whether this module may be used and holds the pure-Python twins).
 *
 * Why: a Python walk over a page's elements builds one selectolax node object per
 * element and step (``node.next``, ``node.first_child``) and reads its tag and text
 * through properties; on real pages (700 elements, 1,500 nodes) that, not the work
 * done per element, was the renderer's cost. Here the walk follows Lexbor's own
 * pointers and makes a Python node object only where Python code needs one.
 *
 * How, without Lexbor's headers (selectolax's wheel does not ship them):
 *  - ``LexborNode.mem_id`` is the address of the node's ``lxb_dom_node_t``; its
 *    layout below is Lexbor's (the one selectolax's lexbor.pxd declares);
 *  - a LexborNode object for an address is made as selectolax makes one
 *    (``LexborNode.__new__`` then its ``node`` and ``parser`` fields set), at the
 *    field offsets ``configure`` finds in a probe node (the words equal to its
 *    ``mem_id`` and to ``id(parser)``).
 * lexbor_walk.py checks every function here against the selectolax API on a probe
 * page at import and falls back to Python when anything differs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Lexbor's lxb_dom_node_t (lexbor/dom/interfaces/node.h) */
typedef struct lxb_node lxb_node;
struct lxb_node {
    void *events;               /* lxb_dom_event_target_t */
    uintptr_t local_name;       /* the tag id */
    uintptr_t prefix;
    uintptr_t ns;
    void *owner_document;
    lxb_node *next;
    lxb_node *prev;
    lxb_node *parent;
    lxb_node *first_child;
    lxb_node *last_child;
    void *user;
    int type;                   /* lxb_dom_node_type_t */
};

/* lxb_dom_character_data_t: a node, then its lexbor_str_t */
typedef struct {
    lxb_node node;
    unsigned char *data;
    size_t length;
} lxb_chardata;

#define NODE_TYPE_ELEMENT 1
#define NODE_TYPE_TEXT 3
#define TAG_BITS 1024             /* standard tag ids are small; custom ones are addresses */

typedef struct { unsigned char on[TAG_BITS]; } TagSet;

static int tagset_has(const TagSet *set, uintptr_t tag) { return tag < TAG_BITS && set->on[tag]; }

/* The length of the run of ASCII bytes at the start of data[0:length], 8 bytes at a time
 * (most of a page's text is ASCII: its fragments then need no UTF-8 decoding to be measured). */
static size_t ascii_prefix(const unsigned char *data, size_t length)
{
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        memcpy(&word, data + i, 8);
        if (word & 0x8080808080808080ULL)
            break;
    }
    while (i < length && data[i] < 0x80)
        i++;
    return i;
}

/* The node after ``node`` in document order, staying under ``root``; NULL at the end. */
static lxb_node *next_below(lxb_node *node, lxb_node *root)
{
    if (node->first_child != NULL)
        return node->first_child;
    while (node != root && node->next == NULL)
        node = node->parent;
    return node == root ? NULL : node->next;
}

/* ------------------------------------------------------------------ node objects */

static PyTypeObject *node_type = NULL;     /* selectolax.lexbor.LexborNode */
static Py_ssize_t node_offset = -1;        /* its lxb_dom_node_t * field */
static Py_ssize_t parser_offset = -1;      /* its parser field */
static uintptr_t html_namespace = 0;  /* the ns id of HTML elements, read off the probe's <body> (configure) */

static lxb_node *node_of(PyObject *obj)
{
    if (node_type == NULL || Py_TYPE(obj) != node_type) {
        PyErr_SetString(PyExc_TypeError, "expected a selectolax LexborNode (and a configured walker)");
        return NULL;
    }
    return *(lxb_node **)((char *)obj + node_offset);
}

static PyObject *parser_of(PyObject *obj) { return *(PyObject **)((char *)obj + parser_offset); }

/* A new LexborNode for ``node``, belonging to ``like``'s parser (as LexborNode.new makes it). */
static PyObject *make_node(lxb_node *node, PyObject *like)
{
    PyObject *args = PyTuple_New(0);
    if (args == NULL)
        return NULL;
    PyObject *obj = node_type->tp_new(node_type, args, NULL);
    Py_DECREF(args);
    if (obj == NULL)
        return NULL;
    *(lxb_node **)((char *)obj + node_offset) = node;
    PyObject **slot = (PyObject **)((char *)obj + parser_offset);
    PyObject *parser = parser_of(like);
    Py_XINCREF(parser);
    Py_XSETREF(*slot, parser);
    return obj;
}

static Py_ssize_t find_word(PyObject *obj, uintptr_t value)
{
    Py_ssize_t found = -1;
    for (Py_ssize_t off = sizeof(PyObject); off + (Py_ssize_t)sizeof(void *) <= Py_TYPE(obj)->tp_basicsize;
         off += sizeof(void *)) {
        if (*(uintptr_t *)((char *)obj + off) == value) {
            if (found >= 0)
                return -2;  /* twice: ambiguous */
            found = off;
        }
    }
    return found;
}

/* configure(probe): find the node and parser fields in ``probe``, a LexborNode. */
static PyObject *configure(PyObject *self, PyObject *probe)
{
    PyObject *mem_id = PyObject_GetAttrString(probe, "mem_id");
    if (mem_id == NULL)
        return NULL;
    size_t address = PyLong_AsSize_t(mem_id);
    Py_DECREF(mem_id);
    if (address == (size_t)-1 && PyErr_Occurred())
        return NULL;
    PyObject *parser = PyObject_GetAttrString(probe, "parser");
    if (parser == NULL)
        return NULL;
    Py_ssize_t at_node = find_word(probe, (uintptr_t)address);
    Py_ssize_t at_parser = find_word(probe, (uintptr_t)parser);
    Py_DECREF(parser);
    if (address == 0 || at_node < 0 || at_parser < 0 || at_node == at_parser)
        Py_RETURN_FALSE;
    Py_XSETREF(node_type, (PyTypeObject *)Py_NewRef((PyObject *)Py_TYPE(probe)));
    node_offset = at_node;
    parser_offset = at_parser;
    html_namespace = ((lxb_node *)address)->ns;  /* (the probe is an HTML document's <body>) */
    Py_RETURN_TRUE;
}

/* node_at(like, address): the LexborNode at ``address`` (a mem_id) in ``like``'s tree. */
static PyObject *node_at(PyObject *self, PyObject *args)
{
    PyObject *like, *address;
    if (!PyArg_ParseTuple(args, "OO", &like, &address))
        return NULL;
    if (node_of(like) == NULL)
        return NULL;
    void *node = PyLong_AsVoidPtr(address);
    if (node == NULL)
        return NULL;
    return make_node((lxb_node *)node, like);
}

/* ------------------------------------------------------------------ tags_below */

static int tagset_from(PyObject *ids, TagSet *set)
{
    memset(set->on, 0, sizeof(set->on));
    PyObject *it = PyObject_GetIter(ids);
    if (it == NULL)
        return -1;
    PyObject *item;
    while ((item = PyIter_Next(it)) != NULL) {
        size_t tag = PyLong_AsSize_t(item);
        Py_DECREF(item);
        if (tag == (size_t)-1 && PyErr_Occurred())
            break;
        if (tag >= TAG_BITS) {
            PyErr_SetString(PyExc_ValueError, "tag id too large for a tag set");
            break;
        }
        set->on[tag] = 1;
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

/* tags_below(root, tag_ids): ``[n for n in root.traverse() if n.tag_id in tag_ids]``
 * (root first, then its descendants in document order; text nodes are never listed). */
static PyObject *tags_below(PyObject *self, PyObject *args)
{
    PyObject *root_obj, *ids;
    if (!PyArg_ParseTuple(args, "OO", &root_obj, &ids))
        return NULL;
    lxb_node *root = node_of(root_obj);
    if (root == NULL)
        return NULL;
    TagSet set;
    if (tagset_from(ids, &set) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    lxb_node *node = root;
    for (;;) {
        if (node->type != NODE_TYPE_TEXT && tagset_has(&set, node->local_name)) {
            PyObject *obj = make_node(node, root_obj);
            if (obj == NULL || PyList_Append(out, obj) < 0) {
                Py_XDECREF(obj);
                Py_DECREF(out);
                return NULL;
            }
            Py_DECREF(obj);
        }
        if ((node = next_below(node, root)) == NULL)
            break;
    }
    return out;
}

/* ------------------------------------------------------------------ drop_bare
 *
 * html.strip_junk drops the never-rendered tags (img, input, script, svg ...). Most of them on real
 * pages (~70 of ~130 junk elements a WCXB page: every img and input, half the scripts and svgs) hold
 * no text at all: no text, comment or other node anywhere below them, elements only. Unlinking such an
 * element changes no text any later step measures or shows, so it can go before the Python loop over
 * the junk, here, without a node object each. Lexbor's own lxb_dom_node_remove unlinks it (the function
 * selectolax's ``remove(recursive=False)`` calls; its address from selectolax's module, see
 * lexbor_walk.configure_remove).
 */

typedef void (*node_remove_f)(void *node);
static node_remove_f node_remove = NULL;

/* configure_remove(address): Lexbor's lxb_dom_node_remove, as selectolax's module exports it. */
static PyObject *configure_remove(PyObject *self, PyObject *address)
{
    void *function = PyLong_AsVoidPtr(address);
    if (function == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "no function at address 0");
        return NULL;
    }
    node_remove = (node_remove_f)function;
    Py_RETURN_NONE;
}

/* html._cut's three Lexbor calls in one (a cold WCXB dev pass cuts ~9,700 elements, each through three
 * selectolax methods and a node object): Lexbor's lxb_dom_document_create_text_node and lxb_dom_node_insert_before
 * (what selectolax's ``insert_before(" ")`` calls), their addresses from selectolax's module (see
 * lexbor_walk.configure_cut), and lxb_dom_node_remove (``remove(recursive=False)``). */
typedef void *(*create_text_f)(void *document, const unsigned char *data, size_t length);
typedef void (*insert_before_f)(void *to, void *node);
static create_text_f create_text_node = NULL;
static insert_before_f insert_node_before = NULL;

/* configure_cut(create_text_node, insert_before): the addresses of those two Lexbor functions. */
static PyObject *configure_cut(PyObject *self, PyObject *args)
{
    PyObject *create, *insert;
    if (!PyArg_ParseTuple(args, "OO", &create, &insert))
        return NULL;
    void *create_f = PyLong_AsVoidPtr(create), *insert_f = PyLong_AsVoidPtr(insert);
    if (create_f == NULL || insert_f == NULL) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "no function at address 0");
        return NULL;
    }
    create_text_node = (create_text_f)create_f;
    insert_node_before = (insert_before_f)insert_f;
    Py_RETURN_NONE;
}

/* cut(node, placeholder) -> the placeholder or None: with ``placeholder`` true, a one-space text node is put
 * before ``node`` (``node.insert_before(" ")``, in the node's document) and read back as ``node.prev``; then
 * ``node`` is unlinked with its subtree (``node.remove(recursive=False)``). None without a placeholder, or when
 * ``node.prev`` is None after the insertion (as html._cut reads it). */
static PyObject *cut(PyObject *self, PyObject *args)
{
    PyObject *node_obj;
    int placeholder;
    if (!PyArg_ParseTuple(args, "Op", &node_obj, &placeholder))
        return NULL;
    lxb_node *node = node_of(node_obj);
    if (node == NULL)
        return NULL;
    if (node_remove == NULL || create_text_node == NULL || insert_node_before == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "cut: Lexbor's functions not configured");
        return NULL;
    }
    PyObject *result = Py_NewRef(Py_None);
    if (placeholder) {
        void *text = create_text_node(node->owner_document, (const unsigned char *)" ", 1);
        if (text == NULL) {
            Py_DECREF(result);
            PyErr_SetString(PyExc_RuntimeError, "Can't create a new node");
            return NULL;
        }
        insert_node_before(node, text);
        if (node->prev != NULL) {
            Py_DECREF(result);
            if ((result = make_node(node->prev, node_obj)) == NULL)
                return NULL;
        }
    }
    node_remove(node);
    return result;
}

/* True when every node below ``node`` is an element (no text, comment or other node) whose tag is not in ``keep``. */
static int holds_elements_only(lxb_node *node, const TagSet *keep)
{
    for (lxb_node *below = node->first_child; below != NULL; below = next_below(below, node))
        if (below->type != NODE_TYPE_ELEMENT || tagset_has(keep, below->local_name))
            return 0;
    return 1;
}

/* drop_bare(root, tag_ids, keep_ids) -> int: unlink every element below ``root`` (not ``root``) whose tag id
 * is in ``tag_ids`` and which holds elements only, none of them with a tag id in ``keep_ids``, in document
 * order (an element inside a dropped one is unlinked from it in turn, as one remove() per element of
 * tags_below's list does); their number. */
static PyObject *drop_bare(PyObject *self, PyObject *args)
{
    PyObject *root_obj, *ids, *keep_ids;
    if (!PyArg_ParseTuple(args, "OOO", &root_obj, &ids, &keep_ids))
        return NULL;
    if (node_remove == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "configure_remove was not called");
        return NULL;
    }
    lxb_node *root = node_of(root_obj);
    if (root == NULL)
        return NULL;
    TagSet set, keep;
    if (tagset_from(ids, &set) < 0 || tagset_from(keep_ids, &keep) < 0)
        return NULL;
    /* found first, unlinked after: an unlinked element has no parent to walk on from */
    Py_ssize_t count = 0, room = 64;
    lxb_node **found = PyMem_Malloc(room * sizeof(lxb_node *));
    if (found == NULL)
        return PyErr_NoMemory();
    for (lxb_node *node = root->first_child; node != NULL;
         node = next_below(node, root)) {
        if (node->type != NODE_TYPE_ELEMENT || !tagset_has(&set, node->local_name) || !holds_elements_only(node, &keep))
            continue;
        if (count == room) {
            lxb_node **grown = PyMem_Realloc(found, 2 * room * sizeof(lxb_node *));
            if (grown == NULL) {
                PyMem_Free(found);
                return PyErr_NoMemory();
            }
            found = grown;
            room *= 2;
        }
        found[count++] = node;
    }
    for (Py_ssize_t i = 0; i < count; i++)
        node_remove(found[i]);
    PyMem_Free(found);
    return PyLong_FromSsize_t(count);
}

/* drop_bare_tags(root, tag_ids, keep_ids, list_ids) -> [LexborNode]: drop_bare(root, tag_ids, keep_ids) then
 * tags_below(root, list_ids), in one walk: the elements drop_bare unlinks are found (their insides not walked:
 * nothing in them is listed, as nothing unlinked is below root any more), the others of list_ids listed in
 * document order, then the found ones unlinked. */
static PyObject *drop_bare_tags(PyObject *self, PyObject *args)
{
    PyObject *root_obj, *ids, *keep_ids, *list_ids;
    if (!PyArg_ParseTuple(args, "OOOO", &root_obj, &ids, &keep_ids, &list_ids))
        return NULL;
    if (node_remove == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "configure_remove was not called");
        return NULL;
    }
    lxb_node *root = node_of(root_obj);
    if (root == NULL)
        return NULL;
    static TagSet set, keep, listed;
    if (tagset_from(ids, &set) < 0 || tagset_from(keep_ids, &keep) < 0 || tagset_from(list_ids, &listed) < 0)
        return NULL;
    Py_ssize_t count = 0, room = 64;
    lxb_node **found = PyMem_Malloc(room * sizeof(lxb_node *));
    if (found == NULL)
        return PyErr_NoMemory();
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        PyMem_Free(found);
        return NULL;
    }
    lxb_node *node = root;
    while (node != NULL) {
        if (node != root && node->type == NODE_TYPE_ELEMENT && tagset_has(&set, node->local_name)
                && holds_elements_only(node, &keep)) {
            if (count == room) {
                lxb_node **grown = PyMem_Realloc(found, 2 * room * sizeof(lxb_node *));
                if (grown == NULL) {
                    PyErr_NoMemory();
                    goto fail;
                }
                found = grown;
                room *= 2;
            }
            found[count++] = node;
            /* on after its subtree */
            while (node != root && node->next == NULL)
                node = node->parent;
            node = node == root ? NULL : node->next;
            continue;
        }
        if (node->type != NODE_TYPE_TEXT && tagset_has(&listed, node->local_name)) {
            PyObject *obj = make_node(node, root_obj);
            if (obj == NULL || PyList_Append(out, obj) < 0) {
                Py_XDECREF(obj);
                goto fail;
            }
            Py_DECREF(obj);
        }
        node = next_below(node, root);
    }
    for (Py_ssize_t i = 0; i < count; i++)
        node_remove(found[i]);
    PyMem_Free(found);
    return out;
fail:
    PyMem_Free(found);
    Py_DECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------ render_out
 *
 * html.render_page's walk (see its docstring and _render_out_python there, the
 * Python twin this follows line by line): the flat ``out`` list of text,
 * separators and verdict markers, which html._lines turns into lines.
 */

typedef struct {
    /* strings and markers */
    PyObject *newline, *space, *end, *keep, *not_main, *dateline, *links, *furniture;
    /* Python helpers: as_laid_out(text, node), formula_text(node), is_data_table(node),
     * reads_as_prose_at(out, start), furniture_at(out, start) */
    PyObject *as_laid_out, *formula_text, *is_data_table, *prose_at, *furniture_at;
    /* furniture_lead: 128 bytes, nonzero for the ASCII characters a furniture line may begin with
     * (line_gate.leading_ascii of html.FURNITURE_LINE_RE), or None: furniture_at is asked every time */
    PyObject *furniture_lead;
    double link_dense;
    uintptr_t text_id, br_id, math_id, time_id, a_id, table_id, tbody_id, p_id;
    TagSet block, line, cell, not_link_lists, container, named;  /* named: ids selectolax names "-..." */
    int ready;
} RenderConfig;

static RenderConfig cfg;

static int get_tagset(PyObject *dict, const char *key, TagSet *set)
{
    PyObject *ids = PyDict_GetItemString(dict, key);
    if (ids == NULL) {
        PyErr_Format(PyExc_KeyError, "render config lacks %s", key);
        return -1;
    }
    return tagset_from(ids, set);
}

static int get_obj(PyObject *dict, const char *key, PyObject **slot)
{
    PyObject *value = PyDict_GetItemString(dict, key);
    if (value == NULL) {
        PyErr_Format(PyExc_KeyError, "render config lacks %s", key);
        return -1;
    }
    Py_XSETREF(*slot, Py_NewRef(value));
    return 0;
}

static int get_id(PyObject *dict, const char *key, uintptr_t *slot)
{
    PyObject *value = PyDict_GetItemString(dict, key);
    if (value == NULL) {
        PyErr_Format(PyExc_KeyError, "render config lacks %s", key);
        return -1;
    }
    size_t id = PyLong_AsSize_t(value);
    if (id == (size_t)-1 && PyErr_Occurred())
        return -1;
    *slot = id;
    return 0;
}

/* configure_render(config: dict): the renderer's constants, tag ids and helpers. */
static PyObject *configure_render(PyObject *self, PyObject *dict)
{
    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "configure_render expects a dict");
        return NULL;
    }
    cfg.ready = 0;
    if (get_obj(dict, "newline", &cfg.newline) || get_obj(dict, "space", &cfg.space)
        || get_obj(dict, "end", &cfg.end) || get_obj(dict, "keep", &cfg.keep)
        || get_obj(dict, "not_main", &cfg.not_main) || get_obj(dict, "dateline", &cfg.dateline)
        || get_obj(dict, "links", &cfg.links) || get_obj(dict, "furniture", &cfg.furniture)
        || get_obj(dict, "as_laid_out", &cfg.as_laid_out) || get_obj(dict, "formula_text", &cfg.formula_text)
        || get_obj(dict, "is_data_table", &cfg.is_data_table)
        || get_obj(dict, "reads_as_prose_at", &cfg.prose_at) || get_obj(dict, "furniture_at", &cfg.furniture_at)
        || get_obj(dict, "furniture_lead", &cfg.furniture_lead)
        || get_id(dict, "text", &cfg.text_id) || get_id(dict, "br", &cfg.br_id)
        || get_id(dict, "math", &cfg.math_id) || get_id(dict, "time", &cfg.time_id)
        || get_id(dict, "a", &cfg.a_id) || get_id(dict, "table", &cfg.table_id)
        || get_id(dict, "tbody", &cfg.tbody_id) || get_id(dict, "p", &cfg.p_id)
        || get_tagset(dict, "block", &cfg.block) || get_tagset(dict, "line", &cfg.line)
        || get_tagset(dict, "cell", &cfg.cell) || get_tagset(dict, "not_link_lists", &cfg.not_link_lists)
        || get_tagset(dict, "container", &cfg.container) || get_tagset(dict, "named", &cfg.named))
        return NULL;
    PyObject *dense = PyDict_GetItemString(dict, "link_dense");
    if (dense == NULL) {
        PyErr_SetString(PyExc_KeyError, "render config lacks link_dense");
        return NULL;
    }
    if (cfg.furniture_lead != Py_None && !(PyBytes_Check(cfg.furniture_lead) && PyBytes_GET_SIZE(cfg.furniture_lead) == 128)) {
        PyErr_SetString(PyExc_ValueError, "furniture_lead: 128 bytes or None");
        return NULL;
    }
    cfg.link_dense = PyFloat_AsDouble(dense);
    if (PyErr_Occurred())
        return NULL;
    cfg.ready = 1;
    Py_RETURN_NONE;
}

/* node_of, for the functions that read the renderer's configuration (tag ids). */
static lxb_node *configured_node(PyObject *obj)
{
    if (!cfg.ready) {
        PyErr_SetString(PyExc_RuntimeError, "configure_render was not called");
        return NULL;
    }
    return node_of(obj);
}

#define ROOT_TAG ((uintptr_t)-1)   /* the render root's frame: tag "" (a container, nothing else) */

typedef struct {
    uintptr_t tag;
    Py_ssize_t start, chars, link_chars;
    int in_link, judge;
    PyObject *wrap;   /* borrowed (cfg's strings or a cut's rule, alive in ``cuts``); NULL: none */
} Frame;

enum { ITEM_NODE, ITEM_ROOT, ITEM_END, ITEM_CUT };

typedef struct {
    int kind;
    lxb_node *node;
    PyObject *rule;   /* ITEM_CUT: borrowed from the cuts dict's tuple */
} Item;

typedef struct {
    Frame *frames;
    Py_ssize_t n_frames, cap_frames;
    Item *items;
    Py_ssize_t n_items, cap_items;
} Stacks;

/* Room for one more element in a growing array of ``count`` used of ``*cap`` (doubled when full). */
static int room_for_one(void **array, Py_ssize_t count, Py_ssize_t *cap, size_t size)
{
    if (count < *cap)
        return 0;
    Py_ssize_t grown = *cap ? 2 * *cap : 64;
    void *bigger = PyMem_Realloc(*array, grown * size);
    if (bigger == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *array = bigger;
    *cap = grown;
    return 0;
}

static int push_item(Stacks *s, int kind, lxb_node *node, PyObject *rule)
{
    if (room_for_one((void **)&s->items, s->n_items, &s->cap_items, sizeof(Item)) < 0)
        return -1;
    s->items[s->n_items++] = (Item){kind, node, rule};
    return 0;
}

/* A new frame: two slots (separator, verdict marker) reserved in ``out``. */
static int push_frame(Stacks *s, PyObject *out, uintptr_t tag, int in_link, PyObject *wrap, int judge)
{
    if (room_for_one((void **)&s->frames, s->n_frames, &s->cap_frames, sizeof(Frame)) < 0)
        return -1;
    s->frames[s->n_frames++] = (Frame){tag, PyList_GET_SIZE(out), 0, 0, in_link, judge, wrap};
    if (PyList_Append(out, Py_None) < 0 || PyList_Append(out, Py_None) < 0)
        return -1;
    return 0;
}

static int append(PyObject *out, PyObject *item) { return PyList_Append(out, item); }

static int set_slot(PyObject *out, Py_ssize_t i, PyObject *item)
{
    return PyList_SetItem(out, i, Py_NewRef(item));  /* (steals the new reference) */
}

/* html._set_verdict */
static int set_verdict(PyObject *out, Py_ssize_t start, PyObject *rule)
{
    PyObject *marker = PyTuple_Pack(1, rule);
    if (marker == NULL)
        return -1;
    /* (the marker first: PyList_SetItem takes it over even when it fails) */
    int err = PyList_SetItem(out, start + 1, marker) < 0 || set_slot(out, start, cfg.newline) < 0
              || append(out, cfg.end) < 0 || append(out, cfg.newline) < 0;
    return err ? -1 : 0;
}

/* 0 when the text written since the frame at ``start`` opened (html._text_of: the str items after its two
 * slots), stripped as str.strip strips, starts with an ASCII character no furniture line begins with
 * (cfg.furniture_lead): furniture_at would say no, and is not asked (its call, the text's join and the
 * IGNORECASE match cost ~6,000 instructions; ~70 short blocks a WCXB page). 1: ask it. */
static int may_be_furniture(PyObject *out, Py_ssize_t start)
{
    if (cfg.furniture_lead == Py_None)
        return 1;
    const char *lead = PyBytes_AS_STRING(cfg.furniture_lead);
    for (Py_ssize_t i = start + 2; i < PyList_GET_SIZE(out); i++) {
        PyObject *item = PyList_GET_ITEM(out, i);
        if (!PyUnicode_CheckExact(item))
            continue;
        int kind = PyUnicode_KIND(item);
        const void *data = PyUnicode_DATA(item);
        for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(item); k++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, k);
            if (!Py_UNICODE_ISSPACE(c))
                return c >= 128 || lead[c];
        }
    }
    return 1;
}

/* A helper's truth value for (out, start); -1 on error. */
static int ask(PyObject *helper, PyObject *out, Py_ssize_t start)
{
    PyObject *at = PyLong_FromSsize_t(start);
    if (at == NULL)
        return -1;
    PyObject *answer = PyObject_CallFunctionObjArgs(helper, out, at, NULL);
    Py_DECREF(at);
    if (answer == NULL)
        return -1;
    int truth = PyObject_IsTrue(answer);
    Py_DECREF(answer);
    return truth;
}

/* html._close_frame */
static int close_frame(Stacks *s, PyObject *out)
{
    Frame frame = s->frames[--s->n_frames];
    Frame *parent = &s->frames[s->n_frames - 1];
    if (frame.wrap != NULL) {
        if (set_verdict(out, frame.start, frame.wrap) < 0)
            return -1;
        if (frame.wrap != cfg.keep)
            return 0;
    } else if (tagset_has(&cfg.block, frame.tag)) {
        if (frame.judge) {
            if (frame.chars && (double)frame.link_chars > (double)frame.chars * cfg.link_dense
                && !tagset_has(&cfg.not_link_lists, frame.tag)) {
                int prose = 0;
                if (frame.tag == cfg.p_id && (prose = ask(cfg.prose_at, out, frame.start)) < 0)
                    return -1;
                if (!prose)
                    return set_verdict(out, frame.start, cfg.links);
            }
            if (0 < frame.chars && frame.chars < 40) {
                int furniture = may_be_furniture(out, frame.start) ? ask(cfg.furniture_at, out, frame.start) : 0;
                if (furniture < 0)
                    return -1;
                if (furniture)
                    return set_verdict(out, frame.start, cfg.furniture);
            }
        }
        PyObject *separator = tagset_has(&cfg.cell, frame.tag) ? cfg.space : cfg.newline;
        if (set_slot(out, frame.start, separator) < 0 || append(out, separator) < 0)
            return -1;
    }
    parent->chars += frame.chars;
    parent->link_chars += frame.link_chars;
    return 0;
}

/* len(text.strip()) of an ASCII fragment, read off its bytes (one byte, one code point; the
 * same whitespace: str.strip's ASCII whitespace is Py_UNICODE_ISSPACE's). */
static Py_ssize_t ascii_stripped_length(const unsigned char *data, size_t length)
{
    size_t lo = 0, hi = length;
    while (lo < hi && Py_UNICODE_ISSPACE(data[lo]))
        lo++;
    while (hi > lo && Py_UNICODE_ISSPACE(data[hi - 1]))
        hi--;
    return (Py_ssize_t)(hi - lo);
}

/* True when every byte is ASCII whitespace (str.strip() of the decoded text is ""). A byte
 * from 0x80 on is never taken for one (0x85 and 0xA0 are Py_UNICODE_ISSPACE as code points,
 * not as UTF-8 bytes: decoded, they are part of a character or a U+FFFD). */
static int ascii_blank(const unsigned char *data, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (data[i] >= 0x80 || !Py_UNICODE_ISSPACE(data[i]))
            return 0;
    return 1;
}

/* The bounds [*lo, *hi) of text.strip() in ``text``. */
static void strip_bounds(PyObject *text, Py_ssize_t *lo, Py_ssize_t *hi)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    *lo = 0;
    *hi = PyUnicode_GET_LENGTH(text);
    while (*lo < *hi && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, *lo)))
        (*lo)++;
    while (*hi > *lo && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, *hi - 1)))
        (*hi)--;
}

/* len(text.strip()) */
static Py_ssize_t stripped_length(PyObject *text)
{
    Py_ssize_t lo, hi;
    strip_bounds(text, &lo, &hi);
    return hi - lo;
}

/* The length of the UTF-8 character at ``data`` (``left`` bytes readable) when it is well-formed (the Unicode
 * standard's table 3-7: no overlong form, no surrogate, nothing past U+10FFFF), its code point in *cp; 0 when not. */
static size_t utf8_character(const unsigned char *data, size_t left, Py_UCS4 *cp)
{
    unsigned char c = data[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    unsigned char low = 0x80, high = 0xBF;  /* (the second byte's range) */
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
    else
        return 0;
    if (n > left || data[1] < low || data[1] > high)
        return 0;
    Py_UCS4 value = ((Py_UCS4)c & (0x7F >> n)) << 6 | (data[1] & 0x3F);
    for (size_t k = 2; k < n; k++) {
        if ((data[k] & 0xC0) != 0x80)
            return 0;
        value = value << 6 | (data[k] & 0x3F);
    }
    *cp = value;
    return n;
}

/* len(data.decode("utf-8", "replace").strip()) without the str: -1 when ``data`` is not well-formed UTF-8 (the
 * caller decodes it then). Characters are counted, and only those at the two ends read as code points for
 * str.strip's whitespace (Py_UNICODE_ISSPACE); a run of ASCII inside is counted 8 bytes at a time. (A text node
 * with one non-ASCII character was decoded into a str to be measured: ~5,600 a cold WCXB dev pass, 0.6 % of it.) */
static Py_ssize_t utf8_stripped_length(const unsigned char *data, size_t length)
{
    Py_UCS4 cp;
    size_t start = 0;
    while (start < length) {  /* the leading whitespace */
        size_t n = utf8_character(data + start, length - start, &cp);
        if (n == 0)
            return -1;
        if (!Py_UNICODE_ISSPACE(cp))
            break;
        start += n;
    }
    size_t end = length;
    while (end > start) {  /* the trailing whitespace, read backwards (a character's first byte is not 10xxxxxx) */
        size_t lead = end - 1;
        while (lead > start && (data[lead] & 0xC0) == 0x80)
            lead--;
        if (utf8_character(data + lead, end - lead, &cp) != end - lead)
            return -1;
        if (!Py_UNICODE_ISSPACE(cp))
            break;
        end = lead;
    }
    Py_ssize_t count = 0;
    size_t i = start;
    while (i < end) {
        if (i + 8 <= end) {
            uint64_t word;
            memcpy(&word, data + i, 8);
            if (!(word & 0x8080808080808080ULL)) {
                i += 8, count += 8;
                continue;
            }
        }
        size_t n = utf8_character(data + i, end - i, &cp);
        if (n == 0)
            return -1;
        i += n, count++;
    }
    return count;
}

/* The commas of well-formed UTF-8 ``data``: ",", and the fullwidth (U+FF0C) and Arabic (U+060C) commas, by their
 * bytes (a character's bytes never begin inside another's). */
static Py_ssize_t utf8_commas(const unsigned char *data, size_t length)
{
    Py_ssize_t commas = 0;
    for (size_t k = 0; k < length; k++) {
        unsigned char c = data[k];
        commas += c == ',' || (c == 0xEF && k + 2 < length && data[k + 1] == 0xBC && data[k + 2] == 0x8C)
                  || (c == 0xD8 && k + 1 < length && data[k + 1] == 0x8C);
    }
    return commas;
}

/* "\n" in text.strip() */
static int newline_inside(PyObject *text)
{
    Py_ssize_t lo, hi;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    strip_bounds(text, &lo, &hi);
    for (Py_ssize_t i = lo; i < hi; i++)
        if (PyUnicode_READ(kind, data, i) == '\n')
            return 1;
    return 0;
}

/* node.text(deep=True, separator=" "), as selectolax builds it: the node's own data when it is
 * a text node, then every descendant text fragment's bytes, a space between fragments (an
 * empty fragment counts as one), the whole decoded with errors="replace". */
static PyObject *subtree_text(lxb_node *start)
{
    PyObject *joined = PyByteArray_FromStringAndSize(NULL, 0);
    if (joined == NULL)
        return NULL;
    Py_ssize_t fragments = 0;
    lxb_node *node = start;
    int is_root = 1;
    for (;;) {
        lxb_chardata *chars = (lxb_chardata *)node;
        int wanted = is_root ? node->type == NODE_TYPE_TEXT : node->local_name == cfg.text_id;
        if (wanted && chars->data != NULL) {
            Py_ssize_t size = PyByteArray_GET_SIZE(joined), gap = fragments > 0;
            if (PyByteArray_Resize(joined, size + gap + (Py_ssize_t)chars->length) < 0) {
                Py_DECREF(joined);
                return NULL;
            }
            char *at = PyByteArray_AS_STRING(joined) + size;
            if (gap)
                *at++ = ' ';
            memcpy(at, chars->data, chars->length);
            fragments++;
        }
        is_root = 0;
        if ((node = next_below(node, start)) == NULL)
            break;
    }
    PyObject *text = PyUnicode_DecodeUTF8(PyByteArray_AS_STRING(joined), PyByteArray_GET_SIZE(joined), "replace");
    Py_DECREF(joined);
    return text;
}

/* helper(node-object-for(node)) */
static PyObject *call_on_node(PyObject *helper, lxb_node *node, PyObject *like, PyObject *first)
{
    PyObject *obj = make_node(node, like);
    if (obj == NULL)
        return NULL;
    PyObject *result = first ? PyObject_CallFunctionObjArgs(helper, first, obj, NULL)
                             : PyObject_CallFunctionObjArgs(helper, obj, NULL);
    Py_DECREF(obj);
    return result;
}

static int contains(PyObject *set, lxb_node *node)
{
    PyObject *key = PyLong_FromVoidPtr(node);
    if (key == NULL)
        return -1;
    int found = PySet_Contains(set, key);
    Py_DECREF(key);
    return found;
}

/* One popped node: html._render_out_python's loop body. 0, or -1 on error. */
static int visit(Stacks *s, PyObject *out, lxb_node *node, int is_root, PyObject *body,
                 PyObject *chosen_ids, PyObject *whole_ids, PyObject *walk, PyObject *cuts)
{
    if (!is_root && node->next != NULL && push_item(s, ITEM_NODE, node->next, NULL) < 0)
        return -1;
    uintptr_t tag = node->local_name;
    Frame *frame = &s->frames[s->n_frames - 1];
    if (tag == cfg.text_id) {
        lxb_chardata *chars = (lxb_chardata *)node;
        if (node->type != NODE_TYPE_TEXT || chars->data == NULL || chars->length == 0)
            return 0;  /* (text_content None or "": nothing to write) */
        /* (the blanks between tags, a third to a half of a page's text nodes: read on their
         * bytes, no str made, as the str's strip() would find nothing) */
        int blank = ascii_blank(chars->data, chars->length);
        PyObject *text = blank ? Py_NewRef(cfg.space)
                               : PyUnicode_DecodeUTF8((const char *)chars->data, chars->length, "replace");
        if (text == NULL)
            return -1;
        Py_ssize_t n = blank ? 0 : stripped_length(text);
        int err = 0;
        if (n) {
            if (newline_inside(text)) {  /* (as_laid_out returns the text itself otherwise) */
                PyObject *laid = call_on_node(cfg.as_laid_out, node, body, text);
                err = laid == NULL || append(out, laid) < 0;
                Py_XDECREF(laid);
            } else {
                err = append(out, text) < 0;
            }
            frame->chars += n;
            if (frame->in_link)
                frame->link_chars += n;
        } else {
            err = append(out, cfg.space) < 0;
            if (!err && PyDict_GET_SIZE(cuts)) {
                PyObject *key = PyLong_FromVoidPtr(node);
                PyObject *cut = key ? PyDict_GetItemWithError(cuts, key) : NULL;
                Py_XDECREF(key);
                if (cut != NULL) {
                    lxb_node *cut_node;
                    if (!PyTuple_Check(cut) || PyTuple_GET_SIZE(cut) != 3
                        || (cut_node = node_of(PyTuple_GET_ITEM(cut, 0))) == NULL) {
                        if (!PyErr_Occurred())
                            PyErr_SetString(PyExc_TypeError, "a cut is (node, rule, placeholder)");
                        err = 1;
                    } else {
                        err = push_item(s, ITEM_CUT, cut_node, PyTuple_GET_ITEM(cut, 1)) < 0;
                    }
                } else if (PyErr_Occurred()) {
                    err = 1;
                }
            }
        }
        Py_DECREF(text);
        return err ? -1 : 0;
    }
    if (tag == cfg.br_id)
        return append(out, cfg.newline);
    if (node->type != NODE_TYPE_ELEMENT || tagset_has(&cfg.named, tag))
        return 0;  /* (selectolax's tag: None, "-comment", "-doctype" ...) */
    if (tag == cfg.math_id) {
        PyObject *text = call_on_node(cfg.formula_text, node, body, NULL);
        if (text == NULL)
            return -1;
        if (!PyUnicode_Check(text)) {
            Py_DECREF(text);
            PyErr_SetString(PyExc_TypeError, "formula_text returns str");
            return -1;
        }
        int err = append(out, text) < 0;
        frame->chars += stripped_length(text);
        Py_DECREF(text);
        return err ? -1 : 0;
    }
    int walked = 1;
    if (!frame->judge && (walked = contains(walk, node)) == 0) {
        PyObject *text = subtree_text(node);
        if (text == NULL)
            return -1;
        int err;
        if (tagset_has(&cfg.line, tag))
            err = append(out, cfg.newline) < 0 || append(out, text) < 0 || append(out, cfg.newline) < 0;
        else if (tagset_has(&cfg.cell, tag))
            err = append(out, cfg.space) < 0 || append(out, text) < 0 || append(out, cfg.space) < 0;
        else
            err = append(out, text) < 0;
        Py_DECREF(text);
        return err ? -1 : 0;
    }
    if (walked < 0)
        return -1;
    int is_chosen = contains(chosen_ids, node);
    if (is_chosen < 0)
        return -1;
    if (is_chosen) {
        int whole = contains(whole_ids, node);
        if (whole < 0 || push_frame(s, out, tag, 0, cfg.keep, !whole) < 0
            || push_item(s, ITEM_END, NULL, NULL) < 0)
            return -1;
    } else if (tag == cfg.time_id && (frame->tag == ROOT_TAG || tagset_has(&cfg.container, frame->tag))
               && frame->judge) {
        if (push_frame(s, out, tag, 0, cfg.dateline, 0) < 0 || push_item(s, ITEM_END, NULL, NULL) < 0)
            return -1;
    } else if (tagset_has(&cfg.block, tag) || tag == cfg.a_id) {
        if (tag == cfg.table_id && frame->judge) {
            PyObject *data = call_on_node(cfg.is_data_table, node, body, NULL);
            int is_data = data == NULL ? -1 : PyObject_IsTrue(data);
            Py_XDECREF(data);
            if (is_data < 0)
                return -1;
            if (is_data)
                tag = cfg.tbody_id;
        }
        frame = &s->frames[s->n_frames - 1];
        int in_link = frame->in_link || tag == cfg.a_id, judge = frame->judge;
        if (push_frame(s, out, tag, in_link, NULL, judge) < 0 || push_item(s, ITEM_END, NULL, NULL) < 0)
            return -1;
    }
    if (node->first_child != NULL && push_item(s, ITEM_NODE, node->first_child, NULL) < 0)
        return -1;
    return 0;
}

/* render_out(body, chosen_ids, whole_ids, walk, cuts) -> out */
static PyObject *render_out(PyObject *self, PyObject *args)
{
    PyObject *body, *chosen_ids, *whole_ids, *walk, *cuts;
    if (!PyArg_ParseTuple(args, "OO!O!O!O!", &body, &PySet_Type, &chosen_ids, &PySet_Type, &whole_ids,
                          &PySet_Type, &walk, &PyDict_Type, &cuts))
        return NULL;
    lxb_node *root = configured_node(body);
    if (root == NULL)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    Stacks s = {0};
    if (push_frame(&s, out, ROOT_TAG, 0, cfg.not_main, 0) < 0 || push_item(&s, ITEM_ROOT, root, NULL) < 0)
        goto error;
    while (s.n_items) {
        Item item = s.items[--s.n_items];
        if (item.kind == ITEM_END) {
            if (close_frame(&s, out) < 0)
                goto error;
        } else if (item.kind == ITEM_CUT) {  /* a cut element, rendered in its placeholder's place */
            int walked = contains(walk, item.node);
            if (walked < 0)
                goto error;
            if (!walked) {  /* no cut inside it: its text in one call */
                PyObject *marker = PyTuple_Pack(1, item.rule);
                PyObject *text = marker ? subtree_text(item.node) : NULL;
                int err = text == NULL || append(out, cfg.newline) < 0 || append(out, marker) < 0
                          || append(out, text) < 0 || append(out, cfg.end) < 0 || append(out, cfg.newline) < 0;
                Py_XDECREF(marker);
                Py_XDECREF(text);
                if (err)
                    goto error;
                continue;
            }
            if (push_frame(&s, out, item.node->local_name, 0, item.rule, 0) < 0
                || push_item(&s, ITEM_END, NULL, NULL) < 0
                || (item.node->first_child != NULL && push_item(&s, ITEM_NODE, item.node->first_child, NULL) < 0))
                goto error;
        } else if (visit(&s, out, item.node, item.kind == ITEM_ROOT, body, chosen_ids, whole_ids, walk, cuts) < 0) {
            goto error;
        }
    }
    while (s.n_frames > 1)
        if (close_frame(&s, out) < 0)
            goto error;
    PyMem_Free(s.frames);
    PyMem_Free(s.items);
    return out;
error:
    PyMem_Free(s.frames);
    PyMem_Free(s.items);
    Py_DECREF(out);
    return NULL;
}


/* ------------------------------------------------------------------ lines_of
 *
 * html._lines (its twin, line by line): the renderer's ``out`` as tidy lines, each with the
 * innermost verdict around it. Text under one verdict is joined, split on newlines, blank
 * lines dropped, whitespace collapsed (" ".join(line.split())): the same str methods.
 */

typedef struct {
    PyObject *rule;    /* borrowed */
    PyObject *texts;   /* list of str */
} Run;


/* Append (line, rule) for the line in buffer[0:n], if any; ``widest``: its widest character (the
 * string is made in its kind at once, where PyUnicode_FromKindAndData scanned the buffer for it again). */
static int flush_line(Py_UCS4 *buffer, Py_ssize_t n, Py_UCS4 widest, PyObject *rule, PyObject *lines)
{
    if (n == 0)
        return 0;
    PyObject *line = PyUnicode_New(n, widest);
    if (line != NULL) {
        void *data = PyUnicode_DATA(line);
        if (widest < 256) {
            Py_UCS1 *to = data;
            for (Py_ssize_t i = 0; i < n; i++)
                to[i] = (Py_UCS1)buffer[i];
        } else if (widest < 65536) {
            Py_UCS2 *to = data;
            for (Py_ssize_t i = 0; i < n; i++)
                to[i] = (Py_UCS2)buffer[i];
        } else {
            memcpy(data, buffer, (size_t)n * sizeof(Py_UCS4));
        }
    }
    PyObject *pair = line ? PyTuple_Pack(2, line, rule) : NULL;
    Py_XDECREF(line);
    int err = pair == NULL || PyList_Append(lines, pair) < 0;
    Py_XDECREF(pair);
    return err ? -1 : 0;
}

/* One character of tidy_lines' pass over a run's texts: a newline ends the line (``line[0:*n]``, its widest
 * character ``*widest``), other whitespace is pending (``*space``), anything else joins the line. */
#if defined(__GNUC__)
static inline __attribute__((always_inline))
#else
static inline
#endif
int tidy_char(Py_UCS4 c, Py_UCS4 *line, Py_ssize_t *n, Py_UCS4 *widest, int *space, PyObject *rule, PyObject *lines)
{
    if (c == '\n') {
        if (flush_line(line, *n, *widest, rule, lines) < 0)
            return -1;
        *n = 0;
        *widest = 0;
        *space = 0;
    } else if (Py_UNICODE_ISSPACE(c)) {
        *space = 1;
    } else {
        if (*space && *n)
            line[(*n)++] = ' ';
        *space = 0;
        line[(*n)++] = c;
        if (c > *widest)
            *widest = c;
    }
    return 0;
}

/* For "".join(texts).split("\n"): each line with text, as " ".join(line.split()), with ``rule``.
 * One pass over the characters: a newline ends a line, a run of other whitespace
 * (str.split's: Py_UNICODE_ISSPACE) between words is one space, at the ends none. */
static int tidy_lines(PyObject *texts, PyObject *rule, PyObject *lines, Py_UCS4 **buffer, Py_ssize_t *cap)
{
    Py_ssize_t total = 0;
    for (Py_ssize_t t = 0; t < PyList_GET_SIZE(texts); t++)
        total += PyUnicode_GET_LENGTH(PyList_GET_ITEM(texts, t));
    if (total > *cap) {
        Py_UCS4 *bigger = PyMem_Realloc(*buffer, total * sizeof(Py_UCS4));
        if (bigger == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        *buffer = bigger;
        *cap = total;
    }
    Py_UCS4 *line = *buffer;
    Py_ssize_t n = 0;
    Py_UCS4 widest = 0;  /* the line's widest character */
    int space = 0;  /* whitespace seen since the last word */
    for (Py_ssize_t t = 0; t < PyList_GET_SIZE(texts); t++) {
        PyObject *text = PyList_GET_ITEM(texts, t);
        int kind = PyUnicode_KIND(text);
        const void *data = PyUnicode_DATA(text);
        Py_ssize_t length = PyUnicode_GET_LENGTH(text);
        if (kind == PyUnicode_1BYTE_KIND) {  /* (most pieces: a byte a character) */
            for (Py_ssize_t i = 0; i < length; i++)
                if (tidy_char(((const Py_UCS1 *)data)[i], line, &n, &widest, &space, rule, lines) < 0)
                    return -1;
        } else {
            for (Py_ssize_t i = 0; i < length; i++)
                if (tidy_char(PyUnicode_READ(kind, data, i), line, &n, &widest, &space, rule, lines) < 0)
                    return -1;
        }
    }
    return flush_line(line, n, widest, rule, lines);
}

/* lines_of(out, verdict, end) -> [(line, rule)] */
static PyObject *lines_of(PyObject *self, PyObject *args)
{
    PyObject *out, *verdict, *end;
    if (!PyArg_ParseTuple(args, "O!OO", &PyList_Type, &out, &verdict, &end))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(out);
    Run *runs = NULL;
    PyObject **outer = NULL;  /* the verdicts around the current one (borrowed) */
    Py_ssize_t n_runs = 0, cap_runs = 0, n_outer = 0, cap_outer = 0;
    PyObject *lines = NULL;
    Py_UCS4 *buffer = NULL;
    Py_ssize_t cap_buffer = 0;
    PyObject *current = verdict;
    int filling = 1;  /* texts go to the last run; 0 after a verdict changed */

#define GROW(arr, count, cap, type)                                              \
    if (room_for_one((void **)&arr, count, &cap, sizeof(type)) < 0)              \
        goto done;

    GROW(runs, n_runs, cap_runs, Run);
    runs[0].rule = verdict;
    if ((runs[0].texts = PyList_New(0)) == NULL)
        goto done;
    n_runs = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(out, i);
        if (PyUnicode_CheckExact(item)) {
            if (!filling) {  /* the first text since the verdict changed */
                int same = PyObject_RichCompareBool(runs[n_runs - 1].rule, current, Py_EQ);
                if (same < 0)
                    goto done;
                if (!same) {
                    GROW(runs, n_runs, cap_runs, Run);
                    runs[n_runs].rule = current;
                    if ((runs[n_runs].texts = PyList_New(0)) == NULL)
                        goto done;
                    n_runs++;
                }
                filling = 1;
            }
            if (PyList_Append(runs[n_runs - 1].texts, item) < 0)
                goto done;
        } else if (item == Py_None) {
            continue;
        } else if (item == end) {
            if (n_outer == 0) {
                PyErr_SetString(PyExc_IndexError, "pop from empty list");
                goto done;
            }
            current = outer[--n_outer];
            filling = 0;
        } else if (PyTuple_Check(item) && PyTuple_GET_SIZE(item) >= 1) {
            GROW(outer, n_outer, cap_outer, PyObject *);
            outer[n_outer++] = current;
            current = PyTuple_GET_ITEM(item, 0);
            filling = 0;
        } else {
            PyErr_SetString(PyExc_TypeError, "unexpected item in the renderer's output");
            goto done;
        }
    }
    if ((lines = PyList_New(0)) == NULL)
        goto done;
    for (Py_ssize_t r = 0; r < n_runs; r++)
        if (tidy_lines(runs[r].texts, runs[r].rule, lines, &buffer, &cap_buffer) < 0)
            goto fail;
    goto done;
fail:
    Py_CLEAR(lines);
done:
    if (PyErr_Occurred())
        Py_CLEAR(lines);
    for (Py_ssize_t r = 0; r < n_runs; r++)
        Py_XDECREF(runs[r].texts);
    PyMem_Free(runs);
    PyMem_Free(outer);
    PyMem_Free(buffer);
    return lines;
#undef GROW
}

/* ------------------------------------------------------------------ paragraphs
 *
 * html.collect_paragraphs' walk (its twin): every text node with non-whitespace text under
 * ``body``, counted in its nearest block ancestor (at most ``max_hops`` inline parents up).
 */

typedef struct {
    Py_ssize_t chars, link_chars, commas;
} Counts;

/* paragraphs(body, max_hops) -> [(block node, chars, link_chars, commas)], in order of first text */
static PyObject *paragraphs(PyObject *self, PyObject *args)
{
    PyObject *body_obj;
    Py_ssize_t max_hops;
    if (!PyArg_ParseTuple(args, "On", &body_obj, &max_hops))
        return NULL;
    lxb_node *root = configured_node(body_obj);
    if (root == NULL)
        return NULL;
    PyObject *index = PyDict_New();        /* block address -> its position in blocks */
    PyObject *blocks = PyList_New(0);      /* block addresses, in order of first text */
    Counts *counts = NULL;
    Py_ssize_t cap = 0;
    PyObject *result = NULL;
    if (index == NULL || blocks == NULL)
        goto done;
    lxb_node *node = root;
    for (;;) {
        lxb_chardata *chars = (lxb_chardata *)node;
        if (node->type == NODE_TYPE_TEXT && chars->data != NULL && chars->length > 0) {
            /* An ASCII fragment is measured on its bytes, well-formed UTF-8 too; any other is decoded first */
            int ascii = ascii_prefix(chars->data, chars->length) == chars->length;
            Py_ssize_t n = ascii ? ascii_stripped_length(chars->data, chars->length)
                                 : utf8_stripped_length(chars->data, chars->length);
            int bytes = ascii || n >= 0;  /* (read on its bytes) */
            PyObject *text = bytes ? NULL : PyUnicode_DecodeUTF8((const char *)chars->data, chars->length, "replace");
            if (!bytes && text == NULL)
                goto done;
            if (!bytes)
                n = stripped_length(text);
            if (n > 0) {  /* (not text.isspace()) */
                int in_link = 0;
                Py_ssize_t hops = 0;
                lxb_node *block = node->parent;
                while (block != NULL) {
                    uintptr_t tag = block->local_name;  /* (only elements have a block tag's or a's id) */
                    if (tagset_has(&cfg.block, tag) || hops >= max_hops)
                        break;
                    if (tag == cfg.a_id)
                        in_link = 1;
                    block = block->parent;
                    hops++;
                }
                if (block != NULL) {
                    PyObject *key = PyLong_FromVoidPtr(block);
                    PyObject *at = key ? PyDict_GetItemWithError(index, key) : NULL;
                    Py_ssize_t i;
                    if (at != NULL) {
                        i = PyLong_AsSsize_t(at);
                    } else if (key != NULL && !PyErr_Occurred()) {
                        i = PyList_GET_SIZE(blocks);
                        PyObject *position = room_for_one((void **)&counts, i, &cap, sizeof(Counts)) < 0
                                             ? NULL : PyLong_FromSsize_t(i);
                        if (position == NULL || PyDict_SetItem(index, key, position) < 0
                            || PyList_Append(blocks, key) < 0)
                            i = -1;
                        else
                            counts[i] = (Counts){0, 0, 0};
                        Py_XDECREF(position);
                    } else {
                        i = -1;
                    }
                    Py_XDECREF(key);
                    if (i < 0) {
                        Py_XDECREF(text);
                        goto done;
                    }
                    Py_ssize_t commas = 0;
                    if (ascii) {
                        for (size_t k = 0; k < chars->length; k++)
                            commas += chars->data[k] == ',';
                    } else if (bytes) {
                        commas = utf8_commas(chars->data, chars->length);
                    } else {
                        int kind = PyUnicode_KIND(text);
                        const void *data = PyUnicode_DATA(text);
                        for (Py_ssize_t k = 0, len = PyUnicode_GET_LENGTH(text); k < len; k++) {
                            Py_UCS4 c = PyUnicode_READ(kind, data, k);
                            /* ",", and the fullwidth (CJK) and Arabic commas (only in non-ASCII text) */
                            commas += c == ',' || c == 0xFF0C || c == 0x060C;
                        }
                    }
                    counts[i].chars += n;
                    counts[i].commas += commas;
                    if (in_link)
                        counts[i].link_chars += n;
                }
            }
            Py_XDECREF(text);
        }
        if ((node = next_below(node, root)) == NULL)
            break;
    }
    result = PyList_New(PyList_GET_SIZE(blocks));
    if (result == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(blocks); i++) {
        PyObject *block = make_node((lxb_node *)PyLong_AsVoidPtr(PyList_GET_ITEM(blocks, i)), body_obj);
        PyObject *row = block ? Py_BuildValue("(Nnnn)", block, counts[i].chars, counts[i].link_chars,
                                              counts[i].commas) : NULL;
        if (row == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, i, row);
    }
done:
    Py_XDECREF(index);
    Py_XDECREF(blocks);
    PyMem_Free(counts);
    return result;
}

/* ------------------------------------------------------------------ stripped text lengths */

/* len(node.text(strip=True)): each descendant text fragment (selectolax's text walk:
 * nodes with the text tag id; the node itself when it is one) stripped, summed. -1 on error. */
static Py_ssize_t stripped_text_length_of(lxb_node *start, uintptr_t text_id)
{
    Py_ssize_t total = 0;
    lxb_node *node = start;
    for (;;) {
        lxb_chardata *chars = (lxb_chardata *)node;
        if (node->local_name == text_id && chars->data != NULL
                && ascii_prefix(chars->data, chars->length) == chars->length) {
            total += ascii_stripped_length(chars->data, chars->length);
        } else if (node->local_name == text_id && chars->data != NULL) {
            Py_ssize_t length = utf8_stripped_length(chars->data, chars->length);
            if (length < 0) {  /* (not well-formed: decoded, as Python reads it) */
                PyObject *text = PyUnicode_DecodeUTF8((const char *)chars->data, chars->length, "replace");
                if (text == NULL)
                    return -1;
                length = stripped_length(text);
                Py_DECREF(text);
            }
            total += length;
        }
        if ((node = next_below(node, start)) == NULL)
            break;
    }
    return total;
}

static Py_ssize_t stripped_text_length(lxb_node *start) { return stripped_text_length_of(start, cfg.text_id); }

/* text_length(node, tag_id): len(node.text(strip=True)) for tag_id 0, else
 * sum(len(e.text(strip=True)) for e in node.css(<that tag>)) (node itself included, as Lexbor's
 * search matches its root). */
static PyObject *text_length(PyObject *self, PyObject *args)
{
    PyObject *node_obj;
    Py_ssize_t tag_arg;
    if (!PyArg_ParseTuple(args, "On", &node_obj, &tag_arg))
        return NULL;
    lxb_node *root = configured_node(node_obj);
    if (root == NULL)
        return NULL;
    if (tag_arg == 0) {
        Py_ssize_t n = stripped_text_length(root);
        return n < 0 ? NULL : PyLong_FromSsize_t(n);
    }
    uintptr_t tag = (uintptr_t)tag_arg;
    Py_ssize_t total = 0;
    lxb_node *node = root;
    for (;;) {
        if (node->type == NODE_TYPE_ELEMENT && node->local_name == tag) {
            Py_ssize_t n = stripped_text_length(node);
            if (n < 0)
                return NULL;
            total += n;
        }
        if ((node = next_below(node, root)) == NULL)
            break;
    }
    return PyLong_FromSsize_t(total);
}

/* The walk of text_lengths and text_lengths_many (below): a node's stripped text length and its tagged text
 * length, a node in ``set`` (measured before; NULL: none) met below it taken as measured. */
typedef struct { lxb_node *node; Py_ssize_t depth, total, tagged; int done; } Measured;

/* The nodes measured so far, by address (open addressing; a walk asks it of every node it meets: one load,
 * most of the time, where a scan of the list cost as much as the walk's own step). */
#define MEASURED_SLOTS 256
typedef struct { lxb_node *node[MEASURED_SLOTS]; Measured *of[MEASURED_SLOTS]; } MeasuredSet;

static size_t measured_slot(const lxb_node *node) { return ((uintptr_t)node >> 4) & (MEASURED_SLOTS - 1); }

static Measured *measured_at(const MeasuredSet *set, const lxb_node *node)
{
    for (size_t at = measured_slot(node); set->node[at] != NULL; at = (at + 1) & (MEASURED_SLOTS - 1))
        if (set->node[at] == node)
            return set->of[at];
    return NULL;
}

static void measured_add(MeasuredSet *set, Measured *one)
{
    size_t at = measured_slot(one->node);
    while (set->node[at] != NULL)
        at = (at + 1) & (MEASURED_SLOTS - 1);
    set->node[at] = one->node;
    set->of[at] = one;
}

static int measure_below(MeasuredSet *set, Measured *one, uintptr_t tag)
{
    uintptr_t text_id = cfg.text_id;
    Py_ssize_t total = 0, tagged = 0, around = 0;
    lxb_node *root = one->node, *node = root;
    for (;;) {
        Measured *inner = node != root && set != NULL ? measured_at(set, node) : NULL;
        if (inner != NULL) {
            total += inner->total;
            tagged += inner->tagged + inner->total * around;
        } else {
            lxb_chardata *chars = (lxb_chardata *)node;
            if (node->local_name == text_id && chars->data != NULL) {
                Py_ssize_t length;
                if (ascii_prefix(chars->data, chars->length) == chars->length) {
                    length = ascii_stripped_length(chars->data, chars->length);
                } else if ((length = utf8_stripped_length(chars->data, chars->length)) < 0) {
                    PyObject *text = PyUnicode_DecodeUTF8((const char *)chars->data, chars->length, "replace");
                    if (text == NULL)
                        return -1;
                    length = stripped_length(text);
                    Py_DECREF(text);
                }
                total += length;
                tagged += length * around;
            }
            if (node->type == NODE_TYPE_ELEMENT && node->local_name == tag)
                around++;
            if (node->first_child != NULL) {
                node = node->first_child;
                continue;
            }
        }
        /* (up to the next node, the tagged elements left counted out; a measured node was not counted in) */
        for (int leaf_measured = inner != NULL;; leaf_measured = 0) {
            if (!leaf_measured && node->type == NODE_TYPE_ELEMENT && node->local_name == tag)
                around--;
            if (node == root || node->next != NULL)
                break;
            node = node->parent;
        }
        if (node == root)
            break;
        node = node->next;
    }
    one->total = total;
    one->tagged = tagged;
    one->done = 1;
    if (set != NULL)
        measured_add(set, one);
    return 0;
}

/* text_lengths(node, tag_id) -> (text_length(node, 0), text_length(node, tag_id)) in ONE walk of the
 * subtree (html.link_density and the prose sizes ask both of one node: two walks before, the tagged one
 * reading each tagged element's subtree again). Each text fragment's stripped length counts once in
 * the first and once per ``tag_id`` element around it (the node included) in the second, as the
 * tagged elements' own walks count it (nested links: once each). */
static PyObject *text_lengths(PyObject *self, PyObject *args)
{
    PyObject *node_obj;
    Py_ssize_t tag_arg;
    if (!PyArg_ParseTuple(args, "On", &node_obj, &tag_arg))
        return NULL;
    lxb_node *root = configured_node(node_obj);
    if (root == NULL)
        return NULL;
    Measured one = {.node = root};
    if (measure_below(NULL, &one, (uintptr_t)tag_arg) < 0)
        return NULL;
    return Py_BuildValue("(nn)", one.total, one.tagged);
}

/* ------------------------------------------------------------------ raw text length */

/* Code points in ``data`` when it is valid UTF-8 (what Python's strict decoder accepts:
 * no overlong forms, no surrogates, nothing above U+10FFFF), else -1. */
static Py_ssize_t utf8_length(const unsigned char *data, size_t length)
{
    Py_ssize_t count = 0;
    size_t i = 0;
    while (i < length) {
        unsigned char c = data[i];
        size_t more;
        if (c < 0x80) {  /* a run of ASCII, measured 8 bytes at a time */
            size_t run = ascii_prefix(data + i, length - i);
            i += run;
            count += (Py_ssize_t)run;
            continue;
        }
        unsigned char low = 0x80, high = 0xBF;  /* the second byte's range */
        if (c < 0x80) {
            i++;
            count++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            if (c == 0xE0) low = 0xA0;
            if (c == 0xED) high = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            if (c == 0xF0) low = 0x90;
            if (c == 0xF4) high = 0x8F;
        } else {
            return -1;
        }
        if (i + more >= length)  /* (cut short) */
            return -1;
        if (data[i + 1] < low || data[i + 1] > high)
            return -1;
        for (size_t k = 2; k <= more; k++)
            if ((data[i + k] & 0xC0) != 0x80)
                return -1;
        i += more + 1;
        count++;
    }
    return count;
}

/* raw_text_length(node): len(node.text()), the descendant text fragments joined (as
 * selectolax joins their bytes, then decodes them with errors="replace"). */
static PyObject *raw_text_length(PyObject *self, PyObject *node_obj)
{
    lxb_node *start = configured_node(node_obj);
    if (start == NULL)
        return NULL;
    Py_ssize_t total = 0;
    int valid = 1;
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0: sum the fragments' lengths while each is valid UTF-8; pass 1 (only after an
         * invalid one): join the bytes and decode them, as selectolax does */
        PyObject *joined = pass ? PyByteArray_FromStringAndSize(NULL, 0) : NULL;
        if (pass && joined == NULL)
            return NULL;
        lxb_node *node = start;
        for (;;) {
            lxb_chardata *chars = (lxb_chardata *)node;
            if (node->local_name == cfg.text_id && chars->data != NULL) {
                if (!pass) {
                    Py_ssize_t n = utf8_length(chars->data, chars->length);
                    if (n < 0) {
                        valid = 0;
                        break;
                    }
                    total += n;
                } else {
                    Py_ssize_t size = PyByteArray_GET_SIZE(joined);
                    if (PyByteArray_Resize(joined, size + (Py_ssize_t)chars->length) < 0) {
                        Py_DECREF(joined);
                        return NULL;
                    }
                    memcpy(PyByteArray_AS_STRING(joined) + size, chars->data, chars->length);
                }
            }
            if ((node = next_below(node, start)) == NULL)
                break;
        }
        if (!pass && valid)
            return PyLong_FromSsize_t(total);
        if (pass) {
            PyObject *text = PyUnicode_DecodeUTF8(PyByteArray_AS_STRING(joined), PyByteArray_GET_SIZE(joined),
                                                  "replace");
            Py_DECREF(joined);
            if (text == NULL)
                return NULL;
            total = PyUnicode_GET_LENGTH(text);
            Py_DECREF(text);
            return PyLong_FromSsize_t(total);
        }
    }
    return PyLong_FromSsize_t(total);
}

/* ------------------------------------------------------------------ small helpers */

/* ancestors(nodes) -> {mem_id}: html._ancestors_of, each node and its ancestors (a walk up
 * stops at an address already in the set). */
static PyObject *ancestors(PyObject *self, PyObject *nodes)
{
    PyObject *out = PySet_New(NULL);
    PyObject *seq = PySequence_Fast(nodes, "ancestors expects a sequence of nodes");
    if (out == NULL || seq == NULL)
        goto error;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        lxb_node *node = node_of(PySequence_Fast_GET_ITEM(seq, i));
        if (node == NULL)
            goto error;
        for (; node != NULL; node = node->parent) {
            PyObject *key = PyLong_FromVoidPtr(node);
            int seen = key ? PySet_Contains(out, key) : -1;
            if (seen == 0)
                seen = PySet_Add(out, key) < 0 ? -1 : 0;
            Py_XDECREF(key);
            if (seen < 0)
                goto error;
            if (seen)
                break;
        }
    }
    Py_DECREF(seq);
    return out;
error:
    Py_XDECREF(seq);
    Py_XDECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------ utf8_ignore
 *
 * text.encode("utf-8", errors="ignore"): the page's bytes for Lexbor. CPython's encoder reads a
 * character at a time; pages are mostly ASCII stored one, two or four bytes a character (a
 * single curly quote makes the whole str two bytes a character), so runs of 16 ASCII characters
 * are tested and narrowed 16 at a time with SSE2, every other character is encoded alone. A
 * surrogate (lone, or half of a pair: a Python str keeps them apart) is dropped, as "ignore" does.
 */

/* Encode code point ``c`` at ``out``; returns the bytes written (0 for a surrogate). */
static inline Py_ssize_t put_utf8(unsigned char *out, Py_UCS4 c)
{
    if (c < 0x80) {
        out[0] = (unsigned char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (unsigned char)(0xC0 | (c >> 6));
        out[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        if (c >= 0xD800 && c <= 0xDFFF)
            return 0;
        out[0] = (unsigned char)(0xE0 | (c >> 12));
        out[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (c >> 18));
    out[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* utf8_ignore(text) -> bytes, text.encode("utf-8", errors="ignore") */
static PyObject *utf8_ignore(PyObject *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "utf8_ignore expects str");
        return NULL;
    }
    if (PyUnicode_IS_ASCII(text))  /* (its bytes are the encoding) */
        return PyBytes_FromStringAndSize((const char *)PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text));
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t most = kind == PyUnicode_1BYTE_KIND ? 2 : (kind == PyUnicode_2BYTE_KIND ? 3 : 4);
    if (n > PY_SSIZE_T_MAX / most) {
        PyErr_NoMemory();
        return NULL;
    }
    /* (at the most bytes a character, cut to size at the end: one pass over the text; counting
     * the size first costs a second pass, more than the unused tail's address space) */
    PyObject *bytes = PyBytes_FromStringAndSize(NULL, n * most);
    if (bytes == NULL)
        return NULL;
    unsigned char *out = (unsigned char *)PyBytes_AS_STRING(bytes), *start = out;
    Py_ssize_t i = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *in = data;
#ifdef __SSE2__
        for (; i + 16 <= n; ) {
            __m128i chunk = _mm_loadu_si128((const __m128i *)(in + i));
            if (_mm_movemask_epi8(chunk) == 0) {  /* (no byte with its high bit set: 16 ASCII) */
                _mm_storeu_si128((__m128i *)out, chunk);
                out += 16;
                i += 16;
                continue;
            }
            for (Py_ssize_t end = i + 16; i < end; i++)
                out += put_utf8(out, in[i]);
        }
#endif
        for (; i < n; i++)
            out += put_utf8(out, in[i]);
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *in = data;
#ifdef __SSE2__
        const __m128i high = _mm_set1_epi16((short)0xFF80), zero = _mm_setzero_si128();
        for (; i + 16 <= n; ) {
            __m128i a = _mm_loadu_si128((const __m128i *)(in + i)), b = _mm_loadu_si128((const __m128i *)(in + i + 8));
            __m128i any = _mm_and_si128(_mm_or_si128(a, b), high);
            if (_mm_movemask_epi8(_mm_cmpeq_epi16(any, zero)) == 0xFFFF) {  /* 16 ASCII: narrowed */
                _mm_storeu_si128((__m128i *)out, _mm_packus_epi16(a, b));
                out += 16;
                i += 16;
                continue;
            }
            for (Py_ssize_t end = i + 16; i < end; i++)
                out += put_utf8(out, in[i]);
        }
#endif
        for (; i < n; i++)
            out += put_utf8(out, in[i]);
    } else {
        const Py_UCS4 *in = data;
#ifdef __SSE2__
        const __m128i high = _mm_set1_epi32((int)0xFFFFFF80), zero = _mm_setzero_si128();
        for (; i + 16 <= n; ) {
            __m128i a = _mm_loadu_si128((const __m128i *)(in + i)), b = _mm_loadu_si128((const __m128i *)(in + i + 4));
            __m128i c = _mm_loadu_si128((const __m128i *)(in + i + 8)), d = _mm_loadu_si128((const __m128i *)(in + i + 12));
            __m128i any = _mm_and_si128(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d)), high);
            if (_mm_movemask_epi8(_mm_cmpeq_epi32(any, zero)) == 0xFFFF) {  /* 16 ASCII: narrowed */
                __m128i ab = _mm_packs_epi32(a, b), cd = _mm_packs_epi32(c, d);
                _mm_storeu_si128((__m128i *)out, _mm_packus_epi16(ab, cd));
                out += 16;
                i += 16;
                continue;
            }
            for (Py_ssize_t end = i + 16; i < end; i++)
                out += put_utf8(out, in[i]);
        }
#endif
        for (; i < n; i++)
            out += put_utf8(out, in[i]);
    }
    if (_PyBytes_Resize(&bytes, out - start) < 0)
        return NULL;
    return bytes;
}

/* count_byte(data, byte) -> data.count(bytes([byte])): 16 bytes a step with SSE2 (every x86-64
 * CPU has it), then 8 bytes a step, then byte by byte. */
static PyObject *count_byte(PyObject *self, PyObject *args)
{
    Py_buffer view;
    unsigned char byte;
    if (!PyArg_ParseTuple(args, "y*b", &view, &byte))
        return NULL;
    const unsigned char *data = view.buf;
    Py_ssize_t count = 0, i = 0;
#ifdef __SSE2__
    /* A byte equal to ``byte`` compares to 0xFF (-1): subtracting the compare adds 1 to that byte's
     * counter; every 255 steps (before a counter can wrap) _mm_sad_epu8 sums the 16 counters. */
    const __m128i wanted = _mm_set1_epi8((char)byte), zero16 = _mm_setzero_si128();
    while (i + 16 <= view.len) {
        __m128i counters = zero16;
        for (int step = 0; step < 255 && i + 16 <= view.len; step++, i += 16) {
            __m128i chunk = _mm_loadu_si128((const __m128i *)(data + i));
            counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(chunk, wanted));
        }
        __m128i sums = _mm_sad_epu8(counters, zero16);
        count += (Py_ssize_t)_mm_cvtsi128_si64(sums) + (Py_ssize_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
    }
#endif
    /* 8 bytes at a time: the bytes equal to ``byte`` become 0 in ``diff``; ``zero`` then has
     * exactly their high bits set (no carries between bytes: each byte's low 7 bits are added
     * to 0x7F alone) */
    const uint64_t ones = 0x0101010101010101ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
    for (; i + 8 <= view.len; i += 8) {
        uint64_t word;
        memcpy(&word, data + i, 8);
        uint64_t diff = word ^ (ones * byte);
        uint64_t zero = ~(((diff & low7) + low7) | diff | low7);
        count += (Py_ssize_t)(((zero >> 7) * ones) >> 56);  /* (one bit a byte: their sum, in the top byte) */
    }
    for (; i < view.len; i++)
        count += data[i] == byte;
    PyBuffer_Release(&view);
    return PyLong_FromSsize_t(count);
}

/* ------------------------------------------------------------------ tag depth (html.nesting_depth) */

static int ascii_alpha(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int ascii_alnum(Py_UCS4 c) { return ascii_alpha(c) || (c >= '0' && c <= '9'); }

/* The tag names that do not nest, as tag_depth reads them: lower-case ASCII names of at most 15 bytes, found
 * by their first letter (a bit per name) and then compared (22 names: a tag is compared with the one or two
 * that start as it does, not with all of them). */
#define MAX_FLAT 32
typedef struct {
    int count;
    uint32_t by_first[26];
    unsigned char length[MAX_FLAT];
    char name[MAX_FLAT][16];
} FlatNames;

/* ``flat`` (a tuple of str) read into ``names``; names that are not lower-case ASCII letters and digits under
 * 16 bytes can never equal a lower-cased tag name the scan compares, so they are left out. -1 with an
 * exception set when ``flat`` holds more than MAX_FLAT names or something else than str. */
static int flat_names_from(PyObject *flat, FlatNames *names)
{
    memset(names, 0, sizeof(*names));
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(flat); k++) {
        PyObject *item = PyTuple_GET_ITEM(flat, k);
        if (!PyUnicode_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "tag_depth: flat must be a tuple of str");
            return -1;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(item);
        if (PyUnicode_KIND(item) != PyUnicode_1BYTE_KIND || n == 0 || n >= 16)
            continue;
        const unsigned char *text = PyUnicode_1BYTE_DATA(item);
        if (text[0] < 'a' || text[0] > 'z')
            continue;
        if (names->count == MAX_FLAT) {
            PyErr_SetString(PyExc_ValueError, "tag_depth: at most 32 flat names");
            return -1;
        }
        int at = names->count++;
        names->length[at] = (unsigned char)n;
        memcpy(names->name[at], text, n);
        names->by_first[text[0] - 'a'] |= 1u << at;
    }
    return 0;
}

/* Is the tag name html[start:end] (an ASCII letter, then ASCII letters and digits), lower-cased, one of
 * ``flat``? (``kind`` a constant where it is inlined: the scan below is compiled once per kind) */
static inline int is_flat_name(int kind, const void *data, Py_ssize_t start, Py_ssize_t end, const FlatNames *flat)
{
    Py_ssize_t n = end - start;
    if (n >= 16)
        return 0;
    Py_UCS4 c = PyUnicode_READ(kind, data, start);
    uint32_t candidates = flat->by_first[(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c) - 'a'];
    for (; candidates != 0; candidates &= candidates - 1) {
        int k = __builtin_ctz(candidates);
        if (flat->length[k] != n)
            continue;
        Py_ssize_t i = 1;
        for (; i < n; i++) {
            Py_UCS4 d = PyUnicode_READ(kind, data, start + i);
            if ((Py_UCS4)(unsigned char)flat->name[k][i] != (d >= 'A' && d <= 'Z' ? d + ('a' - 'A') : d))
                break;
        }
        if (i == n)
            return 1;
    }
    return 0;
}

/* The first "<" at or after ``i`` (``len`` when there is none): memchr on a one-byte string. */
static inline Py_ssize_t next_lt(int kind, const void *data, Py_ssize_t i, Py_ssize_t len)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        const unsigned char *at = memchr((const unsigned char *)data + i, '<', (size_t)(len - i));
        return at == NULL ? len : at - (const unsigned char *)data;
    }
    while (i < len && PyUnicode_READ(kind, data, i) != '<')
        i++;
    return i;
}

/* tag_depth's scan of one kind of str (inlined with a constant ``kind``: PyUnicode_READ's switch folded away,
 * the "<" searched by memchr on one-byte strings: the scan was ~1-2 % of a cold WCXB page's instructions,
 * ~10 a character on pages of more than MAX_NESTING "<"). */
static inline __attribute__((always_inline)) long deepest_nesting(int kind, const void *data, Py_ssize_t len,
                                                                   const FlatNames *flat)
{
    long depth = 0, deepest = 0;
    Py_ssize_t i = 0;
    while ((i = next_lt(kind, data, i, len)) < len) {
        Py_ssize_t j = i + 1;
        int closing = 0;
        if (j < len && PyUnicode_READ(kind, data, j) == '/') {
            closing = 1;
            j++;
        }
        if (j >= len || !ascii_alpha(PyUnicode_READ(kind, data, j))) {
            i++;  /* no match at this "<" */
            continue;
        }
        Py_ssize_t name_end = j + 1;
        while (name_end < len && ascii_alnum(PyUnicode_READ(kind, data, name_end)))
            name_end++;
        Py_ssize_t gt = name_end;
        if (kind == PyUnicode_1BYTE_KIND) {
            const unsigned char *at = memchr((const unsigned char *)data + gt, '>', (size_t)(len - gt));
            gt = at == NULL ? len : at - (const unsigned char *)data;
        } else {
            while (gt < len && PyUnicode_READ(kind, data, gt) != '>')
                gt++;
        }
        if (gt >= len)
            break;  /* no ">" after this "<": no later "<" can match either */
        int selfclosing = gt > name_end && PyUnicode_READ(kind, data, gt - 1) == '/';
        if (!selfclosing && !is_flat_name(kind, data, j, name_end, flat)) {
            if (closing) {
                depth = depth > 0 ? depth - 1 : 0;
            } else if (++depth > deepest) {
                deepest = depth;
            }
        }
        i = gt + 1;
    }
    return deepest;
}

/* tag_depth(html, flat) -> int: html.nesting_depth's regex scan in one pass. Its pattern,
 * <(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>, matches at a "<" (then an optional "/") followed
 * by an ASCII letter when a ">" follows anywhere; the match ends at the first ">", and the
 * tag closes itself when the character before that ">" is a "/" after the name. The scan
 * goes on after the match's ">", as finditer does. Tags named in ``flat`` and
 * self-closing tags do not nest; a closing tag never takes the depth below 0. */
static PyObject *tag_depth(PyObject *self, PyObject *args)
{
    PyObject *html, *flat;
    if (!PyArg_ParseTuple(args, "UO!", &html, &PyTuple_Type, &flat))
        return NULL;
    FlatNames names;
    if (flat_names_from(flat, &names) < 0)
        return NULL;
    const void *data = PyUnicode_DATA(html);
    Py_ssize_t len = PyUnicode_GET_LENGTH(html);
    switch (PyUnicode_KIND(html)) {
    case PyUnicode_1BYTE_KIND:
        return PyLong_FromLong(deepest_nesting(PyUnicode_1BYTE_KIND, data, len, &names));
    case PyUnicode_2BYTE_KIND:
        return PyLong_FromLong(deepest_nesting(PyUnicode_2BYTE_KIND, data, len, &names));
    default:
        return PyLong_FromLong(deepest_nesting(PyUnicode_4BYTE_KIND, data, len, &names));
    }
}

/* ------------------------------------------------------------------ sums up the tree from paragraphs */

/* Sums by element, kept in C while a walk up from each paragraph adds to them, made into a dict
 * (keyed by mem_id, in the order the elements were first met) once at the end: a Python dict
 * looked up and set for each paragraph and level was most of these walks' cost (~500 instructions
 * an addition: the key's int, the lookup, the new sum object, the store). */
typedef union { double real; long long whole; } Sum;

typedef struct {
    lxb_node **nodes;       /* in the order first met */
    Sum *sums;
    Py_ssize_t count, capacity;
    Py_ssize_t *slots;      /* open addressing on the node's address: index + 1 into nodes, 0 empty */
    size_t mask;
} NodeSums;

static void sums_free(NodeSums *table)
{
    PyMem_Free(table->nodes);
    PyMem_Free(table->sums);
    PyMem_Free(table->slots);
    memset(table, 0, sizeof(*table));
}

static size_t sums_slot(const NodeSums *table, lxb_node *node)
{
    return (size_t)(((uintptr_t)node * 0x9E3779B97F4A7C15ULL) >> 17) & table->mask;
}

/* The index of ``node``'s sum (a new one, zero, when ``node`` is met first: *is_new set), or -1 on no memory. */
static Py_ssize_t sums_at(NodeSums *table, lxb_node *node, int *is_new)
{
    if (2 * (table->count + 1) > (Py_ssize_t)(table->mask + 1)) {  /* (kept at most half full) */
        size_t size = table->mask ? 2 * (table->mask + 1) : 256;
        Py_ssize_t capacity = (Py_ssize_t)size / 2;
        Py_ssize_t *slots = PyMem_Calloc(size, sizeof(Py_ssize_t));
        lxb_node **nodes = PyMem_Realloc(table->nodes, (size_t)capacity * sizeof(lxb_node *));
        if (nodes != NULL)
            table->nodes = nodes;
        Sum *sums = nodes != NULL ? PyMem_Realloc(table->sums, (size_t)capacity * sizeof(Sum)) : NULL;
        if (sums != NULL)
            table->sums = sums;
        if (slots == NULL || nodes == NULL || sums == NULL) {
            PyMem_Free(slots);
            PyErr_NoMemory();
            return -1;
        }
        PyMem_Free(table->slots);
        table->slots = slots;
        table->mask = size - 1;
        table->capacity = capacity;
        for (Py_ssize_t i = 0; i < table->count; i++) {
            size_t slot = sums_slot(table, table->nodes[i]);
            while (slots[slot] != 0)
                slot = (slot + 1) & table->mask;
            slots[slot] = i + 1;
        }
    }
    size_t slot = sums_slot(table, node);
    for (; table->slots[slot] != 0; slot = (slot + 1) & table->mask)
        if (table->nodes[table->slots[slot] - 1] == node) {
            *is_new = 0;
            return table->slots[slot] - 1;
        }
    Py_ssize_t at = table->count++;
    table->slots[slot] = at + 1;
    table->nodes[at] = node;
    table->sums[at].whole = 0;
    *is_new = 1;
    return at;
}

/* The key of html's dicts for ``node``: its mem_id. */
static PyObject *key_of(lxb_node *node) { return PyLong_FromVoidPtr(node); }

/* ``dict[mem_id] = sum`` for every element of ``table`` in the order met (real: floats, else ints); 0 or -1. */
static int sums_into(const NodeSums *table, PyObject *dict, int real)
{
    for (Py_ssize_t i = 0; i < table->count; i++) {
        PyObject *key = key_of(table->nodes[i]);
        PyObject *value = key == NULL ? NULL
            : real ? PyFloat_FromDouble(table->sums[i].real) : PyLong_FromLongLong(table->sums[i].whole);
        int failed = value == NULL || PyDict_SetItem(dict, key, value) < 0;
        Py_XDECREF(key);
        Py_XDECREF(value);
        if (failed)
            return -1;
    }
    return 0;
}

/* (a, b, c) when ``ok``, else NULL (an error is set); the references to seq, a, b and c are given up
 * either way (the end of prose_sums and scores_up). */
static PyObject *three_dicts(int ok, PyObject *seq, PyObject *a, PyObject *b, PyObject *c)
{
    PyObject *result = ok ? PyTuple_Pack(3, a, b, c) : NULL;
    Py_XDECREF(seq);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    return result;
}

/* A paragraph's block (its Lexbor node) and counts, read off an html._Para. The counts are ints below
 * 2**53 (a page's characters: MAX_HTML_CHARS), so C's doubles add and divide them as Python does. */
typedef struct {
    lxb_node *node;
    long long chars, link_chars, commas;
} ParaRow;

#define EXACT_LIMIT (1LL << 53)

static int para_count(PyObject *value, long long *out)
{
    if (!PyLong_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "a paragraph's counts are ints");
        return -1;
    }
    *out = PyLong_AsLongLong(value);
    if (*out == -1 && PyErr_Occurred())
        return -1;
    if (*out <= -EXACT_LIMIT || *out >= EXACT_LIMIT) {
        PyErr_SetString(PyExc_ValueError, "a paragraph's counts are below 2**53");
        return -1;
    }
    return 0;
}

static int para_read(PyObject *para, ParaRow *row)
{
    PyObject *fields[4];
    if (PyTuple_Check(para) && PyTuple_GET_SIZE(para) == 4) {
        /* (html._Para is a named tuple of these four, in this order: read by index, not by four
         * attribute names made into str and looked up for each of a page's ~280 paragraphs) */
        for (int k = 0; k < 4; k++)
            fields[k] = Py_NewRef(PyTuple_GET_ITEM(para, k));
    } else {
        static const char *names[4] = {"node", "chars", "link_chars", "commas"};
        for (int k = 0; k < 4; k++)
            if ((fields[k] = PyObject_GetAttrString(para, names[k])) == NULL) {
                while (k-- > 0)
                    Py_DECREF(fields[k]);
                return -1;
            }
    }
    row->node = node_of(fields[0]);
    int failed = row->node == NULL || para_count(fields[1], &row->chars) < 0
                 || para_count(fields[2], &row->link_chars) < 0 || para_count(fields[3], &row->commas) < 0;
    for (int k = 0; k < 4; k++)
        Py_DECREF(fields[k]);
    return failed ? -1 : 0;
}

/* prose_sums(paras, max_levels, a_id, body_id) -> (prose, links, wrapped): html_prose.prose_by_element's
 * walk up from each paragraph (html._Para) to <body> (or max_levels levels), adding its text outside
 * links, its link text, and (above the first <a>) its text outside links to each element's sums; the
 * dicts, keyed by mem_id, filled in the Python walk's order. */
static PyObject *prose_sums(PyObject *self, PyObject *args)
{
    PyObject *paras;
    Py_ssize_t max_levels, a_arg, body_arg;
    if (!PyArg_ParseTuple(args, "Onnn", &paras, &max_levels, &a_arg, &body_arg))
        return NULL;
    PyObject *seq = PySequence_Fast(paras, "prose_sums expects a sequence of paragraphs");
    PyObject *prose = PyDict_New(), *links = PyDict_New(), *wrapped = PyDict_New();
    /* (prose and links: the same elements in the same order; wrapped: those met inside a link) */
    NodeSums prose_links = {0}, wrapped_sums = {0};
    long long *link_sums = NULL;  /* links' sums, beside prose_links' (its sums are the prose) */
    Py_ssize_t link_capacity = 0;
    int ok = 0;
    if (seq == NULL || prose == NULL || links == NULL || wrapped == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        ParaRow row;
        if (para_read(PySequence_Fast_GET_ITEM(seq, i), &row) < 0)
            goto done;
        long long own = row.chars - row.link_chars;
        int in_link = 0, is_new;
        lxb_node *node = row.node;
        for (Py_ssize_t level = 0; node != NULL && level < max_levels; level++) {
            in_link = in_link || node->local_name == (uintptr_t)a_arg;
            Py_ssize_t at = sums_at(&prose_links, node, &is_new);
            if (at < 0)
                goto done;
            if (prose_links.capacity > link_capacity) {
                long long *grown = PyMem_Realloc(link_sums, (size_t)prose_links.capacity * sizeof(long long));
                if (grown == NULL) {
                    PyErr_NoMemory();
                    goto done;
                }
                link_sums = grown;
                link_capacity = prose_links.capacity;
            }
            if (is_new)
                link_sums[at] = 0;
            prose_links.sums[at].whole += own;
            link_sums[at] += row.link_chars;
            if (in_link && own) {
                Py_ssize_t w = sums_at(&wrapped_sums, node, &is_new);
                if (w < 0)
                    goto done;
                wrapped_sums.sums[w].whole += own;
            }
            if (node->local_name == (uintptr_t)body_arg)
                break;
            node = node->parent;
        }
    }
    if (sums_into(&prose_links, prose, 0) < 0 || sums_into(&wrapped_sums, wrapped, 0) < 0)
        goto done;
    for (Py_ssize_t i = 0; i < prose_links.count; i++)
        prose_links.sums[i].whole = link_sums[i];
    ok = sums_into(&prose_links, links, 0) == 0;
done:
    sums_free(&prose_links);
    sums_free(&wrapped_sums);
    PyMem_Free(link_sums);
    return three_dicts(ok, seq, prose, links, wrapped);
}

/* scores_up(paras, body, min_chars, max_levels, priors, own_tags) -> (scores, nodes, deep):
 * html.best_container's walk up from each paragraph that counts (min_chars characters or more, at
 * most half of them in links): its score 1 + commas + min(chars / 100, 3) goes, divided by 1, 2 and 6,
 * to the first three levels (an element met first there starts at its tag's prior, ``priors``:
 * {tag id: prior}; a paragraph whose tag is in ``own_tags`` starts a level below its block), and whole
 * to every element's deep score below <body>, up to max_levels levels. The arithmetic is Python's
 * (its ints below 2**53 are exact doubles, and int / int is their doubles divided), the dicts' order
 * the Python walk's. */
static PyObject *scores_up(PyObject *self, PyObject *args)
{
    PyObject *paras, *body_obj, *priors, *own_tags;
    Py_ssize_t min_chars, max_levels;
    if (!PyArg_ParseTuple(args, "OOnnO!O", &paras, &body_obj, &min_chars, &max_levels, &PyDict_Type, &priors, &own_tags))
        return NULL;
    TagSet own_set;
    lxb_node *body = node_of(body_obj);
    if (body == NULL || tagset_from(own_tags, &own_set) < 0)
        return NULL;
    PyObject *seq = PySequence_Fast(paras, "scores_up expects a sequence of paragraphs");
    PyObject *scores = PyDict_New(), *nodes = PyDict_New(), *deep = PyDict_New();
    NodeSums scored = {0}, deep_sums = {0};
    int ok = 0;
    if (seq == NULL || scores == NULL || nodes == NULL || deep == NULL)
        goto done;
    static const double divisors[3] = {1.0, 2.0, 6.0};
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        ParaRow row;
        if (para_read(PySequence_Fast_GET_ITEM(seq, i), &row) < 0)
            goto done;
        /* if para.chars < MIN_PARA_CHARS or para.link_chars > para.chars / 2: continue */
        if (row.chars < min_chars || (double)row.link_chars > (double)row.chars / 2.0)
            continue;
        /* score = 1 + para.commas + min(para.chars / 100, 3) (min: 3 only when 3 < chars / 100) */
        double hundredths = (double)row.chars / 100.0;
        double score = (double)(1 + row.commas) + (3.0 < hundredths ? 3.0 : hundredths);
        Py_ssize_t level = tagset_has(&own_set, row.node->local_name) ? -1 : 0;
        int is_new;
        for (lxb_node *node = row.node; node != NULL && level < max_levels; level++, node = node->parent) {
            if (0 <= level && level < 3) {
                Py_ssize_t at = sums_at(&scored, node, &is_new);
                if (at < 0)
                    goto done;
                if (is_new) {  /* scores[key] = float(TAG_PRIOR.get(node.tag, 0)) */
                    PyObject *tag = PyLong_FromSize_t(node->local_name);
                    PyObject *prior = tag ? PyDict_GetItemWithError(priors, tag) : NULL;  /* borrowed */
                    Py_XDECREF(tag);
                    double start = prior != NULL ? PyFloat_AsDouble(prior) : 0.0;
                    if (PyErr_Occurred())
                        goto done;
                    scored.sums[at].real = start;
                }
                scored.sums[at].real += score / divisors[level];
            }
            if (node == body)
                break;
            Py_ssize_t at = sums_at(&deep_sums, node, &is_new);
            if (at < 0)
                goto done;
            if (is_new)
                deep_sums.sums[at].real = 0.0;
            deep_sums.sums[at].real += score;
        }
    }
    if (sums_into(&scored, scores, 1) < 0 || sums_into(&deep_sums, deep, 1) < 0)
        goto done;
    for (Py_ssize_t i = 0; i < scored.count; i++) {  /* nodes[key] = node, in the order scored */
        PyObject *key = key_of(scored.nodes[i]);
        PyObject *made = key ? make_node(scored.nodes[i], body_obj) : NULL;
        int failed = made == NULL || PyDict_SetItem(nodes, key, made) < 0;
        Py_XDECREF(key);
        Py_XDECREF(made);
        if (failed)
            goto done;
    }
    ok = 1;
done:
    sums_free(&scored);
    sums_free(&deep_sums);
    return three_dicts(ok, seq, scores, nodes, deep);
}

/* ------------------------------------------------------------------ attribute queries
 *
 * The simple selector lists the HTML path asks Lexbor for (``[class],[id]``,
 * ``[style*=none]``, ``details``, ``[role=tabpanel]``, ``a[href^='#']``), answered by one
 * walk that reads each element's attribute list, as Lexbor's selector engine does:
 * an attribute selector names an attribute by its local name (the first such attribute
 * of the element counts), ``=`` ``*=`` ``^=`` compare bytes (ASCII case-folded when the
 * alternative says so), a tag selector compares the tag id. Lexbor's own exported
 * functions read the attribute list (their addresses come from selectolax's module,
 * see lexbor_walk.configure_attributes): no struct layout of Lexbor's is assumed.
 * Why: a ``css()`` query costs a walk per call and a match per element *and per
 * selector of the list*, and a node object and an attribute dict per match; most
 * matches of the labelled-elements query are then passed over by their label.
 */

typedef void *(*first_attr_f)(void *element);
typedef void *(*next_attr_f)(void *attr);
typedef const unsigned char *(*attr_str_f)(void *attr, size_t *length);

static first_attr_f first_attribute = NULL;
static next_attr_f next_attribute = NULL;
static attr_str_f attr_local_name = NULL, attr_qualified_name = NULL, attr_value = NULL;

static void *address_in(PyObject *dict, const char *key)
{
    PyObject *value = PyDict_GetItemString(dict, key);
    if (value == NULL) {
        PyErr_Format(PyExc_KeyError, "attribute functions lack %s", key);
        return NULL;
    }
    return PyLong_AsVoidPtr(value);
}

/* configure_attributes({name: address}): Lexbor's attribute functions, as selectolax's module exports them. */
static PyObject *configure_attributes(PyObject *self, PyObject *dict)
{
    if (!PyDict_Check(dict)) {
        PyErr_SetString(PyExc_TypeError, "expected a dict of function addresses");
        return NULL;
    }
    void *first = address_in(dict, "lxb_dom_element_first_attribute_noi");
    void *next = first ? address_in(dict, "lxb_dom_element_next_attribute_noi") : NULL;
    void *local = next ? address_in(dict, "lxb_dom_attr_local_name_noi") : NULL;
    void *qualified = local ? address_in(dict, "lxb_dom_attr_qualified_name") : NULL;
    void *value = qualified ? address_in(dict, "lxb_dom_attr_value_noi") : NULL;
    if (value == NULL)
        return NULL;
    first_attribute = (first_attr_f)first;
    next_attribute = (next_attr_f)next;
    attr_local_name = (attr_str_f)local;
    attr_qualified_name = (attr_str_f)qualified;
    attr_value = (attr_str_f)value;
    Py_RETURN_NONE;
}

enum { MATCH_ANY = 0, MATCH_EQUAL = 1, MATCH_SUBSTRING = 2, MATCH_PREFIX = 3, MATCH_SUFFIX = 4 };

#define MAX_ALTERNATIVES 16
#define NAME_CACHE 512            /* attribute name ids seen in one walk (a page uses a few dozen names) */

/* One alternative of a selector list: a tag, an attribute test, or both. */
typedef struct {
    uintptr_t tag;              /* 0: any tag */
    int name;                   /* index into Query.names, -1: no attribute test */
    int match;
    const char *value;
    Py_ssize_t value_length;
    int fold_case;              /* FOLD_NEVER, FOLD_IN_HTML, FOLD_ALWAYS */
} Alternative;

/* How values are compared: bytes as they are; ASCII case-folded on HTML elements (the HTML standard's
 * attributes such as ``type`` and ``rel``; an SVG element's are compared as they are); always folded
 * (the selector's ``i`` flag). */
enum { FOLD_NEVER = 0, FOLD_IN_HTML = 1, FOLD_ALWAYS = 2 };

#define MAX_NAMES 128             /* the attribute names of one walk's queries (select_scoped: 8 of 16 alternatives) */

/* Attribute names, each once, and which of them each attribute name id Lexbor uses is: Lexbor names an
 * attribute by an id (its local_name field), found once per id and walk (-1: none of them). */
typedef struct {
    const char *names[MAX_NAMES];
    Py_ssize_t name_lengths[MAX_NAMES];
    int name_count;
    uintptr_t cache_ids[NAME_CACHE];
    signed char cache_names[NAME_CACHE];
    char cache_used[NAME_CACHE];
} Names;

typedef struct {
    Alternative alt[MAX_ALTERNATIVES];
    Py_ssize_t count;
    Names names;                /* the attribute names the alternatives test (at most MAX_ALTERNATIVES) */
    TagSet skip;                /* :not(these tags) */
    /* Whose attributes are read: every element's when an attribute test has no tag (``[role=button]``),
     * else only those of the tags the attribute tests name (``a[href]``: the links'; ``meta,title``: none) */
    int attrs_of_any_tag;
    TagSet attrs_of;
    /* Which elements can match at all (matches_of's first question, before any attribute is read): every
     * element when an alternative names no tag (or a custom one), else only those of ``tags``; and whether an
     * alternative asks no attribute (else an element holding none of ``names`` matches nothing) */
    int any_tag;
    TagSet tags;
    int bare_alternative;
} Query;

/* The index of ``name`` in ``names`` (added when new; room for it is the caller's to know). */
static int name_index(Names *names, const char *name, Py_ssize_t length)
{
    for (int i = 0; i < names->name_count; i++)
        if (names->name_lengths[i] == length && memcmp(names->names[i], name, length) == 0)
            return i;
    names->names[names->name_count] = name;
    names->name_lengths[names->name_count] = length;
    return names->name_count++;
}

/* The query from Python: ((tag_id, name_bytes|None, match, value_bytes, fold_case), ...), skip tag ids. */
static int query_from(PyObject *alternatives, PyObject *skip_ids, Query *query)
{
    if (first_attribute == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "configure_attributes was not called");
        return -1;
    }
    if (!PyTuple_Check(alternatives) || PyTuple_GET_SIZE(alternatives) > MAX_ALTERNATIVES) {
        PyErr_SetString(PyExc_ValueError, "alternatives: a tuple of at most 16 tuples");
        return -1;
    }
    query->count = PyTuple_GET_SIZE(alternatives);
    query->names.name_count = 0;
    query->attrs_of_any_tag = 0;
    memset(query->attrs_of.on, 0, sizeof(query->attrs_of.on));
    query->any_tag = 0;
    memset(query->tags.on, 0, sizeof(query->tags.on));
    query->bare_alternative = 0;
    memset(query->names.cache_used, 0, sizeof(query->names.cache_used));
    for (Py_ssize_t i = 0; i < query->count; i++) {
        Alternative *alt = &query->alt[i];
        PyObject *name, *value;
        Py_ssize_t tag;
        if (!PyArg_ParseTuple(PyTuple_GET_ITEM(alternatives, i), "nOiSi", &tag, &name, &alt->match, &value,
                              &alt->fold_case))
            return -1;
        if (tag < 0) {
            PyErr_SetString(PyExc_ValueError, "a tag id is 0 (any tag) or positive");
            return -1;
        }
        alt->tag = (uintptr_t)tag;
        if (name == Py_None) {
            alt->name = -1;
        } else if (PyBytes_Check(name)) {
            alt->name = name_index(&query->names, PyBytes_AS_STRING(name), PyBytes_GET_SIZE(name));
        } else {
            PyErr_SetString(PyExc_TypeError, "an attribute name is bytes or None");
            return -1;
        }
        alt->value = PyBytes_AS_STRING(value);
        alt->value_length = PyBytes_GET_SIZE(value);
        if (alt->name >= 0 && (alt->tag == 0 || alt->tag >= TAG_BITS))
            query->attrs_of_any_tag = 1;
        else if (alt->name >= 0)
            query->attrs_of.on[alt->tag] = 1;
        if (alt->tag == 0 || alt->tag >= TAG_BITS)
            query->any_tag = 1;
        else
            query->tags.on[alt->tag] = 1;
        if (alt->name < 0)
            query->bare_alternative = 1;
    }
    return tagset_from(skip_ids, &query->skip);
}

static int same_bytes(const unsigned char *a, const char *b, size_t length, int fold_case)
{
    if (!fold_case)
        return memcmp(a, b, length) == 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char x = a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x += 32;
        if (y >= 'A' && y <= 'Z')
            y += 32;
        if (x != y)
            return 0;
    }
    return 1;
}

/* The steps of matching an element, inlined where they are used (per element and query: a call each
 * cost more than the test they make; gcc left count_matches and first_attributes out of line). */
#if defined(__GNUC__)
#define STEP static inline __attribute__((always_inline))
#else
#define STEP static inline
#endif

/* Which of ``names`` ``attr``'s local name is (-1: none), read off Lexbor once per name id. */
static int name_of(Names *names, void *attr)
{
    uintptr_t id = ((lxb_node *)attr)->local_name;
    size_t slot = (size_t)((id * 0x9E3779B97F4A7C15ULL) >> 55) & (NAME_CACHE - 1);
    for (int probe = 0; probe < 16; probe++, slot = (slot + 1) & (NAME_CACHE - 1)) {
        if (!names->cache_used[slot])
            break;
        if (names->cache_ids[slot] == id)
            return names->cache_names[slot];
    }
    size_t length = 0;
    const unsigned char *local = attr_local_name(attr, &length);
    int found = -1;
    for (int i = 0; local != NULL && i < names->name_count; i++)
        if ((size_t)names->name_lengths[i] == length && memcmp(local, names->names[i], length) == 0) {
            found = i;
            break;
        }
    if (!names->cache_used[slot]) {     /* (a full run of probes: not cached, read again next time) */
        names->cache_used[slot] = 1;
        names->cache_ids[slot] = id;
        names->cache_names[slot] = (signed char)found;
    }
    return found;
}

/* first[i]: ``element``'s first attribute named names[i] (NULL: none); 1 when it has one of them, else 0. */
STEP int first_attributes(Names *names, lxb_node *element, void **first)
{
    int any = 0;
    memset(first, 0, (size_t)names->name_count * sizeof(first[0]));
    for (void *attr = first_attribute(element); attr != NULL; attr = next_attribute(attr)) {
        int name = name_of(names, attr);
        if (name >= 0 && first[name] == NULL) {
            first[name] = attr;
            any = 1;
        }
    }
    return any;
}

/* True when ``value[0:length]`` holds ``want[0:size]`` (0 < size <= length), bytes compared as same_bytes
 * does. Only the positions whose first byte is the wanted one (either case when folding) are compared
 * further: a style or class value is read a byte at a time, not compared at every position (the
 * substring tests of the panels' and the galleries' queries: ``[style*=none]``, ``[class*=photo i]``). */
static int holds_bytes(const unsigned char *value, size_t length, const unsigned char *want, size_t size, int fold)
{
    unsigned char first = want[0], other = first;
    if (fold && first >= 'A' && first <= 'Z')
        other = first + 32;
    else if (fold && first >= 'a' && first <= 'z')
        other = first - 32;
    for (size_t at = 0; at + size <= length; at++) {
        unsigned char c = value[at];
        if ((c == first || c == other) && same_bytes(value + at, (const char *)want, size, fold))
            return 1;
    }
    return 0;
}

static int value_matches(const Alternative *alt, void *attr, lxb_node *element)
{
    int fold = alt->fold_case == FOLD_ALWAYS || (alt->fold_case == FOLD_IN_HTML && element->ns == html_namespace);
    if (alt->match == MATCH_ANY)
        return 1;
    size_t length = 0;
    const unsigned char *value = attr_value(attr, &length);
    if (value == NULL)
        length = 0;
    size_t want = (size_t)alt->value_length;
    switch (alt->match) {
    case MATCH_EQUAL:
        return length == want && same_bytes(value, alt->value, want, fold);
    case MATCH_PREFIX:
        return want != 0 && length >= want && same_bytes(value, alt->value, want, fold);
    case MATCH_SUFFIX:
        return want != 0 && length >= want && same_bytes(value + length - want, alt->value, want, fold);
    case MATCH_SUBSTRING:
        if (want == 0 || length < want)
            return 0;
        return holds_bytes(value, length, (const unsigned char *)alt->value, want, fold);
    }
    return 0;
}

/* 0 when ``query`` cannot match ``element`` whatever its attributes: a skipped tag, or a tag no
 * alternative names (``a[href]`` and a <div>). */
STEP int may_match(const Query *query, const lxb_node *element)
{
    return !tagset_has(&query->skip, element->local_name)
           && (query->any_tag || tagset_has(&query->tags, element->local_name));
}

/* Whether ``query`` reads ``element``'s attributes (an element no attribute test can be about is not
 * asked for them: see Query). */
STEP int reads_attributes(const Query *query, const lxb_node *element)
{
    return query->attrs_of_any_tag || tagset_has(&query->attrs_of, element->local_name);
}

/* How many alternatives of ``query`` an element it may match matches, given ``first`` (its first attribute
 * of each of the query's names; read only when ``any``: it holds one of them). */
STEP int count_matches(const Query *query, lxb_node *element, void *const *first, int any)
{
    if (!any && !query->bare_alternative)
        return 0;  /* (every alternative asks an attribute the element does not have: ``[class],[id]`` and a <p>) */
    int count = 0;
    for (Py_ssize_t i = 0; i < query->count; i++) {
        const Alternative *alt = &query->alt[i];
        if (alt->tag != 0 && element->local_name != alt->tag)
            continue;
        if (alt->name < 0)
            count++;
        else if (any && first[alt->name] != NULL)
            count += value_matches(alt, first[alt->name], element);
    }
    return count;
}

/* How many alternatives of ``query`` the element matches (0 for a skipped tag). An attribute test
 * looks at the element's first attribute of that local name, as Lexbor's attr_by_id does. */
static int matches_of(Query *query, lxb_node *element)
{
    if (!may_match(query, element))
        return 0;
    void *first[MAX_ALTERNATIVES];
    int any = reads_attributes(query, element) && first_attributes(&query->names, element, first);
    return count_matches(query, element, first, any);
}

/* The queries read before, by the (immutable) tuples they were read from: a page asks ~100 selects of
 * a few dozen selector lists (lexbor_walk.Query keeps its tuples), and reading one again (its
 * alternatives parsed, three tag sets cleared and filled) cost more than many of the walks. Direct-mapped
 * on the alternatives' address; a slot holds references to its tuples, so an address is not reused while
 * the slot names it. Only the name cache is cleared per walk (Lexbor's ids of unknown attribute names
 * are the document's). */
#define QUERY_CACHE 128
static struct { PyObject *alternatives, *skip_ids; Query *query; } read_queries[QUERY_CACHE];

/* The query read from ``alternatives`` and ``skip_ids`` (NULL with an exception set when wrong), valid until
 * the next call: every walk but select_scoped's and labels_marks_paras' second query asks here. */
static Query *query_for(PyObject *alternatives, PyObject *skip_ids)
{
    static Query scratch;  /* (for a skip list that may change: not kept) */
    if (!PyTuple_CheckExact(alternatives) || !(PyTuple_CheckExact(skip_ids) || PyFrozenSet_CheckExact(skip_ids)))
        return query_from(alternatives, skip_ids, &scratch) < 0 ? NULL : &scratch;
    size_t slot = (size_t)(((uintptr_t)alternatives * 0x9E3779B97F4A7C15ULL) >> 32) & (QUERY_CACHE - 1);
    if (read_queries[slot].alternatives == alternatives && read_queries[slot].skip_ids == skip_ids) {
        Query *query = read_queries[slot].query;
        memset(query->names.cache_used, 0, sizeof(query->names.cache_used));
        return query;
    }
    Query *query = read_queries[slot].query;
    if (query == NULL && (query = read_queries[slot].query = PyMem_Malloc(sizeof(Query))) == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_CLEAR(read_queries[slot].alternatives);
    Py_CLEAR(read_queries[slot].skip_ids);
    if (query_from(alternatives, skip_ids, query) < 0)
        return NULL;
    read_queries[slot].alternatives = Py_NewRef(alternatives);
    read_queries[slot].skip_ids = Py_NewRef(skip_ids);
    return query;
}

/* The query of a call and its root node (NULL with an exception set when either is wrong). */
static Query *query_below(PyObject *root_obj, PyObject *alternatives, PyObject *skip_ids, lxb_node **root)
{
    *root = node_of(root_obj);
    return *root == NULL ? NULL : query_for(alternatives, skip_ids);
}

/* The qualified name ``attr`` is called in Python's attribute dict: 'c' class, 'i' id, 'r' role,
 * 'h' hidden, 's' style, 'a' aria-hidden, 'o' another name. */
static char attribute_key(void *attr)
{
    size_t length = 0;
    const unsigned char *name = attr_qualified_name(attr, &length);
    if (name == NULL)
        return 'o';
#define IS(literal) (length == sizeof(literal) - 1 && memcmp(name, literal, length) == 0)
    if (IS("class")) return 'c';
    if (IS("id")) return 'i';
    if (IS("role")) return 'r';
    if (IS("hidden")) return 'h';
    if (IS("style")) return 's';
    if (IS("aria-hidden")) return 'a';
#undef IS
    return 'o';
}

static PyObject *value_of(void *attr)
{
    size_t length = 0;
    const unsigned char *value = attr_value(attr, &length);
    if (value == NULL)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8((const char *)value, (Py_ssize_t)length, "replace");
}

/* The names a label's words are looked for (html._LABEL_NAMES: lower-case ASCII, sorted, no blank),
 * as labels() gets them: one bytes object, the names separated by NUL bytes. Read once per object
 * (kept while it is the one passed); names sharing a first letter lie together (first[c] .. last[c]). */
#define MAX_LABEL_NAMES 1024
typedef struct {
    PyObject *source;  /* the bytes object read (a reference kept), or NULL */
    int count;
    const unsigned char *name[MAX_LABEL_NAMES];
    size_t length[MAX_LABEL_NAMES];
    int first[256], last[256];  /* names[first[c] .. last[c]) start with byte c */
    /* pairs[c] bit d (d < 128): some name starts with the bytes c, d; any name of one byte sets all of c's */
    uint64_t pairs[256][2];
} LabelNames;

static LabelNames label_names;

/* Read ``blob`` (see LabelNames) into label_names; 0, or -1 with ValueError when it is not as described. */
static int read_label_names(PyObject *blob)
{
    if (blob == label_names.source)
        return 0;
    char *bytes;
    Py_ssize_t size;
    if (PyBytes_AsStringAndSize(blob, &bytes, &size) < 0)
        return -1;
    Py_XDECREF(label_names.source);
    label_names.source = NULL;
    label_names.count = 0;
    for (int c = 0; c < 256; c++) {
        label_names.first[c] = label_names.last[c] = 0;
        label_names.pairs[c][0] = label_names.pairs[c][1] = 0;
    }
    const unsigned char *at = (const unsigned char *)bytes, *end = at + size;
    int previous = -1;
    while (at < end) {
        const unsigned char *stop = memchr(at, 0, (size_t)(end - at));
        if (stop == NULL)
            stop = end;
        size_t length = (size_t)(stop - at);
        if (length == 0 || label_names.count == MAX_LABEL_NAMES || at[0] < previous)
            goto bad;
        for (size_t k = 0; k < length; k++)
            if (at[k] >= 0x80 || (at[k] >= 'A' && at[k] <= 'Z') || at[k] <= ' ')
                goto bad;
        if (at[0] != previous)
            label_names.first[at[0]] = label_names.count;
        label_names.name[label_names.count] = at;
        label_names.length[label_names.count] = length;
        if (length == 1)
            label_names.pairs[at[0]][0] = label_names.pairs[at[0]][1] = ~(uint64_t)0;
        else
            label_names.pairs[at[0]][at[1] >> 6] |= (uint64_t)1 << (at[1] & 63);
        label_names.last[at[0]] = ++label_names.count;
        previous = at[0];
        at = stop + 1;
    }
    label_names.source = Py_NewRef(blob);
    return 0;
bad:
    label_names.count = 0;
    PyErr_SetString(PyExc_ValueError, "label names: non-empty lower-case ASCII words without blanks, sorted");
    return -1;
}

static inline unsigned char ascii_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* The groups of the names ``text`` (ASCII) lower-cased holds, or-ed (``info``: two bytes a name, the first its
 * groups, see label_flags); with ``info`` NULL, 1 as soon as it holds one, 0 when it holds none. */
static int names_held(const unsigned char *text, size_t length, const unsigned char *info)
{
    int groups = 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = ascii_lower(text[i]);
        /* (most positions start no name: the next byte is not the second byte of any name starting
         * with this one. At the text's end, 0: only a one-byte name sets that bit, no name holds a NUL) */
        unsigned char d = i + 1 < length ? ascii_lower(text[i + 1]) : 0;
        if (!((label_names.pairs[c][d >> 6] >> (d & 63)) & 1))
            continue;
        for (int k = label_names.first[c]; k < label_names.last[c]; k++) {
            size_t n = label_names.length[k];
            if (n > length - i)
                continue;
            const unsigned char *name = label_names.name[k];  /* (a short name: compared here, not by memcmp) */
            size_t j = 1;
            while (j < n && ascii_lower(text[i + j]) == name[j])
                j++;
            if (j < n)
                continue;
            if (info == NULL)
                return 1;
            groups |= info[2 * k];
        }
    }
    return groups;
}

/* 0 when ``text`` (ASCII) lower-cased holds none of label_names, 1 when it holds one, -1 when it is not
 * ASCII (Python's lower() of a non-ASCII character may give an ASCII letter: "K" of the Kelvin sign). */
static int holds_label_name(const unsigned char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        if (text[i] >= 0x80)
            return -1;
    return names_held(text, length, NULL);
}

/* holds_names(blob, text) -> 1 when ``text`` lower-cased holds one of the names of ``blob`` (see
 * read_label_names), 0 when it holds none, -1 when ``text`` is not ASCII (ask the regex): the label
 * walk's scan for one string (html.label_verdict's and html._token_flags' first question). */
static PyObject *holds_names(PyObject *self, PyObject *args)
{
    PyObject *blob, *text;
    if (!PyArg_ParseTuple(args, "O!U", &PyBytes_Type, &blob, &text))
        return NULL;
    if (read_label_names(blob) < 0)
        return NULL;
    if (!PyUnicode_IS_ASCII(text))
        return PyLong_FromLong(-1);
    return PyLong_FromLong(holds_label_name((const unsigned char *)PyUnicode_DATA(text),
                                            (size_t)PyUnicode_GET_LENGTH(text)));
}

/* --------------------------------------------------------------------------------------------------- *
 * A class/id label's verdict flags (html.label_verdict's, for an ASCII label): each whitespace-separated
 * token is read as html._token_flags reads it, with the names of label_names and, per name, ``info``
 * (html._LABEL_NAME_INFO: its groups and its rule's index). The Python twin is html._label_verdict_in_python.
 * --------------------------------------------------------------------------------------------------- */

/* A name's groups (the bits of html._LABEL_NAME_INFO) */
#define NAME_NEGATIVE_STEM 1
#define NAME_NEGATIVE_WORD 2
#define NAME_POSITIVE 4
#define NAME_HARD_NEGATIVE 8
#define NAME_HARD_STEM 16
/* The flags of html._token_flags */
#define FLAG_NEG 1
#define FLAG_POS 2
#define FLAG_HARD 4
#define MAX_LABEL_TOKEN 512

/* The index of the name of ``group`` that re's search of the group's trie regex finds in ``low``: the
 * leftmost, and there the longest (the trie's optional tails are greedy); -1 when none. */
static int leftmost_name(const unsigned char *low, size_t length, const unsigned char *info, int group)
{
    for (size_t i = 0; i < length; i++) {
        int best = -1;
        size_t best_length = 0;
        for (int k = label_names.first[low[i]]; k < label_names.last[low[i]]; k++) {
            size_t n = label_names.length[k];
            if ((info[2 * k] & group) && n <= length - i && n > best_length && memcmp(low + i, label_names.name[k], n) == 0) {
                best = k;
                best_length = n;
            }
        }
        if (best >= 0)
            return best;
    }
    return -1;
}

/* The index of the name of ``group`` that is ``low`` (lower-case), or -1. */
static int name_is(const unsigned char *low, size_t length, const unsigned char *info, int group)
{
    if (length == 0)
        return -1;
    for (int k = label_names.first[low[0]]; k < label_names.last[low[0]]; k++)
        if ((info[2 * k] & group) && label_names.length[k] == length && memcmp(low, label_names.name[k], length) == 0)
            return k;
    return -1;
}

static inline int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline int is_lower_or_digit(unsigned char c) { return is_lower(c) || (c >= '0' && c <= '9'); }

/* The next word of ``token`` from ``*at`` as html._LABEL_WORD's findall reads it
 * (``[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+``): 1 with [*start, *end), or 0 when there is none. */
static int next_label_word(const unsigned char *token, size_t length, size_t *at, size_t *start, size_t *end)
{
    for (size_t i = *at; i < length; i++) {
        if (is_upper(token[i])) {
            size_t j = i;
            while (j < length && is_upper(token[j]))
                j++;
            if (j == length || !is_lower(token[j])) {  /* the run of capitals, not followed by a small letter */
                *start = i, *end = *at = j;
                return 1;
            }
            if (j - 1 > i) {  /* (backtracked: the run but its last capital, which starts the next word) */
                *start = i, *end = *at = j - 1;
                return 1;
            }
            /* one capital before a small letter: [A-Z]?[a-z0-9]+ */
            j = i + 1;
            while (j < length && is_lower_or_digit(token[j]))
                j++;
            *start = i, *end = *at = j;
            return 1;
        }
        if (is_lower_or_digit(token[i])) {
            size_t j = i;
            while (j < length && is_lower_or_digit(token[j]))
                j++;
            *start = i, *end = *at = j;
            return 1;
        }
    }
    *at = length;
    return 0;
}

static int ends_with(const unsigned char *s, size_t length, const char *tail)
{
    size_t n = strlen(tail);
    return n <= length && memcmp(s + length - n, tail, n) == 0;
}

/* The NUL-separated function words of html._FUNCTION_WORDS_BLOB, read once per blob (each part of a token of
 * four parts or more is compared with each word: their lengths were counted with strlen at every comparison,
 * ~320,000 calls a cold WCXB dev pass). count -1: more words than the table holds (read the blob then). */
#define MAX_FUNCTION_WORDS 128
static struct { const char *blob; size_t size; int count; const char *word[MAX_FUNCTION_WORDS];
                size_t length[MAX_FUNCTION_WORDS]; } function_word_table;

static void read_function_words(const char *blob, size_t size)
{
    if (function_word_table.blob == blob && function_word_table.size == size)
        return;
    int count = 0;
    for (const char *w = blob; w < blob + size; count++) {
        size_t n = strnlen(w, (size_t)(blob + size - w));
        if (count == MAX_FUNCTION_WORDS) {
            count = -1;
            break;
        }
        function_word_table.word[count] = w;
        function_word_table.length[count] = n;
        w += n + 1;
    }
    function_word_table.blob = blob;
    function_word_table.size = size;
    function_word_table.count = count;
}

/* True when low[0:n] is one of the function words (NUL-separated in ``function_words``, ``words_size`` bytes). */
static int is_function_word(const unsigned char *low, size_t n, const char *function_words, size_t words_size)
{
    read_function_words(function_words, words_size);
    if (function_word_table.count < 0) {
        for (const char *w = function_words; w < function_words + words_size; w += strlen(w) + 1)
            if (strlen(w) == n && memcmp(low, w, n) == 0)
                return 1;
        return 0;
    }
    for (int k = 0; k < function_word_table.count; k++)
        if (function_word_table.length[k] == n && memcmp(low, function_word_table.word[k], n) == 0)
            return 1;
    return 0;
}

/* html.is_heading_slug(low) or the clipping utility, pseudo-element variant or negation patterns
 * (html._CLIPPING_UTILITY_RE, _PSEUDO_VARIANT_RE searched, _NEGATED_RE matched): the token names no widget. */
static int names_no_widget(const unsigned char *low, size_t length, const char *function_words, size_t words_size)
{
    size_t separators = 0;
    for (size_t i = 0; i < length; i++)
        separators += low[i] == '-' || low[i] == '_';
    if (separators >= 3) {  /* (four parts or more: one of them a function word?) */
        size_t part = 0;
        for (size_t i = 0; i <= length; i++) {
            if (i < length && low[i] != '-' && low[i] != '_')
                continue;
            if (is_function_word(low + part, i - part, function_words, words_size))
                return 1;
            part = i + 1;
        }
    }
    /* (?:^|:)overflow-(?:[xy]-)?hidden$ */
    static const char *clips[] = {"overflow-hidden", "overflow-x-hidden", "overflow-y-hidden"};
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(clips[k]);
        if (ends_with(low, length, clips[k]) && (n == length || low[length - n - 1] == ':'))
            return 1;
    }
    /* (?:^|:)(?:marker|before|after|placeholder|file|selection|first-letter|first-line|backdrop): */
#define PSEUDO(word) {word, sizeof(word) - 1}
    static const struct { const char *name; size_t length; } pseudo[] = {
        PSEUDO("marker:"), PSEUDO("before:"), PSEUDO("after:"), PSEUDO("placeholder:"), PSEUDO("file:"),
        PSEUDO("selection:"), PSEUDO("first-letter:"), PSEUDO("first-line:"), PSEUDO("backdrop:")};
#undef PSEUDO
    for (size_t i = 0; i < length; i++) {
        if (i > 0 && low[i - 1] != ':')
            continue;
        for (size_t k = 0; k < sizeof(pseudo) / sizeof(pseudo[0]); k++) {
            size_t n = pseudo[k].length;
            if (n <= length - i && memcmp(low + i, pseudo[k].name, n) == 0)
                return 1;
        }
    }
    /* ^(?:has[-_])?(?:no|without)[-_] */
    size_t at = length >= 4 && memcmp(low, "has", 3) == 0 && (low[3] == '-' || low[3] == '_') ? 4 : 0;
    for (int again = 0; again < 2; again++, at = 0) {
        if (length >= at + 3 && memcmp(low + at, "no", 2) == 0 && (low[at + 2] == '-' || low[at + 2] == '_'))
            return 1;
        if (length >= at + 8 && memcmp(low + at, "without", 7) == 0 && (low[at + 7] == '-' || low[at + 7] == '_'))
            return 1;
    }
    return 0;
}

/* html._names_a_part(token): the token's last word (of two or more) names furniture, not the article. */
static int names_a_part(const unsigned char *token, size_t length, const unsigned char *info)
{
    size_t at = 0, start, end, last_start = 0, last_end = 0;
    int words = 0;
    while (next_label_word(token, length, &at, &start, &end))
        words++, last_start = start, last_end = end;
    if (words < 2)
        return 0;
    unsigned char last[MAX_LABEL_TOKEN];
    size_t n = last_end - last_start;
    for (size_t i = 0; i < n; i++)
        last[i] = ascii_lower(token[last_start + i]);
    if (leftmost_name(last, n, info, NAME_POSITIVE) >= 0)
        return 0;
    return name_is(last, n, info, NAME_NEGATIVE_WORD) >= 0 || leftmost_name(last, n, info, NAME_NEGATIVE_STEM) >= 0;
}

/* html._token_flags of one ASCII token (at most MAX_LABEL_TOKEN bytes): its flags, and in *reason its
 * rule's index (-1: none). */
static int token_flags(const unsigned char *token, size_t length, const unsigned char *info, const char *function_words,
                       size_t words_size, int element_names, int comments_reason, int *reason)
{
    unsigned char low[MAX_LABEL_TOKEN];
    for (size_t i = 0; i < length; i++)
        low[i] = ascii_lower(token[i]);
    *reason = -1;
    int groups = names_held(low, length, info);
    if (groups == 0)
        return 0;
    int flags = 0;
    int no_widget = (groups & (NAME_NEGATIVE_STEM | NAME_NEGATIVE_WORD))
                    ? names_no_widget(low, length, function_words, words_size) : 1;
    if (!no_widget && (groups & NAME_NEGATIVE_STEM)) {
        int k = leftmost_name(low, length, info, NAME_NEGATIVE_STEM);
        flags = FLAG_NEG;
        *reason = info[2 * k + 1];
        if (info[2 * k] & NAME_HARD_STEM)
            flags |= FLAG_HARD;
    } else if (!no_widget && (groups & NAME_NEGATIVE_WORD)) {
        size_t at = 0, start, end;
        while (next_label_word(token, length, &at, &start, &end)) {
            int k = name_is(low + start, end - start, info, NAME_NEGATIVE_WORD);
            if (k >= 0) {
                flags = FLAG_NEG;
                *reason = info[2 * k + 1];
                break;
            }
        }
    }
    if ((groups & NAME_POSITIVE) && !((flags & FLAG_NEG) && element_names && names_a_part(token, length, info)))
        flags |= FLAG_POS;
    if (groups & NAME_HARD_NEGATIVE) {
        flags |= FLAG_HARD;
        *reason = comments_reason;
    }
    return flags;
}

static inline int label_blank(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f); }

/* What label_flags reads besides the names (label_names): html._LABEL_NAME_INFO, html._FUNCTION_WORDS_BLOB,
 * html.ELEMENT_NAMES, the index of "html.comments" among html._LABEL_RULES. */
typedef struct {
    const unsigned char *info;
    const char *function_words;
    size_t words_size;
    int element_names, comments_reason;
    Py_ssize_t cache_limit;  /* (labels_marks_paras: html.CACHE_LIMIT, the label cache's; else 0) */
    /* (labels_marks_paras: the roles html.parts_verdict gives a verdict for, NUL-separated; else NULL) */
    const char *roles;
    size_t roles_size;
    /* (labels_marks_paras: the labels of this walk read as saying something, a set, so that a label repeated
     * on the page is read once before Python caches its verdict; else NULL) */
    PyObject *spoken;
} LabelReading;

/* Read ``args`` (info, function_words, element_names, comments_reason) into ``reading``; 0, or -1 with an
 * exception (the bytes objects must outlive the reading's use: the caller holds them). */
static int read_label_reading(PyObject *const *args, LabelReading *reading)
{
    if (!PyBytes_Check(args[0]) || !PyBytes_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "label reading: info and function_words are bytes");
        return -1;
    }
    if (PyBytes_GET_SIZE(args[0]) != 2 * label_names.count) {
        PyErr_SetString(PyExc_ValueError, "label reading: info holds two bytes for each name");
        return -1;
    }
    reading->info = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    reading->function_words = PyBytes_AS_STRING(args[1]);
    reading->words_size = (size_t)PyBytes_GET_SIZE(args[1]);
    reading->element_names = PyObject_IsTrue(args[2]);
    long comments = PyLong_AsLong(args[3]);
    if (reading->element_names < 0 || (comments == -1 && PyErr_Occurred()))
        return -1;
    reading->comments_reason = (int)comments;
    reading->cache_limit = 0;
    reading->roles = NULL;
    reading->roles_size = 0;
    reading->spoken = NULL;
    return 0;
}

/* The flags of the tokens of the ASCII ``text`` or-ed, plus 8 * (1 + the index of the first token's rule,
 * 0: none); -1 when a token is too long (label_names read). */
static long label_code(const unsigned char *text, size_t length, const LabelReading *reading)
{
    if (holds_label_name(text, length) == 0)
        return 0;
    int flags = 0, reason = -1;
    size_t i = 0;
    while (i < length) {
        while (i < length && label_blank(text[i]))
            i++;
        size_t start = i;
        while (i < length && !label_blank(text[i]))
            i++;
        if (i == start)
            break;
        if (i - start > MAX_LABEL_TOKEN)
            return -1;
        int token_reason;
        flags |= token_flags(text + start, i - start, reading->info, reading->function_words, reading->words_size,
                             reading->element_names, reading->comments_reason, &token_reason);
        if (reason < 0)
            reason = token_reason;
    }
    return flags | ((reason + 1) << 3);
}

/* label_flags(names_blob, info, function_words, element_names, comments_reason, label) -> the flags of
 * html.label_verdict's tokens or-ed, plus 8 * (1 + the index of the first token's rule, 0: none); -1 when
 * ``label`` is not ASCII or has a token too long (ask the Python twin). */
static PyObject *label_flags(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    /* (METH_FASTCALL: ~50 new labels a page, the arguments' parsing was a tenth of the call) */
    if (nargs != 6 || !PyBytes_Check(args[0]) || !PyUnicode_Check(args[5])) {
        PyErr_SetString(PyExc_TypeError, "label_flags(names_blob: bytes, info: bytes, function_words: bytes, "
                                         "element_names, comments_reason: int, label: str)");
        return NULL;
    }
    LabelReading reading;
    if (read_label_names(args[0]) < 0 || read_label_reading(args + 1, &reading) < 0)
        return NULL;
    PyObject *label = args[5];
    if (!PyUnicode_IS_ASCII(label))
        return PyLong_FromLong(-1);
    return PyLong_FromLong(label_code((const unsigned char *)PyUnicode_DATA(label), (size_t)PyUnicode_GET_LENGTH(label),
                                      &reading));
}

/* The class and id values a label walk scanned for names (holds_label_name's answers), by their bytes:
 * a page repeats its class values (a menu's items, a list's rows), each scanned a byte at a time before.
 * A slot counts for the walk whose number (``scanned_walk``) it holds: a new walk, and new names, forget
 * them all at once. The values are the tree's bytes, unchanged while the walk lasts. */
#define SCANNED_SLOTS 1024
static struct { unsigned walk; size_t length; const unsigned char *value; int holds; } scanned[SCANNED_SLOTS];
static unsigned scanned_walk = 1;

static void forget_scanned(void)
{
    if (++scanned_walk == 0) {  /* (the numbers wrapped round: clear the slots instead) */
        memset(scanned, 0, sizeof(scanned));
        scanned_walk = 1;
    }
}

/* holds_label_name(value, length), answered once per value and walk. */
static int scanned_holds(const unsigned char *value, size_t length)
{
    uint64_t hash = length;
    size_t i = 0;
    for (; i + 8 <= length; i += 8) {
        uint64_t word;
        memcpy(&word, value + i, 8);
        hash = (hash ^ word) * 0x9E3779B97F4A7C15ULL;
    }
    for (; i < length; i++)
        hash = (hash ^ value[i]) * 0x100000001B3ULL;
    size_t slot = (size_t)(hash >> 40) & (SCANNED_SLOTS - 1);
    if (scanned[slot].walk == scanned_walk && scanned[slot].length == length
            && memcmp(scanned[slot].value, value, length) == 0)
        return scanned[slot].holds;
    int holds = holds_label_name(value, length);
    scanned[slot].walk = scanned_walk;
    scanned[slot].length = length;
    scanned[slot].value = value;
    scanned[slot].holds = holds;
    return holds;
}

/* True when an element's class or id value (``attr``, NULL when absent) cannot make a label hold a name. */
static int names_none_in(void *attr)
{
    if (attr == NULL)
        return 1;
    size_t length = 0;
    const unsigned char *value = attr_value(attr, &length);
    return value != NULL && scanned_holds(value, length) == 0;
}

/* True when the value of ``attr`` (NULL: absent) is one of the NUL-separated ``names`` (``size`` bytes). */
static int value_among(void *attr, const char *names, size_t size)
{
    size_t length = 0;
    const unsigned char *value = attr == NULL ? NULL : attr_value(attr, &length);
    if (value == NULL)
        return 0;
    for (size_t i = 0; i < size;) {
        size_t n = strnlen(names + i, size - i);
        if (n == length && memcmp(names + i, value, length) == 0)
            return 1;
        i += n + 1;
    }
    return 0;
}

/* True when the value of ``attr`` (NULL: absent) holds ``word``. */
static int value_holds(void *attr, const char *word)
{
    size_t length = 0;
    const unsigned char *value = attr == NULL ? NULL : attr_value(attr, &length);
    return value != NULL && memmem(value, length, word, strlen(word)) != NULL;
}

/* True when an element's role, hidden, style and aria-hidden attributes (NULL, 0: absent) give it no verdict
 * of their own in html.parts_verdict, so that its verdict is its label's, as if it had no other attribute:
 * no role of ``reading->roles`` (those it gives a verdict for), no hidden, no style naming display or
 * visibility (html._HIDDEN_STYLE_RE needs one of the two words), aria-hidden not "true". (A panel's role only
 * spares hiding, which is left to parts_verdict here anyway.)
 * (~60 of a WCXB page's ~65 label rows with other attributes: data-*, aria-label, a style of colours) */
static int others_say_nothing(void *role, int hidden, void *style, void *aria, const LabelReading *reading)
{
    return !hidden && !value_among(role, reading->roles, reading->roles_size)
        && !value_holds(style, "display") && !value_holds(style, "visibility")
        && !value_among(aria, "true", 5);
}

/* (mem_id, class, id, extra) of one element, read as ``node.attributes`` would give them (the last
 * attribute of a name wins, as in a dict): extra is None when the element's dict would hold only a
 * class and an id that are not None, else (role, has hidden, style, aria-hidden).
 * With ``names`` (label_names read), a row with extra None whose class and id hold none of the names
 * (ASCII) says nothing either: html.label_verdict finds no name in its label (Py_None returned,
 * before any string is made: most rows of a page not seen before). With ``reading`` and its roles, an element
 * whose other attributes say nothing (others_say_nothing) is read as one with a class and an id alone. */
static PyObject *label_row(lxb_node *element, PyObject *quiet, int names, const LabelReading *reading)
{
    void *cls = NULL, *ident = NULL, *role = NULL, *style = NULL, *aria = NULL;
    int hidden = 0, other = 0;
    for (void *attr = first_attribute(element); attr != NULL; attr = next_attribute(attr)) {
        switch (attribute_key(attr)) {
        case 'c': cls = attr; break;
        case 'i': ident = attr; break;
        case 'r': role = attr; other = 1; break;
        case 'h': hidden = 1; other = 1; break;
        case 's': style = attr; other = 1; break;
        case 'a': aria = attr; other = 1; break;
        default: other = 1;
        }
    }
    /* (a class or id without a value is None in the dict, and then counts as another attribute:
     * ``len(attrs) > (cls is not None) + (ident is not None)``) */
    size_t unused;
    if ((cls != NULL && attr_value(cls, &unused) == NULL) || (ident != NULL && attr_value(ident, &unused) == NULL))
        other = 1;
    int plain = !other || (reading != NULL && reading->roles != NULL
                           && others_say_nothing(role, hidden, style, aria, reading));
    if (names && plain && names_none_in(cls) && names_none_in(ident))
        Py_RETURN_NONE;
    PyObject *extra;
    if (!plain) {
        PyObject *role_v = role ? value_of(role) : Py_NewRef(Py_None);
        PyObject *style_v = style ? value_of(style) : Py_NewRef(Py_None);
        PyObject *aria_v = aria ? value_of(aria) : Py_NewRef(Py_None);
        extra = (role_v && style_v && aria_v)
            ? Py_BuildValue("(OOOO)", role_v, hidden ? Py_True : Py_False, style_v, aria_v) : NULL;
        Py_XDECREF(role_v);
        Py_XDECREF(style_v);
        Py_XDECREF(aria_v);
    } else {
        extra = Py_NewRef(Py_None);
    }
    PyObject *cls_v = cls ? value_of(cls) : Py_NewRef(Py_None);
    PyObject *ident_v = ident ? value_of(ident) : Py_NewRef(Py_None);
    if (quiet != NULL && extra == Py_None && cls_v != NULL && ident_v != NULL) {
        /* html.parts_verdict's first steps: with no other attribute, the label is the class and
         * the id (or the one that is not empty); none, or one ``quiet`` maps to None, says nothing:
         * no row (Py_None returned) */
        int both = PyObject_IsTrue(cls_v) == 1 && PyObject_IsTrue(ident_v) == 1;
        PyObject *label = both ? PyUnicode_FromFormat("%U %U", cls_v, ident_v)
                               : Py_NewRef(PyObject_IsTrue(cls_v) == 1 ? cls_v : ident_v);
        int says_nothing = -1;
        if (label != NULL) {
            if (PyObject_IsTrue(label) != 1) {
                says_nothing = 1;
            } else {
                PyObject *verdict = PyDict_GetItemWithError(quiet, label);
                says_nothing = verdict == Py_None ? 1 : (verdict == NULL && PyErr_Occurred() ? -1 : 0);
                int spoken = (verdict == NULL && says_nothing == 0 && reading != NULL && reading->spoken != NULL)
                    ? PySet_Contains(reading->spoken, label) : 0;
                if (spoken < 0)
                    says_nothing = -1;
                else if (!spoken && verdict == NULL && says_nothing == 0 && reading != NULL && PyUnicode_IS_ASCII(label)) {
                    /* (a label new to the cache, read here as html.label_verdict reads it: none found, or
                     * one the article's name outweighs, says nothing, ~40 of a cold WCXB page's 74; cached
                     * as None, as html._new_label_verdict caches it, while the cache is below its limit) */
                    long code = label_code((const unsigned char *)PyUnicode_DATA(label),
                                           (size_t)PyUnicode_GET_LENGTH(label), reading);
                    if (code >= 0 && (!(code & FLAG_NEG) || (code & FLAG_POS))) {
                        says_nothing = 1;
                        if (PyDict_GET_SIZE(quiet) < reading->cache_limit && PyDict_SetItem(quiet, label, Py_None) < 0)
                            says_nothing = -1;
                    } else if (reading->spoken != NULL && PySet_Add(reading->spoken, label) < 0) {
                        says_nothing = -1;
                    }
                }
            }
            Py_DECREF(label);
        }
        if (says_nothing != 0) {
            Py_DECREF(extra);
            Py_DECREF(cls_v);
            Py_DECREF(ident_v);
            return says_nothing < 0 ? NULL : Py_NewRef(Py_None);
        }
    }
    PyObject *address = PyLong_FromVoidPtr(element);
    PyObject *row = (extra && cls_v && ident_v && address)
        ? PyTuple_Pack(4, address, cls_v, ident_v, extra) : NULL;
    Py_XDECREF(extra);
    Py_XDECREF(cls_v);
    Py_XDECREF(ident_v);
    Py_XDECREF(address);
    return row;
}

/* The walk of select() and labels(): for every element under the root (root first) that matches,
 * its node object (``count`` times, or once with ``once``) or its label row (``rows``). */
static PyObject *matching(PyObject *args, int rows)
{
    PyObject *root_obj, *alternatives, *skip_ids, *quiet = NULL, *names = NULL;
    int once = 0;
    Py_ssize_t limit = -1;  /* stop after this many elements (1: css_first); -1: no limit */
    if (rows ? !PyArg_ParseTuple(args, "OOO|O!O!", &root_obj, &alternatives, &skip_ids, &PyDict_Type, &quiet,
                                 &PyBytes_Type, &names)
             : !PyArg_ParseTuple(args, "OOO|pn", &root_obj, &alternatives, &skip_ids, &once, &limit))
        return NULL;
    if (names != NULL && read_label_names(names) < 0)
        return NULL;
    forget_scanned();  /* (a walk of its own: see scanned) */
    lxb_node *root;
    Query *query = query_below(root_obj, alternatives, skip_ids, &root);
    if (query == NULL)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (lxb_node *node = root; node != NULL; node = next_below(node, root)) {
        if (node->type != NODE_TYPE_ELEMENT)
            continue;
        int count = matches_of(query, node);
        if (count == 0)
            continue;
        PyObject *obj = rows ? label_row(node, quiet, quiet != NULL && names != NULL, NULL) : make_node(node, root_obj);
        if (obj == NULL)
            goto fail;
        if (obj == Py_None) {  /* (a row that says nothing: see label_row) */
            Py_DECREF(obj);
            continue;
        }
        for (int k = (once || rows) ? count - 1 : 0; k < count; k++) {
            if (PyList_Append(out, obj) < 0) {
                Py_DECREF(obj);
                goto fail;
            }
        }
        Py_DECREF(obj);
        if (limit >= 0 && PyList_GET_SIZE(out) >= limit)
            break;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* select(root, alternatives, skip_ids, once[, limit]): what ``root.css(...)`` returns for that selector list
 * (root first, then its descendants in document order; an element matching k alternatives comes k
 * times in a row, as Lexbor reports it, or once with ``once``). */
static PyObject *select_elements(PyObject *self, PyObject *args) { return matching(args, 0); }

/* labels(root, alternatives, skip_ids[, quiet[, names]]): ``[(mem_id, class, id, extra)]`` (see label_row) of
 * the elements ``select(root, alternatives, skip_ids, True)`` lists, without a node object for any; with
 * ``quiet`` (label -> verdict), not those with a class and an id alone whose label is empty or maps
 * to None, nor, with ``names`` too (see LabelNames), those whose ASCII class and id hold none of the names. */
static PyObject *labels(PyObject *self, PyObject *args) { return matching(args, 1); }

/* labels_marks_paras(root, alternatives, skip_ids, quiet, names, mark_alternatives, mark_skip_ids, p_tag_id[, reading]):
 * ``(labels(root, alternatives, skip_ids, quiet, names), select(root, mark_alternatives, mark_skip_ids, True),
 * text_length(root, p_tag_id))`` in ONE walk: html.strip_junk reads the three at one state of the tree (the
 * paragraph text the label cuts are weighed against, the semantic marks that spare their wrappers, the
 * label rows), and a whole-page walk costs about as much whatever it looks for. With ``reading``
 * (label_flags' info, function_words, element_names, comments_reason, then the cache's limit and the roles
 * html.parts_verdict reads), a row whose ASCII label is new to ``quiet`` and has no verdict is left out too, and
 * its label cached, and an element whose other attributes say nothing is read by its label alone (see label_row). */
static PyObject *labels_marks_paras(PyObject *self, PyObject *args)
{
    static Query marks_query;
    PyObject *root_obj, *alternatives, *skip_ids, *quiet, *names, *mark_alternatives, *mark_skip_ids;
    PyObject *reading_args = NULL;
    Py_ssize_t p_arg;
    if (!PyArg_ParseTuple(args, "OOOO!O!OOn|O!", &root_obj, &alternatives, &skip_ids, &PyDict_Type, &quiet,
                          &PyBytes_Type, &names, &mark_alternatives, &mark_skip_ids, &p_arg, &PyTuple_Type,
                          &reading_args))
        return NULL;
    if (!cfg.ready) {
        PyErr_SetString(PyExc_RuntimeError, "configure_render was not called");
        return NULL;
    }
    if (p_arg <= 0) {
        PyErr_SetString(PyExc_ValueError, "p_tag_id: a tag id (positive)");
        return NULL;
    }
    if (read_label_names(names) < 0)
        return NULL;
    forget_scanned();  /* (a walk of its own: see scanned) */
    /* reading: (info, function_words, element_names, comments_reason) as label_flags takes them, or absent */
    LabelReading reading;
    if (reading_args != NULL && (PyTuple_GET_SIZE(reading_args) != 6
                                 || read_label_reading(&PyTuple_GET_ITEM(reading_args, 0), &reading) < 0
                                 || (reading.cache_limit = PyLong_AsSsize_t(PyTuple_GET_ITEM(reading_args, 4))) < 0
                                 || !PyBytes_Check(PyTuple_GET_ITEM(reading_args, 5)))) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError,
                            "reading: (info, function_words, element_names, comments_reason, cache_limit, roles)");
        return NULL;
    }
    if (reading_args != NULL) {
        reading.roles = PyBytes_AS_STRING(PyTuple_GET_ITEM(reading_args, 5));
        reading.roles_size = (size_t)PyBytes_GET_SIZE(PyTuple_GET_ITEM(reading_args, 5));
    }
    lxb_node *root;
    Query *query = query_below(root_obj, alternatives, skip_ids, &root);
    if (query == NULL || query_from(mark_alternatives, mark_skip_ids, &marks_query) < 0)
        return NULL;
    if (reading_args != NULL && (reading.spoken = PySet_New(NULL)) == NULL)
        return NULL;
    uintptr_t p_tag = (uintptr_t)p_arg;
    Py_ssize_t paras = 0;
    PyObject *rows = PyList_New(0), *marks = PyList_New(0);
    if (rows == NULL || marks == NULL)
        goto fail;
    for (lxb_node *node = root; node != NULL; node = next_below(node, root)) {
        if (node->type != NODE_TYPE_ELEMENT)
            continue;
        if (node->local_name == p_tag) {  /* (text_length: each <p>'s stripped text, the root's too) */
            Py_ssize_t n = stripped_text_length(node);
            if (n < 0)
                goto fail;
            paras += n;
        }
        if (matches_of(query, node) > 0) {  /* (labels: a row once, or none when it says nothing) */
            PyObject *row = label_row(node, quiet, 1, reading_args != NULL ? &reading : NULL);
            if (row == NULL)
                goto fail;
            int failed = row != Py_None && PyList_Append(rows, row) < 0;
            Py_DECREF(row);
            if (failed)
                goto fail;
        }
        if (matches_of(&marks_query, node) > 0) {  /* (select with once: the element once) */
            PyObject *obj = make_node(node, root_obj);
            if (obj == NULL)
                goto fail;
            int failed = PyList_Append(marks, obj) < 0;
            Py_DECREF(obj);
            if (failed)
                goto fail;
        }
    }
    if (reading_args != NULL)
        Py_XDECREF(reading.spoken);
    return Py_BuildValue("(NNn)", rows, marks, paras);
fail:
    if (reading_args != NULL)
        Py_XDECREF(reading.spoken);
    Py_XDECREF(rows);
    Py_XDECREF(marks);
    return NULL;
}

/* select_scoped(top, ((alternatives, skip_ids, once, root), ...)): for each query, what ``select(root,
 * alternatives, skip_ids, once)`` returns, all answered in ONE walk from ``top`` (each ``root`` is ``top`` or
 * an element below it: the page's <html>, <head> and <body>). A whole-page walk costs about as much whatever
 * it looks for (the nodes are read from memory): four queries read before any cut, one walk. And an element's
 * attributes are read once for all the queries (the names they test, each once, in ``all_names``): three of
 * the four are attribute tests on any tag, each reading every element's attribute list before. */
#define MAX_SCOPED 8
static PyObject *select_scoped(PyObject *self, PyObject *args)
{
    static Query scoped[MAX_SCOPED];
    static Names all_names;
    int name_in_all[MAX_SCOPED][MAX_ALTERNATIVES];  /* query k's name i is all_names' name_in_all[k][i] */
    PyObject *top_obj, *specs;
    if (!PyArg_ParseTuple(args, "OO!", &top_obj, &PyTuple_Type, &specs))
        return NULL;
    Py_ssize_t n = PyTuple_GET_SIZE(specs);
    if (n > MAX_SCOPED) {
        PyErr_SetString(PyExc_ValueError, "at most 8 queries in one walk");
        return NULL;
    }
    lxb_node *top = node_of(top_obj);
    if (top == NULL)
        return NULL;
    lxb_node *roots[MAX_SCOPED];
    int once[MAX_SCOPED], active[MAX_SCOPED];
    PyObject *out = PyTuple_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *alternatives, *skip_ids, *root_obj;
        if (!PyArg_ParseTuple(PyTuple_GET_ITEM(specs, k), "OOpO", &alternatives, &skip_ids, &once[k], &root_obj)
                || query_from(alternatives, skip_ids, &scoped[k]) < 0 || (roots[k] = node_of(root_obj)) == NULL)
            goto fail;
        PyObject *list = PyList_New(0);
        if (list == NULL)
            goto fail;
        PyTuple_SET_ITEM(out, k, list);
        active[k] = roots[k] == top;
    }
    all_names.name_count = 0;
    memset(all_names.cache_used, 0, sizeof(all_names.cache_used));
    for (Py_ssize_t k = 0; k < n; k++)
        for (int i = 0; i < scoped[k].names.name_count; i++)
            name_in_all[k][i] = name_index(&all_names, scoped[k].names.names[i], scoped[k].names.name_lengths[i]);
    lxb_node *node = top;
    for (;;) {
        if (node->type == NODE_TYPE_ELEMENT) {
            /* (the attributes read once, when a query that may match the element reads them) */
            int asked[MAX_SCOPED], read = 0, any_read = 0;
            void *first_of_all[MAX_NAMES];
            for (Py_ssize_t k = 0; k < n; k++) {
                asked[k] = active[k] && may_match(&scoped[k], node);
                read = read || (asked[k] && reads_attributes(&scoped[k], node));
            }
            if (read)
                any_read = first_attributes(&all_names, node, first_of_all);
            for (Py_ssize_t k = 0; k < n; k++) {
                if (!asked[k])
                    continue;
                void *first[MAX_ALTERNATIVES];
                int any = 0;
                if (any_read && reads_attributes(&scoped[k], node))
                    for (int i = 0; i < scoped[k].names.name_count; i++)
                        any |= (first[i] = first_of_all[name_in_all[k][i]]) != NULL;
                int count = count_matches(&scoped[k], node, first, any);
                if (count == 0)
                    continue;
                PyObject *obj = make_node(node, top_obj);
                if (obj == NULL)
                    goto fail;
                for (int c = once[k] ? count - 1 : 0; c < count; c++) {
                    if (PyList_Append(PyTuple_GET_ITEM(out, k), obj) < 0) {
                        Py_DECREF(obj);
                        goto fail;
                    }
                }
                Py_DECREF(obj);
            }
        }
        /* the next node in document order (as next_below), a query's root switched on when the walk
         * enters it and off when it leaves it */
        if (node->first_child != NULL) {
            node = node->first_child;
        } else {
            while (node != top && node->next == NULL) {
                for (Py_ssize_t k = 0; k < n; k++)
                    if (roots[k] == node)
                        active[k] = 0;
                node = node->parent;
            }
            if (node == top)
                break;
            for (Py_ssize_t k = 0; k < n; k++)
                if (roots[k] == node)
                    active[k] = 0;
            node = node->next;
        }
        for (Py_ssize_t k = 0; k < n; k++)
            if (roots[k] == node)
                active[k] = 1;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ``element.text(strip=True)`` as selectolax builds it for an element: every descendant text fragment
 * (tag id ``text_id``) decoded with errors="replace", stripped (str.strip), the pieces joined. */
static PyObject *stripped_text(lxb_node *element, uintptr_t text_id)
{
    PyObject *parts = PyList_New(0);
    if (parts == NULL)
        return NULL;
    for (lxb_node *node = next_below(element, element); node != NULL; node = next_below(node, element)) {
        lxb_chardata *chars = (lxb_chardata *)node;
        if (node->local_name != text_id || chars->data == NULL)
            continue;
        PyObject *text = PyUnicode_DecodeUTF8((const char *)chars->data, chars->length, "replace");
        if (text == NULL)
            goto fail;
        Py_ssize_t lo, hi;
        strip_bounds(text, &lo, &hi);
        PyObject *part = PyUnicode_Substring(text, lo, hi);
        Py_DECREF(text);
        if (part == NULL || PyList_Append(parts, part) < 0) {
            Py_XDECREF(part);
            goto fail;
        }
        Py_DECREF(part);
    }
    PyObject *empty = PyUnicode_New(0, 0);
    PyObject *joined = empty ? PyUnicode_Join(empty, parts) : NULL;
    Py_XDECREF(empty);
    Py_DECREF(parts);
    return joined;
fail:
    Py_DECREF(parts);
    return NULL;
}

/* short_texts(root, alternatives, skip_ids, once, text_id, max_chars): ``[e.text(strip=True) for e in
 * select(root, alternatives, skip_ids, once)]`` but those ``max_chars`` long or longer, without a node
 * object for any element and a string only for the short ones (their length is read off the bytes first). */
static PyObject *short_texts(PyObject *self, PyObject *args)
{
    PyObject *root_obj, *alternatives, *skip_ids;
    int once = 0;
    Py_ssize_t text_id_arg, max_chars;
    if (!PyArg_ParseTuple(args, "OOOpnn", &root_obj, &alternatives, &skip_ids, &once, &text_id_arg, &max_chars))
        return NULL;
    lxb_node *root;
    Query *query = query_below(root_obj, alternatives, skip_ids, &root);
    if (query == NULL)
        return NULL;
    uintptr_t text_id = (uintptr_t)text_id_arg;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (lxb_node *node = root; node != NULL; node = next_below(node, root)) {
        if (node->type != NODE_TYPE_ELEMENT)
            continue;
        int count = matches_of(query, node);
        if (count == 0)
            continue;
        Py_ssize_t length = stripped_text_length_of(node, text_id);
        if (length < 0)
            goto fail;
        if (length >= max_chars)
            continue;
        PyObject *text = stripped_text(node, text_id);
        if (text == NULL)
            goto fail;
        for (int k = once ? count - 1 : 0; k < count; k++) {
            if (PyList_Append(out, text) < 0) {
                Py_DECREF(text);
                goto fail;
            }
        }
        Py_DECREF(text);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* ------------------------------------------------------------------ the head's script and style bodies */

/* The twins of html_head_bodies.blank_head_bodies and marks_in_head (see there: the scan follows the
 * head's markup as the HTML standard's tokenizer reads it and stops at anything else; Lexbor's tree
 * then says whether it was right). */

static int is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }
static unsigned char lower_ascii(unsigned char c) { return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c; }

/* html_head_bodies.tag_end: where a tag whose name ended at ``at`` ends (after its ">"), -1 at the page's end */
static Py_ssize_t head_tag_end(const unsigned char *d, Py_ssize_t size, Py_ssize_t at)
{
    enum { BEFORE, NAME, VALUE, UNQUOTED } state = BEFORE;
    while (at < size) {
        unsigned char c = d[at++];
        switch (state) {
        case BEFORE:  /* (also after a quoted value) */
            if (c == '>')
                return at;
            if (!is_blank(c) && c != '/')
                state = NAME;
            break;
        case NAME:  /* (also after a name) */
            if (c == '>')
                return at;
            if (c == '=')
                state = VALUE;
            else if (c == '/')
                state = BEFORE;
            break;
        case VALUE:
            if (c == '>')
                return at;
            if (c == '"' || c == '\'') {
                const unsigned char *closing = memchr(d + at, c, (size_t)(size - at));
                if (closing == NULL)
                    return -1;
                at = closing - d + 1;
                state = BEFORE;
            } else if (!is_blank(c))
                state = UNQUOTED;
            break;
        case UNQUOTED:
            if (c == '>')
                return at;
            if (is_blank(c))
                state = BEFORE;
            break;
        }
    }
    return -1;
}

/* html_head_bodies._end_tag_at: the first "</name" (any ASCII case) followed by a blank, "/" or ">" */
static Py_ssize_t head_end_tag_at(const unsigned char *d, Py_ssize_t size, const char *name, Py_ssize_t at)
{
    size_t length = strlen(name);
    while (at < size) {
        const unsigned char *lt = memchr(d + at, '<', (size_t)(size - at));
        if (lt == NULL)
            return -1;
        at = lt - d;
        if (at + 2 + (Py_ssize_t)length >= size)
            return -1;
        if (d[at + 1] == '/') {
            size_t i = 0;
            while (i < length && lower_ascii(d[at + 2 + i]) == (unsigned char)name[i])
                i++;
            unsigned char after = d[at + 2 + length];
            if (i == length && (is_blank(after) || after == '/' || after == '>'))
                return at;
        }
        at++;
    }
    return -1;
}

static Py_ssize_t find_bytes(const unsigned char *d, Py_ssize_t from, Py_ssize_t to, const char *needle)
{
    size_t length = strlen(needle);
    if (from < 0 || to - from < (Py_ssize_t)length)
        return -1;
    const unsigned char *found = memmem(d + from, (size_t)(to - from), needle, length);
    return found == NULL ? -1 : found - d;
}

/* does d[from:to], lower-cased, hold ``needle`` (lower case)? */
static int holds_lower(const unsigned char *d, Py_ssize_t from, Py_ssize_t to, const char *needle)
{
    size_t length = strlen(needle);
    for (Py_ssize_t i = from; i + (Py_ssize_t)length <= to; i++) {
        size_t j = 0;
        while (j < length && lower_ascii(d[i + j]) == (unsigned char)needle[j])
            j++;
        if (j == length)
            return 1;
    }
    return 0;
}

static int head_name_is(const unsigned char *d, Py_ssize_t start, Py_ssize_t end, const char *name)
{
    if ((Py_ssize_t)strlen(name) != end - start)
        return 0;
    for (Py_ssize_t i = start; i < end; i++)
        if (lower_ascii(d[i]) != (unsigned char)name[i - start])
            return 0;
    return 1;
}

/* blank_head_bodies(data, min_chars, min_share) -> (data with \x01 for each long head script/style body, count) */
static PyObject *blank_head_bodies(PyObject *self, PyObject *args)
{
    Py_buffer view;
    Py_ssize_t min_chars;
    double min_share;
    PyObject *data_obj;
    if (!PyArg_ParseTuple(args, "Ond", &data_obj, &min_chars, &min_share))
        return NULL;
    if (PyObject_GetBuffer(data_obj, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *d = view.buf;
    Py_ssize_t size = view.len, at = 0, count = 0;
    int in_noscript = 0;  /* inside a head's <noscript> (markup: scripting is off): link, meta, style only */
    Py_ssize_t *spans = NULL;  /* (start, end) of each body replaced */
    Py_ssize_t room = 0;
    PyObject *result = NULL;
    while (at < size) {
        const unsigned char *lt = memchr(d + at, '<', (size_t)(size - at));
        if (lt == NULL)
            break;
        Py_ssize_t opening = lt - d, i = at;
        while (i < opening && is_blank(d[i]))
            i++;
        if (i < opening || opening + 1 >= size)
            break;  /* text in the head, or the page ends */
        unsigned char next = d[opening + 1];
        if (next == '!' && opening + 4 <= size && d[opening + 2] == '-' && d[opening + 3] == '-') {
            if (opening + 4 < size && (d[opening + 4] == '>' || (d[opening + 4] == '-' && opening + 5 < size
                                                                 && d[opening + 5] == '>')))
                break;
            Py_ssize_t closing = find_bytes(d, opening + 4, size, "-->");
            if (closing < 0 || find_bytes(d, opening + 4, closing + 3, "--!>") >= 0)
                break;
            at = closing + 3;
            continue;
        }
        if (next == '!' || next == '?') {
            const unsigned char *gt = memchr(d + opening, '>', (size_t)(size - opening));
            if (gt == NULL)
                break;
            at = gt - d + 1;
            continue;
        }
        if (next == '/' && in_noscript && head_end_tag_at(d, size, "noscript", opening) == opening) {
            at = head_tag_end(d, size, opening + 10);  /* (after "</noscript") */
            if (at < 0)
                break;
            in_noscript = 0;
            continue;
        }
        if (!((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z')))
            break;
        Py_ssize_t name_end = opening + 1;
        while (name_end < size && !is_blank(d[name_end]) && d[name_end] != '/' && d[name_end] != '>')
            name_end++;
        if (!in_noscript && head_name_is(d, opening + 1, name_end, "noscript")) {
            at = head_tag_end(d, size, name_end);
            if (at < 0)
                break;
            in_noscript = 1;
            continue;
        }
        const char *raw = NULL;
        if (head_name_is(d, opening + 1, name_end, "style"))
            raw = "style";
        else if (in_noscript) {
            if (!(head_name_is(d, opening + 1, name_end, "meta") || head_name_is(d, opening + 1, name_end, "link")))
                break;  /* (inside a head's <noscript> only these keep the head going) */
        } else if (head_name_is(d, opening + 1, name_end, "script"))
            raw = "script";
        else if (head_name_is(d, opening + 1, name_end, "title"))
            raw = "title";
        else if (!(head_name_is(d, opening + 1, name_end, "html") || head_name_is(d, opening + 1, name_end, "head")
                   || head_name_is(d, opening + 1, name_end, "meta") || head_name_is(d, opening + 1, name_end, "link")
                   || head_name_is(d, opening + 1, name_end, "base")))
            break;
        Py_ssize_t body_start = head_tag_end(d, size, name_end);
        if (body_start < 0)
            break;
        at = body_start;
        if (raw == NULL)
            continue;
        Py_ssize_t body_end = head_end_tag_at(d, size, raw, body_start);
        if (body_end < 0)
            break;
        int script = raw[1] == 'c';
        if (script && find_bytes(d, body_start, body_end, "<!--") >= 0)
            break;  /* (script data "escaped": its first </script> may not end it) */
        if (raw[1] != 'i' && !in_noscript && body_end - body_start >= min_chars
                && !(script && (holds_lower(d, opening, body_start, "json") || memchr(d + opening, '&', (size_t)(body_start - opening)) != NULL))) {
            if (count == room) {
                room = room ? 2 * room : 16;
                Py_ssize_t *grown = PyMem_Realloc(spans, (size_t)room * 2 * sizeof(Py_ssize_t));
                if (grown == NULL) {
                    PyErr_NoMemory();
                    goto fail;
                }
                spans = grown;
            }
            spans[2 * count] = body_start;
            spans[2 * count + 1] = body_end;
            count++;
        }
        at = head_tag_end(d, size, body_end + 2 + (Py_ssize_t)strlen(raw));
        if (at < 0)
            break;
    }
    {
        Py_ssize_t left_out = 0;  /* (the bytes left out, each body's but for its mark) */
        for (Py_ssize_t k = 0; k < count; k++)
            left_out += spans[2 * k + 1] - spans[2 * k] - 1;
        if (left_out < min_share * (double)size || (count && memchr(d, 1, (size_t)size) != NULL))
            count = 0;  /* (too little to pay for the copy; or the page holds the mark byte itself) */
    }
    if (count == 0) {
        result = Py_BuildValue("(On)", data_obj, (Py_ssize_t)0);
    } else {
        Py_ssize_t removed = 0;
        for (Py_ssize_t k = 0; k < count; k++)
            removed += spans[2 * k + 1] - spans[2 * k] - 1;
        PyObject *out = PyBytes_FromStringAndSize(NULL, size - removed);
        if (out == NULL)
            goto fail;
        char *w = PyBytes_AS_STRING(out);
        Py_ssize_t from = 0;
        for (Py_ssize_t k = 0; k < count; k++) {
            memcpy(w, d + from, (size_t)(spans[2 * k] - from));
            w += spans[2 * k] - from;
            *w++ = 1;
            from = spans[2 * k + 1];
        }
        memcpy(w, d + from, (size_t)(size - from));
        result = Py_BuildValue("(Nn)", out, count);
    }
fail:
    PyMem_Free(spans);
    PyBuffer_Release(&view);
    return result;
}

/* marks_in_head(head, script_id, style_id) -> how many script/style children of head hold "\x01" alone */
static PyObject *marks_in_head(PyObject *self, PyObject *args)
{
    PyObject *head_obj;
    unsigned long long script_id, style_id;
    if (!PyArg_ParseTuple(args, "OKK", &head_obj, &script_id, &style_id))
        return NULL;
    lxb_node *head = node_of(head_obj);
    if (head == NULL)
        return NULL;
    Py_ssize_t count = 0;
    for (lxb_node *node = head->first_child; node != NULL; node = node->next) {
        if (node->type != NODE_TYPE_ELEMENT || node->ns != html_namespace
                || (node->local_name != script_id && node->local_name != style_id))
            continue;
        lxb_chardata *text = (lxb_chardata *)node->first_child;
        if (text != NULL && text->node.type == NODE_TYPE_TEXT && text->node.next == NULL
                && text->length == 1 && text->data != NULL && text->data[0] == 1)
            count++;
    }
    return PyLong_FromSsize_t(count);
}

/* text_lengths_many(nodes, tag_id) -> [text_lengths(node, tag_id) for node in nodes], the nodes' subtrees walked
 * once between them: the deepest first, and a node already measured met in another's walk is not walked again
 * (its total added, and its tagged count plus its total once per ``tag_id`` element around it). best_container
 * measures its top candidates' link density: most are a paragraph's parent, grandparent and higher, nested. */
static int deeper_first(const void *a, const void *b)
{
    Py_ssize_t da = (*(Measured *const *)a)->depth, db = (*(Measured *const *)b)->depth;
    return da < db ? 1 : da > db ? -1 : 0;
}

static PyObject *text_lengths_many(PyObject *self, PyObject *args)
{
    PyObject *nodes;
    Py_ssize_t tag_arg;
    if (!PyArg_ParseTuple(args, "O!n", &PyList_Type, &nodes, &tag_arg))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(nodes);
    if (n > MEASURED_SLOTS / 2) {
        PyErr_SetString(PyExc_ValueError, "text_lengths_many: at most 128 nodes");
        return NULL;
    }
    Measured *all = PyMem_Calloc((size_t)n + 1, sizeof(Measured));
    Measured **order = PyMem_Calloc((size_t)n + 1, sizeof(Measured *));
    MeasuredSet *set = PyMem_Calloc(1, sizeof(MeasuredSet));
    PyObject *out = NULL;
    if (all == NULL || order == NULL || set == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if ((all[i].node = configured_node(PyList_GET_ITEM(nodes, i))) == NULL)
            goto done;
        for (lxb_node *up = all[i].node->parent; up != NULL; up = up->parent)
            all[i].depth++;
        order[i] = &all[i];
    }
    qsort(order, (size_t)n, sizeof(Measured *), deeper_first);
    for (Py_ssize_t k = 0; k < n; k++) {
        Measured *same = measured_at(set, order[k]->node);
        if (same != NULL) {  /* (a node listed twice) */
            order[k]->total = same->total;
            order[k]->tagged = same->tagged;
            order[k]->done = 1;
        } else if (measure_below(set, order[k], (uintptr_t)tag_arg) < 0) {
            goto done;
        }
    }
    out = PyList_New(n);
    for (Py_ssize_t i = 0; out != NULL && i < n; i++) {
        PyObject *pair = Py_BuildValue("(nn)", all[i].total, all[i].tagged);
        if (pair == NULL)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, i, pair);
    }
done:
    PyMem_Free(all);
    PyMem_Free(order);
    PyMem_Free(set);
    return out;
}

/* ------------------------------------------------------------------ data tables (html_tables) */

/* Whether a text node's bytes hold a letter or a digit (``any(c.isalnum() for c in text)``; a fragment
 * with a non-ASCII byte is decoded as selectolax decodes it, errors="replace", and read a code point at a time). */
static int text_holds_alnum(const lxb_chardata *chars)
{
    if (chars->data == NULL)
        return 0;
    size_t ascii = ascii_prefix(chars->data, chars->length);
    for (size_t i = 0; i < ascii; i++) {
        unsigned char c = chars->data[i];
        if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 1;
    }
    if (ascii == chars->length)
        return 0;
    PyObject *text = PyUnicode_DecodeUTF8((const char *)chars->data, chars->length, "replace");
    if (text == NULL)
        return -1;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    int found = 0;
    for (Py_ssize_t i = 0, n = PyUnicode_GET_LENGTH(text); i < n && !found; i++)
        found = Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i));
    Py_DECREF(text);
    return found;
}

/* html_tables._text_outside_links: a text node under ``cell`` holding a letter or digit, with no <a> between them. */
static int text_outside_links(lxb_node *cell, uintptr_t a_id, uintptr_t text_id)
{
    for (lxb_node *inner = cell; inner != NULL; inner = next_below(inner, cell)) {
        if (inner->local_name != text_id)
            continue;
        int alnum = text_holds_alnum((const lxb_chardata *)inner);
        if (alnum < 0)
            return -1;
        if (!alnum)
            continue;
        lxb_node *parent = inner->parent;
        while (parent != NULL && parent != cell && parent->local_name != a_id)
            parent = parent->parent;
        if (parent == NULL || parent->local_name != a_id)
            return 1;
    }
    return 0;
}

/* table_rows(table, (tr, table, td, th, a, text ids), min_plain) -> (rows, data rows): html_tables.is_data_table's
 * counts in one walk (the rows whose nearest <table> is ``table``; a data row has ``min_plain`` cells, <td> or
 * <th> children, holding text outside links). A nested table's subtree is passed over: its rows are its own. */
static PyObject *table_rows(PyObject *self, PyObject *args)
{
    PyObject *table_obj;
    unsigned long long tr_id, table_id, td_id, th_id, a_id, text_id;
    Py_ssize_t min_plain;
    if (!PyArg_ParseTuple(args, "O(KKKKKK)n", &table_obj, &tr_id, &table_id, &td_id, &th_id, &a_id, &text_id, &min_plain))
        return NULL;
    lxb_node *table = node_of(table_obj);
    if (table == NULL)
        return NULL;
    Py_ssize_t rows = 0, data = 0;
    lxb_node *node = table->first_child;
    while (node != NULL) {
        if (node->local_name == table_id) {  /* (a nested table: on past its subtree) */
            while (node != table && node->next == NULL)
                node = node->parent;
            node = node == table ? NULL : node->next;
            continue;
        }
        if (node->local_name == tr_id && node->type == NODE_TYPE_ELEMENT) {
            rows++;
            Py_ssize_t plain = 0;
            for (lxb_node *cell = node->first_child; cell != NULL; cell = cell->next) {
                if (cell->local_name != td_id && cell->local_name != th_id)
                    continue;
                int outside = text_outside_links(cell, (uintptr_t)a_id, (uintptr_t)text_id);
                if (outside < 0)
                    return NULL;
                plain += outside;
            }
            data += plain >= min_plain;
        }
        node = next_below(node, table);
    }
    return Py_BuildValue("(nn)", rows, data);
}

static PyMethodDef methods[] = {
    {"drop_bare_tags", drop_bare_tags, METH_VARARGS, "drop_bare_tags(root, tag_ids, keep_ids, list_ids) -> [LexborNode] (drop_bare, then tags_below)"},
    {"select_scoped", select_scoped, METH_VARARGS, "select_scoped(top, ((alternatives, skip_ids, once, root), ...)) -> (list, ...)"},
    {"short_texts", short_texts, METH_VARARGS, "short_texts(root, alternatives, skip_ids, once, text_id, max_chars) -> [str]"},
    {"configure_attributes", configure_attributes, METH_O, "configure_attributes({lexbor function: address})"},
    {"select", select_elements, METH_VARARGS, "select(root, alternatives, skip_ids, once[, limit]) -> [LexborNode]"},
    {"holds_names", holds_names, METH_VARARGS, "holds_names(names_blob, text) -> 1, 0, or -1 when text is not ASCII"},
    {"label_flags", (PyCFunction)(void (*)(void))label_flags, METH_FASTCALL, "label_flags(names_blob, info, function_words, element_names, comments_reason, label) -> flags + 8 * (1 + rule), or -1"},
    {"labels_marks_paras", labels_marks_paras, METH_VARARGS, "labels_marks_paras(root, alternatives, skip_ids, quiet, names, mark_alternatives, mark_skip_ids, p_tag_id[, reading]) -> (rows, marks, p chars)"},
    {"labels", labels, METH_VARARGS, "labels(root, alternatives, skip_ids[, quiet[, names]]) -> [(mem_id, class, id, extra)]"},
    {"configure", configure, METH_O, "configure(probe_node) -> bool: find a LexborNode's fields"},
    {"node_at", node_at, METH_VARARGS, "node_at(like, mem_id) -> LexborNode in like's tree"},
    {"tags_below", tags_below, METH_VARARGS, "tags_below(root, tag_ids) -> [LexborNode]"},
    {"configure_remove", configure_remove, METH_O, "configure_remove(address of lxb_dom_node_remove)"},
    {"configure_cut", configure_cut, METH_VARARGS, "configure_cut(address of lxb_dom_document_create_text_node, of lxb_dom_node_insert_before)"},
    {"cut", cut, METH_VARARGS, "cut(node, placeholder) -> html._cut's placeholder (a LexborNode) or None"},
    {"drop_bare", drop_bare, METH_VARARGS, "drop_bare(root, tag_ids, keep_ids) -> int (elements holding elements only, none in keep_ids, unlinked)"},
    {"configure_render", configure_render, METH_O, "configure_render(config: dict)"},
    {"paragraphs", paragraphs, METH_VARARGS, "paragraphs(body, max_hops) -> [(block, chars, link_chars, commas)]"},
    {"text_length", text_length, METH_VARARGS, "text_length(node, tag_id) -> int (stripped text lengths)"},
    {"text_lengths", text_lengths, METH_VARARGS,
     "text_lengths(node, tag_id) -> (text_length(node, 0), text_length(node, tag_id)) in one walk"},
    {"raw_text_length", raw_text_length, METH_O, "raw_text_length(node) -> len(node.text())"},
    {"ancestors", ancestors, METH_O, "ancestors(nodes) -> set of mem_id (nodes and their ancestors)"},
    {"count_byte", count_byte, METH_VARARGS, "count_byte(data, byte) -> int"},
    {"blank_head_bodies", blank_head_bodies, METH_VARARGS, "blank_head_bodies(data, min_chars, min_share) -> (data, count)"},
    {"marks_in_head", marks_in_head, METH_VARARGS, "marks_in_head(head, script_id, style_id) -> int"},
    {"utf8_ignore", utf8_ignore, METH_O, "utf8_ignore(text) -> text.encode('utf-8', errors='ignore')"},
    {"prose_sums", prose_sums, METH_VARARGS, "prose_sums(paras, max_levels, a_id, body_id) -> (prose, links, wrapped)"},
    {"scores_up", scores_up, METH_VARARGS, "scores_up(paras, body, min_chars, max_levels, priors, own_tags) -> (scores, nodes, deep)"},
    {"tag_depth", tag_depth, METH_VARARGS, "tag_depth(html, flat_names) -> html.nesting_depth(html)"},
    {"lines_of", lines_of, METH_VARARGS, "lines_of(out, verdict, end) -> [(line, rule)]"},
    {"text_lengths_many", text_lengths_many, METH_VARARGS, "text_lengths_many(nodes, tag_id) -> [text_lengths(node, tag_id) for node in nodes]"},
    {"table_rows", table_rows, METH_VARARGS, "table_rows(table, (tr, table, td, th, a, text ids), min_plain) -> (rows, data rows)"},
    {"render_out", render_out, METH_VARARGS, "render_out(body, chosen_ids, whole_ids, walk, cuts) -> list"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_lexbor_walk", NULL, -1, methods};

PyMODINIT_FUNC PyInit__lexbor_walk(void) { return PyModule_Create(&module); }
