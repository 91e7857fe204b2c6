"""The optional compiled kernels (corpus_clean/_native.c, the dedup stage's
corpus_clean/_dedup_native.c and the quality signals' corpus_clean/_signals_native.c, the mojibake gate's
corpus_clean/_mojibake_native.c, the HTML path's element walks corpus_clean/_lexbor_walk.c, the JSONL
reader's corpus_clean/_jsonl_native.c). Everything else about the package is in pyproject.toml.

``optional=True``: when the extension does not build (no C compiler, no Python headers,
``CC=/bin/false``), setuptools prints a warning and installs the package without it;
corpus_clean.native then runs the pure-Python twins, which give the same output.
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("corpus_clean._native", ["corpus_clean/_native.c"],
                             extra_compile_args=["-O2"], optional=True),
                   Extension("corpus_clean._dedup_native", ["corpus_clean/_dedup_native.c"],
                             extra_compile_args=["-O2"], optional=True),
                   Extension("corpus_clean._signals_native", ["corpus_clean/_signals_native.c"],
                             extra_compile_args=["-O2"], optional=True),
                   Extension("corpus_clean._mojibake_native", ["corpus_clean/_mojibake_native.c"],
                             extra_compile_args=["-O2"], optional=True),
                   Extension("corpus_clean._lexbor_walk", ["corpus_clean/_lexbor_walk.c"],
                             extra_compile_args=["-O2"], optional=True),
                   Extension("corpus_clean._jsonl_native", ["corpus_clean/_jsonl_native.c"],
                             extra_compile_args=["-O2"], optional=True)])
