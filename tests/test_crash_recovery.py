"""Fault injection: SIGKILL a real `corpus-clean run` mid-write, rerun, and compare with
an uninterrupted run. A version is built in a staging folder and committed by one
rename + one pointer swap, and output is deterministic, so they are byte-identical."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ARTICLE

pytestmark = pytest.mark.usefixtures("prefect_server")


def make_corpus(root: Path, files: int = 12) -> Path:
    root.mkdir()
    for i in range(files):
        body = ARTICLE.replace("Eastmere", f"Eastmere {i}") * 4
        (root / f"doc-{i:03d}.txt").write_text(body, encoding="utf-8")
    return root


def start_run(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}  # the harness server
    return subprocess.Popen(
        [sys.executable, "-m", "cli", "run", "--input", str(corpus), "--output", str(out),
         "--shard-mb", "0.001", "--no-data-docs", *extra],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )


def parquet_bytes(out: Path) -> dict[str, bytes]:
    """The current version's Parquet, as readers see it through DIR/<kind>/*.parquet."""
    return {f"{kind}/{p.name}": p.read_bytes() for kind in ("clean", "quarantine", "duplicates", "filtered")
            for p in sorted((out / kind).glob("*.parquet"))}


@pytest.mark.timeout(900)
def test_sigkill_mid_run_then_rerun_matches_uninterrupted(tmp_path):
    corpus = make_corpus(tmp_path / "in")
    reference = tmp_path / "reference"
    assert start_run(corpus, reference).wait(timeout=600) == 0

    out = tmp_path / "out"
    victim = start_run(corpus, out)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and victim.poll() is None:
        if any(out.glob("versions/.staging-*/clean/*")):  # the first part (or its temp file) is being written
            break
        time.sleep(0.005)
    assert victim.poll() is None, "run finished before it could be killed"
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert not (out / "manifest.json").exists() and not (out / "current").exists()  # killed before commit
    [staging] = out.glob("versions/.staging-*")
    assert len(list((staging / "clean").glob("part-*.parquet"))) < 12

    # Debris a crash could leave: a half-written temp file, a stale part, a half-made pointer.
    (staging / "clean" / ".tmp-part-00003.parquet.abc").write_bytes(b"PAR1 half written")
    (staging / "clean" / "part-99999.parquet").write_bytes(b"stale")
    (out / ".tmp-current-dead").symlink_to("versions/v000099")

    # The rerun cleans in two worker processes: same bytes as the in-process reference.
    assert start_run(corpus, out, "--workers", "2").wait(timeout=600) == 0
    assert parquet_bytes(out) == parquet_bytes(reference)
    assert len(parquet_bytes(out)) >= 2
    assert not list(out.glob("versions/.staging-*")) and not list(out.glob(".tmp-*"))  # debris cleared


# --- issue 12: no orphans, and a failed run's last line says what failed and where ----

def processes_with(token: bytes) -> list[str]:
    """Live processes (not zombies) whose environment holds `token`: everything the run
    started inherits it (the server, the worker pool, multiprocessing's helpers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if token in (entry / "environ").read_bytes():
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")[:120].decode()
                found.append(f"{entry.name} {command}")
        except OSError:  # gone meanwhile, or a zombie
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of process `pid` (its threads included), from
    /proc/PID/stat: readable until the process is reaped, so also once it has exited."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_unreaped(process: subprocess.Popen, timeout: float) -> bool:
    """Wait until `process` has exited, without reaping it (its /proc entry stays
    readable); False if it is still running after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is None:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


# The CPU a SIGTERM'd run may spend from the signal to its exit (its crash report to the
# server, stopping the server's thread and the workers, the exit): measured 0.5-0.8 s at
# load ~12; 2.3 s before the exit skipped Python's final garbage collections. Checked in
# CPU, not wall seconds: at load 30 a process gets a tenth of a core, and a run that
# needed >10 s of wall to stop had done nothing wrong.
SHUTDOWN_CPU_SECONDS = 1.5


@pytest.fixture(scope="module")
def own_prefect_home(tmp_path_factory):
    return tmp_path_factory.mktemp("prefect-home")


@pytest.mark.timeout(1200)
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_interrupted_run_leaves_no_process_behind(tmp_path, own_prefect_home, sig):
    """The CLI starts its own embedded server (no PREFECT_API_URL) and two worker
    processes; once the flow runs on them, it is sent `sig`. Nothing it started may survive."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"doc-{i:03d}.txt").write_text(ARTICLE.replace("Eastmere", f"Eastmere {i}") * 30)
    token = f"CORPUS_CLEAN_TEST_RUN_{os.getpid()}_{sig}"
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    env.update({token: "1", "PREFECT_HOME": str(own_prefect_home)})
    with (tmp_path / "stderr.txt").open("wb") as log:  # a file: a pipe nobody reads could fill up
        run = subprocess.Popen(
            [sys.executable, "-m", "cli", "run", "--input", str(corpus), "--output", str(tmp_path / "out"),
             "--shard-mb", "0.01", "--no-data-docs", "--workers", "2"],
            env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and run.poll() is None:
            alive = processes_with(token.encode())
            # the embedded server is a thread of the run; the flow takes the output's lock once it is up
            if (tmp_path / "out" / ".lock").exists() and sum("multiprocessing" in p for p in alive) >= 2:
                break
            time.sleep(0.05)
        assert run.poll() is None, ("the run ended before its server and workers were all up:\n"
                                    + (tmp_path / "stderr.txt").read_text(errors="replace")[-3000:])
        before = cpu_seconds(run.pid)
        run.send_signal(sig)
        # A generous wall deadline (a hang still fails); the shutdown's cost is checked in CPU.
        assert wait_unreaped(run, timeout=600), "the run did not stop within 600 s of the signal"
        shutdown_cpu = cpu_seconds(run.pid) - before
        status = run.wait()
    finally:
        if run.poll() is None:
            run.kill()
    stderr = (tmp_path / "stderr.txt").read_text(errors="replace")
    if sig == signal.SIGTERM:
        assert status == 130 and stderr.strip().splitlines()[-1].startswith("corpus-clean: interrupted (SIGTERM)"), (
            f"exit {status}; the run's stderr ends:\n{stderr[-3000:]}")
        assert shutdown_cpu < SHUTDOWN_CPU_SECONDS, f"stopping took {shutdown_cpu:.2f} s of CPU"
    deadline = time.monotonic() + 30
    while processes_with(token.encode()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with(token.encode()) == []


def test_a_failing_task_ends_the_run_with_one_line_naming_shard_and_task(tmp_path):
    """issue 12: the last line was "UnfinishedRun: Run is in PENDING state". Fault
    injection into our own code in the CLI's process (a sitecustomize on PYTHONPATH):
    writing a part fails as a full disk would."""
    corpus = make_corpus(tmp_path / "in", files=2)
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(
        "import errno, corpus_clean.dataset as dataset\n"
        "def write_part(*args, **kwargs):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "dataset.write_part = write_part\n")
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(),
           "PYTHONPATH": os.pathsep.join([str(hooks), *filter(None, [os.environ.get("PYTHONPATH")])])}
    result = subprocess.run(
        [sys.executable, "-m", "cli", "run", "--input", str(corpus), "--output", str(tmp_path / "out"),
         "--no-data-docs"], env=env, capture_output=True, timeout=600)
    assert result.returncode == 1
    last = result.stderr.decode().strip().splitlines()[-1]
    # Since round 12 a full device is said in words, with what to do, and the shard and task after.
    assert last.startswith(f"corpus-clean: run failed: no space left on the device of the output {tmp_path / 'out'}; "), last
    assert last.endswith("(shard part-00000 failed in write-shard: OSError: [Errno 28] No space left on device)"), last


def test_an_output_that_cannot_hold_versions_is_refused_in_one_line(tmp_path):
    """A real fault: the output's versions/ folder is a file, so no version can be staged."""
    corpus = make_corpus(tmp_path / "in", files=2)
    out = tmp_path / "out"
    out.mkdir()
    (out / "versions").write_text("a file where a folder should be")
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    result = subprocess.run(
        [sys.executable, "-m", "cli", "run", "--input", str(corpus), "--output", str(out),
         "--no-data-docs"], env=env, capture_output=True, timeout=600)
    assert result.returncode != 0
    last = result.stderr.decode().strip().splitlines()[-1]
    assert last.startswith("corpus-clean: ") and f"{out / 'versions'} is a file" in last, last


def test_an_upstream_failure_is_reported_not_the_pending_task_after_it(tmp_path, monkeypatch):
    """Fault injection in our own code (not Prefect's): the clean-shard task raises; the
    flow's error names it, not the write task left PENDING behind it."""
    import tasks.shard_tasks
    from flows.clean_corpus import ShardFailed, clean_corpus

    def broken(*args, **kwargs):
        raise OSError("input device went away")

    monkeypatch.setattr(tasks.shard_tasks, "clean_shard_on_workers", broken)
    corpus = make_corpus(tmp_path / "in", files=1)
    with pytest.raises(ShardFailed, match="^shard part-00000 failed in clean-shard: OSError: input device went away$"):
        clean_corpus(input_path=str(corpus), output_dir=str(tmp_path / "out"), data_docs=False)
