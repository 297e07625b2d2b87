"""What `make` runs: the launcher, the evaluations, the benchmark, validation, purge and the staff shell."""
