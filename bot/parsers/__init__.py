"""Parsers that turn fetched bytes into Post objects (Telegram, X, articles, feeds)."""
