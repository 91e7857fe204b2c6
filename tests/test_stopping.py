"""SIGTERM raised only where raising is safe (cli/stopping.py): never inside import
machinery (it can leave the import lock held and hang every other thread), and never
lost when Python ignores the exception (``__del__``, weakref callbacks)."""
from __future__ import annotations

import importlib
import signal
import sys
import time

import pytest

from cli.stopping import STOP_REQUESTED, guard_prefects_sigterm_handler, resend_ignored_stops, when_safe


class Stop(BaseException):
    pass


def raise_stop(signum, frame):
    raise Stop()


@pytest.fixture
def sigterm_raises_stop():
    """SIGTERM raises Stop (guarded) for the test; the previous handler and hook come back."""
    previous = signal.signal(signal.SIGTERM, when_safe(raise_stop))
    previous_hook = resend_ignored_stops((Stop,), signal.SIGTERM)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = previous_hook
        STOP_REQUESTED.clear()  # (set by the guarded handler)


def wait_for_stop(seconds: float = 10.0) -> bool:
    """Whether Stop is raised in this thread within `seconds` (the deferred signal)."""
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            time.sleep(0.01)
    except Stop:
        return True
    return False


def write_module_that_signals(folder, name: str) -> None:
    (folder / f"{name}.py").write_text(
        "import os, signal\n"
        "os.kill(os.getpid(), signal.SIGTERM)  # arrives while importlib runs this module\n"
        "ran_to_the_end = True\n")


def test_a_signal_during_an_import_is_raised_after_the_import(tmp_path, monkeypatch, sigterm_raises_stop):
    monkeypatch.syspath_prepend(str(tmp_path))
    write_module_that_signals(tmp_path, "signals_while_imported")
    module = importlib.import_module("signals_while_imported")  # no Stop inside importlib
    assert module.ran_to_the_end
    assert wait_for_stop(), "the deferred SIGTERM never came"


def test_without_the_guard_the_signal_lands_inside_the_import(tmp_path, monkeypatch):
    """The control: the same import with an unguarded handler raises from inside importlib."""
    monkeypatch.syspath_prepend(str(tmp_path))
    write_module_that_signals(tmp_path, "signals_while_imported_unguarded")
    previous = signal.signal(signal.SIGTERM, raise_stop)
    try:
        with pytest.raises(Stop):
            importlib.import_module("signals_while_imported_unguarded")
    finally:
        signal.signal(signal.SIGTERM, previous)


class SignalsWhenCollected:
    def __del__(self):
        signal.raise_signal(signal.SIGTERM)  # Stop raised here is "ignored" by Python


def test_a_stop_that_python_ignores_is_sent_again(sigterm_raises_stop):
    doomed = SignalsWhenCollected()
    del doomed  # __del__ runs now; its Stop is ignored by Python, then sent again
    assert wait_for_stop(), "the stop raised in __del__ was lost"


def test_without_the_hook_a_stop_in_a_destructor_is_lost():
    """The control: with the guarded handler but no hook, the same stop is never raised."""
    previous = signal.signal(signal.SIGTERM, when_safe(raise_stop))
    previous_hook, sys.unraisablehook = sys.unraisablehook, lambda unraisable: None
    try:
        doomed = SignalsWhenCollected()
        del doomed
        assert not wait_for_stop(0.5)
    finally:
        signal.signal(signal.SIGTERM, previous)
        sys.unraisablehook = previous_hook


def test_other_ignored_exceptions_still_reach_the_previous_hook():
    reached = []
    previous = sys.unraisablehook
    sys.unraisablehook = reached.append
    try:
        hook_before_ours = resend_ignored_stops((Stop,), signal.SIGTERM)

        class Broken:
            def __del__(self):
                raise ValueError("a bug in a destructor")

        broken = Broken()
        del broken
        sys.unraisablehook = hook_before_ours
    finally:
        sys.unraisablehook = previous
    assert [type(u.exc_value) for u in reached] == [ValueError]


def test_prefects_handler_is_installed_guarded_while_a_flow_runs(monkeypatch):
    from prefect.utilities import engine

    monkeypatch.setattr(engine, "_prefect_sigterm_handler", engine._prefect_sigterm_handler)  # restored after
    guard_prefects_sigterm_handler()
    guard_prefects_sigterm_handler()  # twice: wrapped once
    handler = engine._prefect_sigterm_handler
    assert handler.raises_when_safe and not getattr(handler.__wrapped__, "raises_when_safe", False)
    with engine.capture_sigterm():  # what Prefect's flow engine enters around a flow run
        assert signal.getsignal(signal.SIGTERM) is handler
        assert engine.is_prefect_sigterm_handler_installed()


def test_a_background_import_is_abandoned_once_a_stop_is_requested(tmp_path, monkeypatch):
    """The GX preload's thread stops importing at its next module; other threads import
    as usual, and the hook is gone after the block."""
    import threading

    from cli.stopping import ImportAbandoned, abandoned_on_stop

    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "slow_first_half.py").write_text(
        "from cli.stopping import STOP_REQUESTED\n"
        "STOP_REQUESTED.set()  # the stop arrives while this module runs\n"
        "import slow_second_half  # so this import is abandoned\n")
    (tmp_path / "slow_second_half.py").write_text("IMPORTED = True\n")
    (tmp_path / "other_thread_module.py").write_text("IMPORTED = True\n")
    outcome = []

    def preload() -> None:
        try:
            with abandoned_on_stop():
                import slow_first_half  # noqa: F401
            outcome.append("finished")
        except ImportAbandoned as abandoned:
            outcome.append(f"abandoned at {abandoned}")

    STOP_REQUESTED.clear()
    try:
        thread = threading.Thread(target=preload)
        thread.start()
        thread.join(timeout=30)
        assert outcome == ["abandoned at slow_second_half"]
        assert "slow_second_half" not in sys.modules
        import other_thread_module  # this thread's imports are not abandoned

        assert other_thread_module.IMPORTED
        assert not any(type(finder).__name__ == "_AbandonImportsOnStop" for finder in sys.meta_path)
    finally:
        STOP_REQUESTED.clear()
        sys.modules.pop("slow_first_half", None)


def test_a_signal_is_deferred_a_bounded_number_of_times(tmp_path, monkeypatch):
    """Code that never leaves import machinery (the command run at import time) still
    stops: after MOST_DEFERRALS deferrals the handler raises where the signal lands."""
    from cli import stopping

    monkeypatch.setattr(stopping, "MOST_DEFERRALS", 3)
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "waits_inside_its_import.py").write_text(
        "import os, signal, time\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n"
        "deadline = time.monotonic() + 10\n"
        "while time.monotonic() < deadline:\n"
        "    time.sleep(0.01)\n")
    previous = signal.signal(signal.SIGTERM, when_safe(raise_stop))
    try:
        started = time.monotonic()
        with pytest.raises(Stop):
            importlib.import_module("waits_inside_its_import")
        assert time.monotonic() - started < 5  # raised after 3 deferrals, not after the 10 s loop
    finally:
        signal.signal(signal.SIGTERM, previous)
        STOP_REQUESTED.clear()
        sys.modules.pop("waits_inside_its_import", None)
