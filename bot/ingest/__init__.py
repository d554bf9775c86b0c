"""Watching sources: fetch feeds, Telegram channels, sites and fact-checkers on a schedule.

`run.Ingestor` fetches due sources (``scheduler``), turns items into claims (``items``), groups
copies (``dedupe``) and stores each source's items with its new state in one transaction
(``storage.ingest``). `jobs.register_ingest_jobs` runs it inside the bot; `crosscheck ingest`
runs it standalone.
"""
