"""The `corpus-clean` command line. It sits above the flows (`run` starts the Prefect
flow) and the pure core (`filter` runs the core alone, no Prefect); the core never
imports it."""
