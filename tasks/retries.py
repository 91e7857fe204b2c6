"""Retry policy for tasks that touch files: transient I/O errors only, with growing delays."""
from __future__ import annotations


def is_io_error(task, task_run, state) -> bool:
    """Retry when the task failed with an OSError (a network share hiccup, a full disk
    freed meanwhile), not when our code or the data is wrong: those fail at once."""
    try:
        state.result()
    except OSError:
        return True
    except BaseException:  # noqa: BLE001 - any other failure is not worth retrying
        return False
    return False


# 3 retries after 2, 8 and 30 s, each ±50 % so parallel tasks do not retry in step.
IO_RETRIES = dict(retries=3, retry_delay_seconds=[2, 8, 30], retry_jitter_factor=0.5,
                  retry_condition_fn=is_io_error)
