"""What every cleaning worker needs, loaded once in the fork server the workers are forked
from (``parallel.PRELOAD``) instead of in each worker: the cleaning modules, imported
here, and what the steps load on first use (``parallel.warm_up``)."""
from corpus_clean.parallel import pyarrow_without_pandas, warm_up

pyarrow_without_pandas()
warm_up()
