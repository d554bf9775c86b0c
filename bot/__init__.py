"""crosscheck engine: intake, fetch, parse, store, match, stance, report; independent of Telegram."""

__version__ = "0.1.0"
