"""Thin Prefect tasks: each calls the pure core (corpus_clean) on one shard."""
