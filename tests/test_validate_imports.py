"""GX's imports of modules the suite never uses (scipy.stats, altair) are deferred: the real
suite runs (with Data Docs) without them, and any code that does use them gets the real
module. Each check runs in a fresh interpreter: this test session has imported GX already."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


VALIDATE_ROWS = """
import sys, tempfile
from tests.test_validate import make_row, table
from corpus_clean.validate import validate_table
report = validate_table(table([make_row(0), make_row(1, text="short"), make_row(2, text="cafÃ© " * 10)]),
                        data_docs_dir=tempfile.mkdtemp())
assert sorted(c for items in report.failures.values() for c, _ in items) == ["text_min_length", "text_no_mojibake"]
assert report.data_docs_index
"""


def test_the_suite_runs_without_importing_scipy_stats_or_altair():
    out = run_python(VALIDATE_ROWS + "print(*(type(sys.modules[n]).__name__ for n in ('scipy.stats', 'altair')))")
    assert out == "ImportOnUse ImportOnUse"


def test_code_that_uses_a_deferred_module_gets_the_real_one():
    out = run_python(VALIDATE_ROWS + """
from scipy import stats
import altair as alt
assert abs(stats.entropy([0.5, 0.5], base=2) - 1.0) < 1e-12   # through the stand-in it was bound to
import scipy.stats.distributions                                # a submodule of a deferred module
print(type(sys.modules["scipy.stats"]).__name__, sys.modules["scipy"].stats is sys.modules["scipy.stats"],
      alt.Chart.__name__, type(sys.modules["altair"]).__name__)
""")
    assert out == "module True Chart module"


def test_a_module_imported_before_gx_is_left_alone():
    out = run_python("""
import sys
import altair
from corpus_clean.validate import defer_unused_imports
print(defer_unused_imports(), sys.modules["altair"] is altair)
""")
    assert out == "['scipy.stats'] True"
