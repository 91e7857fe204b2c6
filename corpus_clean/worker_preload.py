"""What every cleaning worker needs, loaded once in the fork server the workers are forked
from (``parallel.PRELOAD``) instead of in each worker: the cleaning modules, imported
here, and what the steps load on first use (``parallel.warm_up``).

Then ``gc.freeze()``: the objects loaded here are never collected, and a worker's garbage
collector would otherwise still walk them, writing to each one's header and so copying
into the worker pages it could have shared with the fork server.
"""
import gc

import corpus_clean.worker_main  # noqa: F401 - the workers' main module put off (installed on import)
from corpus_clean.parallel import pyarrow_without_pandas, warm_up

pyarrow_without_pandas()
warm_up()
gc.collect()
gc.freeze()
