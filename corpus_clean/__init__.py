"""corpus-clean: the pure cleaning core. Never imports Prefect."""

__version__ = "0.1.0"
