#!/usr/bin/env python3
"""Issue 15's lever A, tried: the core's interpreter-heavy modules compiled as they are by
Cython (pure-Python mode: the same ``.py`` files, no typing), in a copy of the tree.

    python benchmarks/core_cython_trial.py build /tmp/cy          # copy of HEAD, core modules compiled in place
    python benchmarks/core_before_after.py ...                    # run from /tmp/cy, --baseline a plain copy
    python benchmarks/core_cython_trial.py audit                  # where Cython does integer arithmetic in C

``build`` copies HEAD's tree (``git archive``) with this tree's built C kernels, then
compiles ``MODULES`` next to their sources (``name.cpython-3xx-....so``; Python's import
system takes an extension module before a ``.py`` of the same name). Compiler directives:
``annotation_typing=False`` (without it ``x: float`` becomes a C double, ``x: list`` refuses
None and subclasses: behaviour changes), ``language_level=3``.

``audit`` is why compiling "as they are" is not free: even untyped, Cython gives a few
builtins C integer results (``len()``, ``enumerate``'s index in some loops) and then does the
arithmetic on them in C, where Python would grow an int: ``(1 << len(dispatch)) - 1`` is 63
instead of 2**70 - 1 when ``len`` is 70 (rules.compile_rules, found by a changed output). It
generates the C with ``overflowcheck=True`` (no C compiler run) and lists every source line
where such C arithmetic happens, for a reader to judge which can leave 64 bits.
"""
from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# The modules a `corpus-clean filter` pass runs (imported by clean_shard on the generated
# corpus), less the thin ones; RESULTS-throughput.md "Round 18, core18" measures these.
MODULES = sorted({*glob.glob("corpus_clean/boilerplate/*.py", root_dir=ROOT),
                  *glob.glob("corpus_clean/mojibake/*.py", root_dir=ROOT),
                  "corpus_clean/signals.py", "corpus_clean/records.py", "corpus_clean/readers.py",
                  "corpus_clean/shards.py", "corpus_clean/extract.py", "corpus_clean/words.py",
                  "corpus_clean/document.py", "corpus_clean/layout.py",
                  "corpus_clean/steps/builtin.py", "corpus_clean/steps/quality.py"}
                 - {"corpus_clean/boilerplate/__init__.py", "corpus_clean/mojibake/__init__.py",
                    "corpus_clean/mojibake/alphabets.py", "corpus_clean/mojibake/charmaps.py",
                    "corpus_clean/mojibake/ftfy_config.py", "corpus_clean/mojibake/lossy.py",
                    "corpus_clean/mojibake/page_codec.py"})
DIRECTIVES = {"language_level": 3, "annotation_typing": False, "binding": True}


def build(out: Path, modules: list[str]) -> None:
    """A copy of HEAD in `out` with `modules` compiled in place."""
    out.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    for kernel in (ROOT / "corpus_clean").glob("_*.so"):
        shutil.copy2(kernel, out / "corpus_clean" / kernel.name)
    script = ("import sys\nfrom setuptools import setup\nfrom Cython.Build import cythonize\n"
              f"setup(ext_modules=cythonize({modules!r}, compiler_directives={DIRECTIVES!r}, nthreads=2, quiet=True),"
              " script_args=['build_ext', '--inplace', '-j', '2'])\n")
    # (-g0: Python's own CFLAGS carry -g, which doubles gcc's time on the generated C)
    subprocess.run([sys.executable, "-c", script], cwd=out, check=True, env={**os.environ, "CFLAGS": "-g0"})


def audit(modules: list[str]) -> None:
    """Print each source line where the compiled code does integer arithmetic in C."""
    from Cython.Build import cythonize

    with tempfile.TemporaryDirectory() as work:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "corpus_clean"], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", work], input=archive, check=True)
        os.chdir(work)
        cythonize(modules, compiler_directives={**DIRECTIVES, "overflowcheck": True}, nthreads=2, quiet=True)
        for module in modules:
            sites, where = set(), None
            for line in Path(module).with_suffix(".c").read_text().splitlines():
                if found := re.match(r'\s*/\* "(.+?\.py)":(\d+)', line):
                    where = int(found.group(2))
                elif where and "_checking_overflow(" in line and "static" not in line and "#define" not in line:
                    sites.add(where)
            source = Path(module).read_text().splitlines()
            for number in sorted(sites):
                print(f"{module}:{number}: {source[number - 1].strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["build", "audit"])
    parser.add_argument("out", nargs="?", type=Path, help="build: the directory of the compiled copy")
    parser.add_argument("--modules", nargs="*", default=MODULES)
    args = parser.parse_args()
    if args.what == "build":
        build(args.out.resolve(), args.modules)
    else:
        audit(args.modules)


if __name__ == "__main__":
    main()
