"""A file cache of what is derived from the rule packs' regexes, shared by every process.

Every cleaning process (the flow process, each cleaning worker, each CLI run) compiles the
boilerplate rule packs at its start, and most of that CPU was not the regexes' compilation
but what is read off their parse trees: each rule's RE2 superset (``kernels.re2_superset``),
the characters a match can start with (``rules.match_prefixes``), the literals it must hold
(``rules.required_literals``), validation's search superset of the packs' marker
(``validate.search_superset``). ~0.4 s of CPU per process, the same answers every time;
and ~0.2 s more compiling the regexes themselves (``compile_regex`` keeps the program the
standard library's compiler makes of each one).

A function decorated with ``@derived`` consults the cache only inside ``with session():``
(the packs' loading and validation's marker groups open one); elsewhere (a test feeding it
generated patterns, a user's call) it simply computes. It must be a pure function of its
arguments (strings and ints), of its own module's code and of the Python it runs on. Its
answers are kept in a JSON file per module, ``<cache dir>/<module>-<hash>.json``, the hash
taken over the module's source, this module's source and Python's version (the answers
are read off the standard library's regex parser; none depends on google-re2's version):
a change of code or interpreter starts a new file, and a changed rule pack brings new
patterns, which are simply not in the file yet (computed, then added). So the cache
cannot give an answer the function would not give now.

Files are written whole to a temporary name, then renamed over the old one (``os.replace``
is atomic): two processes writing at once both write complete files, the last one stays;
a reader never sees half a file. A file that cannot be read or parsed is ignored, and a
cache directory that cannot be written leaves everything computed, as without a cache.
The files are JSON (nothing in them is executed; a regex's program is checked by the
regex engine as it is loaded) and are trusted as written: a folder other users can write
to is no place for them.

The directory: ``$CORPUS_CLEAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/corpus-clean``, else
``~/.cache/corpus-clean``; ``CORPUS_CLEAN_CACHE_DIR=off`` turns the cache off.

>>> @derived
... def vowels(word: str) -> frozenset[str]:
...     return frozenset(c for c in word if c in "aeiou")
>>> sorted(vowels("cache"))   # (no session: computed, not kept)
['a', 'e']
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

CACHE_DIR_ENV = "CORPUS_CLEAN_CACHE_DIR"
OFF = "off"

# A file grown past this many answers is rewritten with only the answers this process
# used (old packs' patterns would otherwise pile up).
MAX_ENTRIES = 20_000


def cache_dir() -> Path | None:
    """Where the files go (None: the cache is off).

    >>> import os; os.environ[CACHE_DIR_ENV] = "off"; cache_dir() is None
    True
    >>> del os.environ[CACHE_DIR_ENV]
    """
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in (OFF, "") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "corpus-clean"


def encode(value):
    """A function's answer as JSON (frozensets and tuples tagged, so they come back as such).

    >>> encode((True, frozenset({"b", "a"})))
    {'t': [True, {'s': ['a', 'b']}]}
    >>> encode((17, 4, 2))  # (a regex's program: tens of thousands of ints, read back at once)
    {'i': [17, 4, 2]}
    >>> decode(encode((True, frozenset({"b", "a"})))) == (True, frozenset({"a", "b"}))
    True
    """
    if isinstance(value, frozenset):
        return {"s": sorted(value)}
    if isinstance(value, tuple):
        if all(isinstance(item, int) and not isinstance(item, bool) for item in value):
            return {"i": list(map(int, value))}  # (the re compiler's opcodes are an int subclass)
        return {"t": [encode(item) for item in value]}
    if value is None or isinstance(value, (str, bool, int)):
        return value
    raise TypeError(f"derived_cache cannot keep a {type(value).__name__}")


def decode(value):
    if isinstance(value, dict):
        if "s" in value:
            return frozenset(value["s"])
        if "i" in value:
            return tuple(value["i"])
        return tuple(decode(item) for item in value["t"])
    return value


class ModuleCache:
    """The answers of one module's ``@derived`` functions: read from its file at first use,
    written back by ``save`` when some were computed."""

    def __init__(self, module_name: str, module_file: str):
        self.module_name = module_name
        self.module_file = module_file
        self._answers: dict[str, object] | None = None  # key -> encoded answer
        self._used: set[str] = set()
        self._new = 0
        self._lock = threading.Lock()

    def path(self) -> Path | None:
        folder = cache_dir()
        if folder is None:
            return None
        return folder / f"{self.module_name}-{self._code_hash()}.json"

    @functools.cache
    def _code_hash(self) -> str:
        digest = hashlib.sha256()
        for source in (self.module_file, __file__):
            digest.update(Path(source).read_bytes())
        digest.update(sys.version.encode())
        return digest.hexdigest()[:24]

    def _load(self) -> dict[str, object]:
        if self._answers is None:
            self._answers = {}
            path = self.path()
            if path is not None:
                try:
                    found = json.loads(path.read_text(encoding="utf-8"))
                    if isinstance(found, dict):
                        self._answers = found
                except (OSError, ValueError):  # none yet, unreadable or half-broken: computed again
                    pass
        return self._answers

    def answer(self, key: str, compute: Callable[[], object]):
        with self._lock:
            answers = self._load()
            self._used.add(key)
            if key in answers:
                try:
                    return decode(answers[key])
                except (KeyError, TypeError):  # a malformed entry: computed again
                    pass
        value = compute()
        with self._lock:
            answers[key] = encode(value)
            self._new += 1
        return value

    def save(self) -> None:
        """Write the file if this process computed answers it did not hold (atomically)."""
        with self._lock:
            if not self._new or self._answers is None:
                return
            path = self.path()
            if path is None:
                return
            answers = self._answers
            if len(answers) > MAX_ENTRIES:
                answers = {key: answers[key] for key in self._used if key in answers}
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=path.name,
                                                 suffix=".tmp", delete=False) as out:
                    # (dumps, one string: json.dump writes through the pure-Python encoder, 10x slower)
                    out.write(json.dumps(answers, separators=(",", ":")))
                os.replace(out.name, path)
                self._new = 0
            except OSError:  # a read-only or full disk: no cache, same answers
                try:
                    os.unlink(out.name)
                except (OSError, UnboundLocalError):
                    pass


_caches: dict[str, ModuleCache] = {}


def _module_cache(function: Callable) -> ModuleCache:
    name = function.__module__
    if name not in _caches:
        _caches[name] = ModuleCache(name, sys.modules[name].__file__)
    return _caches[name]


_sessions = threading.local()  # .depth: how many ``session`` blocks this thread is in


@contextmanager
def session() -> Iterator[None]:
    """Within the block, ``@derived`` functions called by this thread use the cache files;
    at the end of the outermost block, the files that gained answers are written."""
    _sessions.depth = getattr(_sessions, "depth", 0) + 1
    try:
        yield
    finally:
        _sessions.depth -= 1
        if not _sessions.depth:
            save_all()


def in_session(function: Callable) -> Callable:
    """`function` run inside a ``session`` (a decorator)."""

    @functools.wraps(function)
    def within(*args, **kwargs):
        with session():
            return function(*args, **kwargs)

    return within


def derived(function: Callable) -> Callable:
    """Keep `function`'s answers in its module's cache file, inside a ``session`` (see the
    module's docstring). Its arguments must be JSON values (strings, ints), its answers
    None, strings, bools, ints, frozensets and tuples of those; ``function.uncached`` is
    the function itself."""

    @functools.wraps(function)
    def cached(*args):
        if not getattr(_sessions, "depth", 0):
            return function(*args)
        # (a digest, not the arguments: the packs' marker regex alone is ~20 KB)
        key = hashlib.blake2b(json.dumps([function.__qualname__, *args]).encode(), digest_size=16).hexdigest()
        return _module_cache(function).answer(key, lambda: function(*args))

    cached.uncached = function
    return cached


def save_all() -> None:
    """Write every module's file that has new answers."""
    for cache in list(_caches.values()):
        cache.save()


def compile_regex(pattern: str, flags: int = 0) -> re.Pattern:
    r"""``re.compile(pattern, flags)``; inside a ``session``, its program (the standard
    library's compiler's output, ``_regex_program``) is taken from the cache file, and
    only handed to the regex engine (``_sre.compile``, which checks the program). The
    pattern object is the same: equal to ``re.compile``'s, matching the same.

    >>> with session():
    ...     compiled = compile_regex(r"(?P<word>\w+)-(\d)")
    >>> compiled == re.compile(r"(?P<word>\w+)-(\d)"), compiled.groupindex["word"]
    (True, 1)
    """
    if not getattr(_sessions, "depth", 0) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    import _sre

    program_flags, code, groups, group_names = _regex_program(pattern, int(flags))
    indexgroup = [None] * (groups + 1)
    for name, index in group_names:
        indexgroup[index] = name
    return _sre.compile(pattern, program_flags, list(code), groups, dict(group_names), tuple(indexgroup))


@derived
def _regex_program(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` for `pattern`: (flags, the
    program's codes, the number of groups, (group name, group number) pairs)."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    return (flags | parsed.state.flags, tuple(code), parsed.state.groups - 1,
            tuple(sorted(parsed.state.groupdict.items(), key=lambda item: item[1])))
