"""Benchmarks with documented CLIs; results are recorded in evals/RESULTS.md."""
