"""Storage layer: the SQLite database (sqlite-utils), its schema and migrations."""

from storage.db import InsertResult, SearchHit, Store, default_db_path

__all__ = ["InsertResult", "SearchHit", "Store", "default_db_path"]
